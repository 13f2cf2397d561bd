package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAdjusters;

/**
 * PostgreSQL 16's {@code date_trunc} and {@code age}. Field names are matched as
 * PostgreSQL matches them (case-insensitive, abbreviations, first ten characters); an
 * unknown one throws 22023 {@code unit "x" not recognized for type ...}, a known one the
 * type has no use for 0A000 {@code unit "x" not supported for type ...}. Stateless.
 */
public final class DateTimeFunctions {

  static final String TIMESTAMP = "timestamp without time zone";
  static final String TIMESTAMPTZ = "timestamp with time zone";
  static final String INTERVAL = "interval";

  private DateTimeFunctions() {
  }

  /** {@code date_trunc(field, timestamp)}: {@code week} truncates to the ISO week's Monday. */
  public static LocalDateTime dateTrunc(String field, LocalDateTime value) {
    return truncate(truncUnit(field, TIMESTAMP), value, field, TIMESTAMP);
  }

  /**
   * {@code date_trunc(field, timestamptz)} with the session {@code zone}: truncates the
   * local time in the zone. From day upwards the result is that local midnight in the
   * zone; below a day it keeps the value's offset, as PostgreSQL does.
   */
  public static Instant dateTrunc(String field, Instant value, ZoneId zone) {
    DateTimeUnit unit = truncUnit(field, TIMESTAMPTZ);
    ZonedDateTime local = value.atZone(zone);
    LocalDateTime truncated = truncate(unit, local.toLocalDateTime(), field, TIMESTAMPTZ);
    return unit.ordinal() >= DateTimeUnit.DAY.ordinal()
        ? TimeZones.resolve(truncated, zone)
        : truncated.toInstant(local.getOffset());
  }

