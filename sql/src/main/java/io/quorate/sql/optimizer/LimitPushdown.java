package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanNode;

/**
 * LIMIT n [OFFSET m] directly over a sort (or a projection of one) turns the sort into a
 * top-(n+m) sort that keeps only that many rows in memory.
 */
final class LimitPushdown {

  private LimitPushdown() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, LimitPushdown::rewrite);
  }

  private static PlanNode rewrite(PlanNode node) {
    if (!(node instanceof PlanNode.Limit limit) || !(limit.limit() instanceof BoundExpression.Constant count)
        || count.value() == null) {
      return node;
    }
    long offset = 0;
    if (limit.offset() != null) {
      if (!(limit.offset() instanceof BoundExpression.Constant skip) || skip.value() == null) {
        return node;
      }
      offset = (Long) skip.value();
    }
    long keep = (Long) count.value() + offset;
    if (keep <= 0 || keep > 1_000_000) {
      return node;
    }
    PlanNode input = limit.input();
    if (input instanceof PlanNode.Sort sort) {
      return new PlanNode.Limit(new PlanNode.Sort(sort.input(), sort.keys(), keep), limit.limit(), limit.offset());
    }
    if (input instanceof PlanNode.Project project && project.input() instanceof PlanNode.Sort sort) {
      PlanNode topN = new PlanNode.Sort(sort.input(), sort.keys(), keep);
      return new PlanNode.Limit(new PlanNode.Project(topN, project.expressions(), project.columns()), limit.limit(),
          limit.offset());
    }
    return node;
  }
}
