package io.quorate.sql.session;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.types.SqlType;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A prepared statement (SQL PREPARE, the wire protocol's Parse, or
 * {@link Session#prepare}): the parsed statement, its parameter types, and its plan
 * cached for the catalog snapshot and settings it was planned under; a schema change or
 * a change of search_path or TimeZone plans it again. Used by one session.
 */
public final class PreparedStatement {

  private final String name;
  private final Statement statement;
  private final Map<Integer, SqlType> parameterTypes;
  /** What the cached plan was made for (Session's plan key), and the plan. */
  Object cachedFor;
  Object cachedPlan;
  /** Whether {@code cachedPlan} is a point read ({@code PointRead}), decided once as it is planned. */
  boolean pointRead;

  PreparedStatement(String name, Statement statement, Map<Integer, SqlType> parameterTypes) {
    this.name = name;
    this.statement = statement;
    this.parameterTypes = new TreeMap<>(parameterTypes);
  }

  public String name() {
    return name;
  }

  public Statement statement() {
    return statement;
  }

  /** Parameter types by 1-based index, as declared or inferred when first planned. */
  public Map<Integer, SqlType> parameterTypes() {
    return Collections.unmodifiableMap(parameterTypes);
  }

  /** The types map the planner fills in as it infers parameter types. */
  Map<Integer, SqlType> mutableParameterTypes() {
    return parameterTypes;
  }
}
