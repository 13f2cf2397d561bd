package io.quorate.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical facts about SQL text the driver needs without a parser: where statements end.
 * Knows PostgreSQL's quoting: '...' (with '' inside), E'...' (with backslash escapes),
 * "...", $tag$...$tag$, -- comments and nested /* *&#47; comments.
 */
public final class SqlText {

  private SqlText() {}

  /** How many non-empty statements {@code sql} holds (0 for only blanks, comments and semicolons). */
  static int statementCount(String sql) {
    Split split = split(sql);
    return split.statements().size() + (split.restHasContent() ? 1 : 0);
  }

  /**
   * Statements of a script, as a shell reads it.
   *
   * @param statements every statement ended by a semicolon outside quotes and comments,
   *     without it (ones holding only blanks and comments are left out)
   * @param rest what follows the last such semicolon: a statement still being typed
   * @param restHasContent whether {@code rest} holds more than blanks and comments
   */
  public record Split(List<String> statements, String rest, boolean restHasContent) {}

  public static Split split(String sql) {
    List<String> statements = new ArrayList<>();
    boolean content = false;
    int start = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == ';') {
        if (content) {
          statements.add(sql.substring(start, i).strip());
        }
        content = false;
        start = ++i;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        int comment = commentEnd(sql, i);
        content |= comment < 0;
        i = comment < 0 ? tokenEnd(sql, i) : comment;
      }
    }
    return new Split(List.copyOf(statements), sql.substring(start), content);
  }

  /** {@code sql} with JDBC's {@code ?} placeholders numbered as $1, $2, ... (outside quotes and comments; {@code ??} is a literal {@code ?}). */
  record Numbered(String sql, int parameterCount) {}

  static Numbered numberParameters(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int count = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '?') {
        if (i + 1 < n && sql.charAt(i + 1) == '?') {
          out.append('?');
          i += 2;
          continue;
        }
        out.append('$').append(++count);
        i++;
        continue;
      }
      int comment = commentEnd(sql, i);
      int next = comment < 0 ? tokenEnd(sql, i) : comment;
      out.append(sql, i, next);
      i = next;
    }
    return new Numbered(out.toString(), count);
  }

  /** The index after the comment starting at {@code i} (-- to the line's end, or nested /* *&#47;), or -1 when none starts there. */
  private static int commentEnd(String sql, int i) {
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end + 1;
    }
    return sql.startsWith("/*", i) ? blockCommentEnd(sql, i) : -1;
  }

  /** The index after the token starting at {@code i} (a quoted literal or identifier, or one character). */
  private static int tokenEnd(String sql, int i) {
    char c = sql.charAt(i);
    int n = sql.length();
    if (c == '\'') {
      boolean escapes = i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
          && (i < 2 || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
      return quotedEnd(sql, i, '\'', escapes);
    }
    if (c == '"') {
      return quotedEnd(sql, i, '"', false);
    }
    if (c == '$') {
      int tagEnd = i + 1;
      while (tagEnd < n && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
        tagEnd++;
      }
      boolean tag = tagEnd < n && sql.charAt(tagEnd) == '$' && (tagEnd == i + 1 || !Character.isDigit(sql.charAt(i + 1)));
      if (tag && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        String delimiter = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(delimiter, tagEnd + 1);
        return close < 0 ? n : close + delimiter.length();
      }
    }
    return i + 1;
  }

  private static int quotedEnd(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < n && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int blockCommentEnd(String sql, int start) {
    int depth = 0;
    int i = start;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }
}
