package io.quorate.sql.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of interval values as PostgreSQL 16 reads and prints them with
 * {@code IntervalStyle = 'postgres'}: {@code 1 year 2 mons 3 days 04:05:06.5}. Input also
 * takes unit abbreviations, fractional units (spilled down as PostgreSQL spills them),
 * signed {@code hh:mm:ss}, {@code ago}, {@code @}, SQL year-month {@code 1-2} and ISO 8601
 * designators ({@code P1Y2M3DT4H5M6S}). Stateless.
 */
public final class IntervalText {

  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
  private static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
  private static final String TYPE_NAME = "interval";
  private static final java.util.regex.Pattern SIGNED_DECIMAL =
      java.util.regex.Pattern.compile("[+-]?\\d*(\\.\\d*)?");

  /** Fields already given, to reject a unit given twice ('1 day 2 days') as PostgreSQL does. */
  private static final int TIME_FIELDS = 1 << DateTimeUnit.MICROSECOND.ordinal()
      | 1 << DateTimeUnit.MILLISECOND.ordinal() | 1 << DateTimeUnit.SECOND.ordinal()
      | 1 << DateTimeUnit.MINUTE.ordinal() | 1 << DateTimeUnit.HOUR.ordinal();

  private IntervalText() {
  }

  private enum TokenType { NUMBER, DATE, TIME, SIGNED, WORD }

  private record Token(TokenType type, String text) {
  }

  /** Reads an interval; bad input throws 22007, a field too large 22008 (PostgreSQL: 22015). */
  public static Interval parseInterval(String text) {
    String trimmed = text.strip();
    IntervalFields fields = new IntervalFields();
    try {
      boolean ok = trimmed.length() > 1 && trimmed.charAt(0) == 'P'
          ? IsoIntervalText.decode(trimmed.substring(1), fields)
          : decode(tokenize(trimmed), fields);
      if (!ok) {
        throw DateTimeErrors.invalidSyntax(TYPE_NAME, text);
      }
    } catch (ArithmeticException | NumberFormatException overflow) {
      throw DateTimeErrors.intervalFieldOutOfRange(text);
    }
    if (fields.days != (int) fields.days) {
      throw DateTimeErrors.intervalFieldOutOfRange(text);
    }
    return fields.toInterval();
  }

