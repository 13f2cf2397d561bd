package io.quorate.driver;

import static io.quorate.driver.TextValues.BOOL;
import static io.quorate.driver.TextValues.BPCHAR;
import static io.quorate.driver.TextValues.BYTEA;
import static io.quorate.driver.TextValues.DATE;
import static io.quorate.driver.TextValues.FLOAT4;
import static io.quorate.driver.TextValues.FLOAT8;
import static io.quorate.driver.TextValues.INT2;
import static io.quorate.driver.TextValues.INT4;
import static io.quorate.driver.TextValues.INT8;
import static io.quorate.driver.TextValues.INTERVAL;
import static io.quorate.driver.TextValues.JSON;
import static io.quorate.driver.TextValues.JSONB;
import static io.quorate.driver.TextValues.NUMERIC;
import static io.quorate.driver.TextValues.TEXT;
import static io.quorate.driver.TextValues.TIME;
import static io.quorate.driver.TextValues.TIMESTAMP;
import static io.quorate.driver.TextValues.TIMESTAMPTZ;
import static io.quorate.driver.TextValues.UUID_OID;
import static io.quorate.driver.TextValues.VARCHAR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.driver.TextValues.Parameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Proves values convert to and from Java as pgjdbc users expect, reading exactly the text
 * forms Quorate's TextFormat prints (DateStyle ISO, IntervalStyle postgres) and failing
 * with PostgreSQL SQLSTATEs, never with a raw runtime exception.
 */
class TextValuesTest {

  /** SQL NULL as it travels (the decoder gives null for a Value with null set or with no kind). */
  private static final Object NULL = null;
  private static final String UUID_TEXT = "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11";

  private static Object text(String text) {
    return text;
  }

  private static Object integer(long value) {
    return value;
  }

  private static Object bool(boolean value) {
    return value;
  }

  private static Object bytea(byte... bytes) {
    return bytes;
  }

  private static SQLException assertFails(String sqlState, Executable action) {
    SQLException error = assertThrows(SQLException.class, action);
    assertEquals(sqlState, error.getSQLState(), error.getMessage());
    return error;
  }

  private static void assertMessage(SQLException error, String... parts) {
    for (String part : parts) {
      assertTrue(error.getMessage().contains(part), "\"" + part + "\" not in: " + error.getMessage());
    }
  }

  private static Calendar calendar(String zone) {
    return new GregorianCalendar(TimeZone.getTimeZone(zone));
  }

  @Test
  void sqlNullGivesNullZeroOrFalseFromEveryGetter() throws SQLException {
    Object value = NULL;
    assertNull(TextValues.getString(value, TEXT));
    assertFalse(TextValues.getBoolean(value, BOOL));
    assertEquals(0, TextValues.getLong(value, INT8));
    assertEquals(0, TextValues.getInt(value, INT4));
    assertEquals(0, TextValues.getShort(value, INT2));
    assertEquals(0, TextValues.getByte(value, INT2));
    assertEquals(0.0, TextValues.getDouble(value, FLOAT8));
    assertEquals(0.0f, TextValues.getFloat(value, FLOAT4));
    assertNull(TextValues.getBigDecimal(value, NUMERIC));
    assertNull(TextValues.getBytes(value, BYTEA));
    assertNull(TextValues.getDate(value, DATE, null));
    assertNull(TextValues.getTime(value, TIME, null));
    assertNull(TextValues.getTimestamp(value, TIMESTAMP, null));
    assertNull(TextValues.getObject(value, INT4));
    for (Class<?> type : List.of(String.class, Integer.class, Long.class, Boolean.class, LocalDate.class,
        OffsetDateTime.class, UUID.class, byte[].class, Timestamp.class)) {
      assertNull(TextValues.getObject(value, INT4, type));
    }
    assertEquals("", TextValues.getString(text(""), TEXT));
    assertEquals("0", TextValues.getString(integer(0), INT4));
  }

  @Test
  void stringsAreTheServersTextForms() {
    assertEquals("-42", TextValues.getString(integer(-42), INT4));
    assertEquals("t", TextValues.getString(bool(true), BOOL));
    assertEquals("f", TextValues.getString(bool(false), BOOL));
    assertEquals("\\x00ff7f", TextValues.getString(bytea((byte) 0, (byte) 0xff, (byte) 0x7f), BYTEA));
    assertEquals("\\x", TextValues.getString(bytea(), BYTEA));
    assertEquals("ab  ", TextValues.getString(text("ab  "), BPCHAR));
    assertEquals("1 year 2 mons 3 days 04:05:06.5", TextValues.getString(text("1 year 2 mons 3 days 04:05:06.5"),
        INTERVAL));
    assertEquals("", TextValues.getString(text(""), TEXT));
  }

