package io.quorate.sql.executor;

import io.quorate.sql.analyzer.BoundDml;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.types.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs INSERT, UPDATE and DELETE. Rows to change are read first, then changed, so a
 * statement never sees its own changes (no Halloween problem). Under READ COMMITTED a
 * row is locked and re-read at its newest committed version, and WHERE is checked again
 * on that version, as PostgreSQL does: {@code x = x + 1} loses no update.
 */
public final class DmlExecutor {

  /** Rows affected and, with RETURNING, the rows returned. */
  public record Result(long count, List<Object[]> returned) {}

  private final ExecutionContext context;
  private final TableWriter writer;
  private final EvaluationContext evaluation;

  public DmlExecutor(ExecutionContext context, TableWriter writer) {
    this.context = context;
    this.writer = writer;
    this.evaluation = context.evaluation();
  }

  public Result insert(BoundDml.Insert insert) {
    TableInfo table = insert.table();
    List<Object[]> rows = PlanExecutor.collect(insert.source(), context, Integer.MAX_VALUE);
    List<Object[]> returned = new ArrayList<>();
    Set<Bytes> touched = new HashSet<>();
    long count = 0;
    for (Object[] row : rows) {
      Object[] stored = row;
      if (insert.conflict() != null) {
        Object[] outcome = resolveConflict(insert, row, touched);
        if (outcome == SKIPPED) {
          continue;
        }
        if (outcome != null) {
          count++;
          addReturning(insert, outcome, returned);
          continue;
        }
      }
      byte[] suffix = writer.insert(table, stored, insert.checks());
      if (insert.conflict() != null) {
        touched.add(Bytes.wrap(suffix));
      }
      count++;
      addReturning(insert, stored, returned);
    }
    return new Result(count, returned);
  }

  private static final Object[] SKIPPED = new Object[0];

  /**
   * ON CONFLICT: null when there is no conflict (insert normally), SKIPPED for DO NOTHING
   * or a DO UPDATE whose WHERE fails, else the updated row.
   */
  private Object[] resolveConflict(BoundDml.Insert insert, Object[] row, Set<Bytes> touched) {
    TableInfo table = insert.table();
    BoundDml.Conflict conflict = insert.conflict();
    List<IndexInfo> arbiters = conflict.arbiter() != null ? List.of(conflict.arbiter())
        : table.allIndexes().stream().filter(IndexInfo::unique).toList();
    for (IndexInfo index : arbiters) {
      byte[] existingSuffix = writer.conflictingRow(table, index, row);
      if (existingSuffix == null) {
        continue;
      }
      if (conflict.assignments() == null) {
        return SKIPPED;
      }
      if (touched.contains(Bytes.wrap(existingSuffix))) {
        throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.CARDINALITY_VIOLATION,
            "ON CONFLICT DO UPDATE command cannot affect row a second time")
            .withHint("Ensure that no rows proposed for insertion within the same command have duplicate "
                + "constrained values.");
      }
      Object[] existing = writer.lockRow(table, existingSuffix);
      Object[] both = Arrays.copyOf(existing, existing.length * 2);
      System.arraycopy(row, 0, both, existing.length, row.length);
      if (conflict.where() != null && !BoundExpression.isTrue(conflict.where(), both, evaluation)) {
        return SKIPPED;
      }
      Object[] updated = apply(conflict.assignments(), existing, both);
      touched.add(Bytes.wrap(writer.update(table, existingSuffix, existing, updated, insert.checks())));
      return updated;
    }
    return null;
  }

  private Object[] apply(List<BoundExpression> assignments, Object[] stored, Object[] sourceRow) {
    Object[] updated = stored.clone();
    for (int i = 0; i < assignments.size(); i++) {
      BoundExpression assignment = assignments.get(i);
      if (assignment != null) {
        updated[i] = assignment.evaluate(sourceRow, evaluation);
      }
    }
    return updated;
  }

  public Result update(BoundDml.Update update) {
    TableInfo table = update.table();
    List<Object[]> returned = new ArrayList<>();
    long count = forEachTarget(update.source(), table, update.recheck(), (suffix, current, row) -> {
      Object[] updated = apply(update.assignments(), current, row);
      writer.update(table, suffix, current, updated, update.checks());
      addReturning(update, updated, returned);
    });
    return new Result(count, returned);
  }

  public Result delete(BoundDml.Delete delete) {
    TableInfo table = delete.table();
    List<Object[]> returned = new ArrayList<>();
    long count = forEachTarget(delete.source(), table, delete.recheck(), (suffix, current, row) -> {
      writer.delete(table, suffix, current);
      addReturning(delete, current, returned);
    });
    return new Result(count, returned);
  }

  /** What UPDATE or DELETE does to one target row. */
  @FunctionalInterface
  private interface TargetAction {
    /** {@code current} is the locked newest version; {@code row} the source row to evaluate over. */
    void apply(byte[] suffix, Object[] current, Object[] row);
  }

  /**
   * Reads the target rows (stored row, row key, FROM columns), then for each row once:
   * locks it and reads its newest version; if another transaction changed it since the
   * snapshot, WHERE is checked again on that version (PostgreSQL's READ COMMITTED rule;
   * with FROM/USING the row is skipped, as its join partners cannot be re-read). Returns
   * how many rows {@code action} was applied to.
   */
  private long forEachTarget(io.quorate.sql.planner.PlanNode source, TableInfo table, BoundExpression recheck,
      TargetAction action) {
    int width = table.columns().size();
    List<Object[]> rows = PlanExecutor.collect(source, context, Integer.MAX_VALUE);
    Set<Bytes> done = new HashSet<>();
    long count = 0;
    for (Object[] sourceRow : rows) {
      Bytes suffix = (Bytes) sourceRow[width];
      if (!done.add(suffix)) {
        continue; // joined more than once by FROM/USING: the first match wins
      }
      Object[] current = writer.lockRow(table, suffix.toByteArray());
      if (current == null) {
        continue; // deleted by a transaction that committed meanwhile
      }
      Object[] row = sourceRow;
      if (!sameValues(current, sourceRow, width)) {
        if (recheck == null) {
          continue;
        }
        row = Arrays.copyOf(current, sourceRow.length);
        row[width] = suffix;
        if (!BoundExpression.isTrue(recheck, row, evaluation)) {
          continue;
        }
      }
      action.apply(suffix.toByteArray(), current, row);
      count++;
    }
    return count;
  }

  private static boolean sameValues(Object[] current, Object[] read, int width) {
    return GroupKey.of(Arrays.copyOf(current, width)).equals(GroupKey.of(Arrays.copyOf(read, width)));
  }

  private void addReturning(BoundDml dml, Object[] stored, List<Object[]> returned) {
    if (dml.returning().isEmpty()) {
      return;
    }
    Object[] out = new Object[dml.returning().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = dml.returning().get(i).evaluate(stored, evaluation);
    }
    returned.add(out);
  }
}
