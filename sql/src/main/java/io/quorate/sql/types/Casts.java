package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Conversions between types as PostgreSQL performs them: which casts exist in which
 * context ({@link Context}), and the conversion of values, with PostgreSQL's errors
 * (22P02 bad text, 22003 out of range, 22001 too long).
 */
public final class Casts {

  /** Where a cast happens; each allows a superset of the one before. */
  public enum Context { IMPLICIT, ASSIGNMENT, EXPLICIT }

  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Casts() {}

  /** Whether a value of {@code from} converts to {@code to} in {@code context}. */
  public static boolean allowed(SqlType from, SqlType to, Context context) {
    if (from.equals(to) || from.kind() == SqlType.Kind.UNKNOWN || from.base().equals(to.base())) {
      return true;
    }
    if (from.isNumeric() && to.isNumeric()) {
      return context != Context.IMPLICIT || numericRank(from) <= numericRank(to);
    }
    if (from.isString() && to.isString()) {
      return true;
    }
    if (to.isString()) {
      return context != Context.IMPLICIT || from.isString();
    }
    if (from.kind() == SqlType.Kind.DATE && (to.kind() == SqlType.Kind.TIMESTAMP
        || to.kind() == SqlType.Kind.TIMESTAMPTZ)) {
      return true;
    }
    if (from.kind() == SqlType.Kind.TIMESTAMP && to.kind() == SqlType.Kind.TIMESTAMPTZ) {
      return true;
    }
    if (from.isArray() && to.isArray()) {
      return allowed(from.element(), to.element(), context);
    }
    if (from.isObjectReference() || to.isObjectReference()) {
      // as PostgreSQL's oid: integers and object references convert both ways without a cast
      return from.isInteger() || to.isInteger() || from.isObjectReference() && to.isObjectReference()
          || from.isString() && context == Context.EXPLICIT;
    }
    if (context == Context.IMPLICIT) {
      return false;
    }
    if (from.isString()) {
      return context == Context.EXPLICIT;
    }
    return switch (from.kind()) {
      case TIMESTAMP, TIMESTAMPTZ -> to.kind() == SqlType.Kind.DATE || to.kind() == SqlType.Kind.TIME
          || to.kind() == SqlType.Kind.TIMESTAMP;
      case BOOLEAN -> to.kind() == SqlType.Kind.INTEGER && context == Context.EXPLICIT;
      case INTEGER, BIGINT, SMALLINT -> to.kind() == SqlType.Kind.BOOLEAN && context == Context.EXPLICIT;
      case JSON, JSONB -> to.kind() == SqlType.Kind.JSON || to.kind() == SqlType.Kind.JSONB;
      case TIME -> to.kind() == SqlType.Kind.INTERVAL;
      case INTERVAL -> to.kind() == SqlType.Kind.TIME;
      default -> false;
    };
  }

