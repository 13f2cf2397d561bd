package io.quorate.sql.optimizer;

import io.quorate.sql.planner.PlanNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs the rewrite passes in order. Each pass keeps the plan's results the same and
 * makes it cheaper: constant folding, join order (connected inner joins first), predicate pushdown (into joins and scans), join
 * strategy (hash joins on equalities), access paths (primary-key and index ranges),
 * sort elimination (index order instead of a sort), limit pushdown (top-N sorts) and
 * projection pruning (scans decode only the columns the plan reads).
 */
public final class Optimizer {

  /** A named rewrite of a whole plan. */
  record Pass(String name, UnaryOperator<PlanNode> rewrite) {}

  private static final List<Pass> PASSES = List.of(
      new Pass("constant folding", ConstantFolding::apply),
      new Pass("join order", JoinOrder::apply),
      new Pass("predicate pushdown", PredicatePushdown::apply),
      new Pass("join strategy", JoinStrategy::apply),
      new Pass("access path", AccessPath::apply),
      new Pass("sort elimination", SortElimination::apply),
      new Pass("limit pushdown", LimitPushdown::apply),
      new Pass("projection pruning", ProjectionPruning::apply));

  private Optimizer() {}

  public static PlanNode optimize(PlanNode plan) {
    PlanNode result = plan;
    for (Pass pass : PASSES) {
      result = pass.rewrite().apply(result);
    }
    return result;
  }
}
