package io.quorate.sql.parser;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL-dialect SQL into tokens, as PostgreSQL's scanner does:
 * standard-conforming strings ({@code ''} doubles a quote, backslash is literal),
 * {@code E''} escape strings, {@code $tag$} dollar quoting, {@code U&} is not supported,
 * nested block comments, {@code --} line comments, and operators made of the operator
 * characters with PostgreSQL's rule for a trailing {@code +} or {@code -}.
 */
public final class Lexer {

  private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";
  private static final String UNUSUAL_OPERATOR_CHARS = "~!@#%^&|`?";

  private final String sql;
  private int offset;

  private Lexer(String sql) {
    this.sql = sql;
  }

  /** All tokens of {@code sql}, ending with one {@link TokenKind#END} token. */
  public static List<Token> tokenize(String sql) {
    Lexer lexer = new Lexer(sql);
    List<Token> tokens = new ArrayList<>();
    Token token;
    do {
      token = lexer.next();
      tokens.add(token);
    } while (token.kind() != TokenKind.END);
    return tokens;
  }

  private Token next() {
    skipSpaceAndComments();
    int start = offset;
    if (offset >= sql.length()) {
      return new Token(TokenKind.END, "", sql.length() + 1, sql.length());
    }
    char c = sql.charAt(offset);
    if ((c == 'e' || c == 'E') && peek(1) == '\'') {
      offset++;
      return token(TokenKind.STRING, readEscapeString(start), start);
    }
    if ((c == 'x' || c == 'X' || c == 'b' || c == 'B') && peek(1) == '\'') {
      throw SqlException.featureNotSupported("bit-string constants are not supported").withPosition(start + 1);
    }
    if (c == '\'') {
      return token(TokenKind.STRING, readStandardString(start), start);
    }
    if (c == '"') {
      return token(TokenKind.QUOTED_IDENTIFIER, readQuotedIdentifier(start), start);
    }
    if (c == '$') {
      return dollar(start);
    }
    if (isIdentifierStart(c)) {
      while (offset < sql.length() && isIdentifierPart(sql.charAt(offset))) {
        offset++;
      }
      return token(TokenKind.IDENTIFIER, sql.substring(start, offset).toLowerCase(java.util.Locale.ROOT), start);
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
      return number(start);
    }
    if (c == ':' && peek(1) == ':') {
      offset += 2;
      return token(TokenKind.PUNCTUATION, "::", start);
    }
    if ("()[],;.:".indexOf(c) >= 0) {
      offset++;
      return token(TokenKind.PUNCTUATION, String.valueOf(c), start);
    }
    if (OPERATOR_CHARS.indexOf(c) >= 0) {
      return operator(start);
    }
    throw SqlException.syntaxErrorAtOrNear(String.valueOf(c), start + 1);
  }

  private Token token(TokenKind kind, String text, int start) {
    return new Token(kind, text, start + 1, offset);
  }

  private char peek(int ahead) {
    int at = offset + ahead;
    return at < sql.length() ? sql.charAt(at) : '\0';
  }

  private void skipSpaceAndComments() {
    while (offset < sql.length()) {
      char c = sql.charAt(offset);
      if (Character.isWhitespace(c)) {
        offset++;
      } else if (c == '-' && peek(1) == '-') {
        while (offset < sql.length() && sql.charAt(offset) != '\n') {
          offset++;
        }
      } else if (c == '/' && peek(1) == '*') {
        skipBlockComment();
      } else {
        return;
      }
    }
  }

  private void skipBlockComment() {
    int start = offset;
    int depth = 0;
    while (offset < sql.length()) {
      if (sql.startsWith("/*", offset)) {
        depth++;
        offset += 2;
      } else if (sql.startsWith("*/", offset)) {
        depth--;
        offset += 2;
        if (depth == 0) {
          return;
        }
      } else {
        offset++;
      }
    }
    throw SqlException.syntaxError("unterminated /* comment at or near \"" + sql.substring(start) + "\"", start + 1);
  }

  private String readStandardString(int start) {
    StringBuilder value = new StringBuilder();
    while (true) {
      offset++; // the opening quote, or the second quote of a doubled one
      int close = sql.indexOf('\'', offset);
      if (close < 0) {
        throw unterminatedString(start);
      }
      value.append(sql, offset, close);
      offset = close + 1;
      if (peek(0) != '\'') {
        if (continuesOnNextLine()) {
          continue;
        }
        return value.toString();
      }
      value.append('\'');
    }
  }