  /** Position of a numeric type in PostgreSQL's implicit promotion order. */
  public static int numericRank(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT -> 1;
      case INTEGER -> 2;
      case BIGINT -> 3;
      case NUMERIC -> 4;
      case REAL -> 5;
      case DOUBLE -> 6;
      default -> 0;
    };
  }

  /**
   * Converts non-null {@code value} of {@code from} to {@code to}. {@code explicit} casts
   * truncate over-long strings; assignments fail with 22001 instead.
   */
  public static Object convert(Object value, SqlType from, SqlType to, boolean explicit, ZoneId zone) {
    if (value == null) {
      return null;
    }
    if (from.equals(to) && to.precision() < 0) {
      return value;
    }
    if (value instanceof String text && (from.isString() || from.kind() == SqlType.Kind.UNKNOWN
        || from.kind() == SqlType.Kind.JSON || from.kind() == SqlType.Kind.JSONB)) {
      return to.isString() ? fitString(text, to, explicit) : parse(text, to, zone);
    }
    if (to.isString()) {
      return fitString(toText(value, from, zone), to, explicit);
    }
    if (to.isNumeric()) {
      return toNumber(value, to);
    }
    return switch (to.kind()) {
      case BOOLEAN -> value instanceof Boolean ? value : ((Number) value).longValue() != 0;
      case DATE -> value instanceof LocalDateTime timestamp ? timestamp.toLocalDate()
          : value instanceof Instant instant ? instant.atZone(zone).toLocalDate() : value;
      case TIMESTAMP -> value instanceof LocalDate date ? date.atStartOfDay()
          : value instanceof Instant instant ? LocalDateTime.ofInstant(instant, zone) : value;
      case TIMESTAMPTZ -> value instanceof LocalDate date ? date.atStartOfDay(zone).toInstant()
          : value instanceof LocalDateTime timestamp ? timestamp.atZone(zone).toInstant() : value;
      case TIME -> value instanceof LocalDateTime timestamp ? timestamp.toLocalTime()
          : value instanceof Instant instant ? instant.atZone(zone).toLocalTime()
          : value instanceof Interval interval
              ? LocalTime.ofNanoOfDay(Math.floorMod(interval.micros(), Interval.MICROS_PER_DAY) * 1000) : value;
      case ARRAY -> convertArray((List<?>) value, from.element(), to.element(), explicit, zone);
      case INTERVAL -> value instanceof LocalTime time ? new Interval(0, 0, time.toNanoOfDay() / 1000) : value;
      case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> value instanceof ObjectReference ? value
          : new ObjectReference(((Number) value).longValue(), value.toString());
      default -> value;
    };
  }

  /**
   * The text a value becomes when cast to text or concatenated: its output form, except
   * that booleans read {@code true}/{@code false} (boolout prints t/f, the cast does not).
   */
  public static String toText(Object value, SqlType type, ZoneId zone) {
    if (value instanceof Boolean bool) {
      return bool ? "true" : "false";
    }
    return value instanceof String string ? string : TextFormat.format(value, type, zone);
  }

  private static List<Object> convertArray(List<?> values, SqlType from, SqlType to, boolean explicit, ZoneId zone) {
    java.util.ArrayList<Object> out = new java.util.ArrayList<>(values.size());
    for (Object item : values) {
      out.add(convert(item, from, to, explicit, zone));
    }
    return java.util.Collections.unmodifiableList(out);
  }

  private static String fitString(String text, SqlType to, boolean explicit) {
    if (to.kind() == SqlType.Kind.CHAR) {
      text = stripTrailingBlanks(text);
    }
    int limit = to.precision();
    if (limit < 0 || text.codePointCount(0, text.length()) <= limit) {
      return text;
    }
    String head = text.substring(0, text.offsetByCodePoints(0, limit));
    if (explicit || text.substring(head.length()).isBlank()) {
      return to.kind() == SqlType.Kind.CHAR ? stripTrailingBlanks(head) : head;
    }
    throw new SqlException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
        "value too long for type " + to.pgName());
  }

  private static String stripTrailingBlanks(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    return text.substring(0, end);
  }

  /** A number converted to numeric type {@code to}, rounding and range-checking as PostgreSQL. */
  public static Object toNumber(Object value, SqlType to) {
    if (value instanceof Boolean bool) {
      return checkInteger(bool ? 1L : 0L, to);
    }
    Number number = (Number) value;
    return switch (to.kind()) {
      case SMALLINT, INTEGER, BIGINT -> checkInteger(toLong(number, to), to);
      case NUMERIC -> applyScale(toBigDecimal(number), to);
      case REAL -> {
        float result = number.floatValue();
        if (Float.isInfinite(result) && !(number instanceof Double d && d.isInfinite())
            && !(number instanceof Float)) {
          throw SqlException.numericOutOfRange("real");
        }
        yield result;
      }
      case DOUBLE -> number.doubleValue();
      default -> throw new IllegalArgumentException("not numeric: " + to);
    };
  }

  private static long toLong(Number number, SqlType to) {
    if (number instanceof Long l) {
      return l;
    }
    if (number instanceof ObjectReference reference) {
      return reference.oid();
    }
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d) || d < -9.223372036854776E18 || d >= 9.223372036854776E18) {
        throw SqlException.numericOutOfRange(to.kind().pgName());
      }
      return (long) Math.rint(d); // float to integer rounds half to even, as rint() does
    }
    BigDecimal rounded = ((BigDecimal) number).setScale(0, RoundingMode.HALF_UP);
    if (rounded.compareTo(LONG_MIN) < 0 || rounded.compareTo(LONG_MAX) > 0) {
      throw SqlException.numericOutOfRange(to.kind().pgName());
    }
    return rounded.longValueExact();
  }

  /** {@code value} if it fits the integer type {@code type}, else 22003. */
  public static long checkInteger(long value, SqlType type) {
    boolean fits = switch (type.kind()) {
      case SMALLINT -> value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
      case INTEGER -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
      default -> true;
    };
    if (!fits) {
      throw SqlException.numericOutOfRange(type.kind().pgName());
    }
    return value;
  }

  private static BigDecimal toBigDecimal(Number number) {
    if (number instanceof Double || number instanceof Float) {
      double d = number.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
            "cannot convert " + (Double.isNaN(d) ? "NaN" : "infinity") + " to numeric");
      }
      return new BigDecimal(number instanceof Float f ? Float.toString(f) : Double.toString(d));
    }
    return ValueComparator.toBigDecimal(number);
  }

  /**
   * {@code value} if it fits PostgreSQL's numeric (131072 digits before the point, 16383
   * after), else 22003 — which also keeps huge exponents from exhausting memory.
   */
  public static BigDecimal checkNumericSize(BigDecimal value) {
    long integerDigits = (long) value.precision() - value.scale();
    if (integerDigits > 131072 || value.scale() > 16383) {
      throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
    }
    return value;
  }

  /** Rounds to numeric(p,s)'s scale and checks its precision (22003). */
  public static BigDecimal applyScale(BigDecimal value, SqlType type) {
    if (type.precision() < 0) {
      return value;
    }
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale() && scaled.signum() != 0) {
      throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow")
          .withDetail("A field with precision " + type.precision() + ", scale " + type.scale()
              + " must round to an absolute value less than 10^" + (type.precision() - type.scale()) + ".");
    }
    return scaled;
  }

  /** The value of {@code type} written as {@code text} (PostgreSQL's input functions). */
  public static Object parse(String text, SqlType type, ZoneId zone) {
    String trimmed = text.strip();
    return switch (type.kind()) {
      case BOOLEAN -> parseBoolean(trimmed, text);
      case SMALLINT, INTEGER, BIGINT -> checkInteger(parseLong(trimmed, text, type), type);
      case NUMERIC -> applyScale(parseDecimal(trimmed, text), type);
      case REAL -> (float) parseDouble(trimmed, text, type);
      case DOUBLE -> parseDouble(trimmed, text, type);
      case TEXT, VARCHAR, CHAR, UNKNOWN -> fitString(text, type, false);
      case BYTEA -> parseBytea(text);
      case DATE -> DateTimeText.parseDate(trimmed);
      case TIME -> DateTimeText.parseTime(trimmed);
      case TIMESTAMP -> DateTimeText.parseTimestamp(trimmed);
      case TIMESTAMPTZ -> DateTimeText.parseTimestampTz(trimmed, zone);
      case INTERVAL -> IntervalText.parseInterval(trimmed);
      case UUID -> parseUuid(trimmed, text);
      case JSON -> Json.validate(text);
      case JSONB -> Json.normalize(text);
      case ARRAY -> type.isVector() ? parseVector(trimmed, type) : ArrayText.parse(text, type.element(), zone);
      case RECORD -> throw SqlException.featureNotSupported("input of anonymous composite types is not implemented");
      case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> parseObjectReference(trimmed, type);
    };
  }

  /** int2vector and oidvector input: numbers separated by spaces, {@code 1 2}. */
  private static List<Object> parseVector(String trimmed, SqlType type) {
    java.util.ArrayList<Object> values = new java.util.ArrayList<>();
    for (String item : trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+")) {
      values.add(checkInteger(parseLong(item, item, type.element()), type.element()));
    }
    return java.util.Collections.unmodifiableList(values);
  }

  /**
   * An object reference written as its OID. Names need the catalog, so the analyzer
   * resolves them where they are written; a name arriving here (a parameter's text) is
   * refused.
   */
  private static ObjectReference parseObjectReference(String trimmed, SqlType type) {
    try {
      long oid = Long.parseLong(trimmed);
      return new ObjectReference(oid, Long.toString(oid));
    } catch (NumberFormatException name) {
      throw SqlException.featureNotSupported("a " + type.pgName() + " value given by name must be a constant");
    }
  }

  private static Boolean parseBoolean(String trimmed, String original) {
    String value = trimmed.toLowerCase(Locale.ROOT);
    if (!value.isEmpty()) {
      if ("true".startsWith(value) || "yes".startsWith(value) || value.equals("on") || value.equals("1")) {
        return true;
      }
      if ("false".startsWith(value) || "no".startsWith(value) || (value.length() >= 2 && "off".startsWith(value))
          || value.equals("0")) {
        return false;
      }
    }
    throw SqlException.invalidTextRepresentation("boolean", original);
  }

  private static long parseLong(String trimmed, String original, SqlType type) {
    String digits = trimmed.replace("_", "");
    try {
      return Long.parseLong(digits.startsWith("+") ? digits.substring(1) : digits);
    } catch (NumberFormatException notALong) {
      if (!digits.isEmpty() && digits.chars().skip(digits.charAt(0) == '-' || digits.charAt(0) == '+' ? 1 : 0)
          .allMatch(Character::isDigit) && digits.length() > 1) {
        throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
            "value \"" + original + "\" is out of range for type " + type.kind().pgName());
      }
      throw SqlException.invalidTextRepresentation(type.kind().pgName(), original);
    }
  }

  private static BigDecimal parseDecimal(String trimmed, String original) {
    if (trimmed.equalsIgnoreCase("nan") || trimmed.toLowerCase(Locale.ROOT).contains("inf")) {
      throw SqlException.featureNotSupported("numeric NaN and infinity are not supported");
    }
    try {
      return checkNumericSize(new BigDecimal(trimmed.replace("_", "")));
    } catch (NumberFormatException notANumber) {
      throw SqlException.invalidTextRepresentation("numeric", original);
    }
  }

  private static double parseDouble(String trimmed, String original, SqlType type) {
    switch (trimmed.toLowerCase(Locale.ROOT)) {
      case "nan":
        return Double.NaN;
      case "infinity", "inf", "+infinity", "+inf":
        return Double.POSITIVE_INFINITY;
      case "-infinity", "-inf":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    if (trimmed.isEmpty() || !trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw SqlException.invalidTextRepresentation(type.kind().pgName(), original);
    }
    double value = Double.parseDouble(trimmed);
    if (Double.isInfinite(value) || (type.kind() == SqlType.Kind.REAL && Float.isInfinite((float) value))) {
      throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
          "\"" + trimmed + "\" is out of range for type " + type.kind().pgName());
    }
    return value;
  }

  private static Bytes parseBytea(String text) {
    if (text.startsWith("\\x")) {
      String hex = text.substring(2).replaceAll("\\s", "");
      if (hex.length() % 2 != 0) {
        throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "invalid hexadecimal data: odd number of digits");
      }
      byte[] bytes = new byte[hex.length() / 2];
      for (int i = 0; i < bytes.length; i++) {
        int high = Character.digit(hex.charAt(2 * i), 16);
        int low = Character.digit(hex.charAt(2 * i + 1), 16);
        if (high < 0 || low < 0) {
          throw new SqlException(SqlState.INVALID_PARAMETER_VALUE,
              "invalid hexadecimal digit: \"" + hex.charAt(high < 0 ? 2 * i : 2 * i + 1) + "\"");
        }
        bytes[i] = (byte) (high << 4 | low);
      }
      return Bytes.wrap(bytes);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
          out.write('\\');
          i++;
        } else if (i + 3 < text.length() && text.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
          out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
          i += 3;
        } else {
          throw SqlException.invalidTextRepresentation("bytea", text);
        }
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(utf8, 0, utf8.length);
      }
    }
    return Bytes.wrap(out.toByteArray());
  }

  private static UUID parseUuid(String trimmed, String original) {
    String hex = trimmed.replace("-", "");
    if (hex.startsWith("{") && hex.endsWith("}")) {
      hex = hex.substring(1, hex.length() - 1);
    }
    if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw SqlException.invalidTextRepresentation("uuid", original);
    }
    return new UUID(new BigInteger(hex.substring(0, 16), 16).longValue(),
        new BigInteger(hex.substring(16), 16).longValue());
  }
}
