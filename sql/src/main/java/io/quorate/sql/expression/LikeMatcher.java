package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;

/**
 * LIKE and ILIKE: {@code %} matches any run of characters, {@code _} exactly one, the
 * escape character (backslash by default, none when empty) makes the next one literal.
 */
public final class LikeMatcher {

  private LikeMatcher() {}

  public static boolean matches(String value, String pattern, String escape, boolean caseInsensitive) {
    if (escape.length() > 1) {
      throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
          .withHint("Escape string must be empty or one character.");
    }
    String text = caseInsensitive ? value.toLowerCase(java.util.Locale.ROOT) : value;
    String like = caseInsensitive ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
    char escapeChar = escape.isEmpty() ? '\0' : escape.charAt(0);
    return match(text, 0, like, 0, escapeChar, !escape.isEmpty());
  }

  private static boolean match(String text, int t, String pattern, int p, char escape, boolean hasEscape) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      if (hasEscape && c == escape) {
        if (p + 1 >= pattern.length()) {
          throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
        }
        if (t >= text.length() || text.charAt(t) != pattern.charAt(p + 1)) {
          return false;
        }
        t++;
        p += 2;
      } else if (c == '%') {
        while (p < pattern.length() && pattern.charAt(p) == '%') {
          p++;
        }
        if (p == pattern.length()) {
          return true;
        }
        for (int start = t; start <= text.length(); start++) {
          if (match(text, start, pattern, p, escape, hasEscape)) {
            return true;
          }
        }
        return false;
      } else if (c == '_') {
        if (t >= text.length()) {
          return false;
        }
        t += Character.charCount(text.codePointAt(t));
        p++;
      } else {
        if (t >= text.length() || text.charAt(t) != c) {
          return false;
        }
        t++;
        p++;
      }
    }
    return t == text.length();
  }
}
