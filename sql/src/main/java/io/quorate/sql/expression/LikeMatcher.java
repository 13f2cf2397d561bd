package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.Locale;

/**
 * LIKE and ILIKE: {@code %} matches any run of characters, {@code _} exactly one, the
 * escape character (backslash by default, none when empty) makes the next one literal.
 * Matching is the greedy wildcard algorithm that backtracks only to the last {@code %},
 * so it takes at most text length × pattern length steps whatever the pattern.
 */
public final class LikeMatcher {

  private static final int ANY_ONE = -1;
  private static final int ANY_RUN = -2;

  private LikeMatcher() {}

  public static boolean matches(String value, String pattern, String escape, boolean caseInsensitive) {
    if (escape.length() > 1) {
      throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string")
          .withHint("Escape string must be empty or one character.");
    }
    String text = caseInsensitive ? value.toLowerCase(Locale.ROOT) : value;
    String like = caseInsensitive ? pattern.toLowerCase(Locale.ROOT) : pattern;
    return match(text.codePoints().toArray(), compile(like, escape.isEmpty() ? -1 : escape.codePointAt(0)));
  }

  /** The pattern as code points, with {@link #ANY_ONE} and {@link #ANY_RUN} for the wildcards. */
  private static int[] compile(String pattern, int escape) {
    int[] points = pattern.codePoints().toArray();
    int[] elements = new int[points.length];
    int count = 0;
    for (int i = 0; i < points.length; i++) {
      int point = points[i];
      if (point == escape) {
        if (i + 1 >= points.length) {
          throw new SqlException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
        }
        elements[count++] = points[++i];
      } else if (point == '%') {
        if (count == 0 || elements[count - 1] != ANY_RUN) {
          elements[count++] = ANY_RUN; // %% is the same as %
        }
      } else {
        elements[count++] = point == '_' ? ANY_ONE : point;
      }
    }
    return java.util.Arrays.copyOf(elements, count);
  }

  private static boolean match(int[] text, int[] pattern) {
    int t = 0;
    int p = 0;
    int runAt = -1;
    int runText = -1;
    while (t < text.length) {
      if (p < pattern.length && (pattern[p] == ANY_ONE || pattern[p] == text[t])) {
        t++;
        p++;
      } else if (p < pattern.length && pattern[p] == ANY_RUN) {
        runAt = p++;
        runText = t;
      } else if (runAt >= 0) {
        p = runAt + 1; // let the last % take one more character and try again
        t = ++runText;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] == ANY_RUN) {
      p++;
    }
    return p == pattern.length;
  }
}
