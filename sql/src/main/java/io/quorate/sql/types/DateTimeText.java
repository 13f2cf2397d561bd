package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of date, time, timestamp and timestamptz values, as PostgreSQL 16 reads
 * and prints them with {@code DateStyle = 'ISO, MDY'}. Input is the ISO subset of what
 * PostgreSQL reads: {@code 2024-01-31}, {@code 2024-1-5}, {@code 20240131},
 * {@code 01/31/2024}, an optional time after a space or {@code T}, and an optional time
 * zone (numeric offset, abbreviation such as {@code UTC} or IANA name). Every bad input
 * throws {@link SqlException} with PostgreSQL's SQLSTATE and wording. Stateless.
 */
public final class DateTimeText {

  /** The last year PostgreSQL's timestamp can hold (294276 AD); dates reach 5874897 AD. */
  static final int MAX_TIMESTAMP_YEAR = 294_276;
  static final int MAX_DATE_YEAR = 5_874_897;
  /** 4714-11-24 BC (proleptic), Julian day 0, is the first day PostgreSQL can hold. */
  static final LocalDate MIN_DATE = LocalDate.of(-4713, 11, 24);

  private static final String DATE =
      "(?:(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)|(?<compact>\\d{8})|(?<us>\\d{1,2})/(?<ud>\\d{1,2})/(?<uy>\\d+))";
  private static final String TIME =
      "(?<hour>\\d+):(?<minute>\\d+)(?::(?<second>\\d+))?(?<fraction>\\.\\d*)?";
  private static final String ZONE = "(?<zone>[+-]\\d+(?::\\d+(?::\\d+)?)?|[A-Za-z][A-Za-z0-9_/+\\-]*)";
  private static final Pattern VALUE = Pattern.compile(
      "(?:" + DATE + "(?=$|[Tt\\s+\\-])(?:[Tt]|\\s+)?)?(?:" + TIME + ")?\\s*" + ZONE + "?");

  private DateTimeText() {
  }

  /** Reads a date; a time and zone after it are accepted and dropped, as PostgreSQL does. */
  public static LocalDate parseDate(String text) {
    Parsed parsed = parse(text, "date", true, false);
    checkYear(parsed.date.getYear(), MAX_DATE_YEAR, "date", text);
    return parsed.date;
  }

  /** Reads a time of day: {@code 04:05}, {@code 04:05:06}, {@code 04:05:06.789}. */
  public static LocalTime parseTime(String text) {
    Parsed parsed = parse(text, "time without time zone", false, true);
    if (parsed.dayCarry != 0) {
      // 24:00:00 is a valid PostgreSQL time that java.time cannot hold.
      throw DateTimeErrors.fieldOutOfRange(text);
    }
    return parsed.time;
  }

  /** Reads a timestamp without time zone; a zone in the text is checked and ignored, as PostgreSQL does. */
  public static LocalDateTime parseTimestamp(String text) {
    Parsed parsed = parse(text, "timestamp without time zone", true, false);
    LocalDateTime value = parsed.dateTime();
    checkYear(value.getYear(), MAX_TIMESTAMP_YEAR, "timestamp", text);
    return value;
  }

  /** Reads a timestamp with time zone; without a zone in the text it is local time in {@code sessionZone}. */
  public static Instant parseTimestampTz(String text, ZoneId sessionZone) {
    Parsed parsed = parse(text, "timestamp with time zone", true, false);
    LocalDateTime local = parsed.dateTime();
    checkYear(local.getYear(), MAX_TIMESTAMP_YEAR, "timestamp", text);
    ZoneId zone = parsed.zone != null ? parsed.zone : sessionZone;
    return TimeZones.resolve(local, zone);
  }

  /** {@code 2024-01-31}; years before 1 AD print as {@code 0044-03-15 BC}. */
  public static String formatDate(LocalDate date) {
    StringBuilder out = new StringBuilder(13);
    appendDate(out, date);
    appendEra(out, date);
    return out.toString();
  }