  /** Splits the text into fields as PostgreSQL's date/time tokenizer does; null when it cannot. */
  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || (isPunctuation(c) && c != '.' && c != '+' && c != '-' && c != '@')) {
        i++;
        continue;
      }
      int start = i;
      TokenType type;
      if (isDigit(c) || c == '.') {
        i = scanNumber(text, i);
        type = i < 0 ? null : numberType(text.substring(start, i));
      } else if (Character.isLetter(c) || c == '@') {
        i = skipLetters(text, i + 1);
        type = TokenType.WORD;
      } else if (c == '+' || c == '-') {
        i = skipWhitespace(text, i + 1);
        if (i < text.length() && isDigit(text.charAt(i))) {
          i = skipWhile(text, i, ch -> isDigit(ch) || ch == ':' || ch == '.' || ch == '-');
          type = TokenType.SIGNED;
        } else if (i < text.length() && Character.isLetter(text.charAt(i))) {
          i = skipLetters(text, i);
          type = TokenType.WORD;
        } else {
          type = null;
        }
      } else {
        type = null;
      }
      if (type == null) {
        return null;
      }
      tokens.add(new Token(type, text.substring(start, i).replaceAll("\\s", "").toLowerCase(Locale.ROOT)));
    }
    return tokens;
  }

  /**
   * The end of a field that starts with a digit or point: {@code 12}, {@code 1.5},
   * {@code 10:00:00.5}, {@code 1-2}; -1 for a date with a month name, never an interval.
   */
  private static int scanNumber(String text, int from) {
    if (text.charAt(from) == '.') {
      return skipWhile(text, from + 1, IntervalText::isDigit);
    }
    int i = skipWhile(text, from, IntervalText::isDigit);
    if (i < text.length() && text.charAt(i) == ':') {
      return skipWhile(text, i, ch -> isDigit(ch) || ch == ':' || ch == '.');
    }
    if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '/' || text.charAt(i) == '.')) {
      char delimiter = text.charAt(i);
      i = skipWhile(text, i + 1, ch -> isDigit(ch) || ch == delimiter);
      if (i < text.length() && Character.isLetter(text.charAt(i))) {
        return -1;
      }
    }
    return i;
  }

  private static TokenType numberType(String field) {
    if (field.indexOf(':') >= 0) {
      return TokenType.TIME;
    }
    return field.indexOf('-') >= 0 || field.indexOf('/') >= 0 || field.indexOf('.') != field.lastIndexOf('.')
        ? TokenType.DATE
        : TokenType.NUMBER;
  }

  /**
   * Folds the fields into {@code fields}, reading right to left so that a unit is seen
   * before its number, as PostgreSQL's DecodeInterval does. False on bad syntax.
   */
  private static boolean decode(List<Token> tokens, IntervalFields fields) {
    if (tokens == null) {
      return false;
    }
    Decoder decoder = new Decoder(fields);
    for (int i = tokens.size() - 1; i >= 0; i--) {
      Token token = tokens.get(i);
      boolean ok;
      if (token.type == TokenType.TIME || (token.type == TokenType.SIGNED && token.text.indexOf(':') > 0)) {
        ok = decoder.time(token.text);
      } else if (token.type == TokenType.WORD) {
        ok = decoder.word(token.text, i == tokens.size() - 1);
      } else {
        ok = decoder.number(token.text);
      }
      if (!ok) {
        return false;
      }
    }
    return decoder.finish();
  }

  /** The state of one right-to-left pass over an interval's fields. */
  private static final class Decoder {
    private final IntervalFields fields;
    /** The unit the next number (to the left) is in; null before any unit is seen. */
    private DateTimeUnit unit;
    private boolean unitPending;
    private boolean ago;
    private int seen;

    Decoder(IntervalFields fields) {
      this.fields = fields;
    }

    boolean time(String text) {
      boolean signed = text.charAt(0) == '-' || text.charAt(0) == '+';
      Long micros = timeMicros(signed ? text.substring(1) : text);
      if (micros == null) {
        return false;
      }
      fields.micros = Math.addExact(fields.micros, text.charAt(0) == '-' ? -micros : micros);
      unit = DateTimeUnit.DAY; // '1 10:00' is a day and a time
      unitPending = false;
      return given(TIME_FIELDS);
    }

    boolean word(String text, boolean last) {
      if (unitPending) {
        return false;
      }
      if (text.equals("@")) {
        return true;
      }
      if (text.equals("ago")) {
        ago = true;
        unit = null;
        return last;
      }
      unit = DateTimeUnit.truncUnit(text);
      unitPending = true;
      return unit != null && unit.ordinal() <= DateTimeUnit.MILLENNIUM.ordinal();
    }

    boolean number(String text) {
      if (unit == null && ago) {
        return false; // a bare number just before "ago"
      }
      DateTimeUnit numberUnit = unit == null ? DateTimeUnit.SECOND : unit;
      int dash = text.indexOf('-', 1);
      int bits;
      if (dash > 0) {
        if (!yearMonth(text, dash, fields)) {
          return false;
        }
        numberUnit = DateTimeUnit.MONTH;
        bits = 1 << DateTimeUnit.MONTH.ordinal();
      } else {
        bits = addNumber(text, numberUnit, fields);
        if (bits < 0) {
          return false;
        }
      }
      unit = numberUnit == DateTimeUnit.HOUR ? DateTimeUnit.DAY : numberUnit;
      unitPending = false;
      return given(bits);
    }

    /** Records the fields given; false when one was given before ('1 day 2 days'). */
    private boolean given(int bits) {
      boolean fresh = (bits & seen) == 0;
      seen |= bits;
      return fresh;
    }

    boolean finish() {
      if (seen == 0 || unitPending) {
        return false;
      }
      if (ago) {
        fields.negate();
      }
      return true;
    }
  }

  /** Adds one number in {@code unit}; returns the field bit it sets, or -1 on bad syntax. */
  private static int addNumber(String text, DateTimeUnit unit, IntervalFields fields) {
    if (!SIGNED_DECIMAL.matcher(text).matches()) {
      return -1;
    }
    int point = text.indexOf('.');
    String whole = point < 0 ? text : text.substring(0, point);
    long value = whole.isEmpty() || whole.equals("-") || whole.equals("+") ? 0 : Long.parseLong(whole);
    double fraction = 0;
    if (point >= 0) {
      String digits = text.substring(point + 1);
      if (!digits.chars().allMatch(IntervalText::isDigit)) {
        return -1;
      }
      fraction = digits.isEmpty() ? 0 : Double.parseDouble("0." + digits);
      if (text.charAt(0) == '-') {
        fraction = -fraction;
      }
    }
    switch (unit) {
      case MICROSECOND -> fields.addMicros(value, fraction, 1);
      case MILLISECOND -> fields.addMicros(value, fraction, 1000);
      case SECOND -> fields.addMicros(value, fraction, MICROS_PER_SECOND);
      case MINUTE -> fields.addMicros(value, fraction, MICROS_PER_MINUTE);
      case HOUR -> fields.addMicros(value, fraction, MICROS_PER_HOUR);
      case DAY -> {
        fields.days = Math.addExact(fields.days, value);
        fields.addFractionMicros(fraction, Interval.MICROS_PER_DAY);
      }
      case WEEK -> {
        fields.days = Math.addExact(fields.days, Math.multiplyExact(value, 7));
        fields.addFractionDays(fraction, 7);
      }
      case MONTH -> {
        fields.months = Math.addExact(fields.months, value);
        fields.addFractionDays(fraction, 30);
      }
      case YEAR -> fields.addYears(value, fraction, 1);
      case DECADE -> fields.addYears(value, fraction, 10);
      case CENTURY -> fields.addYears(value, fraction, 100);
      case MILLENNIUM -> fields.addYears(value, fraction, 1000);
      default -> {
        return -1;
      }
    }
    // Seconds with a fraction also count as milliseconds and microseconds given.
    if (unit == DateTimeUnit.SECOND && fraction != 0) {
      return 1 << unit.ordinal() | 1 << DateTimeUnit.MILLISECOND.ordinal() | 1 << DateTimeUnit.MICROSECOND.ordinal();
    }
    return 1 << unit.ordinal();
  }

  /** SQL {@code years-months}, e.g. {@code 1-2} or {@code -1-2} (both parts negative). */
  private static boolean yearMonth(String text, int dash, IntervalFields fields) {
    String monthDigits = text.substring(dash + 1);
    if (monthDigits.isEmpty() || !monthDigits.chars().allMatch(IntervalText::isDigit)) {
      return false;
    }
    long years = Long.parseLong(text.substring(0, dash));
    long months = Long.parseLong(monthDigits);
    if (months >= 12) {
      throw new ArithmeticException("month of year-month out of range");
    }
    fields.months = Math.addExact(fields.months,
        Math.addExact(Math.multiplyExact(years, 12), text.charAt(0) == '-' ? -months : months));
    return true;
  }

  /** {@code hh:mm}, {@code hh:mm:ss[.f]} or {@code mm:ss.f} as microseconds; null when malformed. */
  private static Long timeMicros(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    String last = parts[parts.length - 1];
    int point = last.indexOf('.');
    String fraction = point < 0 ? "" : last.substring(point + 1);
    String[] whole = parts.clone();
    whole[parts.length - 1] = point < 0 ? last : last.substring(0, point);
    for (String part : whole) {
      if (part.isEmpty() || !part.chars().allMatch(IntervalText::isDigit)) {
        return null;
      }
    }
    if (!fraction.chars().allMatch(IntervalText::isDigit)) {
      return null;
    }
    long hours = Long.parseLong(whole[0]);
    long minutes = Long.parseLong(whole[1]);
    long seconds = parts.length == 3 ? Long.parseLong(whole[2]) : 0;
    if (parts.length == 2 && point >= 0) {
      seconds = minutes; // mm:ss.fff
      minutes = hours;
      hours = 0;
    }
    long micros = Math.round(Math.rint(Double.parseDouble("0." + fraction + "0") * MICROS_PER_SECOND));
    if (minutes > 59 || seconds > 60) {
      throw new ArithmeticException("time field out of range");
    }
    return Math.addExact(Math.multiplyExact(hours, MICROS_PER_HOUR),
        minutes * MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND + micros);
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static int skipWhile(String text, int from, java.util.function.IntPredicate accept) {
    int i = from;
    while (i < text.length() && accept.test(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipLetters(String text, int from) {
    return skipWhile(text, from, Character::isLetter);
  }

  private static int skipWhitespace(String text, int from) {
    return skipWhile(text, from, Character::isWhitespace);
  }

  private static boolean isPunctuation(char c) {
    return c < 128 && !Character.isLetterOrDigit(c) && c > ' ';
  }

  /** PostgreSQL's postgres-style output, e.g. {@code 1 year 2 mons -3 days +04:05:06.5}. */
  public static String formatInterval(Interval value) {
    StringBuilder out = new StringBuilder(40);
    boolean[] state = {true, false}; // {nothing printed yet, previous field negative}
    appendPart(out, value.months() / 12, "year", state);
    appendPart(out, value.months() % 12, "mon", state);
    appendPart(out, value.days(), "day", state);
    long micros = value.micros();
    if (state[0] || micros != 0) {
      boolean negative = micros < 0;
      long abs = Math.abs(micros); // an Interval's micros never reach Long.MIN_VALUE through SQL
      if (!state[0]) {
        out.append(' ');
      }
      out.append(negative ? "-" : (state[1] ? "+" : ""));
      TimeZones.appendTwoDigits(out, abs / MICROS_PER_HOUR);
      TimeZones.appendTwoDigits(out.append(':'), abs % MICROS_PER_HOUR / MICROS_PER_MINUTE);
      DateTimeText.appendSeconds(out.append(':'), abs % MICROS_PER_MINUTE / MICROS_PER_SECOND,
          abs % MICROS_PER_SECOND);
    }
    return out.toString();
  }

  private static void appendPart(StringBuilder out, long value, String unit, boolean[] state) {
    if (value == 0) {
      return;
    }
    if (!state[0]) {
      out.append(' ');
    }
    if (state[1] && value > 0) {
      out.append('+');
    }
    out.append(value).append(' ').append(unit).append(value != 1 ? "s" : "");
    state[0] = false;
    state[1] = value < 0;
  }

}
