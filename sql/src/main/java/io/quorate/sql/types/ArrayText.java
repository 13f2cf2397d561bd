package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Parses PostgreSQL's array text form, {@code {1,2,NULL}} and {@code {"a b",c}}. */
final class ArrayText {

  private final String text;
  private final SqlType element;
  private final ZoneId zone;
  private int offset;

  private ArrayText(String text, SqlType element, ZoneId zone) {
    this.text = text;
    this.element = element;
    this.zone = zone;
  }

  static List<Object> parse(String text, SqlType element, ZoneId zone) {
    ArrayText parser = new ArrayText(text.strip(), element, zone);
    List<Object> values = parser.array();
    if (parser.offset != parser.text.length()) {
      throw parser.malformed();
    }
    return values;
  }

  private List<Object> array() {
    if (peek() != '{') {
      throw malformed();
    }
    offset++;
    List<Object> values = new ArrayList<>();
    skipSpace();
    if (peek() == '}') {
      offset++;
      return Collections.unmodifiableList(values);
    }
    while (true) {
      skipSpace();
      if (peek() == '{') {
        values.add(array());
      } else {
        values.add(item());
      }
      skipSpace();
      char c = peek();
      offset++;
      if (c == '}') {
        return Collections.unmodifiableList(values);
      }
      if (c != ',') {
        throw malformed();
      }
    }
  }

  private Object item() {
    if (peek() == '"') {
      offset++;
      StringBuilder value = new StringBuilder();
      while (offset < text.length() && text.charAt(offset) != '"') {
        if (text.charAt(offset) == '\\') {
          offset++;
        }
        if (offset < text.length()) {
          value.append(text.charAt(offset++));
        }
      }
      if (offset >= text.length()) {
        throw malformed();
      }
      offset++;
      return Casts.parse(value.toString(), element, zone);
    }
    int start = offset;
    while (offset < text.length() && ",}".indexOf(text.charAt(offset)) < 0) {
      offset++;
    }
    String raw = text.substring(start, offset).strip();
    if (raw.isEmpty()) {
      throw malformed();
    }
    return raw.equalsIgnoreCase("null") ? null : Casts.parse(raw, element, zone);
  }

  private char peek() {
    return offset < text.length() ? text.charAt(offset) : '\0';
  }

  private void skipSpace() {
    while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
      offset++;
    }
  }

  private SqlException malformed() {
    return new SqlException(io.quorate.sql.error.SqlState.INVALID_TEXT_REPRESENTATION,
        "malformed array literal: \"" + text + "\"");
  }
}
