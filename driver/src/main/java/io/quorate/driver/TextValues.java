package io.quorate.driver;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conversions between values as they travel (null for SQL NULL, else a Long, Boolean,
 * String or byte[]) and Java values: the ResultSet
 * getters' side ({@code getX(value, oid)}, where {@code oid} is the column's PostgreSQL
 * type) and the PreparedStatement setters' side ({@link #parameter(Object)}).
 *
 * <p>Integers, booleans and bytea travel natively; everything else is text in the form
 * the server prints it (DateStyle ISO, IntervalStyle postgres, timestamptz in the session
 * TimeZone with its offset, {@code NaN}/{@code Infinity} floats, plain numerics, bytea
 * also as {@code \x} hex). Every getter accepts any value whose text reads as its target,
 * as pgjdbc does. SQL NULL gives null, or 0/false from the primitive getters (the caller
 * tracks wasNull). A conversion that cannot be done throws
 * {@link SQLException} naming the value's type: 22P02 text that is not a number,
 * boolean, uuid or bytea; 22003 out of range; 22007 text that is not a date/time; 42846
 * a date/time type that cannot become the class asked for (a timestamptz as
 * LocalDateTime); 0A000 a class not supported at all. Stateless.
 */
final class TextValues {

  static final int UNSPECIFIED = 0;
  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int JSON = 114;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int BPCHAR = 1042;
  static final int VARCHAR = 1043;
  static final int DATE = 1082;
  static final int TIME = 1083;
  static final int TIMESTAMP = 1114;
  static final int TIMESTAMPTZ = 1184;
  static final int INTERVAL = 1186;
  static final int NUMERIC = 1700;
  static final int UUID_OID = 2950;
  static final int JSONB = 3802;

  /**
   * A parameter ready to send: its type OID (0: the server infers it) and its value as it
   * travels (null, Long, Boolean, String or byte[]).
   */
  record Parameter(int oid, Object value) {}

  private static final Pattern FLOAT_TEXT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern UUID_TEXT =
      Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
  /**
   * A date with an optional time, or a time alone (its groups suffixed "Alone"); then an
   * optional offset ({@code +05:30}, {@code -08}, {@code +00:09:21}, {@code Z}) and era.
   */
  private static final Pattern DATE_TIME_TEXT = Pattern.compile(
      "(?:(?<year>\\d{4,9})-(?<month>\\d{2})-(?<day>\\d{2})(?:[ T]" + timePattern("") + ")?|"
          + timePattern("Alone") + ")(?<offset>Z|[+-]\\d{2}(?::\\d{2}){0,2})?(?<bc> BC)?");
  private static final int MAX_TEXT_IN_MESSAGE = 64;

  private TextValues() {}