  /** {@code date_trunc(field, interval)}; {@code week} is refused as months have fractional weeks. */
  public static Interval dateTrunc(String field, Interval value) {
    DateTimeUnit unit = truncUnit(field, INTERVAL);
    int years = value.months() / 12;
    int months = value.months() % 12;
    int days = value.days();
    long micros = value.micros();
    long microsPerUnit = switch (unit) {
      case MICROSECOND -> 1;
      case MILLISECOND -> 1_000;
      case SECOND -> 1_000_000;
      case MINUTE -> 60_000_000;
      case HOUR -> 3_600_000_000L;
      default -> 0;
    };
    if (microsPerUnit > 0) {
      return new Interval(value.months(), days, micros / microsPerUnit * microsPerUnit);
    }
    switch (unit) {
      case DAY -> micros = 0;
      case MONTH -> days = 0;
      case QUARTER -> months = months / 3 * 3;
      case YEAR -> months = 0;
      case DECADE -> years = years / 10 * 10;
      case CENTURY -> years = years / 100 * 100;
      case MILLENNIUM -> years = years / 1000 * 1000;
      default -> {
        SqlException refused = DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), INTERVAL);
        throw unit == DateTimeUnit.WEEK ? refused.withDetail("Months usually have fractional weeks.") : refused;
      }
    }
    if (unit.ordinal() >= DateTimeUnit.MONTH.ordinal()) {
      days = 0;
      micros = 0;
    }
    if (unit.ordinal() >= DateTimeUnit.YEAR.ordinal()) {
      months = 0;
    }
    return new Interval(years * 12 + months, days, micros);
  }

  private static DateTimeUnit truncUnit(String field, String typeName) {
    DateTimeUnit unit = DateTimeUnit.truncUnit(DateTimeUnit.normalize(field));
    if (unit == null) {
      throw DateTimeErrors.unitNotRecognized(DateTimeUnit.normalize(field), typeName);
    }
    return unit;
  }

  private static LocalDateTime truncate(DateTimeUnit unit, LocalDateTime value, String field, String typeName) {
    LocalDate date = value.toLocalDate();
    int year = date.getYear();
    return switch (unit) {
      case MICROSECOND -> value;
      case MILLISECOND -> value.withNano(value.getNano() / 1_000_000 * 1_000_000);
      case SECOND -> value.withNano(0);
      case MINUTE -> value.withSecond(0).withNano(0);
      case HOUR -> value.withMinute(0).withSecond(0).withNano(0);
      case DAY -> date.atStartOfDay();
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
      case MONTH -> date.withDayOfMonth(1).atStartOfDay();
      case QUARTER -> LocalDate.of(year, (date.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
      case YEAR -> LocalDate.of(year, 1, 1).atStartOfDay();
      case DECADE -> LocalDate.of(year > 0 ? year / 10 * 10 : -((8 - (year - 1)) / 10) * 10, 1, 1).atStartOfDay();
      case CENTURY -> LocalDate.of(firstYearOf(year, 100), 1, 1).atStartOfDay();
      case MILLENNIUM -> LocalDate.of(firstYearOf(year, 1000), 1, 1).atStartOfDay();
      default -> throw DateTimeErrors.unitNotSupported(DateTimeUnit.normalize(field), typeName);
    };
  }

  /** The first year of the century or millennium holding {@code year}: centuries start at 1, 101, ... */
  private static int firstYearOf(int year, int span) {
    return year > 0
        ? (year + span - 1) / span * span - (span - 1)
        : -((span - 1 - (year - 1)) / span) * span + 1;
  }

  /**
   * {@code age(a, b)}: the symbolic difference in years, months, days and time, borrowing
   * a month's days from the earlier value's month as PostgreSQL's timestamp_age does
   * ({@code age('2001-04-10', '1957-06-13')} is {@code 43 years 9 mons 27 days}).
   */
  public static Interval age(LocalDateTime a, LocalDateTime b) {
    return symbolicDifference(a, b, a.isBefore(b));
  }

  /** {@code age(timestamp)}: the age of {@code value} at midnight of {@code currentDate}. */
  public static Interval age(LocalDateTime value, LocalDate currentDate) {
    return age(currentDate.atStartOfDay(), value);
  }

  /** {@code age(timestamptz, timestamptz)}: fields compared in local time of the session {@code zone}. */
  public static Interval age(Instant a, Instant b, ZoneId zone) {
    return symbolicDifference(a.atZone(zone).toLocalDateTime(), b.atZone(zone).toLocalDateTime(), a.isBefore(b));
  }

  private static Interval symbolicDifference(LocalDateTime a, LocalDateTime b, boolean aEarlier) {
    int sign = aEarlier ? -1 : 1;
    long micros = sign * (long) (a.get(ChronoField.MICRO_OF_SECOND) - b.get(ChronoField.MICRO_OF_SECOND));
    long seconds = sign * (long) (a.getSecond() - b.getSecond());
    long minutes = sign * (long) (a.getMinute() - b.getMinute());
    long hours = sign * (long) (a.getHour() - b.getHour());
    long days = sign * (long) (a.getDayOfMonth() - b.getDayOfMonth());
    long months = sign * (long) (a.getMonthValue() - b.getMonthValue());
    long years = sign * (long) (a.getYear() - b.getYear());
    // Borrow from the next larger field; a month lends the days of the earlier value's month.
    LocalDate lender = (aEarlier ? a : b).toLocalDate();
    while (micros < 0) {
      micros += 1_000_000;
      seconds--;
    }
    while (seconds < 0) {
      seconds += 60;
      minutes--;
    }
    while (minutes < 0) {
      minutes += 60;
      hours--;
    }
    while (hours < 0) {
      hours += 24;
      days--;
    }
    while (days < 0) {
      days += lender.lengthOfMonth();
      months--;
    }
    while (months < 0) {
      months += 12;
      years--;
    }
    long totalMonths = sign * (years * 12 + months);
    if (totalMonths != (int) totalMonths) {
      throw DateTimeErrors.outOfRange("interval");
    }
    long time = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros;
    return new Interval((int) totalMonths, (int) (sign * days), sign * time);
  }
}