  /** {@code 04:05:06}, or {@code 04:05:06.5}: the fraction without trailing zeros. */
  public static String formatTime(LocalTime time) {
    StringBuilder out = new StringBuilder(15);
    appendTime(out, time);
    return out.toString();
  }

  /** {@code 2024-01-31 04:05:06.123}. */
  public static String formatTimestamp(LocalDateTime value) {
    StringBuilder out = new StringBuilder(30);
    appendDate(out, value.toLocalDate());
    appendTime(out.append(' '), value.toLocalTime());
    appendEra(out, value.toLocalDate());
    return out.toString();
  }

  /** {@code 2024-01-31 04:05:06.123+01}: local time in {@code zone} and its offset then. */
  public static String formatTimestampTz(Instant value, ZoneId zone) {
    ZonedDateTime local = value.atZone(zone);
    StringBuilder out = new StringBuilder(36);
    appendDate(out, local.toLocalDate());
    appendTime(out.append(' '), local.toLocalTime());
    out.append(TimeZones.formatOffset(local.getOffset()));
    appendEra(out, local.toLocalDate());
    return out.toString();
  }

  static void appendDate(StringBuilder out, LocalDate date) {
    int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
    String digits = Integer.toString(year);
    out.append("0".repeat(Math.max(0, 4 - digits.length()))).append(digits).append('-');
    TimeZones.appendTwoDigits(out, date.getMonthValue());
    TimeZones.appendTwoDigits(out.append('-'), date.getDayOfMonth());
  }

  private static void appendEra(StringBuilder out, LocalDate date) {
    if (date.getYear() <= 0) {
      out.append(" BC");
    }
  }

  static void appendTime(StringBuilder out, LocalTime time) {
    TimeZones.appendTwoDigits(out, time.getHour());
    TimeZones.appendTwoDigits(out.append(':'), time.getMinute());
    appendSeconds(out.append(':'), time.getSecond(), time.getNano() / 1000);
  }

  /** Two-digit seconds and, when non-zero, a fraction of up to six digits with trailing zeros trimmed. */
  static void appendSeconds(StringBuilder out, long seconds, long micros) {
    TimeZones.appendTwoDigits(out, seconds);
    if (micros != 0) {
      String fraction = String.format("%06d", micros);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      out.append('.').append(fraction, 0, end);
    }
  }

  private static void checkYear(int year, int maxYear, String typeName, String text) {
    if (year > maxYear) {
      throw DateTimeErrors.inputOutOfRange(typeName, text);
    }
  }

  /** What one input string named; {@code dayCarry} is 1 when the time read was 24:00:00. */
  private record Parsed(LocalDate date, LocalTime time, int dayCarry, ZoneId zone) {
    LocalDateTime dateTime() {
      return LocalDateTime.of(date, time).plusDays(dayCarry);
    }
  }

  private static Parsed parse(String text, String typeName, boolean needDate, boolean needTime) {
    Matcher match = VALUE.matcher(text.strip());
    if (!match.matches()) {
      throw DateTimeErrors.invalidSyntax(typeName, text);
    }
    boolean hasDate = match.group("y") != null || match.group("compact") != null || match.group("us") != null;
    boolean hasTime = match.group("hour") != null;
    if ((needDate && !hasDate) || (needTime && !hasTime) || (!hasDate && !hasTime)) {
      throw DateTimeErrors.invalidSyntax(typeName, text);
    }
    ZoneId zone = match.group("zone") == null ? null : parseZone(match.group("zone"), typeName, text);
    LocalDate date = hasDate ? date(match, text) : LocalDate.EPOCH;
    if (!hasTime) {
      return new Parsed(date, LocalTime.MIDNIGHT, 0, zone);
    }
    long hour = number(match.group("hour"), text);
    long minute = number(match.group("minute"), text);
    long second = match.group("second") == null ? 0 : number(match.group("second"), text);
    String fraction = match.group("fraction");
    if (match.group("second") == null && fraction != null) {
      // PostgreSQL reads mm:ss.fff, a fraction after two fields, as minutes and seconds.
      second = minute;
      minute = hour;
      hour = 0;
    }
    long micros = fraction == null ? 0 : (long) Math.rint(Double.parseDouble("0" + fraction) * 1_000_000);
    if (hour > 24 || minute > 59 || second > 60
        || (hour == 24 && (minute > 0 || second > 0 || micros > 0))) {
      throw DateTimeErrors.fieldOutOfRange(text);
    }
    long dayMicros = ((hour * 60 + minute) * 60 + second) * 1_000_000 + micros;
    int dayCarry = (int) (dayMicros / Interval.MICROS_PER_DAY);
    LocalTime time = LocalTime.ofNanoOfDay(dayMicros % Interval.MICROS_PER_DAY * 1000);
    return new Parsed(date, time, dayCarry, zone);
  }

