package io.quorate.sql.expression;

import static io.quorate.sql.expression.FunctionRegistry.add;

import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.DateTimeExtract;
import io.quorate.sql.types.DateTimeFunctions;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ToChar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Date and time functions. now() and current_timestamp are the transaction's start, as
 * in PostgreSQL; clock_timestamp() is the wall clock. The arithmetic and field logic is
 * in the types package.
 */
final class DateTimeBuiltins {

  private static final SqlType TEXT = SqlType.TEXT;
  private static final SqlType TIMESTAMP = SqlType.TIMESTAMP;
  private static final SqlType TIMESTAMPTZ = SqlType.TIMESTAMPTZ;
  private static final SqlType DATE = SqlType.DATE;
  private static final SqlType INTERVAL = SqlType.INTERVAL;

  private DateTimeBuiltins() {}

  static void register() {
    stable("now", TIMESTAMPTZ, (a, c) -> micros(c.transactionStart()));
    stable("current_timestamp", TIMESTAMPTZ, (a, c) -> micros(c.transactionStart()));
    stable("transaction_timestamp", TIMESTAMPTZ, (a, c) -> micros(c.transactionStart()));
    stable("statement_timestamp", TIMESTAMPTZ, (a, c) -> micros(c.statementStart()));
    stable("localtimestamp", TIMESTAMP,
        (a, c) -> LocalDateTime.ofInstant(micros(c.transactionStart()), c.zone()));
    stable("current_date", DATE, (a, c) -> LocalDate.ofInstant(c.transactionStart(), c.zone()));
    stable("current_time", SqlType.TIME,
        (a, c) -> LocalTime.ofInstant(micros(c.transactionStart()), c.zone()));
    stable("localtime", SqlType.TIME, (a, c) -> LocalTime.ofInstant(micros(c.transactionStart()), c.zone()));
    FunctionRegistry.add(new FunctionRegistry.Signature("clock_timestamp", List.of(), null, TIMESTAMPTZ,
        (a, c) -> micros(Instant.now()), true, true));

    add("date_trunc", List.of(TEXT, TIMESTAMP), TIMESTAMP,
        (a, c) -> DateTimeFunctions.dateTrunc(field(a[0]), (LocalDateTime) a[1]));
    add("date_trunc", List.of(TEXT, TIMESTAMPTZ), TIMESTAMPTZ,
        (a, c) -> DateTimeFunctions.dateTrunc(field(a[0]), (Instant) a[1], c.zone()));
    add("date_trunc", List.of(TEXT, INTERVAL), INTERVAL,
        (a, c) -> DateTimeFunctions.dateTrunc(field(a[0]), (Interval) a[1]));

    add("timezone", List.of(TEXT, TIMESTAMPTZ), TIMESTAMP,
        (a, c) -> LocalDateTime.ofInstant((Instant) a[1], zone((String) a[0])));
    add("timezone", List.of(TEXT, TIMESTAMP), TIMESTAMPTZ,
        (a, c) -> ((LocalDateTime) a[1]).atZone(zone((String) a[0])).toInstant());
    add("date_trunc", List.of(TEXT, DATE), TIMESTAMPTZ, (a, c) -> DateTimeFunctions.dateTrunc(field(a[0]),
        ((LocalDate) a[1]).atStartOfDay(c.zone()).toInstant(), c.zone()));
    add("extract", List.of(TEXT, DATE), SqlType.NUMERIC,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (LocalDate) a[1]));
    add("extract", List.of(TEXT, TIMESTAMP), SqlType.NUMERIC,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (LocalDateTime) a[1]));
    add("extract", List.of(TEXT, TIMESTAMPTZ), SqlType.NUMERIC,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (Instant) a[1], c.zone()));
    add("extract", List.of(TEXT, SqlType.TIME), SqlType.NUMERIC,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (LocalTime) a[1]));
    add("extract", List.of(TEXT, INTERVAL), SqlType.NUMERIC,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (Interval) a[1]));
    add("date_part", List.of(TEXT, TIMESTAMP), SqlType.DOUBLE,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (LocalDateTime) a[1]).doubleValue());
    add("date_part", List.of(TEXT, TIMESTAMPTZ), SqlType.DOUBLE,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (Instant) a[1], c.zone()).doubleValue());
    add("date_part", List.of(TEXT, INTERVAL), SqlType.DOUBLE,
        (a, c) -> DateTimeExtract.extract(field(a[0]), (Interval) a[1]).doubleValue());

    add("age", List.of(TIMESTAMP, TIMESTAMP), INTERVAL,
        (a, c) -> DateTimeFunctions.age((LocalDateTime) a[0], (LocalDateTime) a[1]));
    add("age", List.of(TIMESTAMPTZ, TIMESTAMPTZ), INTERVAL,
        (a, c) -> DateTimeFunctions.age((Instant) a[0], (Instant) a[1], c.zone()));
    // reads the transaction's date, so it is marked volatile to keep constant folding away
    FunctionRegistry.add(new FunctionRegistry.Signature("age", List.of(TIMESTAMP), null, INTERVAL,
        (a, c) -> DateTimeFunctions.age((LocalDateTime) a[0], LocalDate.ofInstant(c.transactionStart(), c.zone())),
        true, true));

    add("to_char", List.of(TIMESTAMP, TEXT), TEXT,
        (a, c) -> ToChar.toChar((LocalDateTime) a[0], (String) a[1]));
    add("to_char", List.of(TIMESTAMPTZ, TEXT), TEXT,
        (a, c) -> ToChar.toChar((Instant) a[0], c.zone(), (String) a[1]));
    add("to_char", List.of(INTERVAL, TEXT), TEXT,
        (a, c) -> ToChar.toChar((Interval) a[0], (String) a[1]));

    add("justify_days", List.of(INTERVAL), INTERVAL, (a, c) -> DateTimeArithmetic.justifyDays((Interval) a[0]));
    add("justify_hours", List.of(INTERVAL), INTERVAL, (a, c) -> DateTimeArithmetic.justifyHours((Interval) a[0]));
    add("justify_interval", List.of(INTERVAL), INTERVAL,
        (a, c) -> DateTimeArithmetic.justifyInterval((Interval) a[0]));
    add("make_date", List.of(SqlType.INTEGER, SqlType.INTEGER, SqlType.INTEGER), DATE,
        (a, c) -> makeDate((Long) a[0], (Long) a[1], (Long) a[2]));
    add("to_timestamp", List.of(SqlType.DOUBLE), TIMESTAMPTZ,
        (a, c) -> micros(Instant.ofEpochSecond(0, Math.round(((Double) a[0]) * 1e9))));
    add("isfinite", List.of(TIMESTAMP), SqlType.BOOLEAN, (a, c) -> true);
  }

  private static void stable(String name, SqlType result, ScalarFunction function) {
    add(name, List.of(), result, function);
  }

  /** Timestamps carry microseconds, like PostgreSQL's. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** The zone named in AT TIME ZONE: an IANA name, UTC, or an offset such as '+02:00'. */
  private static java.time.ZoneId zone(String name) {
    try {
      return name.equalsIgnoreCase("utc") || name.equalsIgnoreCase("z") ? java.time.ZoneOffset.UTC
          : java.time.ZoneId.of(name);
    } catch (java.time.DateTimeException unknown) {
      throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.INVALID_PARAMETER_VALUE,
          "time zone \"" + name + "\" not recognized");
    }
  }

  private static String field(Object value) {
    return ((String) value).toLowerCase(Locale.ROOT);
  }

  private static LocalDate makeDate(long year, long month, long day) {
    try {
      return LocalDate.of((int) year, (int) month, (int) day);
    } catch (java.time.DateTimeException outOfRange) {
      throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.DATETIME_FIELD_OVERFLOW,
          "date field value out of range: " + year + "-" + String.format("%02d", month) + "-"
              + String.format("%02d", day));
    }
  }

}
