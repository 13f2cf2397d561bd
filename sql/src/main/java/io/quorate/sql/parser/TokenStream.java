package io.quorate.sql.parser;

import io.quorate.sql.error.SqlException;
import java.util.List;

/** A cursor over one statement text's tokens, with the helpers every parser stage uses. */
final class TokenStream {

  private static final java.util.Set<String> RESERVED = io.quorate.sql.ast.Keywords.RESERVED;

  /** Nesting deeper than this is refused (54001) rather than overflowing the parser's stack. */
  private static final int MAX_DEPTH = 200;

  private final String sql;
  private final List<Token> tokens;
  private int index;
  private int depth;

  TokenStream(String sql) {
    this.sql = sql;
    this.tokens = Lexer.tokenize(sql);
  }

  /** Enters one level of nesting; pair with {@link #exit()}. */
  void enter() {
    if (++depth > MAX_DEPTH) {
      throw new SqlException(io.quorate.sql.error.SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded")
          .withHint("Simplify the statement; it nests expressions or subqueries more than " + MAX_DEPTH
              + " levels deep.").withPosition(peek().position());
    }
  }

  void exit() {
    depth--;
  }

  String sql() {
    return sql;
  }

  Token peek() {
    return tokens.get(index);
  }

  Token peek(int ahead) {
    return tokens.get(Math.min(index + ahead, tokens.size() - 1));
  }

  Token next() {
    Token token = tokens.get(index);
    if (token.kind() != TokenKind.END) {
      index++;
    }
    return token;
  }

  int mark() {
    return index;
  }

  void reset(int mark) {
    index = mark;
  }

  boolean atEnd() {
    return peek().kind() == TokenKind.END;
  }

  /** True if the next token is the keyword {@code word}. */
  boolean at(String word) {
    return peek().is(word);
  }

  boolean atSymbol(String symbol) {
    return peek().isSymbol(symbol);
  }

  /** Consumes the keyword {@code word} if it is next. */
  boolean accept(String word) {
    if (at(word)) {
      index++;
      return true;
    }
    return false;
  }

  /** Consumes the keywords {@code words} if they are all next, in order. */
  boolean acceptSequence(String... words) {
    for (int i = 0; i < words.length; i++) {
      if (!peek(i).is(words[i])) {
        return false;
      }
    }
    index += words.length;
    return true;
  }

  boolean acceptSymbol(String symbol) {
    if (atSymbol(symbol)) {
      index++;
      return true;
    }
    return false;
  }

  void expect(String word) {
    if (!accept(word)) {
      throw unexpected();
    }
  }

  void expectSymbol(String symbol) {
    if (!acceptSymbol(symbol)) {
      throw unexpected();
    }
  }

  /** A name: an unreserved identifier or a quoted identifier. */
  String identifier() {
    Token token = peek();
    if (token.kind() == TokenKind.QUOTED_IDENTIFIER
        || (token.kind() == TokenKind.IDENTIFIER && !RESERVED.contains(token.text()))) {
      index++;
      return token.text();
    }
    throw unexpected();
  }

  /** A name where reserved words are allowed too (after AS, after a dot). */
  String anyIdentifier() {
    Token token = peek();
    if (token.kind() == TokenKind.QUOTED_IDENTIFIER || token.kind() == TokenKind.IDENTIFIER) {
      index++;
      return token.text();
    }
    throw unexpected();
  }

  /** True if the next token can be a name without AS. */
  boolean atIdentifier() {
    Token token = peek();
    return token.kind() == TokenKind.QUOTED_IDENTIFIER
        || (token.kind() == TokenKind.IDENTIFIER && !RESERVED.contains(token.text()));
  }

  static boolean isReserved(String word) {
    return RESERVED.contains(word);
  }

  /** PostgreSQL's syntax error at the next token (or at end of input). */
  SqlException unexpected() {
    return errorAt(peek());
  }

  SqlException errorAt(Token token) {
    if (token.kind() == TokenKind.END) {
      return SqlException.syntaxErrorAtEnd(token.position());
    }
    return SqlException.syntaxErrorAtOrNear(token.sourceText(sql), token.position());
  }

  /** The source text from {@code startPosition} (1-based) up to the next token. */
  String sourceFrom(int startPosition) {
    int end = index > 0 ? tokens.get(index - 1).endOffset() : 0;
    return sql.substring(startPosition - 1, Math.max(startPosition - 1, end));
  }
}
