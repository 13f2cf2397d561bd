package io.quorate.sql.parser;

/**
 * One lexical token: its kind, its value (identifiers folded to lower case, strings
 * unescaped), the 1-based character position of its first character and the 0-based
 * offset just past its last, so errors can quote the source text as PostgreSQL does.
 */
public record Token(TokenKind kind, String text, int position, int endOffset) {

  /** True if this is the unquoted keyword or identifier {@code word} (lower case). */
  public boolean is(String word) {
    return kind == TokenKind.IDENTIFIER && text.equals(word);
  }

  /** True if this is the operator or punctuation {@code symbol}. */
  public boolean isSymbol(String symbol) {
    return (kind == TokenKind.OPERATOR || kind == TokenKind.PUNCTUATION) && text.equals(symbol);
  }

  /** The token's text in the source, as "syntax error at or near" quotes it. */
  public String sourceText(String sql) {
    return sql.substring(position - 1, endOffset);
  }
}
