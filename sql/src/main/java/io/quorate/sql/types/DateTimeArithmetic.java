package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The date/time operators of PostgreSQL 16: {@code date + integer}, {@code date - date},
 * timestamp and timestamptz plus or minus an interval, timestamp differences, interval
 * sums, products and quotients, and the justify functions. Results out of PostgreSQL's
 * range throw {@link SqlException} 22008 ({@code timestamp out of range}, ...). Stateless.
 */
public final class DateTimeArithmetic {

  private static final int DAYS_PER_MONTH = 30;
  private static final long SECONDS_PER_DAY = 86_400;
  private static final long MICROS_PER_SECOND = 1_000_000;
  /** The first instant after PostgreSQL's timestamp range, 294277-01-01 00:00. */
  private static final LocalDateTime TIMESTAMP_END = LocalDateTime.of(DateTimeText.MAX_TIMESTAMP_YEAR + 1, 1, 1, 0, 0);
  private static final LocalDate DATE_END = LocalDate.of(DateTimeText.MAX_DATE_YEAR + 1, 1, 1);

  private DateTimeArithmetic() {
  }

  /** {@code date + integer}. */
  public static LocalDate plusDays(LocalDate date, long days) {
    LocalDate result;
    try {
      result = date.plusDays(days);
    } catch (DateTimeException | ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("date");
    }
    if (result.isBefore(DateTimeText.MIN_DATE) || !result.isBefore(DATE_END)) {
      throw DateTimeErrors.outOfRange("date");
    }
    return result;
  }

  /** {@code date - integer}. */
  public static LocalDate minusDays(LocalDate date, long days) {
    return days == Long.MIN_VALUE ? plusDays(plusDays(date, Long.MAX_VALUE), 1) : plusDays(date, -days);
  }

  /** {@code date - date}: the number of days from {@code b} to {@code a}. */
  public static int daysBetween(LocalDate a, LocalDate b) {
    return Math.toIntExact(ChronoUnit.DAYS.between(b, a));
  }

  /** {@code date + interval}: the date as midnight, plus the interval. */
  public static LocalDateTime plus(LocalDate date, Interval interval) {
    return plus(date.atStartOfDay(), interval);
  }

  /** {@code date - interval}. */
  public static LocalDateTime minus(LocalDate date, Interval interval) {
    return plus(date.atStartOfDay(), negate(interval));
  }

  /**
   * {@code timestamp + interval}: months first (a day past the new month's end becomes its
   * last day, so Jan 31 + 1 mon is Feb 29 in 2024), then days, then microseconds.
   */
  public static LocalDateTime plus(LocalDateTime value, Interval interval) {
    try {
      return checkTimestamp(value.plusMonths(interval.months()).plusDays(interval.days())
          .plus(interval.micros(), ChronoUnit.MICROS));
    } catch (DateTimeException | ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("timestamp");
    }
  }

  /** {@code timestamp - interval}. */
  public static LocalDateTime minus(LocalDateTime value, Interval interval) {
    return plus(value, negate(interval));
  }

  /**
   * {@code timestamptz + interval} in the session {@code zone}: months and days move the
   * local time in the zone (so a day across a daylight-saving change is 23 or 25 hours),
   * microseconds move the instant.
   */
  public static Instant plus(Instant value, Interval interval, ZoneId zone) {
    try {
      Instant result = value;
      if (interval.months() != 0) {
        result = TimeZones.resolve(result.atZone(zone).toLocalDateTime().plusMonths(interval.months()), zone);
      }
      if (interval.days() != 0) {
        result = TimeZones.resolve(result.atZone(zone).toLocalDateTime().plusDays(interval.days()), zone);
      }
      result = result.plus(interval.micros(), ChronoUnit.MICROS);
      checkTimestamp(result.atZone(java.time.ZoneOffset.UTC).toLocalDateTime());
      return result;
    } catch (DateTimeException | ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("timestamp");
    }
  }

