package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;

/** The date/time errors, worded and coded as PostgreSQL 16 words and codes them. */
final class DateTimeErrors {

  private DateTimeErrors() {
  }

  /** 22007 {@code invalid input syntax for type date: "x"}. */
  static SqlException invalidSyntax(String typeName, String text) {
    return new SqlException(SqlState.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type " + typeName + ": \"" + text + "\"");
  }

  /** 22008 {@code date/time field value out of range: "2024-02-30"}. */
  static SqlException fieldOutOfRange(String text) {
    return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW,
        "date/time field value out of range: \"" + text + "\"");
  }

  /** As {@link #fieldOutOfRange} with the hint PostgreSQL adds when a month or day is impossible. */
  static SqlException monthOrDayOutOfRange(String text) {
    return fieldOutOfRange(text).withHint("Perhaps you need a different \"datestyle\" setting.");
  }

  /**
   * 22015 {@code interval field value out of range: "..."}.
   */
  static SqlException intervalFieldOutOfRange(String text) {
    return new SqlException(SqlState.INTERVAL_FIELD_OVERFLOW,
        "interval field value out of range: \"" + text + "\"");
  }

  /**
   * 22009 {@code time zone displacement out of range: "..."}.
   */
  static SqlException zoneDisplacementOutOfRange(String text) {
    return new SqlException(SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
        "time zone displacement out of range: \"" + text + "\"");
  }

  /** 22023 {@code time zone "foo/bar" not recognized}. */
  static SqlException zoneNotRecognized(String name) {
    return new SqlException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + name + "\" not recognized");
  }

  /** 22008 {@code date out of range}, {@code timestamp out of range}, {@code interval out of range}. */
  static SqlException outOfRange(String typeName) {
    return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, typeName + " out of range");
  }

  /** 22008 {@code date out of range: "5874898-01-01"}: a valid date PostgreSQL's type cannot hold. */
  static SqlException inputOutOfRange(String typeName, String text) {
    return new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, typeName + " out of range: \"" + text + "\"");
  }

  /** 22023 {@code unit "xyz" not recognized for type timestamp without time zone}. */
  static SqlException unitNotRecognized(String unit, String typeName) {
    return new SqlException(SqlState.INVALID_PARAMETER_VALUE,
        "unit \"" + unit + "\" not recognized for type " + typeName);
  }

  /** 0A000 {@code unit "hour" not supported for type date}. */
  static SqlException unitNotSupported(String unit, String typeName) {
    return new SqlException(SqlState.FEATURE_NOT_SUPPORTED,
        "unit \"" + unit + "\" not supported for type " + typeName);
  }
}
