package io.quorate.sql.expression;

import java.util.List;

/** Runs a subquery's plan; the executor supplies it when the statement is planned. */
@FunctionalInterface
public interface SubqueryRows {

  /** At most {@code limit} rows of the subquery, run with the context's outer rows. */
  List<Object[]> fetch(EvaluationContext context, int limit);
}
