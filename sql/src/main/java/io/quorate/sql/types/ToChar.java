package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL 16's {@code to_char} for timestamps, timestamptz, dates and intervals. Template
 * patterns are matched case-sensitively as PostgreSQL matches them ({@code Month},
 * {@code MONTH} and {@code month} differ; {@code mm} is {@code MM}); the {@code FM} and
 * {@code TM} prefixes and the {@code TH}/{@code th} suffix apply; text in double quotes
 * and anything that is not a pattern is copied; a backslash escapes a double quote.
 * Names are English ({@code TM} changes nothing). Stateless.
 */
public final class ToChar {

  private enum Kind {
    MERIDIEM, MERIDIEM_DOTS, ERA, ERA_DOTS, HH12, HH24, MI, SS, MS, US, FF1, FF2, FF3, FF4, FF5, FF6, SSSS,
    TZ, TZH, TZM, OF, MONTH, MON, MM, DAY, DY, DDD, IDDD, DD, D, ID, WW, IW, W, Q, CC, Y_YYY, YYYY, YYY, YY, Y,
    IYYY, IYY, IY, I, RM, J, FX
  }

  /** How a name prints: {@code JANUARY}, {@code January} or {@code january}. */
  private enum Case { UPPER, CAPITALIZED, LOWER }

  private record Keyword(String text, Kind kind, Case textCase) {
  }

