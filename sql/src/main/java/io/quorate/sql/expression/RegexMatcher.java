package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The POSIX regular-expression operators {@code ~ ~* !~ !~*}. PostgreSQL's advanced
 * regular expressions are run as Java patterns after translating what differs in the
 * patterns clients send: POSIX bracket classes ({@code [[:alpha:]]}) and the word-boundary
 * escapes {@code \m \M \y}. Compiled patterns are cached, since one pattern is usually
 * matched against many rows.
 */
public final class RegexMatcher {

  public static final Set<String> OPERATORS = Set.of("~", "~*", "!~", "!~*");

  private static final int CACHED_PATTERNS = 256;
  private static final Map<String, Pattern> CACHE = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pattern> eldest) {
          return size() > CACHED_PATTERNS;
        }
      });

  private RegexMatcher() {}

  /** Whether {@code pattern} matches anywhere in {@code text}; 2201B for a bad pattern. */
  public static boolean matches(String text, String pattern, boolean caseInsensitive) {
    return compile(pattern, caseInsensitive).matcher(text).find();
  }

  private static Pattern compile(String pattern, boolean caseInsensitive) {
    String key = (caseInsensitive ? "i" : "c") + pattern;
    Pattern compiled = CACHE.get(key);
    if (compiled == null) {
      try {
        compiled = Pattern.compile(translate(pattern),
            caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
      } catch (PatternSyntaxException bad) {
        throw new SqlException(SqlState.INVALID_REGULAR_EXPRESSION,
            "invalid regular expression: " + bad.getDescription());
      }
      CACHE.put(key, compiled);
    }
    return compiled;
  }

  /** PostgreSQL ARE syntax that Java writes differently, rewritten; the rest is shared. */
  static String translate(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        char next = pattern.charAt(++i);
        switch (next) {
          case 'm' -> out.append("\\b(?=\\w)");
          case 'M' -> out.append("\\b(?<=\\w)");
          case 'y' -> out.append("\\b");
          case 'Y' -> out.append("\\B");
          default -> out.append(c).append(next);
        }
      } else if (c == '[' && pattern.startsWith("[:", i)) {
        int end = pattern.indexOf(":]", i + 2);
        String name = end < 0 ? null : pattern.substring(i + 2, end);
        String javaClass = name == null ? null : posixClass(name);
        if (javaClass == null) {
          out.append(c);
        } else {
          out.append(javaClass);
          i = end + 1;
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String posixClass(String name) {
    return switch (name) {
      case "alpha" -> "\\p{Alpha}";
      case "digit" -> "\\p{Digit}";
      case "alnum" -> "\\p{Alnum}";
      case "upper" -> "\\p{Upper}";
      case "lower" -> "\\p{Lower}";
      case "space" -> "\\s";
      case "punct" -> "\\p{Punct}";
      case "xdigit" -> "\\p{XDigit}";
      case "word" -> "\\w";
      default -> null;
    };
  }
}
