package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.CommonType;
import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.Json;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.SqlType.Kind;
import io.quorate.sql.types.Casts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Resolves and builds operator calls: arithmetic, date/time arithmetic, string and
 * array concatenation, JSON access and bitwise operators. Unknown operand types get
 * PostgreSQL's error: {@code operator does not exist: integer + text} (42883).
 */
public final class Operators {

  private Operators() {}

  /** Builds {@code left operator right}; operands are bound but not yet coerced. */
  public static BoundExpression binary(String operator, BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    SqlType b = right.type();
    BoundExpression result = switch (operator) {
      case "+", "-", "*", "/", "%", "^" -> arithmetic(operator, left, right);
      case "||" -> concatenate(left, right);
      case "->", "->>" -> json(operator, left, right);
      case "&", "|", "#", "<<", ">>" -> bitwise(operator, left, right);
      default -> null;
    };
    if (result == null) {
      throw undefinedOperator(a.base().pgName() + " " + operator + " " + b.base().pgName());
    }
    return result;
  }

  /** Builds a prefix operator call. */
  public static BoundExpression unary(String operator, BoundExpression operand) {
    SqlType type = operand.type().kind() == Kind.UNKNOWN ? SqlType.NUMERIC : operand.type();
    BoundExpression coerced = coerce(operand, type);
    if (type.isNumeric()) {
      switch (operator) {
        case "-" -> {
          return call("-", (a, c) -> Arithmetic.negate(a[0], type), type, coerced);
        }
        case "+" -> {
          return coerced;
        }
        case "@" -> {
          return call("@", (a, c) -> ValueSign.abs(a[0], type), type, coerced);
        }
        case "|/" -> {
          BoundExpression asDouble = coerce(operand, SqlType.DOUBLE);
          return call("|/", (a, c) -> MathFunctions.sqrt((Double) a[0]), SqlType.DOUBLE, asDouble);
        }
        case "~" -> {
          if (type.isInteger()) {
            return call("~", (a, c) -> ~(Long) a[0], type, coerced);
          }
        }
        default -> {
          // falls through to the error
        }
      }
    }
    if (type.kind() == Kind.INTERVAL && operator.equals("-")) {
      return call("-", (a, c) -> DateTimeArithmetic.negate((Interval) a[0]), type, coerced);
    }
    throw undefinedOperator(operator + " " + type.base().pgName());
  }

