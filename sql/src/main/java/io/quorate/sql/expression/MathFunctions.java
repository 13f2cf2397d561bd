package io.quorate.sql.expression;

import static io.quorate.sql.expression.FunctionRegistry.add;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Mathematical functions over integers, numeric and double precision. */
final class MathFunctions {

  private static final SqlType DOUBLE = SqlType.DOUBLE;
  private static final SqlType NUMERIC = SqlType.NUMERIC;
  private static final SqlType INT = SqlType.INTEGER;

  private MathFunctions() {}

  static void register() {
    for (SqlType type : List.of(SqlType.SMALLINT, SqlType.INTEGER, SqlType.BIGINT)) {
      add("abs", List.of(type), type, (a, c) -> Casts.checkInteger(Math.abs(checkedAbs((Long) a[0], type)), type));
      add("mod", List.of(type, type), type, (a, c) -> Arithmetic.apply("%", a[0], a[1], type));
      add("sign", List.of(type), type, (a, c) -> (long) Long.signum((Long) a[0]));
    }
    add("abs", List.of(NUMERIC), NUMERIC, (a, c) -> ((BigDecimal) a[0]).abs());
    add("abs", List.of(SqlType.REAL), SqlType.REAL, (a, c) -> Math.abs((Float) a[0]));
    add("abs", List.of(DOUBLE), DOUBLE, (a, c) -> Math.abs(d(a[0])));
    add("mod", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Arithmetic.apply("%", a[0], a[1], NUMERIC));
    add("sign", List.of(NUMERIC), NUMERIC, (a, c) -> BigDecimal.valueOf(((BigDecimal) a[0]).signum()));
    add("sign", List.of(DOUBLE), DOUBLE, (a, c) -> Math.signum(d(a[0])));
    add("round", List.of(DOUBLE), DOUBLE, (a, c) -> Math.rint(d(a[0])));
    add("round", List.of(NUMERIC), NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.HALF_UP));
    add("round", List.of(NUMERIC, INT), NUMERIC, (a, c) -> scaled((BigDecimal) a[0], (Long) a[1],
        RoundingMode.HALF_UP));
    add("trunc", List.of(DOUBLE), DOUBLE, (a, c) -> d(a[0]) < 0 ? Math.ceil(d(a[0])) : Math.floor(d(a[0])));
    add("trunc", List.of(NUMERIC), NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.DOWN));
    add("trunc", List.of(NUMERIC, INT), NUMERIC, (a, c) -> scaled((BigDecimal) a[0], (Long) a[1], RoundingMode.DOWN));
    add("floor", List.of(DOUBLE), DOUBLE, (a, c) -> Math.floor(d(a[0])));
    add("floor", List.of(NUMERIC), NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.FLOOR));
    for (String name : List.of("ceil", "ceiling")) {
      add(name, List.of(DOUBLE), DOUBLE, (a, c) -> Math.ceil(d(a[0])));
      add(name, List.of(NUMERIC), NUMERIC, (a, c) -> ((BigDecimal) a[0]).setScale(0, RoundingMode.CEILING));
    }
    for (String name : List.of("power", "pow")) {
      add(name, List.of(DOUBLE, DOUBLE), DOUBLE, (a, c) -> Arithmetic.power(d(a[0]), d(a[1])));
      add(name, List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> Arithmetic.apply("^", a[0], a[1], NUMERIC));
    }
    add("sqrt", List.of(DOUBLE), DOUBLE, (a, c) -> sqrt(d(a[0])));
    add("sqrt", List.of(NUMERIC), NUMERIC, (a, c) -> sqrt((BigDecimal) a[0]));
    add("cbrt", List.of(DOUBLE), DOUBLE, (a, c) -> Math.cbrt(d(a[0])));
    add("exp", List.of(DOUBLE), DOUBLE, (a, c) -> finite(Math.exp(d(a[0]))));
    add("ln", List.of(DOUBLE), DOUBLE, (a, c) -> log(d(a[0]), Math::log));
    add("log", List.of(DOUBLE), DOUBLE, (a, c) -> log(d(a[0]), Math::log10));
    add("log10", List.of(DOUBLE), DOUBLE, (a, c) -> log(d(a[0]), Math::log10));
    add("pi", List.of(), DOUBLE, (a, c) -> Math.PI);
    add("degrees", List.of(DOUBLE), DOUBLE, (a, c) -> Math.toDegrees(d(a[0])));
    add("radians", List.of(DOUBLE), DOUBLE, (a, c) -> Math.toRadians(d(a[0])));
    add("sin", List.of(DOUBLE), DOUBLE, (a, c) -> Math.sin(d(a[0])));
    add("cos", List.of(DOUBLE), DOUBLE, (a, c) -> Math.cos(d(a[0])));
    add("tan", List.of(DOUBLE), DOUBLE, (a, c) -> Math.tan(d(a[0])));
    add("atan", List.of(DOUBLE), DOUBLE, (a, c) -> Math.atan(d(a[0])));
    add("atan2", List.of(DOUBLE, DOUBLE), DOUBLE, (a, c) -> Math.atan2(d(a[0]), d(a[1])));
    add("div", List.of(NUMERIC, NUMERIC), NUMERIC, (a, c) -> div((BigDecimal) a[0], (BigDecimal) a[1]));
    add("gcd", List.of(SqlType.BIGINT, SqlType.BIGINT), SqlType.BIGINT,
        (a, c) -> java.math.BigInteger.valueOf((Long) a[0]).gcd(java.math.BigInteger.valueOf((Long) a[1]))
            .longValue());
    FunctionRegistry.add(new FunctionRegistry.Signature("random", List.of(), null, DOUBLE,
        (a, c) -> ThreadLocalRandom.current().nextDouble(), true, true));
  }

  /** {@code value} unless an operation on finite input overflowed to infinity (22003). */
  private static double finite(double value) {
    if (Double.isInfinite(value)) {
      throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
    }
    return value;
  }

  private static double d(Object value) {
    return ((Number) value).doubleValue();
  }

  private static long checkedAbs(long value, SqlType type) {
    if (value == Long.MIN_VALUE) {
      throw SqlException.numericOutOfRange(type.kind().pgName());
    }
    return value;
  }

  /**
   * round/trunc to {@code places} decimal places; negative places work left of the point
   * (round(1234, -2) = 1200). Places are clamped to numeric's display limits, as
   * PostgreSQL clamps them.
   */
  private static BigDecimal scaled(BigDecimal value, long places, RoundingMode mode) {
    int clamped = (int) Math.max(-1000, Math.min(places, 1000));
    BigDecimal result = value.setScale(clamped, mode);
    return clamped >= 0 ? result : result.setScale(0, RoundingMode.UNNECESSARY);
  }

  static double sqrt(double value) {
    if (value < 0) {
      throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
          "cannot take square root of a negative number");
    }
    return Math.sqrt(value);
  }

  private static BigDecimal sqrt(BigDecimal value) {
    if (value.signum() < 0) {
      throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_POWER_FUNCTION,
          "cannot take square root of a negative number");
    }
    int weight = value.signum() == 0 ? 0 : Math.floorDiv(value.precision() - value.scale() - 1, 4);
    int scale = Math.min(1000, Math.max(Math.max(16 - ((weight + 1) * 4 / 2 - 1), value.scale()), 0));
    return value.sqrt(new MathContext(scale + value.precision() + 2)).setScale(scale, RoundingMode.HALF_UP);
  }

  private static double log(double value, java.util.function.DoubleUnaryOperator function) {
    if (value == 0) {
      throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
    }
    if (value < 0) {
      throw new SqlException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
    }
    return function.applyAsDouble(value);
  }

  private static BigDecimal div(BigDecimal a, BigDecimal b) {
    if (b.signum() == 0) {
      throw SqlException.divisionByZero();
    }
    return a.divide(b, 0, RoundingMode.DOWN);
  }
}
