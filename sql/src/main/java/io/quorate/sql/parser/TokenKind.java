package io.quorate.sql.parser;

/** What a {@link Token} is. Keywords are identifiers; the parser recognises them by text. */
public enum TokenKind {
  /** An unquoted identifier or keyword, folded to lower case. */
  IDENTIFIER,
  /** A double-quoted identifier, case kept. */
  QUOTED_IDENTIFIER,
  /** A string constant, escapes already processed. */
  STRING,
  /** An integer constant. */
  INTEGER,
  /** A numeric constant with a point or an exponent. */
  DECIMAL,
  /** A positional parameter, {@code $1}. */
  PARAMETER,
  /** An operator made of operator characters, e.g. {@code <=}, {@code ||}, {@code ->>}. */
  OPERATOR,
  /** One of {@code ( ) [ ] , ; . :} or {@code ::}. */
  PUNCTUATION,
  END
}
