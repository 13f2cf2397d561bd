package io.quorate.sql.catalog.system;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.FunctionRegistry;
import io.quorate.sql.types.SqlType;
import java.util.List;

/**
 * pg_settings. Settings belong to the session and change after planning, so each row's
 * {@code setting} is a current_setting() call made when the row is read, not a value
 * copied into the plan.
 */
final class PgSettings {

  /** The parameters listed: those clients and tools read through pg_settings. */
  private static final List<String> NAMES = List.of("application_name", "client_encoding", "DateStyle",
      "default_transaction_isolation", "default_transaction_read_only", "extra_float_digits", "integer_datetimes",
      "IntervalStyle", "lock_timeout", "max_identifier_length", "max_index_keys", "password_encryption", "search_path",
      "server_encoding", "server_version", "server_version_num", "standard_conforming_strings",
      "statement_timeout", "TimeZone", "transaction_isolation", "transaction_read_only");

  private PgSettings() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add("pg_catalog", "pg_settings", PgSettings::rows);
  }

  private static void rows(SystemContext context, SystemRelation.Rows rows) {
    FunctionRegistry.Resolved currentSetting = FunctionRegistry.resolve("current_setting",
        List.of(SqlType.TEXT, SqlType.BOOLEAN));
    for (String name : NAMES) {
      BoundExpression value = new BoundExpression.Call("current_setting", currentSetting.signature().function(),
          true, true, List.of(new BoundExpression.Constant(name, SqlType.TEXT),
              new BoundExpression.Constant(true, SqlType.BOOLEAN)), SqlType.TEXT);
      rows.add().set("name", name).set("setting", value).set("context", "user").set("vartype", "string")
          .set("source", "default").set("pending_restart", false);
    }
  }
}
