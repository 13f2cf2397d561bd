package io.quorate.sql.ast;

import java.util.List;

/** An item of a FROM clause. Aliases are null when not written. */
public sealed interface TableRef {

  /** A table or view by name. */
  record Named(QualifiedName name, String alias, List<String> columnAliases, int position) implements TableRef {}

  /** {@code (query) AS alias}. */
  record Subquery(Query query, String alias, List<String> columnAliases, int position) implements TableRef {}

  /**
   * A set-returning function: {@code generate_series(1, 10) AS g(n)}; {@code WITH
   * ORDINALITY} adds a bigint column numbering its rows from 1.
   */
  record Function(Expression.FunctionCall call, boolean ordinality, String alias, List<String> columnAliases,
      int position) implements TableRef {}

  /** {@code left [kind] JOIN right ON condition | USING (columns)}, NATURAL, or CROSS JOIN. */
  record Join(Kind kind, TableRef left, TableRef right, Expression condition, List<String> using,
      boolean natural) implements TableRef {
    public enum Kind { INNER, LEFT, RIGHT, FULL, CROSS }
  }
}
