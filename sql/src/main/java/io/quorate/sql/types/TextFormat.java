package io.quorate.sql.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * PostgreSQL's text output form of values (what psql shows and the wire protocol sends
 * in text format), with DateStyle ISO and IntervalStyle postgres.
 */
public final class TextFormat {

  private TextFormat() {}

  /** The text of non-null {@code value} of {@code type}; {@code zone} is for timestamptz. */
  public static String format(Object value, SqlType type, ZoneId zone) {
    return switch (type.kind()) {
      case BOOLEAN -> (Boolean) value ? "t" : "f";
      case REAL -> formatFloat(((Number) value).floatValue());
      case DOUBLE -> formatDouble(((Number) value).doubleValue());
      case NUMERIC -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
      case CHAR -> padChar((String) value, type.precision());
      case DATE -> DateTimeText.formatDate((LocalDate) value);
      case TIME -> DateTimeText.formatTime((LocalTime) value);
      case TIMESTAMP -> DateTimeText.formatTimestamp((LocalDateTime) value);
      case TIMESTAMPTZ -> DateTimeText.formatTimestampTz((Instant) value, zone);
      case INTERVAL -> IntervalText.formatInterval((Interval) value);
      case ARRAY -> type.isVector() ? formatVector((List<?>) value) : formatArray((List<?>) value, type.element(), zone);
      case RECORD -> formatRecord((List<?>) value, type, zone);
      default -> value.toString();
    };
  }

  /** char(n) values are stored trimmed of trailing blanks and shown padded. */
  private static String padChar(String value, int length) {
    if (length <= 0 || value.codePointCount(0, value.length()) >= length) {
      return value;
    }
    return value + " ".repeat(length - value.codePointCount(0, value.length()));
  }

  /** float8 output: the shortest text that reads back exactly, %g-style beyond 1e15. */
  public static String formatDouble(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    return shortestDecimal(new BigDecimal(Double.toString(value)), 15);
  }

  /** float4 output: shortest round-trip digits, exponent form from 1e6. */
  public static String formatFloat(float value) {
    if (Float.isNaN(value)) {
      return "NaN";
    }
    if (Float.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    return shortestDecimal(new BigDecimal(Float.toString(value)), 6);
  }

  private static String shortestDecimal(BigDecimal value, int exponentThreshold) {
    BigDecimal stripped = value.stripTrailingZeros();
    int exponent = stripped.precision() - stripped.scale() - 1; // position of the first digit
    if (exponent < -4 || exponent >= exponentThreshold) {
      String digits = stripped.unscaledValue().abs().toString();
      StringBuilder out = new StringBuilder();
      if (stripped.signum() < 0) {
        out.append('-');
      }
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int magnitude = Math.abs(exponent);
      if (magnitude < 10) {
        out.append('0');
      }
      return out.append(magnitude).toString();
    }
    return stripped.toPlainString();
  }

  private static String formatArray(List<?> values, SqlType element, ZoneId zone) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object item = values.get(i);
      if (item == null) {
        out.append("NULL");
      } else if (item instanceof List<?> nested) {
        out.append(formatArray(nested, element, zone));
      } else {
        out.append(quoteArrayElement(format(item, element, zone)));
      }
    }
    return out.append('}').toString();
  }

  /** int2vector and oidvector print their numbers separated by spaces: {@code 1 2}. */
  private static String formatVector(List<?> values) {
    StringBuilder out = new StringBuilder();
    for (Object item : values) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(item);
    }
    return out.toString();
  }

  /** A record as PostgreSQL prints one: {@code (5,1)}, NULL fields empty, others quoted when needed. */
  private static String formatRecord(List<?> values, SqlType type, ZoneId zone) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object item = values.get(i);
      if (item != null) {
        out.append(quoteRecordField(format(item, type.fields().get(i).type(), zone)));
      }
    }
    return out.append(')').toString();
  }

  private static String quoteRecordField(String text) {
    boolean needsQuotes = text.isEmpty();
    for (int i = 0; i < text.length() && !needsQuotes; i++) {
      char c = text.charAt(i);
      needsQuotes = c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || Character.isWhitespace(c);
    }
    if (!needsQuotes) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\"\"") + "\"";
  }

  private static String quoteArrayElement(String text) {
    boolean needsQuotes = text.isEmpty() || text.equalsIgnoreCase("null");
    for (int i = 0; i < text.length() && !needsQuotes; i++) {
      char c = text.charAt(i);
      needsQuotes = c == '"' || c == '\\' || c == '{' || c == '}' || c == ',' || Character.isWhitespace(c);
    }
    if (!needsQuotes) {
      return text;
    }
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
