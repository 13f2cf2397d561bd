package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Query;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.system.SystemContext;
import io.quorate.sql.expression.SubqueryRows;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.SqlType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What binding needs from outside: the catalog snapshot, the search path, the session
 * time zone (for constant timestamptz literals), the parameter types known so far
 * (inferred ones are added), how subqueries are planned and made runnable, and the
 * statement's view of the system catalogs.
 */
record BindContext(Catalog catalog, List<String> searchPath, ZoneId zone, Map<Integer, SqlType> parameterTypes,
    SubqueryPlanner subqueries, SystemContext systemContext) {

  BindContext(Catalog catalog, List<String> searchPath, ZoneId zone, Map<Integer, SqlType> parameterTypes,
      SubqueryPlanner subqueries) {
    this(catalog, searchPath, zone, parameterTypes, subqueries, new SystemContext(catalog, searchPath));
  }

  /**
   * Plans a subquery in the given scope, optimises plans that run on their own (WITH
   * query bodies, subqueries) and wraps a subquery's plan so expressions can run it.
   */
  interface SubqueryPlanner {
    /** The analysed (not yet optimised) plan of {@code query} with {@code outer} as enclosing scope. */
    PlanNode plan(Query query, Scope outer);

    /** {@code plan} after the optimizer's passes. */
    PlanNode optimized(PlanNode plan);

    /** {@code plan}, optimised, made runnable inside an expression. */
    SubqueryRows runnable(PlanNode plan);
  }
}
