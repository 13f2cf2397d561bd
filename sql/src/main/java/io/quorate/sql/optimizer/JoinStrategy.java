package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a hash join wherever the join condition has equalities between an expression
 * of the left side and one of the right side; the remaining conjuncts are checked on
 * each matching pair. Otherwise the join stays a nested loop.
 */
final class JoinStrategy {

  private JoinStrategy() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, node -> node instanceof PlanNode.Join join && !join.isHashJoin()
        && join.condition() != null ? hash(join) : node);
  }

  private static PlanNode hash(PlanNode.Join join) {
    int leftWidth = join.left().columns().size();
    List<BoundExpression> leftKeys = new ArrayList<>();
    List<BoundExpression> rightKeys = new ArrayList<>();
    List<BoundExpression> residual = new ArrayList<>();
    for (BoundExpression conjunct : Conjuncts.split(join.condition())) {
      if (conjunct instanceof BoundExpression.Comparison comparison && comparison.operator().equals("=")) {
        int side = sideOf(comparison.left(), leftWidth);
        int other = sideOf(comparison.right(), leftWidth);
        if (side == 0 && other == 1) {
          leftKeys.add(comparison.left());
          rightKeys.add(Conjuncts.shift(comparison.right(), -leftWidth));
          continue;
        }
        if (side == 1 && other == 0) {
          leftKeys.add(comparison.right());
          rightKeys.add(Conjuncts.shift(comparison.left(), -leftWidth));
          continue;
        }
      }
      residual.add(conjunct);
    }
    if (leftKeys.isEmpty()) {
      return join;
    }
    return new PlanNode.Join(join.kind(), join.left(), join.right(), List.copyOf(leftKeys), List.copyOf(rightKeys),
        Conjuncts.join(residual), join.columns());
  }

  /** 0 if the expression reads only left columns, 1 only right ones, -1 otherwise. */
  private static int sideOf(BoundExpression expression, int leftWidth) {
    int[] range = Conjuncts.columnRange(expression);
    if (range == null || range.length == 1) {
      return -1;
    }
    if (range[1] < leftWidth) {
      return 0;
    }
    return range[0] >= leftWidth ? 1 : -1;
  }
}
