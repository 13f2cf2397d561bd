package io.quorate.sql.executor;

import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.SubqueryRows;
import io.quorate.sql.planner.PlanNode;
import java.util.List;

/** A subquery's plan made runnable inside an expression; EXPLAIN reads its plan. */
public record PlanSubquery(PlanNode plan) implements SubqueryRows {

  @Override
  public List<Object[]> fetch(EvaluationContext context, int limit) {
    return PlanExecutor.collect(plan, (ExecutionContext) context.executor(), limit);
  }
}
