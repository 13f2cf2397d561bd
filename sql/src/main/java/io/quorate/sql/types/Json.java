package io.quorate.sql.types;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON text: validation for {@code json} (kept as written), normalisation for
 * {@code jsonb} (PostgreSQL's output form: keys ordered by length then bytes, last
 * duplicate wins, one space after {@code :} and {@code ,}), and the {@code ->} /
 * {@code ->>} accessors. Parsed values are Map, List, String, BigDecimal, Boolean or
 * {@link #NULL}.
 */
public final class Json {

  /** JSON's null, distinct from SQL NULL. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private final String text;
  private int offset;

  private Json(String text) {
    this.text = text;
  }

  /** {@code text} if it is valid JSON, else 22P02. */
  public static String validate(String text) {
    parse(text);
    return text;
  }

  /** The jsonb form of {@code text}. */
  public static String normalize(String text) {
    return write(parse(text), true);
  }

  /** The parsed value of {@code text}; 22P02 when it is not JSON. */
  public static Object parse(String text) {
    Json parser = new Json(text);
    Object value = parser.value();
    parser.skipSpace();
    if (parser.offset != text.length()) {
      throw parser.invalid();
    }
    return value;
  }

  /** {@code json -> key} or {@code json -> index}: the member as JSON text, or null. */
  public static String member(String json, Object keyOrIndex, boolean asJsonb) {
    Object found = find(parse(json), keyOrIndex);
    return found == null ? null : write(found, asJsonb);
  }

  /** {@code json ->> key}: the member as text (strings unquoted), or null. */
  public static String memberText(String json, Object keyOrIndex) {
    Object found = find(parse(json), keyOrIndex);
    if (found == null || found == NULL) {
      return null;
    }
    return found instanceof String string ? string : write(found, true);
  }

  private static Object find(Object value, Object keyOrIndex) {
    if (keyOrIndex instanceof String key && value instanceof Map<?, ?> object) {
      return object.get(key);
    }
    if (keyOrIndex instanceof Long index && value instanceof List<?> array) {
      long at = index < 0 ? array.size() + index : index;
      return at >= 0 && at < array.size() ? array.get((int) at) : null;
    }
    return null;
  }

  /** JSON text of a parsed value; {@code jsonb} spacing when {@code spaced}. */
  public static String write(Object value, boolean spaced) {
    StringBuilder out = new StringBuilder();
    write(value, spaced, out);
    return out.toString();
  }

  private static void write(Object value, boolean spaced, StringBuilder out) {
    if (value instanceof Map<?, ?> object) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> entry : object.entrySet()) {
        if (!first) {
          out.append(spaced ? ", " : ",");
        }
        first = false;
        quote((String) entry.getKey(), out);
        out.append(spaced ? ": " : ":");
        write(entry.getValue(), spaced, out);
      }
      out.append('}');
    } else if (value instanceof List<?> array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(spaced ? ", " : ",");
        }
        write(array.get(i), spaced, out);
      }
      out.append(']');
    } else if (value instanceof String string) {
      quote(string, out);
    } else if (value instanceof BigDecimal number) {
      out.append(number.toPlainString());
    } else {
      out.append(value);
    }
  }

  private static void quote(String string, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < string.length(); i++) {
      char c = string.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value() {
    skipSpace();
    if (offset >= text.length()) {
      throw invalid();
    }
    char c = text.charAt(offset);
    if (c == '{') {
      return object();
    }
    if (c == '[') {
      return array();
    }
    if (c == '"') {
      return string();
    }
    if (text.startsWith("true", offset)) {
      offset += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", offset)) {
      offset += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", offset)) {
      offset += 4;
      return NULL;
    }
    return number();
  }

  private Map<String, Object> object() {
    offset++;
    Map<String, Object> members = new TreeMap<>((a, b) -> a.length() != b.length()
        ? Integer.compare(a.length(), b.length()) : ValueComparator.compareText(a, b));
    skipSpace();
    if (peek() == '}') {
      offset++;
      return members;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw invalid();
      }
      String key = string();
      skipSpace();
      expect(':');
      Object value = value();
      members.put(key, value);
      skipSpace();
      if (peek() == ',') {
        offset++;
        continue;
      }
      expect('}');
      return members;
    }
  }

  private List<Object> array() {
    offset++;
    List<Object> items = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      offset++;
      return items;
    }
    while (true) {
      items.add(value());
      skipSpace();
      if (peek() == ',') {
        offset++;
        continue;
      }
      expect(']');
      return items;
    }
  }

  private String string() {
    offset++;
    StringBuilder out = new StringBuilder();
    while (offset < text.length()) {
      char c = text.charAt(offset++);
      if (c == '"') {
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (offset >= text.length()) {
        break;
      }
      char escaped = text.charAt(offset++);
      switch (escaped) {
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'u' -> {
          if (offset + 4 > text.length()) {
            throw invalid();
          }
          try {
            out.append((char) Integer.parseInt(text.substring(offset, offset + 4), 16));
          } catch (NumberFormatException bad) {
            throw invalid();
          }
          offset += 4;
        }
        case '"', '\\', '/' -> out.append(escaped);
        default -> throw invalid();
      }
    }
    throw invalid();
  }

  private BigDecimal number() {
    int start = offset;
    while (offset < text.length() && "+-0123456789.eE".indexOf(text.charAt(offset)) >= 0) {
      offset++;
    }
    String number = text.substring(start, offset);
    if (!number.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
      throw invalid();
    }
    return new BigDecimal(number);
  }

  private char peek() {
    return offset < text.length() ? text.charAt(offset) : '\0';
  }

  private void expect(char c) {
    if (peek() != c) {
      throw invalid();
    }
    offset++;
  }

  private void skipSpace() {
    while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
      offset++;
    }
  }

  private SqlException invalid() {
    return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax for type json")
        .withDetail("The input string ended unexpectedly or contains an invalid token.");
  }
}
