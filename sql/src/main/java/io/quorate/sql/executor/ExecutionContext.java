package io.quorate.sql.executor;

import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.kv.KvTransaction;
import io.quorate.sql.planner.CommonTableResult;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What operators run against: the statement's transaction, the expression context, the
 * WITH results computed so far, and a cancellation check (statement_timeout) polled
 * while rows flow.
 */
public final class ExecutionContext {

  private final KvTransaction transaction;
  private final EvaluationContext evaluation;
  private final BooleanSupplier cancelled;
  private final Map<CommonTableResult, List<Object[]>> commonTables = new IdentityHashMap<>(4);
  private long rowsSinceCheck;

  public ExecutionContext(KvTransaction transaction, EvaluationContext evaluation, BooleanSupplier cancelled) {
    this.transaction = transaction;
    this.evaluation = evaluation;
    this.cancelled = cancelled;
    evaluation.attachExecutor(this);
  }

  public KvTransaction transaction() {
    return transaction;
  }

  public EvaluationContext evaluation() {
    return evaluation;
  }

  Map<CommonTableResult, List<Object[]>> commonTables() {
    return commonTables;
  }

  /** Called per row by scans; throws 57014 when the statement was cancelled or timed out. */
  void checkCancelled() {
    if (++rowsSinceCheck >= 1024) {
      rowsSinceCheck = 0;
      if (cancelled.getAsBoolean()) {
        throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.QUERY_CANCELED,
            "canceling statement due to statement timeout");
      }
    }
  }
}
