package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numeric operators with PostgreSQL's result types and errors: integer arithmetic is
 * checked against the result type (22003), division truncates toward zero, division by
 * zero is 22012 for every type, numeric division picks PostgreSQL's result scale.
 */
public final class Arithmetic {

  private Arithmetic() {}

  /**
   * The implementation of {@code a op b} in {@code type}, chosen once when the expression
   * is bound: integer {@code + - *} on integer and bigint get their own overflow-checked
   * code, since they run per row in scans; the rest go through {@link #apply}.
   */
  public static ScalarFunction.Binary function(String operator, SqlType type) {
    if (type.kind() == SqlType.Kind.BIGINT || type.kind() == SqlType.Kind.INTEGER) {
      String name = type.kind().pgName();
      boolean narrow = type.kind() == SqlType.Kind.INTEGER;
      switch (operator) {
        case "+":
          return (left, right, c) -> {
            long a = (Long) left;
            long b = (Long) right;
            long sum = a + b;
            if (((a ^ sum) & (b ^ sum)) < 0) {
              throw SqlException.numericOutOfRange(name);
            }
            return checked(sum, narrow, name);
          };
        case "-":
          return (left, right, c) -> {
            long a = (Long) left;
            long b = (Long) right;
            long difference = a - b;
            if (((a ^ b) & (a ^ difference)) < 0) {
              throw SqlException.numericOutOfRange(name);
            }
            return checked(difference, narrow, name);
          };
        case "*":
          return (left, right, c) -> {
            try {
              return checked(Math.multiplyExact((Long) left, (Long) right), narrow, name);
            } catch (ArithmeticException overflow) {
              throw SqlException.numericOutOfRange(name);
            }
          };
        case "%":
          return (left, right, c) -> {
            long divisor = (Long) right;
            if (divisor == 0) {
              throw SqlException.divisionByZero();
            }
            long dividend = (Long) left;
            if (dividend == (int) dividend && divisor == (int) divisor) {
              // a 32-bit division takes a fraction of a 64-bit one's cycles on x86
              return divisor == -1 ? 0L : (long) ((int) dividend % (int) divisor);
            }
            return divisor == -1 ? 0L : dividend % divisor;
          };
        default:
          break;
      }
    }
    return (left, right, c) -> apply(operator, left, right, type);
  }

  private static long checked(long value, boolean narrow, String typeName) {
    if (narrow && value != (int) value) {
      throw SqlException.numericOutOfRange(typeName);
    }
    return value;
  }

