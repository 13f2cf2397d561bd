package io.quorate.sql.types;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ISO 8601 interval input in the format with designators, {@code P1Y2M3DT4H5M6.5S}, read
 * with PostgreSQL's rules (any field may have a fraction, which spills down; a week field
 * may stand beside the others). The alternative format {@code P0001-02-03T04:05:06} is
 * not read.
 */
final class IsoIntervalText {

  private static final Pattern FIELD = Pattern.compile("(-?(?:\\d+\\.?\\d*|\\.\\d+))([A-Z])");

  private IsoIntervalText() {
  }

  /** Adds the fields of {@code text} (the part after {@code P}) to {@code fields}; false on bad syntax. */
  static boolean decode(String text, IntervalFields fields) {
    boolean datePart = true;
    int i = 0;
    Matcher match = FIELD.matcher(text);
    while (i < text.length()) {
      if (text.charAt(i) == 'T' && datePart) {
        datePart = false;
        i++;
        continue;
      }
      if (!match.find(i) || match.start() != i) {
        return false;
      }
      double number = Double.parseDouble(match.group(1));
      if (Math.abs(number) > 1.0e15) {
        throw new ArithmeticException("ISO 8601 field out of range");
      }
      long whole = (long) number; // truncates toward zero
      double fraction = number - whole;
      if (!add(fields, datePart, match.group(2).charAt(0), whole, fraction)) {
        return false;
      }
      i = match.end();
    }
    return true;
  }

  private static boolean add(IntervalFields fields, boolean datePart, char designator, long whole,
      double fraction) {
    if (datePart) {
      switch (designator) {
        case 'Y' -> fields.addYears(whole, fraction, 1);
        case 'M' -> {
          fields.months = Math.addExact(fields.months, whole);
          fields.addFractionDays(fraction, 30);
        }
        case 'W' -> {
          fields.days = Math.addExact(fields.days, Math.multiplyExact(whole, 7));
          fields.addFractionDays(fraction, 7);
        }
        case 'D' -> {
          fields.days = Math.addExact(fields.days, whole);
          fields.addFractionMicros(fraction, Interval.MICROS_PER_DAY);
        }
        default -> {
          return false;
        }
      }
      return true;
    }
    switch (designator) {
      case 'H' -> fields.addMicros(whole, fraction, 3_600_000_000L);
      case 'M' -> fields.addMicros(whole, fraction, 60_000_000L);
      case 'S' -> fields.addMicros(whole, fraction, 1_000_000L);
      default -> {
        return false;
      }
    }
    return true;
  }
}
