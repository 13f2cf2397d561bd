package io.quorate.sql.types;

import static io.quorate.sql.types.DateTimeTextTest.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Proves the date/time operators give PostgreSQL 16's results (examples from its manual, section 9.9). */
class DateTimeArithmeticTest {

  private static final ZoneId DENVER = ZoneId.of("America/Denver");

  @Test
  void datesMoveByWholeDaysAndSubtractToDays() {
    assertEquals(LocalDate.of(2001, 10, 5), DateTimeArithmetic.plusDays(LocalDate.of(2001, 9, 28), 7));
    assertEquals(LocalDate.of(2001, 9, 21), DateTimeArithmetic.minusDays(LocalDate.of(2001, 9, 28), 7));
    assertEquals(3, DateTimeArithmetic.daysBetween(LocalDate.of(2001, 10, 1), LocalDate.of(2001, 9, 28)));
    assertEquals(-3, DateTimeArithmetic.daysBetween(LocalDate.of(2001, 9, 28), LocalDate.of(2001, 10, 1)));
    assertFails("22008", "date out of range",
        () -> DateTimeArithmetic.plusDays(LocalDate.of(2001, 9, 28), 3_000_000_000L));
  }

  @Test
  void dateAndTimestampPlusIntervalGiveTimestamps() {
    assertEquals(ts("2001-09-28 01:00:00"), DateTimeArithmetic.plus(LocalDate.of(2001, 9, 28), iv("1 hour")));
    assertEquals(ts("2001-09-27 23:00:00"), DateTimeArithmetic.minus(LocalDate.of(2001, 9, 28), iv("1 hour")));
    assertEquals(ts("2001-09-29 00:00:00"), DateTimeArithmetic.plus(ts("2001-09-28 01:00"), iv("23 hours")));
    assertEquals(ts("2001-09-28 00:00:00"), DateTimeArithmetic.minus(ts("2001-09-28 23:00"), iv("23 hours")));
    assertEquals(ts("2024-02-29 00:00"), DateTimeArithmetic.plus(ts("2024-01-31 00:00"), iv("1 mon")));
    assertEquals(ts("2023-02-28 00:00"), DateTimeArithmetic.plus(ts("2024-02-29 00:00"), iv("-1 year")));
    // Months first, then days: Jan 31 + (1 mon 1 day) is Mar 1, not Mar 2.
    assertEquals(ts("2024-03-01 00:00"), DateTimeArithmetic.plus(ts("2024-01-31 00:00"), iv("1 mon 1 day")));
    assertFails("22008", "timestamp out of range",
        () -> DateTimeArithmetic.plus(ts("294276-12-31 00:00"), iv("1 day")));
  }

  @Test
  void timestampTzMovesDaysInLocalTimeAndHoursInAbsoluteTime() {
    Instant start = DateTimeText.parseTimestampTz("2005-04-02 12:00:00-07", DENVER);
    assertEquals("2005-04-03 12:00:00-06",
        DateTimeText.formatTimestampTz(DateTimeArithmetic.plus(start, iv("1 day"), DENVER), DENVER));
    assertEquals("2005-04-03 13:00:00-06",
        DateTimeText.formatTimestampTz(DateTimeArithmetic.plus(start, iv("24 hours"), DENVER), DENVER));
    assertEquals("2005-03-02 12:00:00-07",
        DateTimeText.formatTimestampTz(DateTimeArithmetic.minus(start, iv("1 mon"), DENVER), DENVER));
  }

  @Test
  void timestampDifferencesAreDaysAndTime() {
    assertEquals("63 days 15:00:00", text(DateTimeArithmetic.minus(ts("2001-09-29 03:00"), ts("2001-07-27 12:00"))));
    assertEquals("1 day 02:00:00", text(DateTimeArithmetic.minus(ts("2024-01-02 02:00"), ts("2024-01-01 00:00"))));
    assertEquals("-1 days -02:00:00",
        text(DateTimeArithmetic.minus(ts("2024-01-01 00:00"), ts("2024-01-02 02:00"))));
    Instant a = Instant.parse("2024-03-11T00:00:00Z");
    assertEquals("2 days 00:00:01", text(DateTimeArithmetic.minus(a.plusSeconds(1), a.minusSeconds(172_800))));
    assertEquals("-23:00:00", text(DateTimeArithmetic.negate(iv("23 hours"))));
  }

