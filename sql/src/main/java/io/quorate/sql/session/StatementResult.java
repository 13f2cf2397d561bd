package io.quorate.sql.session;

import io.quorate.sql.types.SqlType;
import java.util.List;

/**
 * What one statement produced: PostgreSQL's command tag ({@code SELECT 3},
 * {@code INSERT 0 1}, {@code CREATE TABLE}, ...), the result columns and rows for
 * statements that return rows (values as described in {@link SqlType}), and the
 * notices it raised.
 */
public record StatementResult(String commandTag, List<Column> columns, List<Object[]> rows, List<String> notices) {

  /** A result column: its name and type. */
  public record Column(String name, SqlType type) {}

  /** True if the statement returns rows (a query, or RETURNING, SHOW, EXPLAIN). */
  public boolean hasRows() {
    return columns != null;
  }

  static StatementResult command(String tag, List<String> notices) {
    return new StatementResult(tag, null, List.of(), List.copyOf(notices));
  }
}
