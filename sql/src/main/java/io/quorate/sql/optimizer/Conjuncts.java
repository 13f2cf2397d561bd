package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import java.util.ArrayList;
import java.util.List;

/** Splitting conditions into AND-ed parts, and what columns a part uses. */
final class Conjuncts {

  private Conjuncts() {}

  static List<BoundExpression> split(BoundExpression condition) {
    List<BoundExpression> parts = new ArrayList<>();
    if (condition != null) {
      add(condition, parts);
    }
    return parts;
  }

  private static void add(BoundExpression condition, List<BoundExpression> parts) {
    if (condition instanceof BoundExpression.Logical logical && logical.and()) {
      for (BoundExpression operand : logical.operands()) {
        add(operand, parts);
      }
    } else {
      parts.add(condition);
    }
  }

  /** AND of {@code parts}, or null for none. */
  static BoundExpression join(List<BoundExpression> parts) {
    if (parts.isEmpty()) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : new BoundExpression.Logical(true, List.copyOf(parts));
  }

  /** Lowest and highest current-row column index used, or {@code null} if none; [-1] if unmovable. */
  static int[] columnRange(BoundExpression expression) {
    int[] range = {Integer.MAX_VALUE, Integer.MIN_VALUE};
    boolean[] unmovable = {false};
    visit(expression, range, unmovable);
    if (unmovable[0]) {
      return new int[] {-1};
    }
    return range[0] == Integer.MAX_VALUE ? null : range;
  }

  private static void visit(BoundExpression expression, int[] range, boolean[] unmovable) {
    if (expression instanceof BoundExpression.Column column) {
      range[0] = Math.min(range[0], column.index());
      range[1] = Math.max(range[1], column.index());
    } else if (expression instanceof BoundExpression.Subquery subquery && subquery.correlated()) {
      unmovable[0] = true; // its outer references assume the row layout where it was bound
    } else if (expression instanceof BoundExpression.Call call && call.volatileResult()) {
      unmovable[0] = true; // random() and nextval() must run once per row of the original node
    }
    for (BoundExpression child : expression.children()) {
      visit(child, range, unmovable);
    }
  }

  /** {@code expression} with every current-row column index moved by {@code delta}. */
  static BoundExpression shift(BoundExpression expression, int delta) {
    if (delta == 0) {
      return expression;
    }
    return expression.transform(e -> e instanceof BoundExpression.Column c
        ? new BoundExpression.Column(c.index() + delta, c.type(), c.name()) : e);
  }

  /** True if the expression reads no current-row column and runs the same for every row. */
  static boolean isRowIndependent(BoundExpression expression) {
    return columnRange(expression) == null;
  }
}
