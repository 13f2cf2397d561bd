package io.quorate.sql.analyzer;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.types.SqlType;
import java.util.List;
import java.util.Set;

/**
 * The set-returning functions (generate_series, unnest, pg_partition_ancestors and
 * information_schema._pg_expandarray, which pgjdbc's metadata queries use): their
 * argument casts and the type of their values.
 */
final class SetReturningFunctions {

  /** PostgreSQL's helper that turns an array into (element, position) records. */
  static final String EXPAND_ARRAY = "information_schema._pg_expandarray";

  static final Set<String> NAMES = Set.of("generate_series", "unnest", "pg_partition_ancestors", EXPAND_ARRAY);

  private SetReturningFunctions() {}

  /** Casts {@code arguments} in place as the function needs them and returns the type of its values. */
  static SqlType type(String name, List<BoundExpression> arguments, ExpressionBinder binder, int position) {
    SqlType type;
    switch (name) {
      case "generate_series" -> {
        if (arguments.size() < 2 || arguments.size() > 3) {
          throw SqlException.undefinedFunction("generate_series with " + arguments.size() + " arguments");
        }
        type = binder.commonType(arguments.subList(0, 2), "generate_series");
        if (type.isString()) {
          type = SqlType.INTEGER;
        }
        if (type.kind() == SqlType.Kind.TIMESTAMP || type.kind() == SqlType.Kind.TIMESTAMPTZ
            || type.kind() == SqlType.Kind.DATE) {
          type = type.kind() == SqlType.Kind.DATE ? SqlType.TIMESTAMP : type;
          arguments.set(0, binder.coerce(arguments.get(0), type));
          arguments.set(1, binder.coerce(arguments.get(1), type));
          if (arguments.size() == 3) {
            arguments.set(2, binder.coerce(arguments.get(2), SqlType.INTERVAL));
          }
        } else {
          if (!type.isNumeric()) {
            throw SqlException.undefinedFunction("generate_series(" + type.pgName() + ")");
          }
          for (int i = 0; i < arguments.size(); i++) {
            arguments.set(i, binder.coerce(arguments.get(i), type));
          }
        }
      }
      case "unnest" -> {
        if (arguments.size() != 1 || !arguments.get(0).type().isArray()) {
          throw SqlException.undefinedFunction("unnest(" + (arguments.isEmpty() ? ""
              : arguments.get(0).type().pgName()) + ")");
        }
        type = arguments.get(0).type().element();
      }
      case EXPAND_ARRAY -> {
        if (arguments.size() != 1 || !arguments.get(0).type().isArray()) {
          throw SqlException.undefinedFunction(EXPAND_ARRAY + "(" + (arguments.isEmpty() ? ""
              : arguments.get(0).type().pgName()) + ")");
        }
        type = SqlType.record(List.of(new SqlType.Field("x", arguments.get(0).type().element()),
            new SqlType.Field("n", SqlType.INTEGER)));
      }
      case "pg_partition_ancestors" -> {
        if (arguments.size() != 1) {
          throw SqlException.undefinedFunction("pg_partition_ancestors with " + arguments.size() + " arguments");
        }
        arguments.set(0, binder.cast(arguments.get(0), SqlType.REGCLASS, true, 0));
        type = SqlType.REGCLASS;
      }
      default -> throw SqlException.featureNotSupported("function " + name + " is not supported in FROM")
          .withPosition(position);
    }
    return type;
  }
}
