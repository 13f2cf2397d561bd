package io.quorate.sql.analyzer;

import io.quorate.sql.catalog.system.SystemColumn;
import io.quorate.sql.catalog.system.SystemContext;
import io.quorate.sql.catalog.system.SystemRelation;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * How a query reads a system relation: as the literal rows the statement's catalog
 * snapshot gives (plans are kept per snapshot, so they never go stale), except that
 * values which depend on the session are expressions computed when read.
 */
final class SystemRelationPlans {

  private SystemRelationPlans() {}

  /** A plan reading {@code relation}'s rows as {@code context} sees them. */
  static PlanNode scan(SystemRelation relation, SystemContext context, String alias) {
    List<PlanColumn> columns = new ArrayList<>();
    for (SystemColumn column : relation.columns()) {
      columns.add(new PlanColumn(alias, column.name(), column.type()));
    }
    List<List<BoundExpression>> rows = new ArrayList<>();
    for (Object[] values : relation.rows(context)) {
      List<BoundExpression> row = new ArrayList<>(values.length);
      for (int i = 0; i < values.length; i++) {
        row.add(values[i] instanceof BoundExpression computed ? computed
            : new BoundExpression.Constant(values[i], columns.get(i).type()));
      }
      rows.add(List.copyOf(row));
    }
    return new PlanNode.Values(List.copyOf(rows), List.copyOf(columns));
  }
}
