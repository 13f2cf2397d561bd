package io.quorate.sql.expression;

import java.util.BitSet;
import java.util.List;

/** Which columns of the row they are evaluated over expressions read. */
public final class ColumnsUsed {

  private ColumnsUsed() {}

  /**
   * The current-row column indexes {@code expressions} read; all of {@code 0..rowWidth-1}
   * when one holds a correlated subquery, whose outer references may read any column of
   * the row it is evaluated over.
   */
  public static BitSet of(List<BoundExpression> expressions, int rowWidth) {
    BitSet columns = new BitSet();
    for (BoundExpression expression : expressions) {
      if (expression.anyMatch(e -> e instanceof BoundExpression.Subquery subquery && subquery.correlated())) {
        columns.set(0, rowWidth);
        return columns;
      }
      expression.visit(e -> {
        if (e instanceof BoundExpression.Column column) {
          columns.set(column.index());
        }
      });
    }
    return columns;
  }
}
