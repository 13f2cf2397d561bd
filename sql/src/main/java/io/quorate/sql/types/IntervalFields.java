package io.quorate.sql.types;

/**
 * The fields an interval literal names while it is read, before they are folded into
 * months, days and micros; the fraction rules are PostgreSQL's (AdjustFract* in datetime.c).
 * Arithmetic overflow throws {@link ArithmeticException}, which the reader reports.
 */
final class IntervalFields {
  long years;
  long months;
  long days;
  long micros;

  void addMicros(long value, double fraction, long scale) {
    micros = Math.addExact(micros, Math.multiplyExact(value, scale));
    addFractionMicros(fraction, scale);
  }

  void addFractionMicros(double fraction, long scale) {
    if (fraction == 0) {
      return;
    }
    double scaled = fraction * scale;
    long whole = (long) scaled;
    double rest = scaled - whole;
    if (rest > 0.5) {
      whole++;
    } else if (rest < -0.5) {
      whole--;
    }
    micros = Math.addExact(micros, whole);
  }

  void addFractionDays(double fraction, int scale) {
    if (fraction == 0) {
      return;
    }
    double scaled = fraction * scale;
    int whole = (int) scaled;
    days = Math.addExact(days, whole);
    addFractionMicros(scaled - whole, Interval.MICROS_PER_DAY);
  }

  void addYears(long value, double fraction, int scale) {
    years = Math.addExact(years, Math.multiplyExact(value, scale));
    months = Math.addExact(months, (long) Math.rint(fraction * scale * 12));
  }

  void negate() {
    years = -years;
    months = -months;
    days = -days;
    micros = Math.negateExact(micros);
  }

  Interval toInterval() {
    long totalMonths = Math.addExact(Math.multiplyExact(years, 12), months);
    if (totalMonths != (int) totalMonths || days != (int) days) {
      throw DateTimeErrors.outOfRange("interval");
    }
    return new Interval((int) totalMonths, (int) days, micros);
  }
}
