package io.quorate.sql.types;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The field names {@code date_trunc}, {@code extract} and {@code date_part} accept, with
 * the spellings PostgreSQL's unit tables accept. PostgreSQL compares only the first ten
 * characters of a name, so {@code milliseconds} and {@code millisecon} are the same unit.
 */
enum DateTimeUnit {
  MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY,
  MILLENNIUM, TIMEZONE, TIMEZONE_HOUR, TIMEZONE_MINUTE,
  /** The fields only {@code extract} knows, from PostgreSQL's second (date keyword) table. */
  DOW, DOY, ISODOW, ISOYEAR, JULIAN,
  /** A reserved word rather than a unit: only {@code extract} on a value knows it. */
  EPOCH,
  /** Reserved words that name no field; PostgreSQL says "not supported" for them. */
  OTHER_RESERVED;

  private static final int NAME_LIMIT = 10;
  private static final Map<String, DateTimeUnit> UNITS = new HashMap<>();
  private static final Map<String, DateTimeUnit> SPECIALS = new HashMap<>();

  static {
    put(UNITS, MICROSECOND, "microsecon", "us", "usec", "usecond", "useconds", "usecs");
    put(UNITS, MILLISECOND, "millisecon", "ms", "msec", "msecond", "mseconds", "msecs");
    put(UNITS, SECOND, "s", "sec", "second", "seconds", "secs");
    put(UNITS, MINUTE, "m", "min", "mins", "minute", "minutes");
    put(UNITS, HOUR, "h", "hour", "hours", "hr", "hrs");
    put(UNITS, DAY, "d", "day", "days");
    put(UNITS, WEEK, "w", "week", "weeks");
    put(UNITS, MONTH, "mon", "mons", "month", "months");
    put(UNITS, QUARTER, "qtr", "quarter");
    put(UNITS, YEAR, "y", "year", "years", "yr", "yrs");
    put(UNITS, DECADE, "dec", "decade", "decades", "decs");
    put(UNITS, CENTURY, "c", "cent", "centuries", "century");
    put(UNITS, MILLENNIUM, "mil", "millennia", "millennium", "mils");
    put(UNITS, TIMEZONE, "timezone");
    put(UNITS, TIMEZONE_HOUR, "timezone_h");
    put(UNITS, TIMEZONE_MINUTE, "timezone_m");
    put(SPECIALS, DOW, "dow");
    put(SPECIALS, DOY, "doy");
    put(SPECIALS, ISODOW, "isodow");
    put(SPECIALS, ISOYEAR, "isoyear");
    put(SPECIALS, JULIAN, "j", "jd", "julian");
    put(SPECIALS, EPOCH, "epoch");
    put(SPECIALS, OTHER_RESERVED, "now", "today", "tomorrow", "yesterday", "infinity", "-infinity",
        "allballs");
  }

  private static void put(Map<String, DateTimeUnit> table, DateTimeUnit unit, String... names) {
    for (String name : names) {
      table.put(name, unit);
    }
  }

  /** The unit as PostgreSQL lower-cases a name before looking it up. */
  static String normalize(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static String key(String lowerName) {
    return lowerName.length() > NAME_LIMIT ? lowerName.substring(0, NAME_LIMIT) : lowerName;
  }

  /** A unit of the interval-unit table only, as {@code date_trunc} looks names up; or null. */
  static DateTimeUnit truncUnit(String lowerName) {
    return UNITS.get(key(lowerName));
  }

  /** A unit of either table, as {@code extract} looks names up; or null. */
  static DateTimeUnit extractUnit(String lowerName) {
    DateTimeUnit unit = UNITS.get(key(lowerName));
    return unit != null ? unit : SPECIALS.get(key(lowerName));
  }

  /** Whether PostgreSQL classifies the name as a reserved word rather than a unit. */
  boolean isReserved() {
    return this == EPOCH || this == OTHER_RESERVED;
  }
}