  @Test
  void timesWrapAroundMidnight() {
    assertEquals(LocalTime.of(1, 0), DateTimeArithmetic.plus(LocalTime.of(23, 0), iv("2 hours")));
    assertEquals(LocalTime.of(22, 0), DateTimeArithmetic.plus(LocalTime.of(1, 0), iv("-3 hours")));
    assertEquals(LocalTime.of(1, 0), DateTimeArithmetic.plus(LocalTime.of(1, 0), iv("1 day")));
    assertEquals("03:00:00", text(DateTimeArithmetic.minus(LocalTime.of(5, 0), LocalTime.of(2, 0))));
  }

  @Test
  void intervalsAddMultiplyAndDivideWithPostgresCascade() {
    assertEquals("1 day 01:00:00", text(DateTimeArithmetic.plus(iv("1 day"), iv("1 hour"))));
    assertEquals("1 day -01:00:00", text(DateTimeArithmetic.minus(iv("1 day"), iv("1 hour"))));
    assertEquals("03:30:00", text(DateTimeArithmetic.multiply(iv("1 hour"), 3.5)));
    assertEquals("21 days", text(DateTimeArithmetic.multiply(iv("1 day"), 21)));
    assertEquals("00:40:00", text(DateTimeArithmetic.divide(iv("1 hour"), 1.5)));
    assertEquals("15 days", text(DateTimeArithmetic.multiply(iv("1 mon"), 0.5)));
    assertEquals("1 day 12:00:00", text(DateTimeArithmetic.multiply(iv("1 day"), 1.5)));
    assertEquals("10 days", text(DateTimeArithmetic.divide(iv("1 mon"), 3)));
    assertEquals("06:00:00", text(DateTimeArithmetic.divide(iv("1 day"), 4)));
    assertEquals("9 days", text(DateTimeArithmetic.multiply(iv("1 mon"), 0.3)));
    assertEquals("-1 years -2 mons", text(DateTimeArithmetic.multiply(iv("1 year 2 mons"), -1)));
    assertFails("22012", "division by zero", () -> DateTimeArithmetic.divide(iv("1 day"), 0));
    assertFails("22008", "interval out of range", () -> DateTimeArithmetic.multiply(iv("1 mon"), 1e10));
    assertFails("22008", "interval out of range", () -> DateTimeArithmetic.multiply(iv("1 mon"), Double.NaN));
    assertFails("22008", "interval out of range",
        () -> DateTimeArithmetic.plus(new Interval(Integer.MAX_VALUE, 0, 0), iv("1 mon")));
    assertFails("22008", "interval out of range",
        () -> DateTimeArithmetic.negate(new Interval(Integer.MIN_VALUE, 0, 0)));
  }

  @Test
  void justifyFunctionsFoldAndAlignSigns() {
    assertEquals("1 mon 5 days", text(DateTimeArithmetic.justifyDays(iv("35 days"))));
    assertEquals("1 day 03:00:00", text(DateTimeArithmetic.justifyHours(iv("27 hours"))));
    assertEquals("29 days 23:00:00", text(DateTimeArithmetic.justifyInterval(iv("1 mon -1 hour"))));
    assertEquals("-1 mons -5 days", text(DateTimeArithmetic.justifyDays(iv("-35 days"))));
    assertEquals("29 days", text(DateTimeArithmetic.justifyDays(iv("1 mon -1 day"))));
    assertEquals("-1 days -03:00:00", text(DateTimeArithmetic.justifyHours(iv("-27 hours"))));
    assertEquals("23:00:00", text(DateTimeArithmetic.justifyHours(iv("1 day -1 hour"))));
    assertEquals("1 mon 1 day 01:00:00", text(DateTimeArithmetic.justifyInterval(iv("31 days 1 hour"))));
    assertEquals("6 mons 5 days 04:03:02",
        text(DateTimeArithmetic.justifyHours(iv("6 months 3 days 52 hours 3 minutes 2 seconds"))));
    assertEquals("7 mons 6 days 05:04:03",
        text(DateTimeArithmetic.justifyDays(iv("6 months 36 days 5 hours 4 minutes 3 seconds"))));
    assertEquals("5965232 years 4 mons 8 days",
        text(DateTimeArithmetic.justifyInterval(iv("2147483647 days 24 hrs"))));
    assertFails("22008", "interval out of range", () -> DateTimeArithmetic.justifyHours(iv("2147483647 days 24 hrs")));
    assertFails("22008", "interval out of range",
        () -> DateTimeArithmetic.justifyDays(iv("2147483647 months 30 days")));
  }

  static LocalDateTime ts(String text) {
    return DateTimeText.parseTimestamp(text);
  }

  static Interval iv(String text) {
    return IntervalText.parseInterval(text);
  }

  static String text(Interval value) {
    return IntervalText.formatInterval(value);
  }
}
