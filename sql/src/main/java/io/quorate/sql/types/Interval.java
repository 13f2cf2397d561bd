package io.quorate.sql.types;

/**
 * An interval value as PostgreSQL keeps it: months, days and microseconds, each signed,
 * never normalized into each other except by the justify functions (a month is not a
 * fixed number of days, a day is not always 24 hours across time-zone changes).
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {

  public static final Interval ZERO = new Interval(0, 0, 0);
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  /** Comparison as PostgreSQL orders intervals: months as 30 days, days as 24 hours. */
  @Override
  public int compareTo(Interval other) {
    return Long.compare(totalMicros(), other.totalMicros());
  }

  /** The interval's length with a month counted as 30 days and a day as 24 hours. */
  public long totalMicros() {
    return (months * 30L + days) * MICROS_PER_DAY + micros;
  }

  /** Intervals are equal when they compare equal, as in PostgreSQL ('1 day' = '24 hours'). */
  @Override
  public boolean equals(Object other) {
    return other instanceof Interval that && totalMicros() == that.totalMicros();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(totalMicros());
  }
}
