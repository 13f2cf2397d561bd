package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.planner.PlanNode;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Evaluates calls, casts and comparisons whose operands are all constants, once, at plan
 * time. Volatile calls and anything that fails (a division by zero in a branch that may
 * never run) are left to run time, where they behave as written.
 */
final class ConstantFolding {

  private static final EvaluationContext NO_ROW = new EvaluationContext(new Object[0], ZoneOffset.UTC,
      Instant.EPOCH, Instant.EPOCH, null);

  private ConstantFolding() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, node -> Plans.mapExpressions(node, ConstantFolding::fold));
  }

  static BoundExpression fold(BoundExpression expression) {
    return expression.transform(ConstantFolding::foldNode);
  }

  private static BoundExpression foldNode(BoundExpression node) {
    boolean foldable = switch (node) {
      case BoundExpression.Call call -> !call.volatileResult() && !call.arguments().isEmpty()
          && allConstant(node) && !dependsOnZone(call);
      case BoundExpression.Comparison comparison -> allConstant(node);
      case BoundExpression.Not not -> allConstant(node);
      case BoundExpression.IsNull isNull -> allConstant(node);
      default -> false;
    };
    if (!foldable) {
      return node;
    }
    try {
      return new BoundExpression.Constant(node.evaluate(null, NO_ROW), node.type());
    } catch (RuntimeException runtimeOnly) {
      return node;
    }
  }

  /** Calls over timestamptz read the session's time zone, which is not known at plan time. */
  private static boolean dependsOnZone(BoundExpression.Call call) {
    if (call.type().kind() == io.quorate.sql.types.SqlType.Kind.TIMESTAMPTZ) {
      return true;
    }
    for (BoundExpression argument : call.arguments()) {
      if (argument.type().kind() == io.quorate.sql.types.SqlType.Kind.TIMESTAMPTZ) {
        return true;
      }
    }
    return false;
  }

  private static boolean allConstant(BoundExpression node) {
    for (BoundExpression child : node.children()) {
      if (!(child instanceof BoundExpression.Constant)) {
        return false;
      }
    }
    return true;
  }
}