  private static LocalDate date(Matcher match, String text) {
    long year;
    long month;
    long day;
    if (match.group("y") != null) {
      year = number(match.group("y"), text);
      month = number(match.group("m"), text);
      day = number(match.group("d"), text);
      if (match.group("y").length() < 3) {
        throw DateTimeErrors.invalidSyntax("date", text); // two-digit years are not read
      }
    } else if (match.group("compact") != null) {
      String digits = match.group("compact");
      year = Long.parseLong(digits.substring(0, 4));
      month = Long.parseLong(digits.substring(4, 6));
      day = Long.parseLong(digits.substring(6));
    } else {
      month = number(match.group("us"), text);
      day = number(match.group("ud"), text);
      year = number(match.group("uy"), text);
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      throw DateTimeErrors.monthOrDayOutOfRange(text);
    }
    if (year < 1) {
      throw DateTimeErrors.fieldOutOfRange(text);
    }
    if (year > MAX_DATE_YEAR) {
      throw DateTimeErrors.inputOutOfRange("date", text);
    }
    if (day > YearMonth.of((int) year, (int) month).lengthOfMonth()) {
      throw DateTimeErrors.fieldOutOfRange(text);
    }
    return LocalDate.of((int) year, (int) month, (int) day);
  }

  private static long number(String digits, String text) {
    if (digits.length() > 9) {
      throw DateTimeErrors.fieldOutOfRange(text);
    }
    return Long.parseLong(digits);
  }

  /** A zone suffix: a numeric offset, an abbreviation or an IANA name. */
  static ZoneId parseZone(String zone, String typeName, String text) {
    char first = zone.charAt(0);
    if (first == '+' || first == '-') {
      return parseOffset(zone, text);
    }
    ZoneId named = TimeZones.byName(zone);
    if (named != null) {
      return named;
    }
    if (zone.indexOf('/') >= 0) {
      throw DateTimeErrors.zoneNotRecognized(zone.toLowerCase(java.util.Locale.ROOT));
    }
    throw DateTimeErrors.invalidSyntax(typeName, text);
  }

  /** {@code +02}, {@code -0800}, {@code +05:30}, {@code +00:09:21}, hours at most 15 as in PostgreSQL. */
  private static ZoneOffset parseOffset(String zone, String text) {
    String[] parts = zone.substring(1).split(":");
    if (parts[0].length() > 9) {
      throw DateTimeErrors.zoneDisplacementOutOfRange(text);
    }
    int hours = Integer.parseInt(parts[0]);
    int minutes = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    int seconds = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
    if (parts.length == 1 && zone.length() > 3) {
      minutes = hours % 100;
      hours = hours / 100;
    }
    if (hours > 15 || minutes > 59 || seconds > 59) {
      throw DateTimeErrors.zoneDisplacementOutOfRange(text);
    }
    int total = (hours * 3600 + minutes * 60 + seconds) * (zone.charAt(0) == '-' ? -1 : 1);
    return ZoneOffset.ofTotalSeconds(total);
  }
}