  private static final List<Keyword> KEYWORDS = keywords();
  private static final String[] ROMAN_MONTHS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
      "XII"};

  private ToChar() {
  }

  public static String toChar(LocalDateTime value, String template) {
    return format(ToCharFields.of(value), template);
  }

  /** {@code to_char(timestamptz, text)}: local time in the session {@code zone}, TZ its abbreviation. */
  public static String toChar(Instant value, ZoneId zone, String template) {
    return format(ToCharFields.of(value, zone), template);
  }

  /** {@code to_char(date, text)}: PostgreSQL casts the date to timestamptz, midnight in the session zone. */
  public static String toChar(LocalDate value, ZoneId zone, String template) {
    return toChar(TimeZones.resolve(value.atStartOfDay(), zone), zone, template);
  }

  /**
   * {@code to_char(interval, text)}; patterns tied to calendar dates (names of months and
   * days, day of week, eras, time zones, ISO week fields) throw 22007.
   */
  public static String toChar(Interval value, String template) {
    return format(ToCharFields.of(value), template);
  }

  private static List<Keyword> keywords() {
    List<Keyword> list = new ArrayList<>();
    addSpellings(list, Kind.MERIDIEM_DOTS, "A.M.", "P.M.");
    addSpellings(list, Kind.MERIDIEM, "AM", "PM");
    addSpellings(list, Kind.ERA_DOTS, "A.D.", "B.C.");
    addSpellings(list, Kind.ERA, "AD", "BC");
    addSpellings(list, Kind.TZ, "TZ");
    addSpellings(list, Kind.RM, "RM");
    for (Kind kind : new Kind[] {Kind.MONTH, Kind.MON, Kind.DAY, Kind.DY}) {
      String name = kind.name();
      addSpellings(list, kind, name);
      list.add(new Keyword(name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT), kind, Case.CAPITALIZED));
    }
    addSpellings(list, Kind.HH12, "HH", "HH12");
    addSpellings(list, Kind.SSSS, "SSSS", "SSSSS");
    addSpellings(list, Kind.Y_YYY, "Y,YYY");
    for (Kind kind : Kind.values()) {
      boolean named = list.stream().anyMatch(keyword -> keyword.kind == kind);
      if (!named) {
        addSpellings(list, kind, kind.name());
      }
    }
    list.sort(Comparator.comparingInt((Keyword keyword) -> keyword.text.length()).reversed());
    return List.copyOf(list);
  }

  /** Each spelling in upper and lower case; for names, the case they print in. */
  private static void addSpellings(List<Keyword> list, Kind kind, String... upperSpellings) {
    for (String upper : upperSpellings) {
      list.add(new Keyword(upper, kind, Case.UPPER));
      list.add(new Keyword(upper.toLowerCase(Locale.ROOT), kind, Case.LOWER));
    }
  }

  private static String format(ToCharFields fields, String template) {
    StringBuilder out = new StringBuilder(template.length() + 16);
    int i = 0;
    while (i < template.length()) {
      boolean fillMode = false;
      if (template.startsWith("FM", i) || template.startsWith("fm", i)) {
        fillMode = true;
        i += 2;
      } else if (template.startsWith("TM", i) || template.startsWith("tm", i)) {
        i += 2;
      }
      Keyword keyword = i < template.length() ? match(template, i) : null;
      if (keyword != null) {
        i += keyword.text.length();
        String ordinal = null;
        if (template.startsWith("TH", i) || template.startsWith("th", i)) {
          ordinal = template.substring(i, i + 2);
          i += 2;
        } else if (template.startsWith("SP", i) || template.startsWith("sp", i)) {
          i += 2; // PostgreSQL accepts SP and ignores it in to_char
        }
        append(out, keyword, fields, fillMode, ordinal);
      } else if (i < template.length()) {
        i = copyLiteral(template, i, out);
      }
    }
    return out.toString();
  }

  private static Keyword match(String template, int at) {
    for (Keyword keyword : KEYWORDS) {
      if (template.startsWith(keyword.text, at)) {
        return keyword;
      }
    }
    return null;
  }

  /** Copies one literal character or a whole quoted string; returns the next index. */
  private static int copyLiteral(String template, int at, StringBuilder out) {
    char c = template.charAt(at);
    if (c == '"') {
      int i = at + 1;
      while (i < template.length() && template.charAt(i) != '"') {
        if (template.charAt(i) == '\\' && i + 1 < template.length()) {
          i++;
        }
        out.append(template.charAt(i++));
      }
      return i + 1;
    }
    if (c == '\\' && template.startsWith("\"", at + 1)) {
      out.append('"');
      return at + 2;
    }
    out.append(c);
    return at + 1;
  }

  private static void append(StringBuilder out, Keyword keyword, ToCharFields f, boolean fillMode, String ordinal) {
    Kind kind = keyword.kind;
    if (f.interval() && notForIntervals(kind)) {
      throw new SqlException(SqlState.INVALID_DATETIME_FORMAT, "invalid format specification for an interval value")
          .withHint("Intervals are not tied to specific calendar dates.");
    }
    String text = switch (kind) {
      case MERIDIEM -> f.hour() % 24 >= 12 ? "PM" : "AM";
      case MERIDIEM_DOTS -> f.hour() % 24 >= 12 ? "P.M." : "A.M.";
      case ERA -> f.year() <= 0 ? "BC" : "AD";
      case ERA_DOTS -> f.year() <= 0 ? "B.C." : "A.D.";
      case TZ -> f.zoneAbbreviation() == null ? "" : f.zoneAbbreviation();
      case MONTH -> f.month() == 0 ? "" : pad(f.monthName(TextStyle.FULL), fillMode ? 0 : 9);
      case MON -> f.month() == 0 ? "" : f.monthName(TextStyle.SHORT);
      case DAY -> pad(f.dayName(TextStyle.FULL), fillMode ? 0 : 9);
      case DY -> f.dayName(TextStyle.SHORT);
      case RM -> romanMonth(f, fillMode);
      case FX -> "";
      default -> null;
    };
    if (text != null) {
      out.append(applyCase(text, keyword.textCase));
      return;
    }
    String number = number(kind, f, fillMode);
    out.append(number);
    if (ordinal != null && !number.isEmpty()) {
      out.append(ordinalSuffix(number, ordinal.equals("TH")));
    }
  }

  private static boolean notForIntervals(Kind kind) {
    return switch (kind) {
      case TZ, TZH, TZM, OF, ERA, ERA_DOTS, MONTH, MON, DAY, DY, D, ID, IW, IDDD, IYYY, IYY, IY, I, J -> true;
      default -> false;
    };
  }

  private static String number(Kind kind, ToCharFields f, boolean fillMode) {
    long hour = f.hour();
    return switch (kind) {
      case HH12 -> zeroPad(hour % 12 == 0 ? 12 : hour % 12, fillMode ? 0 : hour >= 0 ? 2 : 3);
      case HH24 -> zeroPad(hour, fillMode ? 0 : hour >= 0 ? 2 : 3);
      case MI -> zeroPad(f.minute(), fillMode ? 0 : f.minute() >= 0 ? 2 : 3);
      case SS -> zeroPad(f.second(), fillMode ? 0 : f.second() >= 0 ? 2 : 3);
      // Fractions keep their width even in fill mode, as in PostgreSQL.
      case FF1 -> zeroPad(f.micros() / 100_000, 1);
      case FF2 -> zeroPad(f.micros() / 10_000, 2);
      case FF3, MS -> zeroPad(f.micros() / 1_000, 3);
      case FF4 -> zeroPad(f.micros() / 100, 4);
      case FF5 -> zeroPad(f.micros() / 10, 5);
      case FF6, US -> zeroPad(f.micros(), 6);
      case SSSS -> Long.toString(hour * 3600 + f.minute() * 60 + f.second());
      case TZH -> (f.offsetSeconds() >= 0 ? "+" : "-") + zeroPad(Math.abs(f.offsetSeconds()) / 3600, 2);
      case TZM -> zeroPad(Math.abs(f.offsetSeconds()) % 3600 / 60, 2);
      case OF -> offset(f.offsetSeconds(), fillMode);
      case MM -> zeroPad(f.month(), fillMode ? 0 : f.month() >= 0 ? 2 : 3);
      case DDD -> zeroPad(f.dayOfYear(), fillMode ? 0 : 3);
      case IDDD -> zeroPad(f.isoDayOfYear(), fillMode ? 0 : 3);
      case DD -> zeroPad(f.day(), fillMode ? 0 : 2);
      case D -> Integer.toString(f.dayOfWeek() + 1);
      case ID -> Integer.toString(f.dayOfWeek() == 0 ? 7 : f.dayOfWeek());
      case WW -> zeroPad((f.dayOfYear() - 1) / 7 + 1, fillMode ? 0 : 2);
      case IW -> zeroPad(f.isoWeek(), fillMode ? 0 : 2);
      case W -> Long.toString((f.day() - 1) / 7 + 1);
      case Q -> f.month() == 0 ? "" : Long.toString((f.month() - 1) / 3 + 1);
      case CC -> century(f, fillMode);
      case Y_YYY -> f.displayYear() / 1000 + "," + zeroPad(f.displayYear() - f.displayYear() / 1000 * 1000, 3);
      case YYYY -> year(f.displayYear(), 1, 4, fillMode);
      case YYY -> year(f.displayYear(), 1000, 3, fillMode);
      case YY -> year(f.displayYear(), 100, 2, fillMode);
      case Y -> Long.toString(f.displayYear() % 10); // one digit even without FM, as PostgreSQL's %1d
      case IYYY -> year(f.isoYear(), 1, 4, fillMode);
      case IYY -> year(f.isoYear(), 1000, 3, fillMode);
      case IY -> year(f.isoYear(), 100, 2, fillMode);
      case I -> Long.toString(f.isoYear() % 10);
      case J -> Long.toString(f.julianDay());
      default -> throw new IllegalStateException("to_char pattern without a formatter: " + kind);
    };
  }

  /** The year modulo {@code modulus} (1 for all of it), zero-padded to {@code width} unless FM. */
  private static String year(long year, long modulus, int width, boolean fillMode) {
    long shown = modulus == 1 ? year : year % modulus;
    return zeroPad(shown, fillMode ? 0 : year >= 0 ? width : width + 1);
  }

  private static String century(ToCharFields f, boolean fillMode) {
    long year = f.year();
    long century = f.interval() ? year / 100 : year > 0 ? (year - 1) / 100 + 1 : year / 100 - 1;
    if (century > 99 || century < -99) {
      return Long.toString(century);
    }
    return zeroPad(century, fillMode ? 0 : century >= 0 ? 2 : 3);
  }

  private static String offset(int offsetSeconds, boolean fillMode) {
    int abs = Math.abs(offsetSeconds);
    String text = (offsetSeconds >= 0 ? "+" : "-") + zeroPad(abs / 3600, fillMode ? 0 : 2);
    return abs % 3600 == 0 ? text : text + ":" + zeroPad(abs % 3600 / 60, 2);
  }

  /** Roman month, padded to 4 unless FM; an interval of whole years prints its year's first or last month. */
  private static String romanMonth(ToCharFields f, boolean fillMode) {
    if (f.month() == 0 && f.year() == 0) {
      return "";
    }
    int index;
    if (f.month() == 0) {
      index = f.year() >= 0 ? 11 : 0;
    } else if (f.month() < 0) {
      index = (int) (12 + f.month());
    } else {
      index = (int) f.month() - 1;
    }
    return pad(ROMAN_MONTHS[index], fillMode ? 0 : 4);
  }

  /** Like C's {@code %0*d}: the sign counts towards the width. */
  private static String zeroPad(long value, int width) {
    String digits = Long.toString(Math.abs(value));
    int signWidth = value < 0 ? 1 : 0;
    String zeros = "0".repeat(Math.max(0, width - signWidth - digits.length()));
    return (value < 0 ? "-" : "") + zeros + digits;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }

  private static String applyCase(String text, Case textCase) {
    return switch (textCase) {
      case UPPER -> text.toUpperCase(Locale.ROOT);
      case LOWER -> text.toLowerCase(Locale.ROOT);
      case CAPITALIZED -> text;
    };
  }

  /** st, nd, rd or th for the number's last digit; 11 to 19 take th. */
  private static String ordinalSuffix(String number, boolean upper) {
    int length = number.length();
    char last = number.charAt(length - 1);
    boolean teen = length > 1 && number.charAt(length - 2) == '1';
    String suffix = teen ? "th" : switch (last) {
      case '1' -> "st";
      case '2' -> "nd";
      case '3' -> "rd";
      default -> "th";
    };
    return upper ? suffix.toUpperCase(Locale.ROOT) : suffix;
  }
}
