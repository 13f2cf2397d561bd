package io.quorate.sql.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;

/**
 * PostgreSQL 16's {@code extract(field FROM value)}, returning numeric as PostgreSQL 14 and
 * later do, with PostgreSQL's scale: whole fields have scale 0, {@code second} scale 6,
 * {@code milliseconds} scale 3, {@code epoch} scale 6 (scale 0 for a date). Field names
 * are matched as PostgreSQL matches them; an unknown one throws 22023
 * {@code unit "x" not recognized for type ...}, one the type cannot answer 0A000
 * {@code unit "x" not supported for type ...}. Stateless.
 */
public final class DateTimeExtract {

  private static final String DATE = "date";
  private static final String TIME = "time without time zone";
  private static final long JULIAN_DAY_OF_UNIX_EPOCH = 2_440_588;

  private DateTimeExtract() {
  }

  /** {@code extract(field FROM date)}: calendar fields and {@code epoch}; no time of day. */
  public static BigDecimal extract(String field, LocalDate value) {
    DateTimeUnit unit = unit(field, DATE, true);
    if (unit == DateTimeUnit.EPOCH) {
      return BigDecimal.valueOf(value.toEpochDay() * 86_400);
    }
    if (unit == DateTimeUnit.JULIAN) {
      return BigDecimal.valueOf(value.toEpochDay() + JULIAN_DAY_OF_UNIX_EPOCH);
    }
    Long result = dateField(unit, value);
    if (result == null) {
      throw DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), DATE);
    }
    return BigDecimal.valueOf(result);
  }

  /** {@code extract(field FROM timestamp)}; {@code epoch} counts the local time as if it were UTC. */
  public static BigDecimal extract(String field, LocalDateTime value) {
    DateTimeUnit unit = unit(field, DateTimeFunctions.TIMESTAMP, true);
    if (unit == DateTimeUnit.EPOCH) {
      return BigDecimal.valueOf(ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), value), 6);
    }
    return dateTimeField(unit, value, field, DateTimeFunctions.TIMESTAMP);
  }

  /** {@code extract(field FROM timestamptz)}: fields of the local time in the session {@code zone}. */
  public static BigDecimal extract(String field, Instant value, ZoneId zone) {
    DateTimeUnit unit = unit(field, DateTimeFunctions.TIMESTAMPTZ, true);
    ZonedDateTime local = value.atZone(zone);
    int offsetSeconds = local.getOffset().getTotalSeconds();
    return switch (unit) {
      case EPOCH -> BigDecimal.valueOf(ChronoUnit.MICROS.between(Instant.EPOCH, value), 6);
      case TIMEZONE -> BigDecimal.valueOf(offsetSeconds);
      case TIMEZONE_HOUR -> BigDecimal.valueOf(offsetSeconds / 3600);
      case TIMEZONE_MINUTE -> BigDecimal.valueOf(offsetSeconds / 60 % 60);
      default -> dateTimeField(unit, local.toLocalDateTime(), field, DateTimeFunctions.TIMESTAMPTZ);
    };
  }

  /** {@code extract(field FROM time)}: hour, minute, second and its fractions, and {@code epoch}. */
  public static BigDecimal extract(String field, LocalTime value) {
    DateTimeUnit unit = unit(field, TIME, false);
    if (unit == DateTimeUnit.EPOCH) {
      return BigDecimal.valueOf(value.toNanoOfDay() / 1000, 6);
    }
    BigDecimal result = timeField(unit, value.getHour(), value.getMinute(), value.getSecond(),
        value.getNano() / 1000);
    if (result == null) {
      throw DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), TIME);
    }
    return result;
  }

  /**
   * {@code extract(field FROM interval)}: the fields as the interval holds them (hours may
   * exceed 23, {@code month} is months modulo 12); {@code epoch} counts a year as 365.25
   * days and a month as 30.
   */
  public static BigDecimal extract(String field, Interval value) {
    DateTimeUnit unit = unit(field, DateTimeFunctions.INTERVAL, false);
    int years = value.months() / 12;
    int months = value.months() % 12;
    long micros = value.micros();
    BigDecimal timeResult = timeField(unit, micros / 3_600_000_000L, micros / 60_000_000 % 60,
        micros / 1_000_000 % 60, micros % 1_000_000);
    if (timeResult != null) {
      return timeResult;
    }
    return switch (unit) {
      case DAY -> BigDecimal.valueOf(value.days());
      case MONTH -> BigDecimal.valueOf(months);
      case QUARTER -> BigDecimal.valueOf(months / 3 + 1);
      case YEAR -> BigDecimal.valueOf(years);
      case DECADE -> BigDecimal.valueOf(years / 10);
      case CENTURY -> BigDecimal.valueOf(years / 100);
      case MILLENNIUM -> BigDecimal.valueOf(years / 1000);
      case EPOCH -> {
        // Whole seconds of 365.25-day years, 30-day months and days, computed in quarters of a day.
        long quarterDays = 1461L * years + 120L * months + 4L * value.days();
        yield BigDecimal.valueOf(quarterDays * 21_600 * 1_000_000 + micros, 6);
      }
      default -> throw DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), DateTimeFunctions.INTERVAL);
    };
  }

  /**
   * The unit named by {@code field}, or the error PostgreSQL raises. Reserved words other
   * than {@code epoch} are "not supported" for dates and timestamps but "not recognized"
   * for times and intervals, as in PostgreSQL.
   */
  private static DateTimeUnit unit(String field, String typeName, boolean otherReservedKnown) {
    String name = DateTimeUnit.normalize(field);
    DateTimeUnit unit = DateTimeUnit.extractUnit(name);
    if (unit == null || (unit == DateTimeUnit.OTHER_RESERVED && !otherReservedKnown)) {
      throw DateTimeErrors.unitNotRecognized(name, typeName);
    }
    if (unit == DateTimeUnit.OTHER_RESERVED) {
      throw DateTimeErrors.unitNotSupported(name, typeName);
    }
    return unit;
  }

  private static BigDecimal dateTimeField(DateTimeUnit unit, LocalDateTime value, String field, String typeName) {
    BigDecimal time = timeField(unit, value.getHour(), value.getMinute(), value.getSecond(),
        value.get(ChronoField.MICRO_OF_SECOND));
    if (time != null) {
      return time;
    }
    Long date = dateField(unit, value.toLocalDate());
    if (date == null) {
      throw DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), typeName);
    }
    return BigDecimal.valueOf(date);
  }

  /** A time-of-day field, or null when {@code unit} is not one. */
  private static BigDecimal timeField(DateTimeUnit unit, long hour, long minute, long second, long micros) {
    long secondMicros = second * 1_000_000 + micros;
    return switch (unit) {
      case MICROSECOND -> BigDecimal.valueOf(secondMicros);
      case MILLISECOND -> BigDecimal.valueOf(secondMicros, 3);
      case SECOND -> BigDecimal.valueOf(secondMicros, 6);
      case MINUTE -> BigDecimal.valueOf(minute);
      case HOUR -> BigDecimal.valueOf(hour);
      default -> null;
    };
  }

  /** A calendar field with PostgreSQL's numbering of years before 1 AD, or null when {@code unit} is not one. */
  private static Long dateField(DateTimeUnit unit, LocalDate date) {
    long year = date.getYear();
    return switch (unit) {
      case DAY -> (long) date.getDayOfMonth();
      case MONTH -> (long) date.getMonthValue();
      case QUARTER -> (long) (date.getMonthValue() - 1) / 3 + 1;
      case WEEK -> (long) date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case YEAR -> year > 0 ? year : year - 1;
      case DECADE -> year >= 0 ? year / 10 : -((8 - (year - 1)) / 10);
      case CENTURY -> year > 0 ? (year + 99) / 100 : -((99 - (year - 1)) / 100);
      case MILLENNIUM -> year > 0 ? (year + 999) / 1000 : -((999 - (year - 1)) / 1000);
      case ISOYEAR -> {
        long isoYear = date.get(IsoFields.WEEK_BASED_YEAR);
        yield isoYear > 0 ? isoYear : isoYear - 1;
      }
      case DOW -> (long) date.getDayOfWeek().getValue() % 7;
      case ISODOW -> (long) date.getDayOfWeek().getValue();
      case DOY -> (long) date.getDayOfYear();
      default -> null;
    };
  }
}
