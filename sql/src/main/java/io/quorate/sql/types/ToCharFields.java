package io.quorate.sql.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The broken-down value {@code to_char} formats, as PostgreSQL's {@code struct pg_tm}
 * holds it: an astronomical year (0 is 1 BC), or for an interval its years, months
 * modulo 12, days and hours that may exceed 23, each with the interval's sign.
 */
record ToCharFields(
    boolean interval,
    long year,
    long month,
    long day,
    long hour,
    long minute,
    long second,
    long micros,
    /** 0 = Sunday, as PostgreSQL's tm_wday. */
    int dayOfWeek,
    long dayOfYear,
    LocalDate date,
    int offsetSeconds,
    /** The zone abbreviation TZ prints, or null (timestamp without time zone, interval). */
    String zoneAbbreviation) {

  private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  static ToCharFields of(LocalDateTime value) {
    return ofLocal(value, 0, null);
  }

  static ToCharFields of(Instant value, ZoneId zone) {
    ZonedDateTime local = value.atZone(zone);
    ZoneOffset offset = local.getOffset();
    String abbreviation = zone instanceof ZoneOffset ? null : local.format(ZONE_NAME);
    if (abbreviation == null || abbreviation.startsWith("GMT+") || abbreviation.startsWith("GMT-")) {
      // Where the tz database has no letters for a zone it writes the offset, e.g. +03.
      abbreviation = offset.getTotalSeconds() == 0 ? "UTC" : TimeZones.formatOffset(offset);
    }
    return ofLocal(local.toLocalDateTime(), offset.getTotalSeconds(), abbreviation);
  }

  private static ToCharFields ofLocal(LocalDateTime value, int offsetSeconds, String zoneAbbreviation) {
    LocalDate date = value.toLocalDate();
    return new ToCharFields(false, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), value.getHour(),
        value.getMinute(), value.getSecond(), value.get(ChronoField.MICRO_OF_SECOND),
        date.getDayOfWeek().getValue() % 7, date.getDayOfYear(), date, offsetSeconds, zoneAbbreviation);
  }

  static ToCharFields of(Interval value) {
    long micros = value.micros();
    long years = value.months() / 12;
    long months = value.months() % 12;
    // PostgreSQL's interval_to_char counts a year as 12 months of 30 days for DDD.
    long dayOfYear = (years * 12 + months) * 30 + value.days();
    return new ToCharFields(true, years, months, value.days(), micros / 3_600_000_000L,
        micros / 60_000_000 % 60, micros / 1_000_000 % 60, micros % 1_000_000, 0, dayOfYear, null, 0, null);
  }

  /** The year as printed: 1 BC is 1 for a timestamp; an interval's years as they are. */
  long displayYear() {
    return interval || year > 0 ? year : 1 - year;
  }

  long isoYear() {
    long isoYear = date.get(IsoFields.WEEK_BASED_YEAR);
    return isoYear > 0 ? isoYear : 1 - isoYear;
  }

  int isoWeek() {
    return date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
  }

  /** Day of the ISO week-numbering year, 1 to 371. */
  long isoDayOfYear() {
    return (isoWeek() - 1) * 7L + date.getDayOfWeek().getValue();
  }

  long julianDay() {
    return date.toEpochDay() + 2_440_588;
  }

  String monthName(TextStyle style) {
    return java.time.Month.of((int) month).getDisplayName(style, Locale.ENGLISH);
  }

  String dayName(TextStyle style) {
    return date.getDayOfWeek().getDisplayName(style, Locale.ENGLISH);
  }
}
