package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.List;
import java.util.Map;

/** Maps type names as written in SQL (with PostgreSQL's aliases) to {@link SqlType}s. */
public final class TypeNames {

  private static final Map<String, SqlType> SIMPLE = Map.ofEntries(
      Map.entry("boolean", SqlType.BOOLEAN), Map.entry("bool", SqlType.BOOLEAN),
      Map.entry("smallint", SqlType.SMALLINT), Map.entry("int2", SqlType.SMALLINT),
      Map.entry("integer", SqlType.INTEGER), Map.entry("int", SqlType.INTEGER), Map.entry("int4", SqlType.INTEGER),
      Map.entry("bigint", SqlType.BIGINT), Map.entry("int8", SqlType.BIGINT),
      Map.entry("real", SqlType.REAL), Map.entry("float4", SqlType.REAL),
      Map.entry("double precision", SqlType.DOUBLE), Map.entry("float8", SqlType.DOUBLE),
      Map.entry("text", SqlType.TEXT), Map.entry("bytea", SqlType.BYTEA), Map.entry("date", SqlType.DATE),
      Map.entry("time", SqlType.TIME), Map.entry("time without time zone", SqlType.TIME),
      Map.entry("timestamp", SqlType.TIMESTAMP), Map.entry("timestamp without time zone", SqlType.TIMESTAMP),
      Map.entry("timestamptz", SqlType.TIMESTAMPTZ), Map.entry("timestamp with time zone", SqlType.TIMESTAMPTZ),
      Map.entry("interval", SqlType.INTERVAL), Map.entry("uuid", SqlType.UUID), Map.entry("json", SqlType.JSON),
      Map.entry("jsonb", SqlType.JSONB), Map.entry("unknown", SqlType.UNKNOWN),
      // catalog types: OIDs are bigint, names text
      Map.entry("oid", SqlType.BIGINT), Map.entry("name", SqlType.TEXT), Map.entry("\"char\"", SqlType.TEXT),
      Map.entry("int2vector", SqlType.INT2VECTOR), Map.entry("oidvector", SqlType.OIDVECTOR),
      Map.entry("regclass", SqlType.REGCLASS), Map.entry("regtype", SqlType.REGTYPE),
      Map.entry("regproc", SqlType.REGPROC), Map.entry("regprocedure", SqlType.REGPROC),
      Map.entry("regnamespace", SqlType.REGNAMESPACE), Map.entry("regrole", SqlType.REGROLE));

  private TypeNames() {}

  /**
   * The type called {@code name} (lower case, multi-word names joined by one space) with
   * {@code modifiers} from its parentheses; 42704 if there is no such type.
   */
  public static SqlType resolve(String name, List<Integer> modifiers, int position) {
    SqlType type = switch (name) {
      case "varchar", "character varying" -> SqlType.varchar(modifier(modifiers, 0, -1));
      case "char", "character", "bpchar" -> SqlType.character(modifier(modifiers, 0, 1));
      case "numeric", "decimal" -> SqlType.numeric(modifier(modifiers, 0, -1), modifier(modifiers, 1, 0));
      case "float", "double" -> modifier(modifiers, 0, 53) <= 24 ? SqlType.REAL : SqlType.DOUBLE;
      default -> SIMPLE.get(name);
    };
    if (type == null) {
      throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist").withPosition(position);
    }
    if (type.kind() == SqlType.Kind.NUMERIC && type.precision() >= 0
        && (type.precision() < 1 || type.precision() > 1000)) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "NUMERIC precision " + type.precision() + " must be between 1 and 1000").withPosition(position);
    }
    if ((type.kind() == SqlType.Kind.VARCHAR || type.kind() == SqlType.Kind.CHAR) && !modifiers.isEmpty()
        && type.precision() < 1) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
          "length for type " + type.kind().pgName() + " must be at least 1").withPosition(position);
    }
    return type;
  }

  private static int modifier(List<Integer> modifiers, int index, int absent) {
    return index < modifiers.size() ? modifiers.get(index) : absent;
  }
}
