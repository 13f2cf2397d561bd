package io.quorate.om;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small streaming JSON writer for om's {@code --format json} output. Calls nest:
 * {@code object()} or {@code object(key)} and {@code array(key)} open, {@code end()}
 * closes the innermost.
 */
final class Json {

  private final StringBuilder b = new StringBuilder();
  private final Deque<Character> open = new ArrayDeque<>();
  private boolean needComma;

  /** Opens an object as an array element or the top-level value. */
  Json object() {
    separate();
    return push('{', '}');
  }

  Json object(String key) {
    key(key);
    return push('{', '}');
  }

  Json array(String key) {
    key(key);
    return push('[', ']');
  }

  Json end() {
    b.append(open.pop());
    needComma = true;
    return this;
  }

  Json field(String key, String value) {
    key(key);
    return value(value == null ? "null" : quote(value));
  }

  Json field(String key, long value) {
    key(key);
    return value(Long.toString(value));
  }

  Json field(String key, boolean value) {
    key(key);
    return value(Boolean.toString(value));
  }

  /** A string element of the innermost array. */
  Json element(String value) {
    separate();
    return value(quote(value));
  }

  private Json push(char opening, char closing) {
    b.append(opening);
    open.push(closing);
    needComma = false;
    return this;
  }

  private Json value(String text) {
    b.append(text);
    needComma = true;
    return this;
  }

  private void key(String key) {
    separate();
    b.append(quote(key)).append(':');
  }

  private void separate() {
    if (needComma) {
      b.append(',');
    }
    needComma = false;
  }

  /** The document; every opened object and array must have been ended. */
  @Override
  public String toString() {
    if (!open.isEmpty()) {
      throw new IllegalStateException("unclosed JSON: " + b);
    }
    return b.toString();
  }

  static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        default -> {
          if (c < 0x20) {
            q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
