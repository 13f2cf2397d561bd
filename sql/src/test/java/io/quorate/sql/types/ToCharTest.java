package io.quorate.sql.types;

import static io.quorate.sql.types.DateTimeArithmeticTest.iv;
import static io.quorate.sql.types.DateTimeArithmeticTest.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Proves to_char formats template patterns, modifiers and literals as PostgreSQL 16 does. */
class ToCharTest {

  private static final LocalDateTime WEDNESDAY = ts("2024-01-31 04:05:06.123456");
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void numericDateAndTimePatterns() {
    assertEquals("2024-01-31 04:05:06.123456", ToChar.toChar(WEDNESDAY, "YYYY-MM-DD HH24:MI:SS.US"));
    assertEquals("024 24 4 2,024", ToChar.toChar(WEDNESDAY, "YYY YY Y Y,YYY"));
    assertEquals("4 3 031 05 05 5 1", ToChar.toChar(WEDNESDAY, "D ID DDD IW WW W Q"));
    assertEquals("04 04 14706", ToChar.toChar(WEDNESDAY, "HH HH12 SSSS"));
    assertEquals("123 123456 1 12 123 1234 12345 123456", ToChar.toChar(WEDNESDAY, "MS US FF1 FF2 FF3 FF4 FF5 FF6"));
    assertEquals("21 2460341", ToChar.toChar(WEDNESDAY, "CC J"));
    assertEquals("2024/01/31", ToChar.toChar(WEDNESDAY, "yyyy/mm/dd"));
    assertEquals("05:31:12", ToChar.toChar(ts("2002-04-20 17:31:12.66"), "HH12:MI:SS"));
    assertEquals("12 AM 01 PM", ToChar.toChar(ts("2024-01-31 00:00"), "HH12 AM ")
        + ToChar.toChar(ts("2024-01-31 13:00"), "HH12 PM"));
  }

  @Test
  void isoWeekPatternsUseTheWeekNumberingYear() {
    assertEquals("2020-53-5 369", ToChar.toChar(ts("2021-01-01 00:00"), "IYYY-IW-ID IDDD"));
    assertEquals("020 20 0", ToChar.toChar(ts("2021-01-01 00:00"), "IYY IY I"));
  }

  @Test
  void namesFollowTheCaseOfThePatternAndPadToNineUnlessFillMode() {
    assertEquals("January  |JANUARY  |january  |January", ToChar.toChar(WEDNESDAY, "Month|MONTH|month|FMMonth"));
    assertEquals("Jan jan JAN", ToChar.toChar(WEDNESDAY, "Mon mon MON"));
    assertEquals("Wednesday|WEDNESDAY|wednesday", ToChar.toChar(WEDNESDAY, "Day|DAY|day"));
    assertEquals("Friday   , 01|Friday, 1", ToChar.toChar(ts("2021-01-01 00:00"), "Day, DD|FMDay, FMDD"));
    assertEquals("Wed wed WED", ToChar.toChar(WEDNESDAY, "Dy dy DY"));
    assertEquals("I   |i   |I", ToChar.toChar(WEDNESDAY, "RM|rm|FMRM"));
    assertEquals("XII ", ToChar.toChar(ts("2024-12-01 00:00"), "RM"));
  }

  @Test
  void meridiemAndEraIndicators() {
    assertEquals("AM am A.M. a.m.", ToChar.toChar(WEDNESDAY, "AM am A.M. a.m."));
    assertEquals("PM pm P.M. p.m.", ToChar.toChar(ts("2024-01-31 12:00"), "PM pm P.M. p.m."));
    assertEquals("AD ad A.D. a.d.", ToChar.toChar(WEDNESDAY, "AD ad A.D. b.c."));
    assertEquals("0044 BC", ToChar.toChar(LocalDateTime.of(-43, 3, 15, 0, 0), "YYYY AD"));
  }

  @Test
  void ordinalSuffixes() {
    assertEquals("31st 31ST 31st", ToChar.toChar(WEDNESDAY, "DDth DDTH FMDDth"));
    assertEquals("01st 1st", ToChar.toChar(ts("2024-01-01 00:00"), "DDth FMDDth"));
    assertEquals("2nd 3rd 11th 12th 13th 21st",
        String.join(" ", ToChar.toChar(ts("2024-01-02 00:00"), "FMDDth"), ToChar.toChar(ts("2024-01-03 00:00"), "FMDDth"),
            ToChar.toChar(ts("2024-01-11 00:00"), "FMDDth"), ToChar.toChar(ts("2024-01-12 00:00"), "FMDDth"),
            ToChar.toChar(ts("2024-01-13 00:00"), "FMDDth"), ToChar.toChar(ts("2024-01-21 00:00"), "FMDDth")));
  }

  @Test
  void quotedTextAndEscapesAreCopied() {
    assertEquals("Quoted 2024", ToChar.toChar(WEDNESDAY, "\"Quoted\" YYYY"));
    assertEquals("04h05", ToChar.toChar(WEDNESDAY, "HH24\"h\"MI"));
    assertEquals("2024 say \"hi\"", ToChar.toChar(WEDNESDAY, "YYYY \"say \\\"hi\\\"\""));
    assertEquals("\"2024\"", ToChar.toChar(WEDNESDAY, "\\\"YYYY\\\""));
    assertEquals("\\2024", ToChar.toChar(WEDNESDAY, "\\YYYY"));
    assertEquals("Xx 2024!", ToChar.toChar(WEDNESDAY, "Xx YYYY!"));
  }

  @Test
  void timeZonePatternsForTimestampTz() {
    Instant winter = Instant.parse("2024-01-31T03:05:06Z");
    assertEquals("2024-01-31 04:05:06 CET cet +01 +01:00", ToChar.toChar(winter, PARIS, "YYYY-MM-DD HH24:MI:SS TZ tz OF TZH:TZM"));
    assertEquals("CEST", ToChar.toChar(Instant.parse("2024-07-31T03:05:06Z"), PARIS, "TZ"));
    assertEquals("+05:30 +05 30", ToChar.toChar(winter, ZoneId.of("Asia/Kolkata"), "OF TZH TZM"));
    assertEquals("-05 EST", ToChar.toChar(winter, ZoneId.of("America/New_York"), "OF TZ"));
    assertEquals("[] +00", ToChar.toChar(WEDNESDAY, "[TZ] OF"));
    assertEquals("+03", ToChar.toChar(winter, ZoneId.of("Europe/Istanbul"), "TZ"));
    assertEquals("2024-01-31 CET", ToChar.toChar(LocalDate.of(2024, 1, 31), PARIS, "YYYY-MM-DD TZ"));
  }

  @Test
  void intervalsFormatTheirOwnFields() {
    assertEquals("15:02:12", ToChar.toChar(iv("15h 2m 12s"), "HH24:MI:SS"));
    assertEquals("0001 02 03", ToChar.toChar(iv("1 year 2 mons 3 days"), "YYYY MM DD"));
    assertEquals("100 04", ToChar.toChar(iv("100 hours"), "HH24 HH12"));
    SqlException error = assertThrows(SqlException.class, () -> ToChar.toChar(iv("1 mon"), "Mon"));
    assertEquals("22007", error.state().code());
    assertEquals("invalid format specification for an interval value", error.getMessage());
    assertEquals("Intervals are not tied to specific calendar dates.", error.hint());
  }
}