  /** {@code a op b} for values already converted to {@code type}. */
  public static Object apply(String operator, Object a, Object b, SqlType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> integer(operator, (Long) a, (Long) b, type);
      case NUMERIC -> Casts.checkNumericSize(numeric(operator, (BigDecimal) a, (BigDecimal) b));
      case REAL -> (float) floating(operator, ((Number) a).doubleValue(), ((Number) b).doubleValue(), "real");
      case DOUBLE -> floating(operator, ((Number) a).doubleValue(), ((Number) b).doubleValue(), "double precision");
      default -> throw new IllegalArgumentException("not numeric: " + type);
    };
  }

  private static long integer(String operator, long a, long b, SqlType type) {
    try {
      long result = switch (operator) {
        case "+" -> Math.addExact(a, b);
        case "-" -> Math.subtractExact(a, b);
        case "*" -> Math.multiplyExact(a, b);
        case "/" -> {
          if (b == 0) {
            throw SqlException.divisionByZero();
          }
          if (a == Long.MIN_VALUE && b == -1) {
            throw new ArithmeticException();
          }
          yield a / b;
        }
        case "%" -> {
          if (b == 0) {
            throw SqlException.divisionByZero();
          }
          yield b == -1 ? 0 : a % b;
        }
        default -> throw new IllegalArgumentException(operator);
      };
      return Casts.checkInteger(result, type);
    } catch (ArithmeticException overflow) {
      throw SqlException.numericOutOfRange(type.kind().pgName());
    }
  }

  private static double floating(String operator, double a, double b, String typeName) {
    double result = switch (operator) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> {
        if (b == 0) {
          throw SqlException.divisionByZero();
        }
        yield a / b;
      }
      case "%" -> throw new IllegalArgumentException("no % for floating point");
      case "^" -> power(a, b);
      default -> throw new IllegalArgumentException(operator);
    };
    if (Double.isInfinite(result) && !Double.isInfinite(a) && !Double.isInfinite(b)) {
      throw new SqlException(io.quorate.sql.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value out of range: overflow");
    }
    return result;
  }

  static double power(double a, double b) {
    if (a == 0 && b < 0) {
      throw new SqlException(io.quorate.sql.error.SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
          "zero raised to a negative power is undefined");
    }
    if (a < 0 && b != Math.rint(b)) {
      throw new SqlException(io.quorate.sql.error.SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
          "a negative number raised to a non-integer power yields a complex result");
    }
    return Math.pow(a, b);
  }

  private static BigDecimal numeric(String operator, BigDecimal a, BigDecimal b) {
    return switch (operator) {
      case "+" -> a.add(b);
      case "-" -> a.subtract(b);
      case "*" -> a.multiply(b);
      case "/" -> divide(a, b);
      case "%" -> {
        if (b.signum() == 0) {
          throw SqlException.divisionByZero();
        }
        yield a.remainder(b);
      }
      case "^" -> numericPower(a, b);
      default -> throw new IllegalArgumentException(operator);
    };
  }

  /** Numeric division with PostgreSQL's result scale: at least 16 significant digits. */
  public static BigDecimal divide(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      throw SqlException.divisionByZero();
    }
    int quotientWeight = weight(a) - weight(b);
    if (firstDigit(a) <= firstDigit(b)) {
      quotientWeight--;
    }
    int scale = 16 - quotientWeight * 4;
    scale = Math.max(scale, Math.max(a.scale(), b.scale()));
    scale = Math.min(Math.max(scale, 0), 1000);
    return a.divide(b, scale, RoundingMode.HALF_UP);
  }

  /** PostgreSQL's weight: the position of the first base-10000 digit. */
  private static int weight(BigDecimal value) {
    if (value.signum() == 0) {
      return 0;
    }
    int exponent = value.precision() - value.scale() - 1;
    return Math.floorDiv(exponent, 4);
  }

  /** The value of PostgreSQL's first base-10000 digit (0 for zero). */
  private static int firstDigit(BigDecimal value) {
    if (value.signum() == 0) {
      return 0;
    }
    return value.abs().movePointLeft(4 * weight(value)).intValue();
  }

  private static BigDecimal numericPower(BigDecimal a, BigDecimal b) {
    try {
      return exactOrApproximatePower(a, b);
    } catch (ArithmeticException | NumberFormatException tooLarge) {
      throw new SqlException(io.quorate.sql.error.SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "value overflows numeric format");
    }
  }

  private static BigDecimal exactOrApproximatePower(BigDecimal a, BigDecimal b) {
    if (b.signum() >= 0 && b.stripTrailingZeros().scale() <= 0 && b.compareTo(BigDecimal.valueOf(1000)) <= 0
        && a.precision() * b.intValue() < 100_000) {
      // exact power, rounded to 16 decimals as PostgreSQL shows numeric powers with integer exponents
      return a.pow(b.intValueExact()).setScale(16, RoundingMode.HALF_UP);
    }
    double result = power(a.doubleValue(), b.doubleValue());
    if (Double.isInfinite(result) || Double.isNaN(result)) {
      throw new ArithmeticException("overflow");
    }
    return new BigDecimal(result, MathContext.DECIMAL64).setScale(16, RoundingMode.HALF_UP);
  }

  /** Unary minus in {@code type}. */
  public static Object negate(Object value, SqlType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> {
        long v = (Long) value;
        if (v == Long.MIN_VALUE) {
          throw SqlException.numericOutOfRange(type.kind().pgName());
        }
        yield Casts.checkInteger(-v, type);
      }
      case NUMERIC -> ((BigDecimal) value).negate();
      case REAL -> -(Float) value;
      case DOUBLE -> -(Double) value;
      default -> throw new IllegalArgumentException("not numeric: " + type);
    };
  }
}