  /** {@code timestamptz - interval} in the session {@code zone}. */
  public static Instant minus(Instant value, Interval interval, ZoneId zone) {
    return plus(value, negate(interval), zone);
  }

  /** {@code timestamp - timestamp}: days and time, never months ({@code 1 day 02:00:00}). */
  public static Interval minus(LocalDateTime a, LocalDateTime b) {
    return justifyHours(new Interval(0, 0, microsBetween(b, a)));
  }

  /** {@code timestamptz - timestamptz}: days of 24 hours and time. */
  public static Interval minus(Instant a, Instant b) {
    return justifyHours(new Interval(0, 0, microsBetween(b, a)));
  }

  /** {@code time + interval}: only the interval's time counts, wrapping around midnight. */
  public static LocalTime plus(LocalTime time, Interval interval) {
    long micros = Math.floorMod(time.toNanoOfDay() / 1000 + interval.micros() % Interval.MICROS_PER_DAY,
        Interval.MICROS_PER_DAY);
    return LocalTime.ofNanoOfDay(micros * 1000);
  }

  /** {@code time - time}: an interval of microseconds only. */
  public static Interval minus(LocalTime a, LocalTime b) {
    return new Interval(0, 0, (a.toNanoOfDay() - b.toNanoOfDay()) / 1000);
  }

