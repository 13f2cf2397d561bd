package io.quorate.sql.expression;

import static io.quorate.sql.expression.Operators.call;
import static io.quorate.sql.expression.Operators.coerce;

import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.SqlType.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * {@code + - * /} where a date, time, timestamp or interval is involved, with
 * PostgreSQL's result types (date - date is integer days, timestamp - timestamp an
 * interval, date + interval a timestamp). An untyped literal beside a date/time value
 * is read as an interval, or as a value of the same type for subtraction of two.
 */
final class DateTimeOperators {

  private DateTimeOperators() {}

  /** The operator call, or null if these types have no such operator. */
  static BoundExpression resolve(String operator, BoundExpression left, BoundExpression right) {
    Kind a = left.type().kind();
    Kind b = right.type().kind();
    if (a == Kind.UNKNOWN && b != Kind.UNKNOWN) {
      return resolve(operator, coerce(left, literalType(operator, right.type())), right);
    }
    if (b == Kind.UNKNOWN) {
      return resolve(operator, left, coerce(right, literalType(operator, left.type())));
    }
    return switch (operator) {
      case "+" -> plus(left, right, a, b);
      case "-" -> minus(left, right, a, b);
      case "*" -> multiply(left, right, a, b);
      case "/" -> a == Kind.INTERVAL && right.type().isNumeric()
          ? call("/", (v, c) -> DateTimeArithmetic.divide((Interval) v[0], ((Number) v[1]).doubleValue()),
              SqlType.INTERVAL, left, right)
          : null;
      default -> null;
    };
  }

  /**
   * The type an untyped literal takes beside {@code other}: PostgreSQL first tries the
   * other operand's type (so {@code timestamp - '...'} reads a timestamp), and for
   * {@code +}, where no such operator exists, an interval; a factor is a number.
   */
  private static SqlType literalType(String operator, SqlType other) {
    if (operator.equals("*") || operator.equals("/")) {
      return other.kind() == Kind.INTERVAL ? SqlType.DOUBLE : SqlType.INTERVAL;
    }
    return operator.equals("-") || other.kind() == Kind.INTERVAL ? other : SqlType.INTERVAL;
  }

  private static BoundExpression plus(BoundExpression left, BoundExpression right, Kind a, Kind b) {
    if (b != Kind.INTERVAL && a == Kind.INTERVAL || (a == Kind.INTEGER || a == Kind.SMALLINT) && b == Kind.DATE) {
      return plus(right, left, b, a); // addition commutes
    }
    if (a == Kind.DATE && (b == Kind.INTEGER || b == Kind.SMALLINT)) {
      return call("+", (v, c) -> DateTimeArithmetic.plusDays((LocalDate) v[0], (Long) v[1]), SqlType.DATE,
          left, right);
    }
    if (a == Kind.DATE && b == Kind.TIME) {
      return call("+", (v, c) -> ((LocalDate) v[0]).atTime((LocalTime) v[1]), SqlType.TIMESTAMP, left, right);
    }
    if (b != Kind.INTERVAL) {
      return null;
    }
    return switch (a) {
      case DATE -> call("+", (v, c) -> DateTimeArithmetic.plus((LocalDate) v[0], (Interval) v[1]),
          SqlType.TIMESTAMP, left, right);
      case TIMESTAMP -> call("+", (v, c) -> DateTimeArithmetic.plus((LocalDateTime) v[0], (Interval) v[1]),
          SqlType.TIMESTAMP, left, right);
      case TIMESTAMPTZ -> call("+", (v, c) -> DateTimeArithmetic.plus((Instant) v[0], (Interval) v[1], c.zone()),
          SqlType.TIMESTAMPTZ, left, right);
      case TIME -> call("+", (v, c) -> DateTimeArithmetic.plus((LocalTime) v[0], (Interval) v[1]), SqlType.TIME,
          left, right);
      case INTERVAL -> call("+", (v, c) -> DateTimeArithmetic.plus((Interval) v[0], (Interval) v[1]),
          SqlType.INTERVAL, left, right);
      default -> null;
    };
  }

  private static BoundExpression minus(BoundExpression left, BoundExpression right, Kind a, Kind b) {
    if (a == Kind.DATE && (b == Kind.INTEGER || b == Kind.SMALLINT)) {
      return call("-", (v, c) -> DateTimeArithmetic.minusDays((LocalDate) v[0], (Long) v[1]), SqlType.DATE,
          left, right);
    }
    if (a == Kind.DATE && b == Kind.DATE) {
      return call("-", (v, c) -> (long) DateTimeArithmetic.daysBetween((LocalDate) v[0], (LocalDate) v[1]),
          SqlType.INTEGER, left, right);
    }
    if (b == Kind.INTERVAL) {
      return switch (a) {
        case DATE -> call("-", (v, c) -> DateTimeArithmetic.minus((LocalDate) v[0], (Interval) v[1]),
            SqlType.TIMESTAMP, left, right);
        case TIMESTAMP -> call("-", (v, c) -> DateTimeArithmetic.minus((LocalDateTime) v[0], (Interval) v[1]),
            SqlType.TIMESTAMP, left, right);
        case TIMESTAMPTZ -> call("-",
            (v, c) -> DateTimeArithmetic.minus((Instant) v[0], (Interval) v[1], c.zone()), SqlType.TIMESTAMPTZ,
            left, right);
        case TIME -> call("-", (v, c) -> DateTimeArithmetic.plus((LocalTime) v[0],
            DateTimeArithmetic.negate((Interval) v[1])), SqlType.TIME, left, right);
        case INTERVAL -> call("-", (v, c) -> DateTimeArithmetic.minus((Interval) v[0], (Interval) v[1]),
            SqlType.INTERVAL, left, right);
        default -> null;
      };
    }
    if ((a == Kind.TIMESTAMP || a == Kind.DATE) && (b == Kind.TIMESTAMP || b == Kind.DATE)) {
      return call("-", (v, c) -> DateTimeArithmetic.minus((LocalDateTime) v[0], (LocalDateTime) v[1]),
          SqlType.INTERVAL, coerce(left, SqlType.TIMESTAMP), coerce(right, SqlType.TIMESTAMP));
    }
    if (left.type().isDateTime() && right.type().isDateTime() && (a == Kind.TIMESTAMPTZ || b == Kind.TIMESTAMPTZ)
        && a != Kind.TIME && b != Kind.TIME) {
      return call("-", (v, c) -> DateTimeArithmetic.minus((Instant) v[0], (Instant) v[1]), SqlType.INTERVAL,
          coerce(left, SqlType.TIMESTAMPTZ), coerce(right, SqlType.TIMESTAMPTZ));
    }
    if (a == Kind.TIME && b == Kind.TIME) {
      return call("-", (v, c) -> DateTimeArithmetic.minus((LocalTime) v[0], (LocalTime) v[1]), SqlType.INTERVAL,
          left, right);
    }
    return null;
  }

  private static BoundExpression multiply(BoundExpression left, BoundExpression right, Kind a, Kind b) {
    if (a != Kind.INTERVAL && b == Kind.INTERVAL) {
      return multiply(right, left, b, a);
    }
    if (a == Kind.INTERVAL && right.type().isNumeric()) {
      return call("*", (v, c) -> DateTimeArithmetic.multiply((Interval) v[0], ((Number) v[1]).doubleValue()),
          SqlType.INTERVAL, left, right);
    }
    return null;
  }
}
