package io.quorate.sql.expression;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What evaluating an expression needs beyond the row: parameter values, the session's
 * time zone, the statement's start time (now() is fixed per transaction as in
 * PostgreSQL), the rows of enclosing queries for correlated subqueries, and the
 * services subqueries and sequences need. One per executing statement; one thread.
 */
public final class EvaluationContext {

  /** Sequence functions and session facts; supplied by the session. */
  public interface Services {
    long nextval(String sequenceName);

    long currval(String sequenceName);

    long setval(String sequenceName, long value, boolean called);

    /** current_setting(): the value SHOW prints; null for an unknown name when {@code missingOk}. */
    String setting(String name, boolean missingOk);

    /** pg_backend_pid(): the process id the server gave this session's client. */
    int backendPid();
  }

  private final Object[] parameters;
  private final ZoneId zone;
  private final Instant transactionStart;
  private final Instant statementStart;
  private final Services services;
  private final Deque<Object[]> outerRows = new ArrayDeque<>(4);
  private Object executor;
  private final java.util.Map<Object, java.util.List<Object[]>> subqueryResults = new java.util.IdentityHashMap<>(4);

  public EvaluationContext(Object[] parameters, ZoneId zone, Instant transactionStart, Instant statementStart,
      Services services) {
    this.parameters = parameters;
    this.zone = zone;
    this.transactionStart = transactionStart;
    this.statementStart = statementStart;
    this.services = services;
  }

  /** The value of $index; 42P02 when the statement was given fewer parameters. */
  public Object parameter(int index) {
    if (index > parameters.length) {
      throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.UNDEFINED_PARAMETER,
          "there is no parameter $" + index);
    }
    return parameters[index - 1];
  }

  public ZoneId zone() {
    return zone;
  }

  /** now(), current_timestamp: the transaction's start. */
  public Instant transactionStart() {
    return transactionStart;
  }

  /** statement_timestamp(). */
  public Instant statementStart() {
    return statementStart;
  }

  /**
   * The executor's per-statement state, which its {@link SubqueryRows} use to run plans;
   * typed loosely because this package does not know the executor.
   */
  public Object executor() {
    return executor;
  }

  public void attachExecutor(Object state) {
    this.executor = state;
  }

  public Services services() {
    return services;
  }

  /** The rows of an uncorrelated subquery, computed on first use and kept for the statement. */
  public java.util.List<Object[]> cachedSubquery(Object subquery,
      java.util.function.Supplier<java.util.List<Object[]>> compute) {
    java.util.List<Object[]> rows = subqueryResults.get(subquery);
    if (rows == null) {
      rows = compute.get();
      subqueryResults.put(subquery, rows);
    }
    return rows;
  }

  /** Makes {@code row} the innermost outer row while a correlated subquery runs. */
  public void pushOuter(Object[] row) {
    outerRows.push(row);
  }

  public void popOuter() {
    outerRows.pop();
  }

  /** The outer row {@code depth} levels out (1 = the immediately enclosing query). */
  public Object[] outerRow(int depth) {
    int level = 1;
    for (Object[] row : outerRows) {
      if (level == depth) {
        return row;
      }
      level++;
    }
    throw new IllegalStateException("no outer row at depth " + depth);
  }
}