  @Test
  void booleansReadTheWordsPgjdbcReads() throws SQLException {
    assertTrue(TextValues.getBoolean(bool(true), BOOL));
    assertFalse(TextValues.getBoolean(bool(false), BOOL));
    for (String yes : List.of("t", "true", "TRUE", " yes ", "y", "on", "1", "1.0")) {
      assertTrue(TextValues.getBoolean(text(yes), TEXT), yes);
    }
    for (String no : List.of("f", "false", "No", "n", "off", "0", "0.00", "-0")) {
      assertFalse(TextValues.getBoolean(text(no), TEXT), no);
    }
    assertTrue(TextValues.getBoolean(integer(1), INT4));
    assertFalse(TextValues.getBoolean(integer(0), INT4));
    assertMessage(assertFails("22P02", () -> TextValues.getBoolean(integer(2), INT4)), "integer", "\"2\"", "boolean");
    for (String bad : List.of("maybe", "", "2", "NaN", "1e99999999999", "tru")) {
      assertFails("22P02", () -> TextValues.getBoolean(text(bad), TEXT));
    }
    assertFails("22P02", () -> TextValues.getBoolean(bytea((byte) 1), BYTEA));
  }

  @Test
  void integersReadNativelyAndFromDecimalTextTruncatingAsPgjdbc() throws SQLException {
    assertEquals(Long.MIN_VALUE, TextValues.getLong(integer(Long.MIN_VALUE), INT8));
    assertEquals(1, TextValues.getLong(bool(true), BOOL));
    assertEquals(0, TextValues.getInt(bool(false), BOOL));
    assertEquals(42, TextValues.getLong(text(" 42 "), TEXT));
    assertEquals(12, TextValues.getInt(text("12.9"), NUMERIC));
    assertEquals(-12, TextValues.getInt(text("-12.9"), NUMERIC));
    assertEquals(1000, TextValues.getInt(text("1e+3"), FLOAT8));
    assertEquals(0, TextValues.getLong(text("1e-999999999"), NUMERIC));
    assertEquals(0, TextValues.getLong(text("-0.5"), NUMERIC));
    assertEquals(Long.MAX_VALUE, TextValues.getLong(text("9223372036854775807.99"), NUMERIC));
    assertEquals(Long.MIN_VALUE, TextValues.getLong(text("-9223372036854775808"), NUMERIC));
    for (String tooLarge : List.of("9223372036854775808", "-9223372036854775809", "1e19", "1e999999999",
        "1e99999999999", "Infinity", "-Infinity", "NaN")) {
      assertFails("22003", () -> TextValues.getLong(text(tooLarge), NUMERIC));
    }
    for (String bad : List.of("abc", "", "1,5", "0x10", "12abc", "1_000", "--1")) {
      assertMessage(assertFails("22P02", () -> TextValues.getLong(text(bad), VARCHAR)),
          "character varying", "\"" + bad + "\"", "long");
    }
    assertFails("22P02", () -> TextValues.getInt(bytea((byte) 1), BYTEA));
    assertFails("22P02", () -> TextValues.getInt(text("2024-01-01"), DATE));
  }

  @Test
  void narrowIntegersAreRangeChecked() throws SQLException {
    assertEquals(Integer.MAX_VALUE, TextValues.getInt(integer(Integer.MAX_VALUE), INT8));
    assertEquals(Integer.MIN_VALUE, TextValues.getInt(integer(Integer.MIN_VALUE), INT8));
    assertMessage(assertFails("22003", () -> TextValues.getInt(integer(3_000_000_000L), INT8)),
        "bigint", "\"3000000000\"", "out of range", "int");
    assertFails("22003", () -> TextValues.getInt(integer(Integer.MIN_VALUE - 1L), INT8));
    assertEquals(Short.MIN_VALUE, TextValues.getShort(integer(Short.MIN_VALUE), INT4));
    assertFails("22003", () -> TextValues.getShort(integer(32768), INT4));
    assertFails("22003", () -> TextValues.getShort(text("-32769"), TEXT));
    assertEquals(-128, TextValues.getByte(integer(-128), INT2));
    assertEquals(127, TextValues.getByte(text("127.9"), NUMERIC));
    assertFails("22003", () -> TextValues.getByte(integer(128), INT2));
    assertFails("22003", () -> TextValues.getByte(integer(-129), INT2));
  }