  public static Interval plus(Interval a, Interval b) {
    try {
      return new Interval(Math.addExact(a.months(), b.months()), Math.addExact(a.days(), b.days()),
          Math.addExact(a.micros(), b.micros()));
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  public static Interval minus(Interval a, Interval b) {
    try {
      return new Interval(Math.subtractExact(a.months(), b.months()), Math.subtractExact(a.days(), b.days()),
          Math.subtractExact(a.micros(), b.micros()));
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  /** Unary minus; {@code interval out of range} when a field is its type's minimum. */
  public static Interval negate(Interval value) {
    try {
      return new Interval(Math.negateExact(value.months()), Math.negateExact(value.days()),
          Math.negateExact(value.micros()));
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  /**
   * {@code interval * double}: each field is multiplied; fractions of a month cascade into
   * days at 30 days a month and fractions of a day into time at 24 hours a day, never up.
   */
  public static Interval multiply(Interval value, double factor) {
    double months = value.months() * factor;
    double days = value.days() * factor;
    return spill(months, days, value.micros() * factor);
  }

  /** {@code interval / double}, with the same cascade as {@link #multiply}; 22012 for zero. */
  public static Interval divide(Interval value, double divisor) {
    if (divisor == 0.0) {
      throw SqlException.divisionByZero();
    }
    return spill(value.months() / divisor, value.days() / divisor, value.micros() / divisor);
  }

  private static Interval spill(double months, double days, double micros) {
    if (!fitsInt(months) || !fitsInt(days)) {
      throw DateTimeErrors.outOfRange("interval");
    }
    int resultMonths = (int) months;
    int resultDays = (int) days;
    double monthRemainderDays = roundToMicros((months - resultMonths) * DAYS_PER_MONTH);
    double secondRemainder = roundToMicros(
        (days - resultDays + monthRemainderDays - (int) monthRemainderDays) * SECONDS_PER_DAY);
    try {
      if (Math.abs(secondRemainder) >= SECONDS_PER_DAY) {
        int wholeDays = (int) (secondRemainder / SECONDS_PER_DAY);
        resultDays = Math.addExact(resultDays, wholeDays);
        secondRemainder -= (double) wholeDays * SECONDS_PER_DAY;
      }
      resultDays = Math.addExact(resultDays, (int) monthRemainderDays);
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
    double resultMicros = Math.rint(micros + secondRemainder * MICROS_PER_SECOND);
    if (Double.isNaN(resultMicros) || resultMicros < -0x1p63 || resultMicros >= 0x1p63) {
      throw DateTimeErrors.outOfRange("interval");
    }
    return new Interval(resultMonths, resultDays, (long) resultMicros);
  }

  private static boolean fitsInt(double value) {
    return !Double.isNaN(value) && value >= -0x1p31 && value < 0x1p31;
  }

  /** PostgreSQL's TSROUND: rounds to six decimal places to hide binary floating-point noise. */
  private static double roundToMicros(double value) {
    return Math.rint(value * 1_000_000.0) / 1_000_000.0;
  }

  /** {@code justify_days}: 30-day periods become months, signs made to agree. */
  public static Interval justifyDays(Interval value) {
    int wholeMonths = value.days() / DAYS_PER_MONTH;
    int days = value.days() - wholeMonths * DAYS_PER_MONTH;
    int months = addMonths(value.months(), wholeMonths);
    if (months > 0 && days < 0) {
      days += DAYS_PER_MONTH;
      months--;
    } else if (months < 0 && days > 0) {
      days -= DAYS_PER_MONTH;
      months++;
    }
    return new Interval(months, days, value.micros());
  }

  /** {@code justify_hours}: 24-hour periods become days, signs made to agree. */
  public static Interval justifyHours(Interval value) {
    long wholeDays = value.micros() / Interval.MICROS_PER_DAY;
    long micros = value.micros() - wholeDays * Interval.MICROS_PER_DAY;
    int days = addDays(value.days(), wholeDays);
    if (days > 0 && micros < 0) {
      micros += Interval.MICROS_PER_DAY;
      days--;
    } else if (days < 0 && micros > 0) {
      micros -= Interval.MICROS_PER_DAY;
      days++;
    }
    return new Interval(value.months(), days, micros);
  }

  /** {@code justify_interval}: both justifications, with all signs made to agree. */
  public static Interval justifyInterval(Interval value) {
    int months = value.months();
    int days = value.days();
    long micros = value.micros();
    if ((days > 0 && micros > 0) || (days < 0 && micros < 0)) {
      int wholeMonths = days / DAYS_PER_MONTH;
      days -= wholeMonths * DAYS_PER_MONTH;
      months = addMonths(months, wholeMonths);
    }
    long wholeDays = micros / Interval.MICROS_PER_DAY;
    micros -= wholeDays * Interval.MICROS_PER_DAY;
    days = addDays(days, wholeDays);
    int wholeMonths = days / DAYS_PER_MONTH;
    days -= wholeMonths * DAYS_PER_MONTH;
    months = addMonths(months, wholeMonths);
    if (months > 0 && (days < 0 || (days == 0 && micros < 0))) {
      days += DAYS_PER_MONTH;
      months--;
    } else if (months < 0 && (days > 0 || (days == 0 && micros > 0))) {
      days -= DAYS_PER_MONTH;
      months++;
    }
    if (days > 0 && micros < 0) {
      micros += Interval.MICROS_PER_DAY;
      days--;
    } else if (days < 0 && micros > 0) {
      micros -= Interval.MICROS_PER_DAY;
      days++;
    }
    return new Interval(months, days, micros);
  }

  private static int addMonths(int months, int more) {
    try {
      return Math.addExact(months, more);
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  private static int addDays(int days, long more) {
    long sum = days + more;
    if (sum != (int) sum) {
      throw DateTimeErrors.outOfRange("interval");
    }
    return (int) sum;
  }

  static long microsBetween(LocalDateTime from, LocalDateTime to) {
    try {
      return ChronoUnit.MICROS.between(from, to);
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  static long microsBetween(Instant from, Instant to) {
    try {
      return ChronoUnit.MICROS.between(from, to);
    } catch (ArithmeticException overflow) {
      throw DateTimeErrors.outOfRange("interval");
    }
  }

  /** The value itself when PostgreSQL's timestamp can hold it, else 22008 {@code timestamp out of range}. */
  static LocalDateTime checkTimestamp(LocalDateTime value) {
    if (value.toLocalDate().isBefore(DateTimeText.MIN_DATE) || !value.isBefore(TIMESTAMP_END)) {
      throw DateTimeErrors.outOfRange("timestamp");
    }
    return value;
  }
}
