package io.quorate.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Values of every type, each list distinct and in ascending PostgreSQL order, shared by the codec tests. */
final class SampleValues {

  private SampleValues() {}

  static final List<Object> STRINGS = List.of("", "\u0000", "a", "a\u0000", "a\u0000b", "a\u0001", "ab", "b",
      "\u00e9", "\u00e9t\u00e9", "\u4e2d", "\ufffd", "\ud83d\ude00", "\ud83d\ude00\ud83d\ude00");

  /** Each type, once, with its ascending values. */
  static Map<SqlType, List<Object>> ascendingByType() {
    Map<SqlType, List<Object>> values = new LinkedHashMap<>();
    values.put(SqlType.BOOLEAN, List.of(false, true));
    values.put(SqlType.SMALLINT, List.of(-32768L, -1L, 0L, 1L, 32767L));
    values.put(SqlType.INTEGER, List.of((long) Integer.MIN_VALUE, -65536L, -256L, -255L, -1L, 0L, 1L, 127L,
        128L, 255L, 256L, 65535L, (long) Integer.MAX_VALUE));
    values.put(SqlType.BIGINT, List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -(1L << 56) - 1, -(1L << 56),
        -257L, -256L, -255L, -2L, -1L, 0L, 1L, 255L, 256L, 1L << 56, Long.MAX_VALUE - 1, Long.MAX_VALUE));
    values.put(SqlType.NUMERIC, numerics("-1E+1000000", "-1e20", "-1000", "-10.5", "-10", "-1.505", "-1.5", "-1",
        "-0.12", "-0.1", "-0.001", "-1e-20", "0", "1E-1000000", "1e-20", "0.001", "0.1", "0.105", "0.11", "0.12",
        "0.123", "1", "1.5", "1.505", "10", "10.5", "99.99", "100", "1000", "1e20",
        "123456789012345678901234567890.1", "1E+1000000"));
    values.put(SqlType.REAL, List.of(Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1.5f, -1.0f, -Float.MIN_VALUE,
        0.0f, Float.MIN_VALUE, 1.0f, 1.5f, Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN));
    values.put(SqlType.DOUBLE, List.of(Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1.5, -1.0,
        -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 1e-300, 1.0, 1.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
        Double.NaN));
    values.put(SqlType.TEXT, STRINGS);
    values.put(SqlType.varchar(10), STRINGS);
    values.put(SqlType.character(3), List.of("   ", "a  ", "ab ", "b  "));
    values.put(SqlType.JSON, List.of("[]", "{\"a\": 1}"));
    values.put(SqlType.JSONB, List.of("[]", "{\"a\": 1}"));
    values.put(SqlType.UNKNOWN, List.of("", "x"));
    values.put(SqlType.BYTEA, bytes(new int[] {}, new int[] {0}, new int[] {0, 0}, new int[] {0, 1},
        new int[] {0, 0xFF}, new int[] {1}, new int[] {0x7F}, new int[] {0x80}, new int[] {0xFF},
        new int[] {0xFF, 0}, new int[] {0xFF, 0xFF}));
    values.put(SqlType.DATE, List.of(LocalDate.of(-4712, 1, 1), LocalDate.of(1969, 12, 31),
        LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(294276, 12, 31)));
    values.put(SqlType.TIME, List.of(LocalTime.MIDNIGHT, LocalTime.of(0, 0, 0, 1000), LocalTime.NOON,
        LocalTime.of(23, 59, 59, 999_999_000)));
    values.put(SqlType.TIMESTAMP, List.of(LocalDateTime.of(-4712, 1, 1, 0, 0),
        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(1970, 1, 1, 0, 0),
        LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1000), LocalDateTime.of(2024, 2, 29, 12, 30),
        LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000)));
    values.put(SqlType.TIMESTAMPTZ, List.of(Instant.parse("-4712-01-01T00:00:00Z"),
        Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.EPOCH, Instant.parse("1970-01-01T00:00:00.000001Z"),
        Instant.parse("2024-02-29T12:30:00Z"), Instant.parse("+294276-12-31T23:59:59.999999Z")));
    values.put(SqlType.INTERVAL, List.of(new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE),
        new Interval(-1, 0, 0), new Interval(0, -1, 0), new Interval(0, 0, -1), Interval.ZERO,
        new Interval(0, 0, 1), new Interval(0, 1, -1), new Interval(0, 1, 0), new Interval(1, -1, 0),
        new Interval(1, 0, 0), new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE)));
    values.put(SqlType.UUID, List.of(new UUID(0, 0), new UUID(0, -1), new UUID(Long.MAX_VALUE, 0),
        new UUID(Long.MIN_VALUE, 0), new UUID(-1, -1)));
    values.put(SqlType.arrayOf(SqlType.INTEGER), List.of(List.of(), List.of(-1L), List.of(1L), List.of(1L, 2L),
        Arrays.asList(1L, null), List.of(2L), Arrays.asList((Object) null)));
    values.put(SqlType.arrayOf(SqlType.TEXT), List.of(List.of(), List.of(""), List.of("", ""), List.of("a"),
        List.of("a", ""), List.of("a\u0000"), List.of("b")));
    return values;
  }

  private static List<Object> numerics(String... texts) {
    return Arrays.stream(texts).map(text -> (Object) new BigDecimal(text)).toList();
  }

  private static List<Object> bytes(int[]... arrays) {
    return Arrays.stream(arrays).map(array -> {
      byte[] bytes = new byte[array.length];
      for (int i = 0; i < array.length; i++) {
        bytes[i] = (byte) array[i];
      }
      return (Object) Bytes.wrap(bytes);
    }).toList();
  }

  /**
   * Fails unless {@code actual} is {@code expected}: numerics numerically, intervals field by
   * field (Interval.equals only compares lengths), arrays element by element.
   */
  static void assertSameValue(Object expected, Object actual, String message) {
    if (expected instanceof BigDecimal number && actual instanceof BigDecimal decoded) {
      assertEquals(0, number.compareTo(decoded), message + ": " + number + " read as " + decoded);
    } else if (expected instanceof Interval interval && actual instanceof Interval decoded) {
      assertEquals(List.of(interval.months(), interval.days(), interval.micros()),
          List.of(decoded.months(), decoded.days(), decoded.micros()), message);
    } else if (expected instanceof List<?> elements && actual instanceof List<?> decoded) {
      assertEquals(elements.size(), decoded.size(), message);
      for (int i = 0; i < elements.size(); i++) {
        assertSameValue(elements.get(i), decoded.get(i), message + "[" + i + "]");
      }
    } else {
      assertEquals(expected, actual, message);
    }
  }
}
