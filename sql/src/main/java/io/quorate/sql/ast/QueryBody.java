package io.quorate.sql.ast;

import java.util.List;

/** What a query computes before its ORDER BY and LIMIT. */
public sealed interface QueryBody {

  /**
   * {@code SELECT [DISTINCT [ON (...)]] items FROM ... WHERE ... GROUP BY ... HAVING ...}.
   * {@code distinctOn} non-empty means DISTINCT ON; {@code from} empty means no FROM.
   */
  record Select(boolean distinct, List<Expression> distinctOn, List<SelectItem> items, List<TableRef> from,
      Expression where, List<Expression> groupBy, Expression having, List<NamedWindow> windows)
      implements QueryBody {}

  /** {@code WINDOW name AS (spec)}. */
  record NamedWindow(String name, Expression.WindowSpec spec) {}

  /** {@code left UNION/INTERSECT/EXCEPT [ALL] right}. */
  record SetOperation(Operator operator, boolean all, QueryBody left, QueryBody right) implements QueryBody {
    public enum Operator { UNION, INTERSECT, EXCEPT }
  }

  /** {@code VALUES (...), (...)}. */
  record Values(List<List<Expression>> rows) implements QueryBody {}

  /** A parenthesised query with its own ORDER BY / LIMIT, used as an operand. */
  record Nested(Query query) implements QueryBody {}

  /** One item of a select list. */
  sealed interface SelectItem {}

  /** {@code *} or {@code t.*}; {@code qualifier} is empty for a bare star. */
  record Star(List<String> qualifier, int position) implements SelectItem {}

  /** {@code expression [AS alias]}; alias null when not written. */
  record ExpressionItem(Expression expression, String alias) implements SelectItem {}
}
