package io.quorate.sql.analyzer;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.types.SqlType;
import java.util.List;
import java.util.Set;

/**
 * The set-returning functions (generate_series, unnest, pg_partition_ancestors): their
 * argument casts and result type.
 */
final class SetReturningFunctions {

  static final Set<String> NAMES = Set.of("generate_series", "unnest", "pg_partition_ancestors");

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
      default -> throw SqlException.featureNotSupported("function " + name + " is not supported in FROM")
          .withPosition(position);
    }
    return type;
  }
}
