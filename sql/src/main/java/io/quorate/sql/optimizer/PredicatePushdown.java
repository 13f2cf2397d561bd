package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.planner.PlanNode.JoinKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves filter conjuncts as close to the rows they test as the join kinds allow: WHERE
 * parts over one side of an inner join go into that side, parts over both become join
 * conditions, and parts over a single table end up in its scan. Outer joins keep their
 * null-extended side's conditions where they are. Conjuncts that hold correlated
 * subqueries or volatile calls stay put.
 */
final class PredicatePushdown {

  private PredicatePushdown() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, PredicatePushdown::rewrite);
  }

  private static PlanNode rewrite(PlanNode node) {
    if (node instanceof PlanNode.Filter filter) {
      return push(filter.input(), Conjuncts.split(filter.condition()));
    }
    if (node instanceof PlanNode.Join join && join.condition() != null) {
      return pushJoinCondition(join);
    }
    return node;
  }

  /** {@code input} filtered by {@code conjuncts}, with each conjunct pushed as deep as it may go. */
  static PlanNode push(PlanNode input, List<BoundExpression> conjuncts) {
    if (conjuncts.isEmpty()) {
      return input;
    }
    return switch (input) {
      case PlanNode.TableScan scan -> {
        List<BoundExpression> all = new ArrayList<>(Conjuncts.split(scan.filter()));
        all.addAll(conjuncts);
        yield scan.withFilter(Conjuncts.join(all));
      }
      case PlanNode.Filter filter -> {
        List<BoundExpression> all = new ArrayList<>(Conjuncts.split(filter.condition()));
        all.addAll(conjuncts);
        yield push(filter.input(), all);
      }
      case PlanNode.Join join -> pushIntoJoin(join, conjuncts);
      default -> new PlanNode.Filter(input, Conjuncts.join(conjuncts));
    };
  }

  private static PlanNode pushIntoJoin(PlanNode.Join join, List<BoundExpression> conjuncts) {
    int leftWidth = join.left().columns().size();
    List<BoundExpression> toLeft = new ArrayList<>();
    List<BoundExpression> toRight = new ArrayList<>();
    List<BoundExpression> toCondition = new ArrayList<>();
    List<BoundExpression> stay = new ArrayList<>();
    boolean leftPreserved = join.kind() == JoinKind.LEFT || join.kind() == JoinKind.FULL;
    boolean rightPreserved = join.kind() == JoinKind.RIGHT || join.kind() == JoinKind.FULL;
    for (BoundExpression conjunct : conjuncts) {
      int[] range = Conjuncts.columnRange(conjunct);
      if (range != null && range.length == 1) {
        stay.add(conjunct);
      } else if (range == null || range[1] < leftWidth) {
        // over the left side only (or no columns): filtering WHERE rows of a null-extended right side is fine
        if (rightPreserved) {
          stay.add(conjunct);
        } else {
          toLeft.add(conjunct);
        }
      } else if (range[0] >= leftWidth) {
        if (leftPreserved) {
          stay.add(conjunct);
        } else {
          toRight.add(Conjuncts.shift(conjunct, -leftWidth));
        }
      } else if (join.kind() == JoinKind.INNER) {
        toCondition.add(conjunct);
      } else {
        stay.add(conjunct);
      }
    }
    List<BoundExpression> condition = new ArrayList<>(Conjuncts.split(join.condition()));
    condition.addAll(toCondition);
    PlanNode rebuilt = new PlanNode.Join(join.kind(), push(join.left(), toLeft), push(join.right(), toRight),
        join.leftKeys(), join.rightKeys(), Conjuncts.join(condition), join.columns());
    return stay.isEmpty() ? rebuilt : new PlanNode.Filter(rebuilt, Conjuncts.join(stay));
  }

  /** ON-clause conjuncts over one side move into that side where the join kind allows. */
  private static PlanNode pushJoinCondition(PlanNode.Join join) {
    int leftWidth = join.left().columns().size();
    List<BoundExpression> toLeft = new ArrayList<>();
    List<BoundExpression> toRight = new ArrayList<>();
    List<BoundExpression> keep = new ArrayList<>();
    boolean innerLike = join.kind() == JoinKind.INNER;
    for (BoundExpression conjunct : Conjuncts.split(join.condition())) {
      int[] range = Conjuncts.columnRange(conjunct);
      if (range == null || range.length == 1) {
        keep.add(conjunct);
      } else if (range[1] < leftWidth && (innerLike || join.kind() == JoinKind.RIGHT)) {
        toLeft.add(conjunct);
      } else if (range[0] >= leftWidth && (innerLike || join.kind() == JoinKind.LEFT)) {
        toRight.add(Conjuncts.shift(conjunct, -leftWidth));
      } else {
        keep.add(conjunct);
      }
    }
    if (toLeft.isEmpty() && toRight.isEmpty()) {
      return join;
    }
    return new PlanNode.Join(join.kind(), push(join.left(), toLeft), push(join.right(), toRight), join.leftKeys(),
        join.rightKeys(), Conjuncts.join(keep), join.columns());
  }
}
