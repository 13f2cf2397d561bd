package io.quorate.sql.types;

import static io.quorate.sql.types.DateTimeArithmeticTest.iv;
import static io.quorate.sql.types.DateTimeArithmeticTest.text;
import static io.quorate.sql.types.DateTimeArithmeticTest.ts;
import static io.quorate.sql.types.DateTimeTextTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Proves date_trunc, extract and age give PostgreSQL 16's values, scales and errors (manual section 9.9). */
class DateTimeFunctionsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void dateTruncOnTimestamps() {
    assertEquals(ts("2001-02-16 20:00:00"), DateTimeFunctions.dateTrunc("hour", ts("2001-02-16 20:38:40")));
    assertEquals(ts("2001-01-01 00:00:00"), DateTimeFunctions.dateTrunc("year", ts("2001-02-16 20:38:40")));
    assertEquals(ts("2024-01-31 04:05:06.123"), DateTimeFunctions.dateTrunc("milliseconds", ts("2024-01-31 04:05:06.123456")));
    assertEquals(ts("2024-01-31 04:05:06.123456"), DateTimeFunctions.dateTrunc("microseconds", ts("2024-01-31 04:05:06.123456")));
    assertEquals(ts("2024-01-31 04:05:06"), DateTimeFunctions.dateTrunc("second", ts("2024-01-31 04:05:06.5")));
    assertEquals(ts("2024-01-31 04:05:00"), DateTimeFunctions.dateTrunc("MINUTE", ts("2024-01-31 04:05:06.5")));
    assertEquals(ts("2024-01-31 00:00:00"), DateTimeFunctions.dateTrunc("day", ts("2024-01-31 04:05:06.5")));
    assertEquals(ts("2024-01-29 00:00:00"), DateTimeFunctions.dateTrunc("week", ts("2024-01-31 04:05:06")));
    assertEquals(ts("2020-12-28 00:00:00"), DateTimeFunctions.dateTrunc("week", ts("2021-01-01 00:00:00")));
    assertEquals(ts("2024-01-01 00:00:00"), DateTimeFunctions.dateTrunc("month", ts("2024-01-31 04:05:06")));
    assertEquals(ts("2024-07-01 00:00:00"), DateTimeFunctions.dateTrunc("quarter", ts("2024-08-31 04:05:06")));
    assertEquals(ts("2020-01-01 00:00:00"), DateTimeFunctions.dateTrunc("decade", ts("2024-08-31 04:05:06")));
    assertEquals(ts("2001-01-01 00:00:00"), DateTimeFunctions.dateTrunc("century", ts("2024-08-31 04:05:06")));
    assertEquals(ts("1901-01-01 00:00:00"), DateTimeFunctions.dateTrunc("century", ts("2000-12-31 04:05:06")));
    assertEquals(ts("2001-01-01 00:00:00"), DateTimeFunctions.dateTrunc("millennium", ts("2024-08-31 04:05:06")));
    assertEquals(ts("1001-01-01 00:00:00"), DateTimeFunctions.dateTrunc("millennium", ts("2000-08-31 04:05:06")));
  }

  @Test
  void dateTruncOnTimestampTzTruncatesLocalTime() {
    Instant value = DateTimeText.parseTimestampTz("2001-02-16 20:38:40+00", NEW_YORK);
    assertEquals("2001-02-16 00:00:00-05",
        DateTimeText.formatTimestampTz(DateTimeFunctions.dateTrunc("day", value, NEW_YORK), NEW_YORK));
    assertEquals("2001-02-16 15:00:00-05",
        DateTimeText.formatTimestampTz(DateTimeFunctions.dateTrunc("hour", value, NEW_YORK), NEW_YORK));
    // The month began in standard time although the value is in daylight time.
    Instant summer = DateTimeText.parseTimestampTz("2024-03-20 12:00:00", PARIS);
    assertEquals("2024-03-01 00:00:00+01",
        DateTimeText.formatTimestampTz(DateTimeFunctions.dateTrunc("month", summer, PARIS), PARIS));
  }

  @Test
  void dateTruncOnIntervals() {
    assertEquals("3 days 02:00:00", text(DateTimeFunctions.dateTrunc("hour", iv("3 days 02:47:33"))));
    assertEquals("1 year 3 mons", text(DateTimeFunctions.dateTrunc("quarter", iv("1 year 5 mons 3 days"))));
    assertEquals("1 year", text(DateTimeFunctions.dateTrunc("year", iv("1 year 5 mons 3 days"))));
    assertEquals("10 years", text(DateTimeFunctions.dateTrunc("decade", iv("12 years 5 mons"))));
    assertEquals("3 days", text(DateTimeFunctions.dateTrunc("day", iv("3 days 02:47:33"))));
    assertEquals("-00:00:01", text(DateTimeFunctions.dateTrunc("second", iv("-1.9 seconds"))));
    SqlException week = assertThrows(SqlException.class, () -> DateTimeFunctions.dateTrunc("week", iv("1 day")));
    assertEquals("0A000", week.state().code());
    assertEquals("unit \"week\" not supported for type interval", week.getMessage());
    assertEquals("Months usually have fractional weeks.", week.detail());
  }

  @Test
  void dateTruncRefusesUnknownAndUnsupportedUnits() {
    assertFails("22023", "unit \"xyz\" not recognized for type timestamp without time zone",
        () -> DateTimeFunctions.dateTrunc("xyz", ts("2024-01-31 00:00")));
    assertFails("22023", "unit \"epoch\" not recognized for type timestamp without time zone",
        () -> DateTimeFunctions.dateTrunc("epoch", ts("2024-01-31 00:00")));
    assertFails("22023", "unit \"dow\" not recognized for type timestamp with time zone",
        () -> DateTimeFunctions.dateTrunc("dow", Instant.EPOCH, PARIS));
    assertFails("0A000", "unit \"timezone\" not supported for type timestamp without time zone",
        () -> DateTimeFunctions.dateTrunc("timezone", ts("2024-01-31 00:00")));
    assertFails("22023", "unit \"bogus\" not recognized for type interval",
        () -> DateTimeFunctions.dateTrunc("Bogus", iv("1 day")));
  }

  @Test
  void extractFromTimestampsWithPostgresScales() {
    var value = ts("2001-02-16 20:38:40");
    assertEquals(new BigDecimal("20"), DateTimeExtract.extract("century", ts("2000-12-16 12:21:13")));
    assertEquals(new BigDecimal("21"), DateTimeExtract.extract("century", value));
    assertEquals(new BigDecimal("16"), DateTimeExtract.extract("day", value));
    assertEquals(new BigDecimal("200"), DateTimeExtract.extract("decade", value));
    assertEquals(new BigDecimal("5"), DateTimeExtract.extract("dow", value));
    assertEquals(new BigDecimal("47"), DateTimeExtract.extract("doy", value));
    assertEquals(new BigDecimal("20"), DateTimeExtract.extract("hour", value));
    assertEquals(new BigDecimal("7"), DateTimeExtract.extract("isodow", ts("2001-02-18 20:38:40")));
    assertEquals(new BigDecimal("0"), DateTimeExtract.extract("dow", ts("2001-02-18 20:38:40")));
    assertEquals(new BigDecimal("3"), DateTimeExtract.extract("millennium", value));
    assertEquals(new BigDecimal("38"), DateTimeExtract.extract("minute", value));
    assertEquals(new BigDecimal("2"), DateTimeExtract.extract("month", value));
    assertEquals(new BigDecimal("1"), DateTimeExtract.extract("quarter", value));
    assertEquals(new BigDecimal("40.000000"), DateTimeExtract.extract("second", value));
    assertEquals(new BigDecimal("7"), DateTimeExtract.extract("week", value));
    assertEquals(new BigDecimal("2001"), DateTimeExtract.extract("year", value));
    assertEquals(new BigDecimal("982355920.120000"), DateTimeExtract.extract("epoch", ts("2001-02-16 20:38:40.12")));
    assertEquals(new BigDecimal("6.500000"), DateTimeExtract.extract("seconds", ts("2024-01-31 04:05:06.5")));
    assertEquals(new BigDecimal("6500.000"), DateTimeExtract.extract("ms", ts("2024-01-31 04:05:06.5")));
    assertEquals(new BigDecimal("6500000"), DateTimeExtract.extract("microseconds", ts("2024-01-31 04:05:06.5")));
    assertEquals(new BigDecimal("-44"), DateTimeExtract.extract("year", ts("0044-03-15 00:00").withYear(-43)));
  }

  @Test
  void extractFromTimestampTzUsesTheSessionZone() {
    Instant value = DateTimeText.parseTimestampTz("2001-02-16 20:38:40.12-08", PARIS);
    assertEquals(new BigDecimal("982384720.120000"), DateTimeExtract.extract("epoch", value, PARIS));
    assertEquals(new BigDecimal("17"), DateTimeExtract.extract("day", value, PARIS));
    assertEquals(new BigDecimal("5"), DateTimeExtract.extract("hour", value, PARIS));
    assertEquals(new BigDecimal("3600"), DateTimeExtract.extract("timezone", value, PARIS));
    assertEquals(new BigDecimal("1"), DateTimeExtract.extract("timezone_hour", value, PARIS));
    assertEquals(new BigDecimal("30"),
        DateTimeExtract.extract("timezone_minute", value, ZoneId.of("Asia/Kolkata")));
    assertEquals(new BigDecimal("-18000"), DateTimeExtract.extract("timezone", value, NEW_YORK));
  }

  @Test
  void extractFromDatesTimesAndIntervals() {
    assertEquals(new BigDecimal("2005"), DateTimeExtract.extract("isoyear", LocalDate.of(2006, 1, 1)));
    assertEquals(new BigDecimal("2006"), DateTimeExtract.extract("isoyear", LocalDate.of(2006, 1, 2)));
    assertEquals(new BigDecimal("2453737"), DateTimeExtract.extract("julian", LocalDate.of(2006, 1, 1)));
    assertEquals(new BigDecimal("1704067200"), DateTimeExtract.extract("epoch", LocalDate.of(2024, 1, 1)));
    assertEquals(new BigDecimal("28500000"), DateTimeExtract.extract("microseconds", LocalTime.of(17, 12, 28, 500_000_000)));
    assertEquals(new BigDecimal("28500.000"), DateTimeExtract.extract("milliseconds", LocalTime.of(17, 12, 28, 500_000_000)));
    assertEquals(new BigDecimal("28.500000"), DateTimeExtract.extract("second", LocalTime.of(17, 12, 28, 500_000_000)));
    assertEquals(new BigDecimal("3600.000000"), DateTimeExtract.extract("epoch", LocalTime.of(1, 0)));
    assertEquals(new BigDecimal("40"), DateTimeExtract.extract("day", iv("40 days 1 minute")));
    assertEquals(new BigDecimal("442800.000000"), DateTimeExtract.extract("epoch", iv("5 days 3 hours")));
    assertEquals(new BigDecimal("31557600.000000"), DateTimeExtract.extract("epoch", iv("1 year")));
    assertEquals(new BigDecimal("3"), DateTimeExtract.extract("month", iv("2 years 3 months")));
    assertEquals(new BigDecimal("1"), DateTimeExtract.extract("month", iv("2 years 13 months")));
    assertEquals(new BigDecimal("3"), DateTimeExtract.extract("year", iv("2 years 13 months")));
    assertEquals(new BigDecimal("3"), DateTimeExtract.extract("quarter", iv("1 year 6 months")));
    assertEquals(new BigDecimal("100"), DateTimeExtract.extract("hour", iv("100 hours")));
    assertEquals(new BigDecimal("-6.500000"), DateTimeExtract.extract("second", iv("-6.5 seconds")));
  }

  @Test
  void extractRefusesWithPostgresWording() {
    assertFails("0A000", "unit \"hour\" not supported for type date",
        () -> DateTimeExtract.extract("hour", LocalDate.of(2020, 7, 1)));
    assertFails("22023", "unit \"foo\" not recognized for type timestamp without time zone",
        () -> DateTimeExtract.extract("foo", ts("2020-07-01 00:00")));
    assertFails("0A000", "unit \"day\" not supported for type time without time zone",
        () -> DateTimeExtract.extract("day", LocalTime.of(1, 0)));
    assertFails("0A000", "unit \"dow\" not supported for type interval",
        () -> DateTimeExtract.extract("dow", iv("3 days")));
    assertFails("22023", "unit \"nosuch\" not recognized for type interval",
        () -> DateTimeExtract.extract("nosuch", iv("3 days")));
    assertFails("22023", "unit \"now\" not recognized for type interval",
        () -> DateTimeExtract.extract("now", iv("1 day")));
    assertFails("0A000", "unit \"timezone_hour\" not supported for type timestamp without time zone",
        () -> DateTimeExtract.extract("TimeZone_Hour", ts("2026-07-28 10:20:30")));
    assertFails("22023", "unit \"microsecs\" not recognized for type timestamp without time zone",
        () -> DateTimeExtract.extract("microsecs", ts("2026-07-28 10:20:30")));
    assertEquals(new BigDecimal("3"), DateTimeExtract.extract("millenniums", ts("2026-07-28 10:20:30")));
  }

  @Test
  void ageBorrowsMonthsSymbolically() {
    assertEquals("43 years 9 mons 27 days", text(DateTimeFunctions.age(ts("2001-04-10 00:00"), ts("1957-06-13 00:00"))));
    assertEquals("-43 years -9 mons -27 days",
        text(DateTimeFunctions.age(ts("1957-06-13 00:00"), ts("2001-04-10 00:00"))));
    assertEquals("1 mon 1 day", text(DateTimeFunctions.age(ts("2024-03-01 00:00"), ts("2024-01-31 00:00"))));
    assertEquals("-1 mons -1 days", text(DateTimeFunctions.age(ts("2024-01-31 00:00"), ts("2024-03-01 00:00"))));
    assertEquals("23:00:00", text(DateTimeFunctions.age(ts("2024-01-02 00:00"), ts("2024-01-01 01:00"))));
    assertEquals("00:00:00", text(DateTimeFunctions.age(ts("2024-01-02 00:00"), ts("2024-01-02 00:00"))));
    assertEquals("1 year", text(DateTimeFunctions.age(ts("2000-01-01 00:00"), LocalDate.of(2001, 1, 1))));
    Instant a = DateTimeText.parseTimestampTz("2024-03-31 00:00", PARIS);
    Instant b = DateTimeText.parseTimestampTz("2024-03-30 00:00", PARIS);
    assertEquals("1 day", text(DateTimeFunctions.age(a, b, PARIS)));
  }
}
