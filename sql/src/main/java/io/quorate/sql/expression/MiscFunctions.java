package io.quorate.sql.expression;

import static io.quorate.sql.expression.FunctionRegistry.add;

import io.quorate.sql.catalog.system.SystemContext;
import io.quorate.sql.types.SqlType;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Session information, sequences, UUIDs and array functions. */
final class MiscFunctions {

  /** PostgreSQL's version string shape, which clients parse for the major version. */
  public static final String VERSION = "PostgreSQL 15.0 (Quorate 0.1.0) on x86_64-pc-linux-gnu, 64-bit";

  private static final SqlType TEXT = SqlType.TEXT;

  private MiscFunctions() {}

  static void register() {
    add("version", List.of(), TEXT, (a, c) -> VERSION);
    add("current_database", List.of(), TEXT, (a, c) -> SystemContext.DATABASE_NAME);
    add("current_catalog", List.of(), TEXT, (a, c) -> SystemContext.DATABASE_NAME);
    add("current_schema", List.of(), TEXT, (a, c) -> "public");
    for (String name : List.of("current_user", "session_user", "user", "current_role")) {
      // the session's authenticated user, which the server records as session_authorization
      volatileFunction(name, List.of(), TEXT, (a, c) -> c.services().setting("session_authorization", false));
    }
    volatileFunction("pg_backend_pid", List.of(), SqlType.INTEGER, (a, c) -> (long) c.services().backendPid());
    volatileFunction("gen_random_uuid", List.of(), SqlType.UUID, (a, c) -> UUID.randomUUID());
    volatileFunction("nextval", List.of(TEXT), SqlType.BIGINT, (a, c) -> c.services().nextval((String) a[0]));
    volatileFunction("currval", List.of(TEXT), SqlType.BIGINT, (a, c) -> c.services().currval((String) a[0]));
    volatileFunction("setval", List.of(TEXT, SqlType.BIGINT), SqlType.BIGINT,
        (a, c) -> c.services().setval((String) a[0], (Long) a[1], true));
    volatileFunction("setval", List.of(TEXT, SqlType.BIGINT, SqlType.BOOLEAN), SqlType.BIGINT,
        (a, c) -> c.services().setval((String) a[0], (Long) a[1], (Boolean) a[2]));

    volatileFunction("current_setting", List.of(TEXT), TEXT, (a, c) -> c.services().setting((String) a[0], false));
    volatileFunction("current_setting", List.of(TEXT, SqlType.BOOLEAN), TEXT,
        (a, c) -> c.services().setting((String) a[0], (Boolean) a[1]));
    add("cardinality", anyArray(), SqlType.INTEGER, (a, c) -> (long) ((List<?>) a[0]).size());
    add("array_length", Arrays.asList(null, SqlType.INTEGER), SqlType.INTEGER,
        (a, c) -> ((Long) a[1]) == 1 && !((List<?>) a[0]).isEmpty() ? (long) ((List<?>) a[0]).size() : null);
    add("array_upper", Arrays.asList(null, SqlType.INTEGER), SqlType.INTEGER,
        (a, c) -> ((Long) a[1]) == 1 && !((List<?>) a[0]).isEmpty() ? (long) ((List<?>) a[0]).size() : null);
    add("array_lower", Arrays.asList(null, SqlType.INTEGER), SqlType.INTEGER,
        (a, c) -> ((Long) a[1]) == 1 && !((List<?>) a[0]).isEmpty() ? 1L : null);
    add("array_to_string", Arrays.asList(null, TEXT), TEXT, (a, c) -> arrayToString((List<?>) a[0], (String) a[1]));
  }

  private static List<SqlType> anyArray() {
    return Arrays.asList((SqlType) null);
  }

  private static void volatileFunction(String name, List<SqlType> parameters, SqlType result,
      ScalarFunction function) {
    FunctionRegistry.add(new FunctionRegistry.Signature(name, parameters, null, result, function, true, true));
  }

  private static String arrayToString(List<?> values, String delimiter) {
    StringBuilder out = new StringBuilder();
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append(delimiter);
      }
      out.append(value);
    }
    return out.toString();
  }

}
