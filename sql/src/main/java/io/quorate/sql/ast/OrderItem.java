package io.quorate.sql.ast;

/**
 * One ORDER BY item. {@code nullsFirst} is null when not written: PostgreSQL then puts
 * NULLs last ascending and first descending.
 */
public record OrderItem(Expression expression, boolean descending, Boolean nullsFirst) {

  /** Whether NULLs come first, after applying PostgreSQL's default. */
  public boolean effectiveNullsFirst() {
    return nullsFirst != null ? nullsFirst : descending;
  }
}
