package io.quorate.sql.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Proves date/time values read and print as PostgreSQL 16 does with DateStyle ISO, MDY. */
class DateTimeTextTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  static void assertFails(String sqlState, String message, Executable action) {
    SqlException error = assertThrows(SqlException.class, action);
    assertEquals(sqlState, error.state().code());
    assertEquals(message, error.getMessage());
  }

  @Test
  void datesReadInTheIsoAndCompactForms() {
    assertEquals(LocalDate.of(2024, 1, 31), DateTimeText.parseDate("2024-01-31"));
    assertEquals(LocalDate.of(2024, 1, 5), DateTimeText.parseDate("2024-1-5"));
    assertEquals(LocalDate.of(2024, 1, 31), DateTimeText.parseDate("20240131"));
    assertEquals(LocalDate.of(2024, 1, 31), DateTimeText.parseDate("01/31/2024"));
    assertEquals(LocalDate.of(2024, 1, 31), DateTimeText.parseDate(" 2024-01-31 04:05:06 "));
    assertEquals(LocalDate.of(2024, 2, 29), DateTimeText.parseDate("2024-02-29"));
  }

  @Test
  void badDatesFailWithPostgresStatesAndWording() {
    assertFails("22007", "invalid input syntax for type date: \"x\"", () -> DateTimeText.parseDate("x"));
    assertFails("22007", "invalid input syntax for type date: \"2024-01-31 bogus\"",
        () -> DateTimeText.parseDate("2024-01-31 bogus"));
    assertFails("22008", "date/time field value out of range: \"2024-02-30\"",
        () -> DateTimeText.parseDate("2024-02-30"));
    assertFails("22008", "date/time field value out of range: \"2023-02-29\"",
        () -> DateTimeText.parseDate("2023-02-29"));
    SqlException month = assertThrows(SqlException.class, () -> DateTimeText.parseDate("2024-13-01"));
    assertEquals("date/time field value out of range: \"2024-13-01\"", month.getMessage());
    assertEquals("Perhaps you need a different \"datestyle\" setting.", month.hint());
    assertFails("22008", "date out of range: \"5874898-01-01\"", () -> DateTimeText.parseDate("5874898-01-01"));
    assertFails("22008", "timestamp out of range: \"294277-01-01\"",
        () -> DateTimeText.parseTimestamp("294277-01-01"));
    assertFails("22008", "date/time field value out of range: \"0000-01-01\"",
        () -> DateTimeText.parseDate("0000-01-01"));
  }

  @Test
  void timesReadWithOptionalSecondsAndFraction() {
    assertEquals(LocalTime.of(4, 5), DateTimeText.parseTime("04:05"));
    assertEquals(LocalTime.of(4, 5, 6), DateTimeText.parseTime("04:05:06"));
    assertEquals(LocalTime.of(4, 5, 6, 789_000_000), DateTimeText.parseTime("04:05:06.789"));
    assertEquals(LocalTime.of(4, 5, 6, 123_457_000), DateTimeText.parseTime("04:05:06.1234567"));
    assertEquals(LocalTime.of(4, 5, 6), DateTimeText.parseTime("04:05:06 PST"));
    assertFails("22008", "date/time field value out of range: \"25:00\"", () -> DateTimeText.parseTime("25:00"));
    assertFails("22008", "date/time field value out of range: \"04:60\"", () -> DateTimeText.parseTime("04:60"));
    assertFails("22007", "invalid input syntax for type time without time zone: \"4h\"",
        () -> DateTimeText.parseTime("4h"));
  }

  @Test
  void timestampsReadWithSpaceOrTAndIgnoreAZone() {
    LocalDateTime expected = LocalDateTime.of(2024, 1, 31, 4, 5, 6, 123_456_000);
    assertEquals(expected, DateTimeText.parseTimestamp("2024-01-31 04:05:06.123456"));
    assertEquals(expected.withNano(0), DateTimeText.parseTimestamp("2024-01-31T04:05:06"));
    assertEquals(LocalDateTime.of(2024, 1, 31, 0, 0), DateTimeText.parseTimestamp("2024-01-31"));
    assertEquals(expected.withNano(0), DateTimeText.parseTimestamp("2024-01-31 04:05:06+02"));
    assertEquals(expected.withNano(0), DateTimeText.parseTimestamp("2024-01-31 04:05:06 Europe/Paris"));
    assertEquals(LocalDateTime.of(2024, 2, 1, 0, 0), DateTimeText.parseTimestamp("2024-01-31 24:00:00"));
    assertFails("22007", "invalid input syntax for type timestamp without time zone: \"yesterday-ish\"",
        () -> DateTimeText.parseTimestamp("yesterday-ish"));
    assertFails("22023", "time zone \"mars/olympus\" not recognized",
        () -> DateTimeText.parseTimestamp("2024-01-31 04:05 Mars/Olympus"));
  }

  @Test
  void timestampsWithTimeZoneTakeTheSuffixOrTheSessionZone() {
    Instant utc = Instant.parse("2024-01-31T02:05:06Z");
    assertEquals(utc, DateTimeText.parseTimestampTz("2024-01-31 04:05:06+02", ZoneOffset.UTC));
    assertEquals(utc.minusSeconds(1800), DateTimeText.parseTimestampTz("2024-01-31 04:05:06+02:30", PARIS));
    assertEquals(Instant.parse("2024-01-31T12:05:06Z"),
        DateTimeText.parseTimestampTz("2024-01-31 04:05:06-0800", PARIS));
    assertEquals(Instant.parse("2024-01-31T04:05:06Z"), DateTimeText.parseTimestampTz("2024-01-31 04:05:06Z", PARIS));
    assertEquals(Instant.parse("2024-01-31T04:05:06Z"),
        DateTimeText.parseTimestampTz("2024-01-31 04:05:06 UTC", PARIS));
    assertEquals(Instant.parse("2024-01-31T03:05:06Z"),
        DateTimeText.parseTimestampTz("2024-01-31 04:05:06 Europe/Paris", ZoneOffset.UTC));
    assertEquals(Instant.parse("2024-07-31T02:05:06Z"), DateTimeText.parseTimestampTz("2024-07-31 04:05:06", PARIS));
    assertFails("22009", "time zone displacement out of range: \"2024-01-31 04:05:06+16\"",
        () -> DateTimeText.parseTimestampTz("2024-01-31 04:05:06+16", PARIS));
  }

  @Test
  void localTimesInTransitionsResolveAsPostgresDoes() {
    ZoneId newYork = ZoneId.of("America/New_York");
    // 02:30 does not exist on 2024-03-10: read with the standard offset, i.e. 03:30 EDT.
    assertEquals(Instant.parse("2024-03-10T07:30:00Z"),
        DateTimeText.parseTimestampTz("2024-03-10 02:30:00", newYork));
    // 01:30 happens twice on 2024-11-03: PostgreSQL takes the later, standard-time one.
    assertEquals(Instant.parse("2024-11-03T06:30:00Z"),
        DateTimeText.parseTimestampTz("2024-11-03 01:30:00", newYork));
  }

  @Test
  void valuesPrintInIsoStyle() {
    assertEquals("2024-01-31", DateTimeText.formatDate(LocalDate.of(2024, 1, 31)));
    assertEquals("0044-03-15 BC", DateTimeText.formatDate(LocalDate.of(-43, 3, 15)));
    assertEquals("04:05:06", DateTimeText.formatTime(LocalTime.of(4, 5, 6)));
    assertEquals("04:05:06.5", DateTimeText.formatTime(LocalTime.of(4, 5, 6, 500_000_000)));
    assertEquals("00:00:00.000001", DateTimeText.formatTime(LocalTime.of(0, 0, 0, 1000)));
    assertEquals("2024-01-31 04:05:06.123",
        DateTimeText.formatTimestamp(LocalDateTime.of(2024, 1, 31, 4, 5, 6, 123_000_000)));
    Instant instant = Instant.parse("2024-01-31T03:05:06.123Z");
    assertEquals("2024-01-31 04:05:06.123+01", DateTimeText.formatTimestampTz(instant, PARIS));
    assertEquals("2024-01-31 08:35:06.123+05:30",
        DateTimeText.formatTimestampTz(instant, ZoneId.of("Asia/Kolkata")));
    assertEquals("2024-01-30 19:05:06.123-08",
        DateTimeText.formatTimestampTz(instant, ZoneId.of("America/Los_Angeles")));
    assertEquals("2024-01-31 03:05:06.123+00", DateTimeText.formatTimestampTz(instant, ZoneOffset.UTC));
  }

  @Test
  void intervalsReadInPostgresStyle() {
    assertEquals("1 day", interval("1 day"));
    assertEquals("02:30:00", interval("2 hours 30 minutes"));
    assertEquals("1 year 2 mons 3 days 04:05:06.5", interval("1 year 2 mons 3 days 04:05:06.5"));
    assertEquals("-1 days", interval("-1 day"));
    assertEquals("21 days", interval("3 weeks"));
    assertEquals("1 day 12:00:00", interval("1.5 days"));
    assertEquals("1 mon 15 days", interval("1.5 months"));
    assertEquals("1 year 6 mons", interval("1.5 years"));
    assertEquals("10:00:00", interval("10:00"));
    assertEquals("1 mon", interval("1 mon"));
    assertEquals("-1 days", interval("1 day ago"));
    assertEquals("-1 years -2 mons", interval("1 year 2 months ago"));
    assertEquals("00:01:00", interval("@ 1 minute"));
    assertEquals("00:00:10", interval("10"));
    assertEquals("1 day 10:00:00", interval("1 10:00"));
    assertEquals("-1 days +02:03:00", interval("-1 +02:03"));
    assertEquals("-08:00:00", interval("-08:00"));
    assertEquals("1 day 02:03:04", interval("1 day 2 hours 3 minutes 4 seconds"));
    assertEquals("9 years 1 mon -12 days +13:14:00", interval("10 years -11 month -12 days +13:14"));
    assertEquals("1 year 2 mons", interval("1-2"));
    assertEquals("00:00:00.001001", interval("1 ms 1 us"));
    assertEquals("1000 years", interval("1 millennium"));
    assertEquals("00:00:01.5", interval("1.5 sec"));
    assertEquals("3 days 04:05:06", interval("3 d 4 h 5 m 6 s"));
    assertEquals("3 years 4 mons 5 days", interval("3 yrs 4 mons 5 d"));
    assertEquals("00:05:06.5", interval("05:06.5"));
    assertEquals("1 day", interval("1day"));
    assertEquals("00:00:00.001", interval("1 millisecond"));
    assertEquals("00:00:00.000001", interval("1 microsecond"));
    assertEquals("00:08:20.099051", interval("500 seconds 99 milliseconds 51 microseconds"));
    assertEquals("3 days 00:00:00.005", interval("3 days 5 milliseconds"));
    assertEquals("10 days 12:00:00", interval("1.5 weeks"));
    assertEquals("-10 days -12:00:00", interval("-1.5 weeks"));
    assertEquals("-1 years -2 mons", interval("-1-2"));
    assertEquals("-1 days -02:00:00", interval("1 day 2:00 ago"));
    assertEquals("00:00:00.001", interval("1 milliseconds"));
    assertEquals("1 day 01:00:00", interval("+1 day, +1 hour"));
  }

  @Test
  void iso8601IntervalsRead() {
    assertEquals("1 year 2 mons 3 days 04:05:06", interval("P1Y2M3DT4H5M6S"));
    assertEquals("1 day", interval("P1D"));
    assertEquals("01:00:00", interval("PT1H"));
    assertEquals("2 years 6 mons 7 days 01:30:00", interval("P2Y6M7DT1H30M"));
    assertEquals("1 mon 15 days", interval("P1.5M"));
    assertEquals("14 days", interval("P2W"));
    assertFails("22007", "invalid input syntax for type interval: \"P1X\"", () -> IntervalText.parseInterval("P1X"));
  }

  @Test
  void badIntervalsFailWithPostgresStatesAndWording() {
    for (String bad : new String[] {"x", "badly formatted interval", "@ 30 eons ago", "1 day 2 days", "day",
        "1 day ago 2 hours", "1 hour 10:00", "", "2024-01-31", "1 ago", "1 days day", "1 \u2192 2", "1 dow",
        "1 timezone", "5 jan 2024", "1.2.3 days", "1 second 2 seconds", "10 milliseconds 20 milliseconds",
        "5.5 seconds 3 milliseconds", "1:20:05 5 microseconds", "1 day 1 day"}) {
      assertFails("22007", "invalid input syntax for type interval: \"" + bad + "\"",
          () -> IntervalText.parseInterval(bad));
    }
    assertFails("22015", "interval field value out of range: \"99999999999999999999 days\"",
        () -> IntervalText.parseInterval("99999999999999999999 days"));
    assertFails("22015", "interval field value out of range: \"3000000000 days\"",
        () -> IntervalText.parseInterval("3000000000 days"));
  }

  @Test
  void intervalsPrintInPostgresStyle() {
    assertEquals("00:00:00", IntervalText.formatInterval(Interval.ZERO));
    assertEquals("-1 days", IntervalText.formatInterval(new Interval(0, -1, 0)));
    assertEquals("1 day -01:00:00", IntervalText.formatInterval(new Interval(0, 1, -3_600_000_000L)));
    assertEquals("-1 days +01:00:00", IntervalText.formatInterval(new Interval(0, -1, 3_600_000_000L)));
    assertEquals("11 mons", IntervalText.formatInterval(new Interval(11, 0, 0)));
    assertEquals("-1 years -2 mons", IntervalText.formatInterval(new Interval(-14, 0, 0)));
    assertEquals("100:00:00", IntervalText.formatInterval(new Interval(0, 0, 360_000_000_000L)));
    assertEquals("-00:00:00.000001", IntervalText.formatInterval(new Interval(0, 0, -1)));
    assertEquals("2 years", IntervalText.formatInterval(new Interval(24, 0, 0)));
  }

  private static String interval(String text) {
    return IntervalText.formatInterval(IntervalText.parseInterval(text));
  }
}