  /**
   * SQL's string continuation: {@code 'a'} newline {@code 'b'} is {@code 'ab'}. Leaves
   * the offset on the next opening quote when the string continues.
   */
  private boolean continuesOnNextLine() {
    int at = offset;
    boolean newline = false;
    while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
      newline |= sql.charAt(at) == '\n';
      at++;
    }
    if (newline && at < sql.length() && sql.charAt(at) == '\'') {
      offset = at;
      return true;
    }
    return false;
  }

  private String readEscapeString(int start) {
    StringBuilder value = new StringBuilder();
    offset++; // opening quote
    while (true) {
      if (offset >= sql.length()) {
        throw unterminatedString(start);
      }
      char c = sql.charAt(offset++);
      if (c == '\'') {
        if (peek(0) == '\'') {
          value.append('\'');
          offset++;
          continue;
        }
        if (continuesOnNextLine()) {
          offset++;
          continue;
        }
        return value.toString();
      }
      if (c != '\\') {
        value.append(c);
        continue;
      }
      if (offset >= sql.length()) {
        throw unterminatedString(start);
      }
      char escaped = sql.charAt(offset++);
      switch (escaped) {
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'x' -> value.append((char) readDigits(16, 2, 1, start));
        case 'u' -> value.appendCodePoint(readDigits(16, 4, 4, start));
        case 'U' -> value.appendCodePoint(readDigits(16, 8, 8, start));
        default -> {
          if (escaped >= '0' && escaped <= '7') {
            offset--;
            value.append((char) readDigits(8, 3, 1, start));
          } else {
            value.append(escaped);
          }
        }
      }
    }
  }

  private int readDigits(int radix, int max, int min, int start) {
    int value = 0;
    int count = 0;
    while (count < max && offset < sql.length() && Character.digit(sql.charAt(offset), radix) >= 0) {
      value = value * radix + Character.digit(sql.charAt(offset++), radix);
      count++;
    }
    if (count < min || (radix == 16 && max >= 4 && !Character.isValidCodePoint(value))) {
      throw new SqlException(SqlState.SYNTAX_ERROR, "invalid Unicode escape").withPosition(start + 1);
    }
    if (value == 0) {
      throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\": 0x00")
          .withPosition(start + 1);
    }
    return value;
  }

  private String readQuotedIdentifier(int start) {
    StringBuilder value = new StringBuilder();
    while (true) {
      offset++;
      int close = sql.indexOf('"', offset);
      if (close < 0) {
        throw SqlException.syntaxError("unterminated quoted identifier at or near \"" + sql.substring(start) + "\"",
            start + 1);
      }
      value.append(sql, offset, close);
      offset = close + 1;
      if (peek(0) != '"') {
        if (value.isEmpty()) {
          throw SqlException.syntaxError("zero-length delimited identifier at or near \"\"\"\"", start + 1);
        }
        return value.toString();
      }
      value.append('"');
    }
  }

  private Token dollar(int start) {
    if (isDigit(peek(1))) {
      offset++;
      while (offset < sql.length() && isDigit(sql.charAt(offset))) {
        offset++;
      }
      return token(TokenKind.PARAMETER, sql.substring(start + 1, offset), start);
    }
    int tagEnd = offset + 1;
    while (tagEnd < sql.length() && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
      tagEnd++;
    }
    if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
      throw SqlException.syntaxErrorAtOrNear("$", start + 1);
    }
    String tag = sql.substring(start, tagEnd + 1);
    int close = sql.indexOf(tag, tagEnd + 1);
    if (close < 0) {
      throw SqlException.syntaxError("unterminated dollar-quoted string at or near \"" + sql.substring(start) + "\"",
          start + 1);
    }
    offset = close + tag.length();
    return token(TokenKind.STRING, sql.substring(tagEnd + 1, close), start);
  }

  private Token number(int start) {
    boolean decimal = false;
    while (isDigit(peek(0))) {
      offset++;
    }
    if (peek(0) == '.' && peek(1) != '.') {
      decimal = true;
      offset++;
      while (isDigit(peek(0))) {
        offset++;
      }
    }
    if ((peek(0) == 'e' || peek(0) == 'E')
        && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
      decimal = true;
      offset += 2;
      while (isDigit(peek(0))) {
        offset++;
      }
    }
    if (isIdentifierStart(peek(0))) {
      throw SqlException.syntaxError("trailing junk after numeric literal at or near \""
          + sql.substring(start, offset + 1) + "\"", start + 1);
    }
    return token(decimal ? TokenKind.DECIMAL : TokenKind.INTEGER, sql.substring(start, offset), start);
  }

  private Token operator(int start) {
    int end = offset;
    while (end < sql.length() && OPERATOR_CHARS.indexOf(sql.charAt(end)) >= 0) {
      if (end > offset && (sql.startsWith("--", end) || sql.startsWith("/*", end))) {
        break; // a comment starts inside the operator characters
      }
      end++;
    }
    // A multi-character operator ends in + or - only if it has an unusual character.
    if (end - offset > 1) {
      String candidate = sql.substring(offset, end);
      boolean unusual = candidate.chars().anyMatch(ch -> UNUSUAL_OPERATOR_CHARS.indexOf(ch) >= 0);
      while (!unusual && end - offset > 1 && (sql.charAt(end - 1) == '+' || sql.charAt(end - 1) == '-')) {
        end--;
      }
    }
    offset = end;
    String text = sql.substring(start, end);
    if (text.equals("!=")) {
      text = "<>";
    }
    return token(TokenKind.OPERATOR, text, start);
  }

  private SqlException unterminatedString(int start) {
    return SqlException.syntaxError("unterminated quoted string at or near \"" + sql.substring(start) + "\"",
        start + 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || isDigit(c) || c == '$';
  }
}