  /** The value's text as the server prints it (booleans t/f, bytea \x hex); null for SQL NULL. */
  static String getString(Object value, int oid) {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case Long integer -> Long.toString(integer);
      case Boolean bool -> bool ? "t" : "f";
      case byte[] bytes -> "\\x" + HexFormat.of().formatHex(bytes);
      default -> (String) value;
    };
  }

  /** t/true/y/yes/on/1 and f/false/n/no/off/0 (any case), or a number equal to 1 or 0, as pgjdbc reads them. */
  static boolean getBoolean(Object value, int oid) throws SQLException {
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean bool) {
      return bool;
    }
    String text = getString(value, oid).strip().toLowerCase(Locale.ROOT);
    switch (text) {
      case "t", "true", "y", "yes", "on", "1":
        return true;
      case "f", "false", "n", "no", "off", "0":
        return false;
      default:
        break;
    }
    if (FLOAT_TEXT.matcher(text).matches()) {
      try {
        BigDecimal number = new BigDecimal(text);
        if (number.signum() == 0 || number.compareTo(BigDecimal.ONE) == 0) {
          return number.signum() != 0;
        }
      } catch (NumberFormatException exponentTooLarge) {
        // neither 0 nor 1: reported below
      }
    }
    throw cannotRead("22P02", value, oid, "boolean");
  }

  /** An integer, or a decimal truncated toward zero as pgjdbc does; 22003 beyond a long. */
  static long getLong(Object value, int oid) throws SQLException {
    if (value == null) {
      return 0;
    }
    return switch (value) {
      case Long integer -> integer;
      case Boolean bool -> bool ? 1 : 0;
      default -> parseLong(value, oid);
    };
  }

  static int getInt(Object value, int oid) throws SQLException {
    return (int) narrow(value, oid, getLong(value, oid), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  static short getShort(Object value, int oid) throws SQLException {
    return (short) narrow(value, oid, getLong(value, oid), Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  static byte getByte(Object value, int oid) throws SQLException {
    return (byte) narrow(value, oid, getLong(value, oid), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  /** NaN and ±Infinity as the server prints them; 22003 for finite text beyond a double. */
  static double getDouble(Object value, int oid) throws SQLException {
    if (value == null) {
      return 0;
    }
    return switch (value) {
      case Long integer -> integer;
      case Boolean bool -> bool ? 1 : 0;
      default -> parseFloating(value, oid, false);
    };
  }

  /** As {@link #getDouble}, rounded to float precision once (text is read as a float directly). */
  static float getFloat(Object value, int oid) throws SQLException {
    if (value == null) {
      return 0;
    }
    return switch (value) {
      case Long integer -> integer;
      case Boolean bool -> bool ? 1 : 0;
      default -> (float) parseFloating(value, oid, true);
    };
  }

  /** Null for SQL NULL; 22003 for NaN and ±Infinity, which BigDecimal cannot hold. */
  static BigDecimal getBigDecimal(Object value, int oid) throws SQLException {
    if (value == null) {
      return null;
    }
    return switch (value) {
      case Long integer -> BigDecimal.valueOf(integer);
      case Boolean bool -> bool ? BigDecimal.ONE : BigDecimal.ZERO;
      default -> parseDecimal(value, oid, "BigDecimal");
    };
  }

  /** A bytea's bytes (sent natively or as \x hex text); for other types the UTF-8 of their text, as pgjdbc. */
  static byte[] getBytes(Object value, int oid) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    String text = getString(value, oid);
    if (oid != BYTEA) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    if (!text.startsWith("\\x") || text.length() % 2 != 0) {
      throw cannotRead("22P02", value, oid, "bytes (expected \\x and pairs of hex digits)");
    }
    try {
      return HexFormat.of().parseHex(text, 2, text.length());
    } catch (IllegalArgumentException notHex) {
      throw cannotRead("22P02", value, oid, "bytes (expected \\x and pairs of hex digits)");
    }
  }

  /**
   * A date at midnight in {@code calendar}'s zone (the JVM's when null), from a date, a
   * timestamp (its date) or a timestamptz (its date in that zone).
   */
  static Date getDate(Object value, int oid, Calendar calendar) throws SQLException {
    if (value == null) {
      return null;
    }
    DateTimeParts parts = parseDateTime(value, oid, "java.sql.Date");
    TimeZone zone = zone(calendar);
    LocalDate date = parts.offset() != null ? parts.instant().atZone(zone.toZoneId()).toLocalDate()
        : require(parts.date(), value, oid, Date.class);
    return new Date(epochMillis(date, LocalTime.MIDNIGHT, zone));
  }

  /** A time of day on 1970-01-01 in {@code calendar}'s zone, to the millisecond, from a time or a timestamp's time. */
  static Time getTime(Object value, int oid, Calendar calendar) throws SQLException {
    if (value == null) {
      return null;
    }
    DateTimeParts parts = parseDateTime(value, oid, "java.sql.Time");
    TimeZone zone = zone(calendar);
    LocalTime time = parts.offset() != null ? parts.instant().atZone(zone.toZoneId()).toLocalTime()
        : require(parts.time(), value, oid, Time.class);
    return new Time(epochMillis(LocalDate.EPOCH, time, zone));
  }

  /**
   * A timestamp with nanoseconds: a timestamptz is its instant ({@code calendar} does not
   * matter); a timestamp, date or time is read as local time in {@code calendar}'s zone.
   */
  static Timestamp getTimestamp(Object value, int oid, Calendar calendar) throws SQLException {
    if (value == null) {
      return null;
    }
    DateTimeParts parts = parseDateTime(value, oid, "java.sql.Timestamp");
    if (parts.offset() != null) {
      return Timestamp.from(parts.instant());
    }
    LocalDate date = parts.date() != null ? parts.date() : LocalDate.EPOCH;
    LocalTime time = parts.time() != null ? parts.time() : LocalTime.MIDNIGHT;
    Timestamp timestamp = new Timestamp(epochMillis(date, time, zone(calendar)));
    timestamp.setNanos(time.getNano());
    return timestamp;
  }

  /**
   * The value as {@code type}: String, Boolean, Byte, Short, Integer, Long, Float, Double,
   * BigDecimal, byte[], LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant,
   * UUID, java.sql.Date/Time/Timestamp or Object; null for SQL NULL. Local types refuse a
   * timestamptz and OffsetDateTime/Instant refuse types without an offset (42846); other
   * classes are 0A000.
   */
  static <T> T getObject(Object value, int oid, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLDataException("getObject needs the class to convert to", "22023");
    }
    if (value == null) {
      return null;
    }
    Object result;
    if (type == String.class) {
      result = getString(value, oid);
    } else if (type == Boolean.class) {
      result = getBoolean(value, oid);
    } else if (type == Byte.class) {
      result = getByte(value, oid);
    } else if (type == Short.class) {
      result = getShort(value, oid);
    } else if (type == Integer.class) {
      result = getInt(value, oid);
    } else if (type == Long.class) {
      result = getLong(value, oid);
    } else if (type == Float.class) {
      result = getFloat(value, oid);
    } else if (type == Double.class) {
      result = getDouble(value, oid);
    } else if (type == BigDecimal.class) {
      result = getBigDecimal(value, oid);
    } else if (type == byte[].class) {
      result = getBytes(value, oid);
    } else if (type == UUID.class) {
      result = parseUuid(value, oid);
    } else if (type == Date.class) {
      result = getDate(value, oid, null);
    } else if (type == Time.class) {
      result = getTime(value, oid, null);
    } else if (type == Timestamp.class) {
      result = getTimestamp(value, oid, null);
    } else if (type == Object.class) {
      result = getObject(value, oid);
    } else {
      result = javaTime(value, oid, type);
    }
    return type.cast(result);
  }

  /**
   * pgjdbc's default mapping: int2/int4 Integer, int8 Long, numeric BigDecimal, float4
   * Float, float8 Double, bool Boolean, bytea byte[], date/time/timestamp(tz) java.sql
   * types, uuid UUID, everything else (text, json, interval, arrays) String.
   */
  static Object getObject(Object value, int oid) throws SQLException {
    if (value == null) {
      return null;
    }
    return switch (oid) {
      case INT2, INT4 -> getInt(value, oid);
      case INT8 -> getLong(value, oid);
      case NUMERIC -> getBigDecimal(value, oid);
      case FLOAT4 -> getFloat(value, oid);
      case FLOAT8 -> getDouble(value, oid);
      case BOOL -> getBoolean(value, oid);
      case BYTEA -> getBytes(value, oid);
      case DATE -> getDate(value, oid, null);
      case TIME -> getTime(value, oid, null);
      case TIMESTAMP, TIMESTAMPTZ -> getTimestamp(value, oid, null);
      case UUID_OID -> parseUuid(value, oid);
      default -> switch (value) {
        case Long integer -> integer;
        case Boolean bool -> bool;
        case byte[] bytes -> bytes.clone();
        default -> (String) value;
      };
    };
  }

  /**
   * {@code x} as a parameter: integers and booleans natively, byte[] as bytea, the rest
   * as the text the server reads, with the type's OID. A String goes with OID 0 so the
   * server infers its type from its use; so does a java.sql.Timestamp, with the JVM
   * zone's offset, because it may be meant for timestamp or timestamptz (as pgjdbc
   * sends it). Other classes are 0A000.
   */
  static Parameter parameter(Object x) throws SQLException {
    return switch (x) {
      case null -> new Parameter(UNSPECIFIED, null);
      case Boolean bool -> new Parameter(BOOL, bool);
      case Byte number -> integer(INT2, number);
      case Short number -> integer(INT2, number);
      case Integer number -> integer(INT4, number);
      case Long number -> integer(INT8, number);
      case Float number -> text(FLOAT4, number.toString());
      case Double number -> text(FLOAT8, number.toString());
      case BigDecimal number -> text(NUMERIC, number.toString());
      case String string -> text(UNSPECIFIED, string);
      case byte[] bytes -> new Parameter(BYTEA, bytes.clone());
      case LocalDate date -> text(DATE, formatDateTime(date, null, null));
      case LocalTime time -> text(TIME, formatDateTime(null, time, null));
      case LocalDateTime dateTime -> text(TIMESTAMP, formatDateTime(dateTime.toLocalDate(), dateTime.toLocalTime(), null));
      case OffsetDateTime dateTime -> text(TIMESTAMPTZ,
          formatDateTime(dateTime.toLocalDate(), dateTime.toLocalTime(), dateTime.getOffset()));
      case Instant instant -> parameter(instant.atOffset(ZoneOffset.UTC));
      case Date date -> parameter(date.toLocalDate());
      case Time time -> parameter(localTime(time));
      case Timestamp timestamp -> text(UNSPECIFIED, formatTimestamp(timestamp));
      case UUID uuid -> text(UUID_OID, uuid.toString());
      default -> throw new SQLFeatureNotSupportedException(
          "a parameter of class " + x.getClass().getName() + " is not supported", "0A000");
    };
  }

  /** PostgreSQL's name of the type with {@code oid}, for messages. */
  static String typeName(int oid) {
    String name = switch (oid) {
      case UNSPECIFIED -> "unspecified";
      case BOOL -> "boolean";
      case BYTEA -> "bytea";
      case INT8 -> "bigint";
      case INT2 -> "smallint";
      case INT4 -> "integer";
      case TEXT -> "text";
      case JSON -> "json";
      case FLOAT4 -> "real";
      case FLOAT8 -> "double precision";
      case BPCHAR -> "character";
      case VARCHAR -> "character varying";
      case DATE -> "date";
      case TIME -> "time without time zone";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
      case INTERVAL -> "interval";
      case NUMERIC -> "numeric";
      case UUID_OID -> "uuid";
      case JSONB -> "jsonb";
      default -> null;
    };
    if (name != null) {
      return name;
    }
    int element = arrayElement(oid);
    return element != UNSPECIFIED ? typeName(element) + "[]" : "type with OID " + oid;
  }

  /** The element OID of the array type {@code oid}, or 0 when it is not one of these arrays. */
  private static int arrayElement(int oid) {
    return switch (oid) {
      case 1000 -> BOOL;
      case 1001 -> BYTEA;
      case 1016 -> INT8;
      case 1005 -> INT2;
      case 1007 -> INT4;
      case 1009 -> TEXT;
      case 199 -> JSON;
      case 1021 -> FLOAT4;
      case 1022 -> FLOAT8;
      case 1014 -> BPCHAR;
      case 1015 -> VARCHAR;
      case 1182 -> DATE;
      case 1183 -> TIME;
      case 1115 -> TIMESTAMP;
      case 1185 -> TIMESTAMPTZ;
      case 1187 -> INTERVAL;
      case 1231 -> NUMERIC;
      case 2951 -> UUID_OID;
      case 3807 -> JSONB;
      default -> UNSPECIFIED;
    };
  }

  private static long parseLong(Object value, int oid) throws SQLException {
    String text = getString(value, oid).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notALong) {
      BigDecimal decimal = parseDecimal(value, oid, "long");
      // Decided from the exponent first, so that 1e999999999 or 1e-999999999 never makes a huge power of ten.
      long integerDigits = (long) decimal.precision() - decimal.scale();
      if (integerDigits > 19) {
        throw cannotRead("22003", value, oid, "long");
      }
      if (integerDigits <= 0) {
        return 0; // |decimal| < 1 truncates to zero
      }
      try {
        return decimal.setScale(0, RoundingMode.DOWN).longValueExact();
      } catch (ArithmeticException outOfRange) {
        throw cannotRead("22003", value, oid, "long");
      }
    }
  }

  private static long narrow(Object value, int oid, long number, long min, long max, String target)
      throws SQLException {
    if (number < min || number > max) {
      throw cannotRead("22003", value, oid, target);
    }
    return number;
  }

  private static BigDecimal parseDecimal(Object value, int oid, String target) throws SQLException {
    String text = getString(value, oid).strip();
    if (isSpecialFloat(text)) {
      throw cannotRead("22003", value, oid, target);
    }
    if (!FLOAT_TEXT.matcher(text).matches()) {
      throw cannotRead("22P02", value, oid, target);
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException exponentTooLarge) {
      throw cannotRead("22003", value, oid, target);
    }
  }

  private static double parseFloating(Object value, int oid, boolean asFloat) throws SQLException {
    String text = getString(value, oid).strip();
    String target = asFloat ? "float" : "double";
    switch (text.toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "infinity", "+infinity", "inf", "+inf":
        return Double.POSITIVE_INFINITY;
      case "-infinity", "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (!FLOAT_TEXT.matcher(text).matches()) {
      throw cannotRead("22P02", value, oid, target);
    }
    double number = asFloat ? Float.parseFloat(text) : Double.parseDouble(text);
    if (Double.isInfinite(number)) {
      throw cannotRead("22003", value, oid, target);
    }
    return number;
  }

  private static boolean isSpecialFloat(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf" -> true;
      default -> false;
    };
  }

  private static UUID parseUuid(Object value, int oid) throws SQLException {
    String text = getString(value, oid).strip();
    if (!UUID_TEXT.matcher(text).matches()) {
      throw cannotRead("22P02", value, oid, "UUID");
    }
    return UUID.fromString(text);
  }

  /** What a date/time text says: a date, a time of day, or both, and an offset when it is a timestamptz. */
  private record DateTimeParts(LocalDate date, LocalTime time, ZoneOffset offset) {
    Instant instant() {
      LocalDateTime local = LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time);
      return local.toInstant(offset);
    }
  }

  /** Reads the server's date, time, timestamp and timestamptz forms (and ISO text with T or Z); else 22007. */
  private static DateTimeParts parseDateTime(Object value, int oid, String target) throws SQLException {
    Matcher match = DATE_TIME_TEXT.matcher(getString(value, oid).strip());
    if (!match.matches()) {
      throw cannotRead("22007", value, oid, target);
    }
    try {
      LocalDate date = null;
      if (match.group("year") != null) {
        int year = Integer.parseInt(match.group("year"));
        date = LocalDate.of(match.group("bc") != null ? 1 - year : year,
            Integer.parseInt(match.group("month")), Integer.parseInt(match.group("day")));
      } else if (match.group("bc") != null) {
        throw cannotRead("22007", value, oid, target);
      }
      LocalTime time = date != null ? time(match, "") : time(match, "Alone");
      String offset = match.group("offset");
      if (offset != null && date == null) {
        throw cannotRead("22007", value, oid, target); // a time with time zone: not a type Quorate has
      }
      return new DateTimeParts(date, time, offset == null ? null : ZoneOffset.of(offset));
    } catch (DateTimeException badField) {
      throw cannotRead("22007", value, oid, target);
    }
  }

  private static String timePattern(String suffix) {
    return "(?<hour" + suffix + ">\\d{2}):(?<minute" + suffix + ">\\d{2}):(?<second" + suffix + ">\\d{2})"
        + "(?:\\.(?<fraction" + suffix + ">\\d{1,9}))?";
  }

  /** The time of day in {@code match}'s groups named with {@code suffix}, or null when it has none. */
  private static LocalTime time(Matcher match, String suffix) {
    if (match.group("hour" + suffix) == null) {
      return null;
    }
    String fraction = match.group("fraction" + suffix);
    int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    return LocalTime.of(Integer.parseInt(match.group("hour" + suffix)), Integer.parseInt(match.group("minute" + suffix)),
        Integer.parseInt(match.group("second" + suffix)), nanos);
  }

  private static <T> T require(T part, Object value, int oid, Class<?> target) throws SQLException {
    if (part == null) {
      throw mismatch(value, oid, target);
    }
    return part;
  }

  /** The java.time value of class {@code type}, or 0A000 when {@code type} is not one this driver converts to. */
  private static Object javaTime(Object value, int oid, Class<?> type) throws SQLException {
    boolean local = type == LocalDate.class || type == LocalTime.class || type == LocalDateTime.class;
    if (!local && type != OffsetDateTime.class && type != Instant.class) {
      throw new SQLFeatureNotSupportedException("cannot convert a value of type " + typeName(oid) + " to "
          + type.getName() + ": that class is not supported", "0A000");
    }
    DateTimeParts parts = parseDateTime(value, oid, type.getName());
    if (local == (parts.offset() != null)) {
      throw mismatch(value, oid, type);
    }
    if (type == LocalTime.class) {
      return require(parts.time(), value, oid, type);
    }
    LocalDate date = require(parts.date(), value, oid, type);
    if (type == LocalDate.class) {
      return date;
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.of(date, parts.time() == null ? LocalTime.MIDNIGHT : parts.time());
    }
    return type == Instant.class ? parts.instant() : parts.instant().atOffset(parts.offset());
  }

  private static TimeZone zone(Calendar calendar) {
    return calendar == null ? TimeZone.getDefault() : calendar.getTimeZone();
  }

  /**
   * The epoch milliseconds of a local date and time in {@code zone}, by fields in the
   * Julian/Gregorian calendar java.sql's types use, so that their toString shows the same
   * date and time (a date before 1582 too).
   */
  private static long epochMillis(LocalDate date, LocalTime time, TimeZone zone) {
    GregorianCalendar calendar = new GregorianCalendar(zone, Locale.ROOT);
    calendar.clear();
    int year = date.getYear();
    calendar.set(Calendar.ERA, year > 0 ? GregorianCalendar.AD : GregorianCalendar.BC);
    calendar.set(year > 0 ? year : 1 - year, date.getMonthValue() - 1, date.getDayOfMonth(),
        time.getHour(), time.getMinute(), time.getSecond());
    calendar.set(Calendar.MILLISECOND, time.getNano() / 1_000_000);
    return calendar.getTimeInMillis();
  }

  /** A java.sql.Timestamp's local date and time in the JVM's zone, with that zone's offset then. */
  private static String formatTimestamp(Timestamp timestamp) {
    LocalDateTime local = timestamp.toLocalDateTime();
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(timestamp.getTime()) / 1000);
    return formatDateTime(local.toLocalDate(), local.toLocalTime(), offset);
  }

  /** A java.sql.Time's time of day in the JVM's zone, keeping its milliseconds (Time.toLocalTime drops them). */
  private static LocalTime localTime(Time time) {
    GregorianCalendar calendar = new GregorianCalendar(TimeZone.getDefault(), Locale.ROOT);
    calendar.setTime(time);
    return LocalTime.of(calendar.get(Calendar.HOUR_OF_DAY), calendar.get(Calendar.MINUTE),
        calendar.get(Calendar.SECOND), calendar.get(Calendar.MILLISECOND) * 1_000_000);
  }

  /**
   * The server's text form: {@code 2024-02-29}, {@code 13:14:15.5}, {@code 2024-02-29
   * 13:14:15+05:30}, years before 1 AD as {@code 0044-03-15 BC}; null parts are left out.
   */
  private static String formatDateTime(LocalDate date, LocalTime time, ZoneOffset offset) {
    StringBuilder out = new StringBuilder(40);
    if (date != null) {
      int year = date.getYear() > 0 ? date.getYear() : 1 - date.getYear();
      out.append(String.format(Locale.ROOT, "%04d-%02d-%02d", year, date.getMonthValue(), date.getDayOfMonth()));
    }
    if (time != null) {
      out.append(date != null ? " " : "")
          .append(String.format(Locale.ROOT, "%02d:%02d:%02d", time.getHour(), time.getMinute(), time.getSecond()));
      if (time.getNano() != 0) {
        out.append('.').append(String.format(Locale.ROOT, "%09d", time.getNano()).replaceFirst("0+$", ""));
      }
    }
    if (offset != null) {
      int seconds = Math.abs(offset.getTotalSeconds());
      out.append(offset.getTotalSeconds() < 0 ? '-' : '+').append(String.format(Locale.ROOT, "%02d", seconds / 3600));
      if (seconds % 3600 != 0) {
        out.append(String.format(Locale.ROOT, ":%02d", seconds % 3600 / 60));
      }
      if (seconds % 60 != 0) {
        out.append(String.format(Locale.ROOT, ":%02d", seconds % 60));
      }
    }
    return date != null && date.getYear() <= 0 ? out.append(" BC").toString() : out.toString();
  }

  private static Parameter integer(int oid, Number number) {
    return new Parameter(oid, number.longValue());
  }

  private static Parameter text(int oid, String text) {
    return new Parameter(oid, text);
  }

  /** "cannot read the integer value "70000" as short", with long text cut short. */
  private static SQLException cannotRead(String sqlState, Object value, int oid, String target) {
    String text = getString(value, oid);
    String shown = text.length() > MAX_TEXT_IN_MESSAGE ? text.substring(0, MAX_TEXT_IN_MESSAGE) + "..." : text;
    String problem = sqlState.equals("22003") ? "is out of range for " : "cannot be read as ";
    return new SQLDataException("the " + typeName(oid) + " value \"" + shown + "\" " + problem + target, sqlState);
  }

  private static SQLException mismatch(Object value, int oid, Class<?> target) {
    if (oid == DATE || oid == TIME || oid == TIMESTAMP || oid == TIMESTAMPTZ) {
      return new SQLException("cannot convert a value of type " + typeName(oid) + " to " + target.getName()
          + (oid == TIMESTAMPTZ ? ": read it as OffsetDateTime, Instant or Timestamp" : ""), "42846");
    }
    return cannotRead("22007", value, oid, target.getName());
  }
}