  private static SqlException undefinedOperator(String signature) {
    return new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + signature)
        .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
  }

  /** {@code expression} converted implicitly to {@code type}; the same node when already of it. */
  public static BoundExpression coerce(BoundExpression expression, SqlType type) {
    if (expression.type().equals(type)) {
      return expression;
    }
    if (expression instanceof BoundExpression.Constant constant && constant.value() == null) {
      return new BoundExpression.Constant(null, type);
    }
    return new BoundExpression.Cast(expression, type, false);
  }

  static BoundExpression call(String name, ScalarFunction function, SqlType type, BoundExpression... arguments) {
    return new BoundExpression.Call(name, function, true, false, List.of(arguments), type);
  }

  private static BoundExpression arithmetic(String operator, BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    SqlType b = right.type();
    if (isNumericOrUnknown(a) && isNumericOrUnknown(b) && (a.isNumeric() || b.isNumeric()
        || (a.kind() == Kind.UNKNOWN && b.kind() == Kind.UNKNOWN))) {
      SqlType common = CommonType.of(a, b);
      if (common.kind() == Kind.UNKNOWN || common.isString()) {
        common = SqlType.NUMERIC;
      }
      if (operator.equals("^") && common.kind() != Kind.NUMERIC) {
        common = SqlType.DOUBLE;
      }
      if (operator.equals("%") && (common.kind() == Kind.REAL || common.kind() == Kind.DOUBLE)) {
        return null;
      }
      SqlType type = common;
      return call(operator, Arithmetic.function(operator, type), type,
          coerce(left, type), coerce(right, type));
    }
    return DateTimeOperators.resolve(operator, left, right);
  }

  private static boolean isNumericOrUnknown(SqlType type) {
    return type.isNumeric() || type.kind() == Kind.UNKNOWN;
  }

  private static BoundExpression concatenate(BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    SqlType b = right.type();
    if (a.isArray() || b.isArray()) {
      return arrayConcatenate(left, right);
    }
    if (a.kind() == Kind.BYTEA && b.kind() == Kind.BYTEA) {
      return call("||", (v, c) -> {
        byte[] x = ((io.quorate.sql.types.Bytes) v[0]).toByteArray();
        byte[] y = ((io.quorate.sql.types.Bytes) v[1]).toByteArray();
        byte[] joined = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, joined, x.length, y.length);
        return io.quorate.sql.types.Bytes.wrap(joined);
      }, SqlType.BYTEA, left, right);
    }
    if (!(a.isString() || a.kind() == Kind.UNKNOWN) && !(b.isString() || b.kind() == Kind.UNKNOWN)) {
      return null;
    }
    return call("||", (v, c) -> Casts.toText(v[0], a, c.zone()) + Casts.toText(v[1], b, c.zone()), SqlType.TEXT,
        left, right);
  }

  private static BoundExpression arrayConcatenate(BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    SqlType b = right.type();
    SqlType arrayType = a.isArray() ? a : b;
    BoundExpression l = a.isArray() || a.kind() == Kind.UNKNOWN && b.isArray() ? coerce(left, arrayType)
        : coerce(left, arrayType.element());
    BoundExpression r = b.isArray() || b.kind() == Kind.UNKNOWN ? coerce(right, arrayType)
        : coerce(right, arrayType.element());
    boolean leftArray = l.type().isArray();
    boolean rightArray = r.type().isArray();
    return new BoundExpression.Call("||", (v, c) -> {
      List<Object> out = new ArrayList<>();
      addAll(out, v[0], leftArray);
      addAll(out, v[1], rightArray);
      return Collections.unmodifiableList(out);
    }, false, false, List.of(l, r), arrayType);
  }

  private static void addAll(List<Object> out, Object value, boolean isArray) {
    if (isArray) {
      if (value != null) {
        out.addAll((List<?>) value);
      }
    } else {
      out.add(value);
    }
  }

  private static BoundExpression json(String operator, BoundExpression left, BoundExpression right) {
    SqlType a = left.type();
    if (a.kind() != Kind.JSON && a.kind() != Kind.JSONB) {
      return null;
    }
    SqlType keyType = right.type().isInteger() ? SqlType.BIGINT : SqlType.TEXT;
    BoundExpression key = coerce(right, keyType);
    if (operator.equals("->")) {
      boolean jsonb = a.kind() == Kind.JSONB;
      return call("->", (v, c) -> Json.member((String) v[0], v[1], jsonb), a, left, key);
    }
    return call("->>", (v, c) -> Json.memberText((String) v[0], v[1]), SqlType.TEXT, left, key);
  }

  private static BoundExpression bitwise(String operator, BoundExpression left, BoundExpression right) {
    SqlType common = CommonType.of(left.type(), right.type());
    if (common == null || !(common.isInteger() || common.kind() == Kind.UNKNOWN)) {
      return null;
    }
    SqlType type = common.isInteger() ? common : SqlType.INTEGER;
    boolean shift = operator.equals("<<") || operator.equals(">>");
    BoundExpression r = coerce(right, shift ? SqlType.INTEGER : type);
    return call(operator, (v, c) -> {
      long x = (Long) v[0];
      long y = (Long) v[1];
      long result = switch (operator) {
        case "&" -> x & y;
        case "|" -> x | y;
        case "#" -> x ^ y;
        case "<<" -> x << y;
        default -> x >> y;
      };
      return narrow(result, type);
    }, type, coerce(left, type), r);
  }

  private static long narrow(long value, SqlType type) {
    return switch (type.kind()) {
      case SMALLINT -> (short) value;
      case INTEGER -> (int) value;
      default -> value;
    };
  }

  /** Absolute value helper shared by {@code @} and abs(). */
  static final class ValueSign {
    private ValueSign() {}

    static Object abs(Object value, SqlType type) {
      return switch (type.kind()) {
        case NUMERIC -> ((java.math.BigDecimal) value).abs();
        case REAL -> Math.abs((Float) value);
        case DOUBLE -> Math.abs((Double) value);
        default -> {
          long v = (Long) value;
          yield v < 0 ? Arithmetic.negate(v, type) : v;
        }
      };
    }
  }

}
