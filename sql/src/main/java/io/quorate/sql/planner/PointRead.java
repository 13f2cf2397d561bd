package io.quorate.sql.planner;

import io.quorate.sql.expression.BoundExpression;
import java.util.List;

/**
 * Recognises a plan that reads at most one row, found through its table's whole primary
 * key, and computes nothing but column values, parameters, constants, casts and
 * comparisons: no join, sort, aggregate, subquery or function call. Such a plan does a
 * bounded amount of work and never waits for a lock, so a network thread may run it.
 */
public final class PointRead {

  private PointRead() {}

  public static boolean is(PlanNode plan) {
    return switch (plan) {
      case PlanNode.Project project -> allPlain(project.expressions()) && is(project.input());
      case PlanNode.Filter filter -> plain(filter.condition()) && is(filter.input());
      case PlanNode.Limit limit -> (limit.limit() == null || plain(limit.limit()))
          && (limit.offset() == null || plain(limit.offset())) && is(limit.input());
      case PlanNode.TableScan scan -> scan.table().primaryKey() != null
          && scan.index().id() == scan.table().primaryKey().id()
          && scan.range().equal().size() == scan.index().columns().size()
          && allPlain(scan.range().equal())
          && (scan.filter() == null || plain(scan.filter()));
      default -> false;
    };
  }

  private static boolean allPlain(List<BoundExpression> expressions) {
    for (BoundExpression expression : expressions) {
      if (!plain(expression)) {
        return false;
      }
    }
    return true;
  }

  private static boolean plain(BoundExpression expression) {
    return switch (expression) {
      case BoundExpression.Constant constant -> true;
      case BoundExpression.Column column -> true;
      case BoundExpression.Parameter parameter -> true;
      case BoundExpression.Cast cast -> plain(cast.operand());
      case BoundExpression.Comparison comparison -> plain(comparison.left()) && plain(comparison.right());
      case BoundExpression.Logical logical -> allPlain(logical.operands());
      case BoundExpression.Not not -> plain(not.operand());
      case BoundExpression.IsNull isNull -> plain(isNull.operand());
      default -> false;
    };
  }
}
