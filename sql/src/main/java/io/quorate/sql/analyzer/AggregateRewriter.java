package io.quorate.sql.analyzer;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.AggregateCall;
import java.util.List;

/**
 * Rewrites an expression over the FROM row into one over an Aggregate node's output:
 * group keys and aggregate calls become column references; a FROM column left over is
 * PostgreSQL's grouping error (42803).
 */
final class AggregateRewriter {

  private final List<BoundExpression> groupKeys;
  private final List<AggregateCall> aggregates;

  AggregateRewriter(List<BoundExpression> groupKeys, List<AggregateCall> aggregates) {
    this.groupKeys = groupKeys;
    this.aggregates = aggregates;
  }

  BoundExpression rewrite(BoundExpression expression) {
    int key = groupKeys.indexOf(expression);
    if (key >= 0) {
      return new BoundExpression.Column(key, expression.type(), "?group?");
    }
    if (expression instanceof AggregateCall call) {
      return new BoundExpression.Column(groupKeys.size() + aggregates.indexOf(call), call.type(), call.name());
    }
    if (expression instanceof BoundExpression.Column column) {
      throw new SqlException(SqlState.GROUPING_ERROR, "column \"" + column.name()
          + "\" must appear in the GROUP BY clause or be used in an aggregate function");
    }
    if (expression instanceof BoundExpression.WindowCall window) {
      return rewriteChildren(window);
    }
    if (expression instanceof BoundExpression.Subquery subquery && subquery.correlated()) {
      return ((BoundExpression.Subquery) rewriteChildren(subquery)).withOuterRowMap(outerRowMap(subquery));
    }
    if (expression.children().isEmpty()) {
      return expression;
    }
    return rewriteChildren(expression);
  }

  /**
   * Where the grouped columns a correlated subquery reads sit in the aggregate's output;
   * a column that is not grouped is PostgreSQL's 42803.
   */
  private List<Integer> outerRowMap(BoundExpression.Subquery subquery) {
    int width = subquery.outerReferences().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<Integer> map = new java.util.ArrayList<>(java.util.Collections.nCopies(width, -1));
    for (int index : subquery.outerReferences()) {
      int key = -1;
      for (int k = 0; k < groupKeys.size(); k++) {
        if (groupKeys.get(k) instanceof BoundExpression.Column column && column.index() == index) {
          key = k;
        }
      }
      if (key < 0) {
        throw new SqlException(SqlState.GROUPING_ERROR, "subquery uses ungrouped column from outer query");
      }
      map.set(index, key);
    }
    return List.copyOf(map);
  }

  private BoundExpression rewriteChildren(BoundExpression expression) {
    List<BoundExpression> children = expression.children().stream().map(this::rewrite).toList();
    return expression.withChildren(children);
  }
}