  @Test
  void floatsReadTextFormatsOutputIncludingSpecials() throws SQLException {
    // TextFormat.formatDouble/formatFloat: shortest digits, e-notation from 1e15 (float8) and 1e6 (float4) and below 1e-4.
    assertEquals(Double.NaN, TextValues.getDouble(text("NaN"), FLOAT8));
    assertEquals(Double.POSITIVE_INFINITY, TextValues.getDouble(text("Infinity"), FLOAT8));
    assertEquals(Double.NEGATIVE_INFINITY, TextValues.getDouble(text("-Infinity"), FLOAT8));
    assertEquals(-0.0, TextValues.getDouble(text("-0"), FLOAT8));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(TextValues.getDouble(text("-0"), FLOAT8)));
    assertEquals(0.1, TextValues.getDouble(text("0.1"), FLOAT8));
    assertEquals(1e16, TextValues.getDouble(text("1e+16"), FLOAT8));
    assertEquals(1.5e-5, TextValues.getDouble(text("1.5e-05"), FLOAT8));
    assertEquals(123456789012345.6, TextValues.getDouble(text("123456789012345.6"), FLOAT8));
    assertEquals(Double.MAX_VALUE, TextValues.getDouble(text("1.7976931348623157e+308"), FLOAT8));
    assertEquals(Double.MIN_VALUE, TextValues.getDouble(text("4.9e-324"), FLOAT8));
    assertEquals(Float.MAX_VALUE, TextValues.getFloat(text("3.4028235e+38"), FLOAT4));
    assertEquals(Float.MIN_VALUE, TextValues.getFloat(text("1.4e-45"), FLOAT4));
    assertEquals(0.1f, TextValues.getFloat(text("0.1"), FLOAT4));
    assertEquals(1234567f, TextValues.getFloat(text("1.234567e+06"), FLOAT4));
    assertEquals(Float.NaN, TextValues.getFloat(text("NaN"), FLOAT4));
    assertEquals(Float.NEGATIVE_INFINITY, TextValues.getFloat(text("-Infinity"), FLOAT4));
    assertEquals(12.5, TextValues.getDouble(text("12.50"), NUMERIC));
    assertEquals(7.0, TextValues.getDouble(integer(7), INT4));
    assertEquals(1.0f, TextValues.getFloat(bool(true), BOOL));
    assertFails("22003", () -> TextValues.getFloat(text("1e+39"), FLOAT8));
    assertFails("22003", () -> TextValues.getDouble(text("1e400"), NUMERIC));
    for (String bad : List.of("abc", "", "0x1p3", "1d", "1f", "1e", ".", "Infinityx")) {
      assertMessage(assertFails("22P02", () -> TextValues.getDouble(text(bad), TEXT)), "text", "double");
    }
  }

  @Test
  void bigDecimalsKeepTheNumericsDigitsAndScale() throws SQLException {
    assertEquals(new BigDecimal("12345678901234567890.000100"),
        TextValues.getBigDecimal(text("12345678901234567890.000100"), NUMERIC));
    assertEquals(new BigDecimal("-0.5"), TextValues.getBigDecimal(text("-0.5"), NUMERIC));
    assertEquals(BigDecimal.valueOf(Long.MAX_VALUE), TextValues.getBigDecimal(integer(Long.MAX_VALUE), INT8));
    assertEquals(BigDecimal.ONE, TextValues.getBigDecimal(bool(true), BOOL));
    assertEquals(new BigDecimal("1.5e-05"), TextValues.getBigDecimal(text("1.5e-05"), FLOAT8));
    for (String special : List.of("NaN", "Infinity", "-Infinity", "1e99999999999")) {
      assertMessage(assertFails("22003", () -> TextValues.getBigDecimal(text(special), FLOAT8)),
          "double precision", "BigDecimal");
    }
    assertFails("22P02", () -> TextValues.getBigDecimal(text("12,5"), TEXT));
    assertFails("22P02", () -> TextValues.getBigDecimal(text(UUID_TEXT), UUID_OID));
  }

  @Test
  void byteaComesNativelyOrAsHexTextAndOtherTypesAsTheirUtf8() throws SQLException {
    assertArrayEquals(new byte[] {1, (byte) 0xff}, TextValues.getBytes(bytea((byte) 1, (byte) 0xff), BYTEA));
    assertArrayEquals(new byte[] {0x0a, (byte) 0xff, (byte) 0xab},
        TextValues.getBytes(text("\\x0aFFab"), BYTEA));
    assertArrayEquals(new byte[0], TextValues.getBytes(text("\\x"), BYTEA));
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), TextValues.getBytes(text("héllo"), TEXT));
    assertArrayEquals("42".getBytes(StandardCharsets.UTF_8), TextValues.getBytes(integer(42), INT4));
    for (String bad : List.of("\\x0g", "\\x0", "abc", "\\001", "x00")) {
      assertMessage(assertFails("22P02", () -> TextValues.getBytes(text(bad), BYTEA)), "bytea");
    }
  }

  @Test
  void datesReadTheIsoFormIncludingEraAndLongYears() throws SQLException {
    assertEquals(LocalDate.of(2024, 2, 29), TextValues.getObject(text("2024-02-29"), DATE, LocalDate.class));
    assertEquals(LocalDate.of(-43, 3, 15), TextValues.getObject(text("0044-03-15 BC"), DATE, LocalDate.class));
    assertEquals(LocalDate.of(0, 12, 31), TextValues.getObject(text("0001-12-31 BC"), DATE, LocalDate.class));
    assertEquals(LocalDate.of(10000, 1, 1), TextValues.getObject(text("10000-01-01"), DATE, LocalDate.class));
    assertEquals(LocalDate.of(5874897, 12, 31), TextValues.getObject(text("5874897-12-31"), DATE, LocalDate.class));
    assertEquals(LocalDate.of(2024, 2, 29),
        TextValues.getObject(text("2024-02-29 13:14:15.123456"), TIMESTAMP, LocalDate.class));
    assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0),
        TextValues.getObject(text("2024-02-29"), DATE, LocalDateTime.class));
    for (String bad : List.of("2023-02-29", "2024-13-01", "2024-00-10", "not a date", "24-01-01", "2024-1-5",
        "", "13:14:15 BC", "99999999999-01-01")) {
      assertMessage(assertFails("22007", () -> TextValues.getObject(text(bad), TEXT, LocalDate.class)),
          "text", "java.time.LocalDate");
    }
    assertFails("22007", () -> TextValues.getObject(integer(20240229), INT4, LocalDate.class));
    assertMessage(assertFails("42846", () -> TextValues.getObject(text("13:14:15"), TIME, LocalDate.class)),
        "time without time zone", "LocalDate");
  }

  @Test
  void timesReadWithUpToNanosecondFractions() throws SQLException {
    assertEquals(LocalTime.of(13, 14, 15), TextValues.getObject(text("13:14:15"), TIME, LocalTime.class));
    assertEquals(LocalTime.of(13, 14, 15, 500_000_000), TextValues.getObject(text("13:14:15.5"), TIME, LocalTime.class));
    assertEquals(LocalTime.of(0, 0, 0, 1000), TextValues.getObject(text("00:00:00.000001"), TIME, LocalTime.class));
    assertEquals(LocalTime.of(23, 59, 59, 999_999_999),
        TextValues.getObject(text("23:59:59.999999999"), TEXT, LocalTime.class));
    assertEquals(LocalTime.of(13, 14, 15, 123_456_000),
        TextValues.getObject(text("2024-02-29 13:14:15.123456"), TIMESTAMP, LocalTime.class));
    assertFails("22007", () -> TextValues.getObject(text("24:00:00"), TIME, LocalTime.class));
    assertFails("22007", () -> TextValues.getObject(text("13:14:15+02"), TEXT, LocalTime.class));
    assertFails("22007", () -> TextValues.getObject(text("13:14"), TEXT, LocalTime.class));
    assertFails("42846", () -> TextValues.getObject(text("2024-02-29"), DATE, LocalTime.class));
  }

  @Test
  void timestampsReadTheIsoFormWithoutAnOffset() throws SQLException {
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
        TextValues.getObject(text("2024-02-29 13:14:15.123456"), TIMESTAMP, LocalDateTime.class));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15),
        TextValues.getObject(text("2024-02-29 13:14:15"), TIMESTAMP, LocalDateTime.class));
    assertEquals(LocalDateTime.of(0, 1, 1, 0, 0),
        TextValues.getObject(text("0001-01-01 00:00:00 BC"), TIMESTAMP, LocalDateTime.class));
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15),
        TextValues.getObject(text("2024-02-29T13:14:15"), VARCHAR, LocalDateTime.class));
    SQLException withOffset = assertFails("42846",
        () -> TextValues.getObject(text("2024-02-29 13:14:15+00"), TIMESTAMPTZ, LocalDateTime.class));
    assertMessage(withOffset, "timestamp with time zone", "OffsetDateTime");
    assertFails("42846", () -> TextValues.getObject(text("2024-02-29 13:14:15+00"), TIMESTAMPTZ, LocalDate.class));
    assertFails("42846", () -> TextValues.getObject(text("2024-02-29 13:14:15+00"), TIMESTAMPTZ, LocalTime.class));
    assertFails("22007", () -> TextValues.getObject(text("2024-02-29 25:00:00"), TIMESTAMP, LocalDateTime.class));
    assertFails("22007", () -> TextValues.getObject(text("2024-02-29 13:14:15.1234567890"), TIMESTAMP,
        LocalDateTime.class));
  }

  @Test
  void timestamptzReadsTheSessionOffsetTheServerPrints() throws SQLException {
    assertEquals(OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.UTC),
        TextValues.getObject(text("2024-02-29 13:14:15+00"), TIMESTAMPTZ, OffsetDateTime.class));
    assertEquals(OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)),
        TextValues.getObject(text("2024-02-29 13:14:15.5+05:30"), TIMESTAMPTZ, OffsetDateTime.class));
    assertEquals(OffsetDateTime.of(2024, 1, 31, 4, 5, 6, 0, ZoneOffset.ofHours(-8)),
        TextValues.getObject(text("2024-01-31 04:05:06-08"), TIMESTAMPTZ, OffsetDateTime.class));
    // Europe/Paris before 1911 was local mean time, which PostgreSQL prints to the second.
    assertEquals(OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 9, 21)),
        TextValues.getObject(text("1900-01-01 00:00:00+00:09:21"), TIMESTAMPTZ, OffsetDateTime.class));
    assertEquals(OffsetDateTime.of(-43, 3, 15, 12, 0, 0, 0, ZoneOffset.UTC),
        TextValues.getObject(text("0044-03-15 12:00:00+00 BC"), TIMESTAMPTZ, OffsetDateTime.class));
    assertEquals(Instant.parse("2024-02-29T07:44:15Z"),
        TextValues.getObject(text("2024-02-29 13:14:15+05:30"), TIMESTAMPTZ, Instant.class));
    assertEquals(Instant.parse("2024-02-29T13:14:15Z"),
        TextValues.getObject(text("2024-02-29T13:14:15Z"), TEXT, Instant.class));
    assertMessage(assertFails("42846", () -> TextValues.getObject(text("2024-02-29 13:14:15"), TIMESTAMP,
        OffsetDateTime.class)), "timestamp without time zone", "java.time.OffsetDateTime");
    assertFails("42846", () -> TextValues.getObject(text("2024-02-29"), DATE, Instant.class));
    assertFails("22007", () -> TextValues.getObject(text("2024-02-29 13:14:15+19"), TIMESTAMPTZ, Instant.class));
    assertFails("22007", () -> TextValues.getObject(text("2024-02-29 13:14:15 Europe/Paris"), TEXT, Instant.class));
  }

  @Test
  void javaSqlDatesAreLocalFieldsInTheCalendarsZone() throws SQLException {
    assertEquals("2024-02-29", TextValues.getDate(text("2024-02-29"), DATE, null).toString());
    assertEquals(LocalDate.of(2024, 2, 29), TextValues.getDate(text("2024-02-29 23:59:59"), TIMESTAMP, null)
        .toLocalDate());
    // Before the Gregorian cutover java.sql.Date counts in the Julian calendar; its fields still read 1500-01-01.
    assertEquals("1500-01-01", TextValues.getDate(text("1500-01-01"), DATE, null).toString());
    Date auckland = TextValues.getDate(text("2024-02-29"), DATE, calendar("Pacific/Auckland"));
    assertEquals(LocalDate.of(2024, 2, 29).atStartOfDay(ZoneId.of("Pacific/Auckland")).toInstant().toEpochMilli(),
        auckland.getTime());
    // A timestamptz's date is the date of its instant in the calendar's zone.
    Date tokyo = TextValues.getDate(text("2024-02-29 23:30:00+00"), TIMESTAMPTZ, calendar("Asia/Tokyo"));
    assertEquals(LocalDate.of(2024, 3, 1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant().toEpochMilli(),
        tokyo.getTime());
    assertFails("42846", () -> TextValues.getDate(text("13:14:15"), TIME, null));
    assertFails("22007", () -> TextValues.getDate(text("yesterday"), TEXT, null));
  }

  @Test
  void javaSqlTimesKeepMillisecondsOnTheEpochDay() throws SQLException {
    Time utc = TextValues.getTime(text("13:14:15.123456"), TIME, calendar("UTC"));
    assertEquals(((13 * 60 + 14) * 60 + 15) * 1000L + 123, utc.getTime());
    assertEquals("13:14:15", TextValues.getTime(text("13:14:15.5"), TIME, null).toString());
    Time fromTimestamp = TextValues.getTime(text("2024-02-29 01:02:03"), TIMESTAMP, calendar("UTC"));
    assertEquals((60 + 2) * 60 * 1000L + 3000, fromTimestamp.getTime());
    Time fromTimestamptz = TextValues.getTime(text("2024-02-29 23:30:00+00"), TIMESTAMPTZ, calendar("GMT+02:00"));
    assertEquals((60 + 30) * 60 * 1000L - 2 * 3600 * 1000L, fromTimestamptz.getTime());
    assertFails("42846", () -> TextValues.getTime(text("2024-02-29"), DATE, null));
  }

  @Test
  void javaSqlTimestampsAreInstantsForTimestamptzAndLocalFieldsOtherwise() throws SQLException {
    Timestamp local = TextValues.getTimestamp(text("2024-02-29 13:14:15.123456"), TIMESTAMP, null);
    assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000), local.toLocalDateTime());
    assertEquals("2024-02-29 13:14:15.123456", local.toString());
    Timestamp inUtc = TextValues.getTimestamp(text("2024-02-29 13:14:15.123456"), TIMESTAMP, calendar("UTC"));
    assertEquals(Instant.parse("2024-02-29T13:14:15.123456Z"), inUtc.toInstant());
    assertEquals(123_456_000, inUtc.getNanos());
    Timestamp instant = TextValues.getTimestamp(text("2024-02-29 13:14:15.5+05:30"), TIMESTAMPTZ, calendar("UTC"));
    assertEquals(Instant.parse("2024-02-29T07:44:15.5Z"), instant.toInstant());
    assertEquals(instant, TextValues.getTimestamp(text("2024-02-29 13:14:15.5+05:30"), TIMESTAMPTZ,
        calendar("America/New_York")));
    assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), TextValues.getTimestamp(text("2024-02-29"), DATE, null)
        .toLocalDateTime());
    assertEquals(LocalDateTime.of(1970, 1, 1, 13, 14, 15), TextValues.getTimestamp(text("13:14:15"), TIME, null)
        .toLocalDateTime());
    assertEquals("1500-01-01 00:00:00.0", TextValues.getTimestamp(text("1500-01-01 00:00:00"), TIMESTAMP, null)
        .toString());
    assertMessage(assertFails("22007", () -> TextValues.getTimestamp(bool(true), BOOL, null)), "boolean", "\"t\"");
  }

  @Test
  void uuidsAreReadStrictly() throws SQLException {
    UUID expected = UUID.fromString(UUID_TEXT);
    assertEquals(expected, TextValues.getObject(text(UUID_TEXT), UUID_OID, UUID.class));
    assertEquals(expected, TextValues.getObject(text(UUID_TEXT.toUpperCase()), TEXT, UUID.class));
    assertEquals(expected, TextValues.getObject(text(UUID_TEXT), UUID_OID));
    for (String bad : List.of("1-1-1-1-1", "xyz", "a0eebc999c0b4ef8bb6d6bb9bd380a11", UUID_TEXT + "0")) {
      assertMessage(assertFails("22P02", () -> TextValues.getObject(text(bad), TEXT, UUID.class)), "UUID");
    }
  }

  @Test
  void getObjectWithoutAClassFollowsPgjdbcsDefaultMapping() throws SQLException {
    assertEquals(Integer.valueOf(7), TextValues.getObject(integer(7), INT2));
    assertEquals(Integer.valueOf(7), TextValues.getObject(integer(7), INT4));
    assertEquals(Long.valueOf(7), TextValues.getObject(integer(7), INT8));
    assertEquals(new BigDecimal("1.50"), TextValues.getObject(text("1.50"), NUMERIC));
    assertEquals(Float.valueOf(1.5f), TextValues.getObject(text("1.5"), FLOAT4));
    assertEquals(Double.valueOf(1.5), TextValues.getObject(text("1.5"), FLOAT8));
    assertEquals(Boolean.TRUE, TextValues.getObject(bool(true), BOOL));
    for (int oid : new int[] {TEXT, VARCHAR, BPCHAR, JSON, JSONB, INTERVAL, 1007, 1009}) {
      assertEquals("{1,2}", TextValues.getObject(text("{1,2}"), oid));
    }
    assertArrayEquals(new byte[] {1}, (byte[]) TextValues.getObject(bytea((byte) 1), BYTEA));
    assertEquals(Date.valueOf("2024-02-29"), TextValues.getObject(text("2024-02-29"), DATE));
    assertInstanceOf(Time.class, TextValues.getObject(text("13:14:15"), TIME));
    assertEquals(Timestamp.valueOf("2024-02-29 13:14:15.5"), TextValues.getObject(text("2024-02-29 13:14:15.5"),
        TIMESTAMP));
    assertEquals(Timestamp.from(Instant.parse("2024-02-29T13:14:15Z")),
        TextValues.getObject(text("2024-02-29 13:14:15+00"), TIMESTAMPTZ));
    assertEquals(Long.valueOf(5), TextValues.getObject(integer(5), 99999));
    assertEquals(Boolean.FALSE, TextValues.getObject(bool(false), 99999));
    assertEquals("x", TextValues.getObject(text("x"), 99999));
    assertFails("22003", () -> TextValues.getObject(integer(1L << 40), INT4));
  }

  @Test
  void getObjectWithAClassConvertsToEveryListedClass() throws SQLException {
    assertEquals("12", TextValues.getObject(integer(12), INT4, String.class));
    assertEquals(Boolean.TRUE, TextValues.getObject(text("t"), BOOL, Boolean.class));
    assertEquals(Byte.valueOf((byte) 12), TextValues.getObject(integer(12), INT4, Byte.class));
    assertEquals(Short.valueOf((short) 12), TextValues.getObject(integer(12), INT4, Short.class));
    assertEquals(Integer.valueOf(12), TextValues.getObject(integer(12), INT8, Integer.class));
    assertEquals(Long.valueOf(12), TextValues.getObject(text("12"), TEXT, Long.class));
    assertEquals(Float.valueOf(0.5f), TextValues.getObject(text("0.5"), FLOAT4, Float.class));
    assertEquals(Double.valueOf(0.5), TextValues.getObject(text("0.5"), FLOAT8, Double.class));
    assertEquals(new BigDecimal("0.50"), TextValues.getObject(text("0.50"), NUMERIC, BigDecimal.class));
    assertArrayEquals(new byte[] {(byte) 0xab}, TextValues.getObject(text("\\xab"), BYTEA, byte[].class));
    assertEquals(Date.valueOf("2024-02-29"), TextValues.getObject(text("2024-02-29"), DATE, Date.class));
    assertEquals(Time.valueOf("13:14:15"), TextValues.getObject(text("13:14:15"), TIME, Time.class));
    assertEquals(Timestamp.valueOf("2024-02-29 13:14:15"),
        TextValues.getObject(text("2024-02-29 13:14:15"), TIMESTAMP, Timestamp.class));
    assertEquals(Integer.valueOf(3), TextValues.getObject(integer(3), INT4, Object.class));
  }

  @Test
  void unsupportedClassesAreFeatureNotSupportedNamingTheClass() {
    for (Class<?> type : List.of(java.util.Date.class, BigInteger.class, Character.class, int.class, List.class)) {
      SQLException error = assertFails("0A000", () -> TextValues.getObject(text("1"), INT4, type));
      assertInstanceOf(SQLFeatureNotSupportedException.class, error);
      assertMessage(error, type.getName(), "integer");
    }
    assertFails("22023", () -> TextValues.getObject(text("1"), INT4, null));
  }

  @Test
  void messagesNameTheTypeAndCutLongValuesShort() {
    SQLException error = assertFails("22P02", () -> TextValues.getInt(text("x".repeat(500)), JSONB));
    assertMessage(error, "jsonb", "x".repeat(64) + "...");
    assertTrue(error.getMessage().length() < 200, error.getMessage());
    assertMessage(assertFails("22P02", () -> TextValues.getInt(text("{1}"), 1007)), "integer[]");
    assertMessage(assertFails("22P02", () -> TextValues.getInt(text("x"), 123456)), "type with OID 123456");
    assertEquals("timestamp with time zone[]", TextValues.typeName(1185));
    assertEquals("unspecified", TextValues.typeName(0));
  }

  @Test
  void parametersOfIntegersAndBooleansTravelNatively() throws SQLException {
    assertParameter(TextValues.INT2, integer(5), (byte) 5);
    assertParameter(TextValues.INT2, integer(-5), (short) -5);
    assertParameter(TextValues.INT4, integer(Integer.MIN_VALUE), Integer.MIN_VALUE);
    assertParameter(TextValues.INT8, integer(Long.MAX_VALUE), Long.MAX_VALUE);
    assertParameter(TextValues.BOOL, bool(true), true);
    assertParameter(TextValues.UNSPECIFIED, NULL, null);
    assertParameter(TextValues.BYTEA, bytea((byte) 1, (byte) 2), new byte[] {1, 2});
    assertParameter(TextValues.UNSPECIFIED, text("it's"), "it's");
  }

  @Test
  void parametersSentAsTextUseTheFormsTheServerPrints() throws SQLException {
    assertParameter(FLOAT4, text("1.5"), 1.5f);
    assertParameter(FLOAT4, text("NaN"), Float.NaN);
    assertParameter(FLOAT4, text("-Infinity"), Float.NEGATIVE_INFINITY);
    assertParameter(FLOAT8, text("Infinity"), Double.POSITIVE_INFINITY);
    assertParameter(FLOAT8, text("-0.0"), -0.0);
    assertParameter(FLOAT8, text("1.0E16"), 1e16);
    assertParameter(NUMERIC, text("123.4500"), new BigDecimal("123.4500"));
    assertParameter(NUMERIC, text("1E+3"), new BigDecimal("1E+3"));
    assertParameter(DATE, text("2024-02-29"), LocalDate.of(2024, 2, 29));
    assertParameter(DATE, text("0044-03-15 BC"), LocalDate.of(-43, 3, 15));
    assertParameter(DATE, text("10000-01-01"), LocalDate.of(10000, 1, 1));
    assertParameter(TIME, text("13:14:15"), LocalTime.of(13, 14, 15));
    assertParameter(TIME, text("13:14:15.123456"), LocalTime.of(13, 14, 15, 123_456_000));
    assertParameter(TIME, text("00:00:00.000000001"), LocalTime.of(0, 0, 0, 1));
    assertParameter(TIMESTAMP, text("2024-02-29 13:14:15.123456"), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000));
    assertParameter(TIMESTAMP, text("0001-01-01 00:00:00 BC"), LocalDateTime.of(0, 1, 1, 0, 0));
    assertParameter(TIMESTAMPTZ, text("2024-02-29 13:14:15.5+05:30"),
        OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 500_000_000, ZoneOffset.ofHoursMinutes(5, 30)));
    assertParameter(TIMESTAMPTZ, text("2024-02-29 13:14:15-08"),
        OffsetDateTime.of(2024, 2, 29, 13, 14, 15, 0, ZoneOffset.ofHours(-8)));
    assertParameter(TIMESTAMPTZ, text("1900-01-01 00:00:00+00:09:21"),
        OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 9, 21)));
    assertParameter(TIMESTAMPTZ, text("2024-02-29 13:14:15+00"), Instant.parse("2024-02-29T13:14:15Z"));
    assertParameter(UUID_OID, text(UUID_TEXT), UUID.fromString(UUID_TEXT));
    assertParameter(DATE, text("2024-02-29"), Date.valueOf("2024-02-29"));
  }

  @Test
  void javaSqlTimeAndTimestampParametersKeepTheirFractions() throws SQLException {
    Time time = Time.valueOf("13:14:15");
    time.setTime(time.getTime() + 250);
    assertParameter(TIME, text("13:14:15.25"), time);
    Timestamp timestamp = Timestamp.valueOf("2024-02-29 13:14:15.123456789");
    ZoneOffset offset = ZoneId.systemDefault().getRules().getOffset(timestamp.toInstant());
    String expectedOffset = offset.getTotalSeconds() == 0 ? "+00" : offset.getId().replaceFirst(":00$", "");
    // Sent untyped with the JVM zone's offset: a timestamp column reads the local fields, a timestamptz the instant.
    assertParameter(TextValues.UNSPECIFIED, text("2024-02-29 13:14:15.123456789" + expectedOffset), timestamp);
  }

  @Test
  void unsupportedParameterClassesAreFeatureNotSupportedNamingTheClass() {
    for (Object x : List.of(new Object(), new java.util.Date(), BigInteger.ONE, 'c', List.of())) {
      SQLException error = assertFails("0A000", () -> TextValues.parameter(x));
      assertInstanceOf(SQLFeatureNotSupportedException.class, error);
      assertMessage(error, x.getClass().getName());
    }
  }

  @Test
  void everyParameterReadsBackAsTheSameJavaValue() throws SQLException {
    List<Object> values = List.of(true, false, (byte) -7, (short) 300, 70_000, 1L << 40, 0.1f, Float.MIN_VALUE,
        Float.MAX_VALUE, -1.0e-10f, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, 1.0 / 3, new BigDecimal("-0.000123400"),
        new BigDecimal("98765432109876543210.0123456789"), "text ü", LocalDate.of(1, 1, 1), LocalDate.of(-4712, 1, 1),
        LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_999), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 1000),
        OffsetDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneOffset.ofHours(14)), Instant.ofEpochSecond(-1, 5),
        UUID.fromString(UUID_TEXT), Date.valueOf("1999-12-31"), Timestamp.valueOf("2024-02-29 13:14:15.000000001"));
    for (Object value : values) {
      Parameter parameter = TextValues.parameter(value);
      int oid = parameter.oid() == TextValues.UNSPECIFIED ? TEXT : parameter.oid();
      assertEquals(value, TextValues.getObject(parameter.value(), oid, value.getClass()), value.toString());
    }
    byte[] bytes = {0, -1, 127};
    assertArrayEquals(bytes, TextValues.getObject(TextValues.parameter(bytes).value(), BYTEA, byte[].class));
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(
        TextValues.getFloat(TextValues.parameter(-0.0f).value(), FLOAT4)));
  }

  private static void assertParameter(int oid, Object value, Object x) throws SQLException {
    Parameter parameter = TextValues.parameter(x);
    assertEquals(oid, parameter.oid(), String.valueOf(x));
    if (value instanceof byte[] bytes) {
      assertArrayEquals(bytes, (byte[]) parameter.value(), String.valueOf(x));
    } else {
      assertEquals(value, parameter.value(), String.valueOf(x));
    }
  }
}
