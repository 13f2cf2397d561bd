package io.quorate.sql.planner;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.AggregateCall;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.types.SqlType;
import java.util.List;

/**
 * A node of a physical plan. Each produces rows ({@code Object[]}) laid out as
 * {@link #columns()}; expressions inside a node refer to its input's row layout (for
 * joins: the left row followed by the right row).
 */
public sealed interface PlanNode {

  List<PlanColumn> columns();

  List<PlanNode> inputs();

  /** Which order a table scan's rows must come in. */
  enum ScanOrder {
    /** Whatever order the index gives; nothing above relies on it. */
    ANY,
    /** The index's order, which the plan relies on (a sort was dropped for it). */
    FORWARD,
    /** The index's order reversed, which the plan relies on. */
    BACKWARD
  }

  /**
   * Reads a table through one of its indexes (the primary key for a full scan). Output:
   * the table's stored columns in position order (dropped ones included, always NULL),
   * then the row key as a {@code Bytes} when {@code withRowKey}. {@code range} narrows
   * the index scan, {@code order} says whether the plan relies on the index order;
   * {@code filter} is applied to each row read. Only the columns in
   * {@code decodedColumns} are decoded (null: all); the others read as NULL, so the row
   * layout stays the same whatever is pruned.
   */
  record TableScan(TableInfo table, IndexInfo index, KeyRange range, BoundExpression filter, ScanOrder order,
      boolean withRowKey, List<PlanColumn> columns, java.util.Set<Integer> decodedColumns) implements PlanNode {

    /** Every row of {@code table} in primary-key order, every column decoded. */
    public static TableScan full(TableInfo table, boolean withRowKey, List<PlanColumn> columns) {
      return new TableScan(table, table.primaryKey(), KeyRange.ALL, null, ScanOrder.ANY, withRowKey, columns, null);
    }

    public boolean reverse() {
      return order == ScanOrder.BACKWARD;
    }

    public TableScan withFilter(BoundExpression newFilter) {
      return new TableScan(table, index, range, newFilter, order, withRowKey, columns, decodedColumns);
    }

    /** This scan reading {@code newIndex}'s {@code newRange}, testing {@code newFilter} on each row. */
    public TableScan withAccess(IndexInfo newIndex, KeyRange newRange, BoundExpression newFilter) {
      return new TableScan(table, newIndex, newRange, newFilter, order, withRowKey, columns, decodedColumns);
    }

    /** This scan reading through {@code newIndex} (same range) in {@code newOrder}. */
    public TableScan withOrder(IndexInfo newIndex, ScanOrder newOrder) {
      return new TableScan(table, newIndex, range, filter, newOrder, withRowKey, columns, decodedColumns);
    }

    public TableScan withDecodedColumns(java.util.Set<Integer> newDecodedColumns) {
      return new TableScan(table, index, range, filter, order, withRowKey, columns,
          newDecodedColumns == null ? null : java.util.Set.copyOf(newDecodedColumns));
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }
  }

  /** Literal rows. */
  record Values(List<List<BoundExpression>> rows, List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }
  }

  /** Rows of {@code input} for which {@code condition} is true. */
  record Filter(PlanNode input, BoundExpression condition) implements PlanNode {
    @Override
    public List<PlanColumn> columns() {
      return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** Computes {@code expressions} over each input row. */
  record Project(PlanNode input, List<BoundExpression> expressions, List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** How rows without a match survive a join. */
  enum JoinKind { INNER, LEFT, RIGHT, FULL }

  /**
   * A join by nested loops (the right side is materialised once) or, when
   * {@code leftKeys} is non-empty, by hashing the right side on {@code rightKeys}.
   * {@code condition} (may be null) is checked on the joined row in both cases.
   */
  record Join(JoinKind kind, PlanNode left, PlanNode right, List<BoundExpression> leftKeys,
      List<BoundExpression> rightKeys, BoundExpression condition, List<PlanColumn> columns) implements PlanNode {
    /** A nested-loop join of {@code left} and {@code right} whose row is the left row then the right row. */
    public static Join of(JoinKind kind, PlanNode left, PlanNode right, BoundExpression condition) {
      List<PlanColumn> columns = new java.util.ArrayList<>(left.columns());
      columns.addAll(right.columns());
      return new Join(kind, left, right, List.of(), List.of(), condition, List.copyOf(columns));
    }

    public boolean isHashJoin() {
      return !leftKeys.isEmpty();
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(left, right);
    }
  }

  /** GROUP BY: output is the group keys then the aggregates' values. No keys means one group. */
  record Aggregate(PlanNode input, List<BoundExpression> groupKeys, List<AggregateCall> aggregates,
      List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** Window functions: output is the input row followed by one value per function. */
  record Window(PlanNode input, List<BoundExpression.WindowCall> functions, List<PlanColumn> columns)
      implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /**
   * Evaluates set-returning functions per input row: output is the input row followed by
   * one value per function, as many rows as the longest function returns (shorter ones
   * padded with NULL, as PostgreSQL 10+ does).
   */
  record ProjectSet(PlanNode input, List<BoundExpression.SetReturningCall> functions, List<PlanColumn> columns)
      implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** Sorts its input; {@code limit} (when positive) keeps only that many first rows, a top-N sort. */
  record Sort(PlanNode input, List<SortKey> keys, long limit) implements PlanNode {
    @Override
    public List<PlanColumn> columns() {
      return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** OFFSET then LIMIT; null means none. */
  record Limit(PlanNode input, BoundExpression limit, BoundExpression offset) implements PlanNode {
    @Override
    public List<PlanColumn> columns() {
      return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** Removes duplicate rows; with {@code keyCount} > 0, DISTINCT ON the first that many columns (input sorted). */
  record Distinct(PlanNode input, int keyCount) implements PlanNode {
    @Override
    public List<PlanColumn> columns() {
      return input.columns();
    }

    @Override
    public List<PlanNode> inputs() {
      return List.of(input);
    }
  }

  /** UNION / INTERSECT / EXCEPT [ALL] of two inputs with the same column types. */
  record SetOperation(io.quorate.sql.ast.QueryBody.SetOperation.Operator operator, boolean all, PlanNode left,
      PlanNode right, List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(left, right);
    }
  }

  /**
   * A set-returning function in FROM, e.g. generate_series: one row per value of
   * {@code valueType} (a record's fields spread over the columns), then, WITH
   * ORDINALITY, the value's number from 1.
   */
  record FunctionScan(String name, List<BoundExpression> arguments, SqlType valueType,
      boolean ordinality, List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }
  }

  /** Reads a WITH query's rows, computed once per statement and shared by every reference. */
  record CteScan(CommonTableResult cte, List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of();
    }
  }

  /**
   * WITH RECURSIVE: the anchor's rows, then the recursive term run repeatedly over the
   * previous round's rows (read through {@code workTable}) until it produces none;
   * UNION (not ALL) drops rows already produced.
   */
  record RecursiveUnion(PlanNode anchor, PlanNode recursive, CommonTableResult workTable, boolean all,
      List<PlanColumn> columns) implements PlanNode {
    @Override
    public List<PlanNode> inputs() {
      return List.of(anchor, recursive);
    }
  }
}
