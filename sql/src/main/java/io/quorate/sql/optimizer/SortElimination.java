package io.quorate.sql.optimizer;

import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.planner.PlanNode.ScanOrder;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops a sort whose keys an index scan already delivers: the sort's input must be
 * projections and filters (which keep row order) over a table scan, each key a plain
 * column of that table, and the keys, in order, the index's columns after those fixed by
 * the scan's equality conditions. All keys must run with the index's directions (a
 * forward scan) or all against them (a backward scan), and their NULL placement must be
 * the keys': the key encoding puts NULLs last ascending and first descending, so a
 * scan in either direction yields NULLS FIRST exactly where it yields DESC; a column
 * that cannot be NULL sorts the same either way.
 *
 * <p>A scan reads its own index, or, when it reads the whole table, the primary key.
 * Under a LIMIT a whole-table scan may switch to a secondary index whose order fits:
 * the limit stops it after a few rows, where without one every row would cost an extra
 * read and a sort of them is cheaper.
 */
final class SortElimination {

  /**
   * Types whose key bytes sort as the engine compares values (KeyOrderRandomizedTest and
   * KeyCodecTest check them). Left out: floating point (-0 and NaN are normalised in keys
   * only), char(n) (blank padding), intervals, arrays, JSON and the rest.
   */
  private static final Set<SqlType.Kind> KEY_ORDERED = Set.of(SqlType.Kind.BOOLEAN, SqlType.Kind.SMALLINT,
      SqlType.Kind.INTEGER, SqlType.Kind.BIGINT, SqlType.Kind.NUMERIC, SqlType.Kind.TEXT, SqlType.Kind.VARCHAR,
      SqlType.Kind.DATE, SqlType.Kind.TIMESTAMP, SqlType.Kind.TIMESTAMPTZ, SqlType.Kind.UUID);

  private SortElimination() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, SortElimination::rewrite);
  }

  private static PlanNode rewrite(PlanNode node) {
    if (node instanceof PlanNode.Sort sort) {
      return eliminated(sort, false);
    }
    if (node instanceof PlanNode.Limit limit) {
      PlanNode input = limit.input();
      if (input instanceof PlanNode.Sort sort) {
        return Plans.withInputs(limit, List.of(eliminated(sort, true)));
      }
      if (input instanceof PlanNode.Project project && project.input() instanceof PlanNode.Sort sort) {
        return Plans.withInputs(limit, List.of(Plans.withInputs(project, List.of(eliminated(sort, true)))));
      }
    }
    return node;
  }

  /** The sort's input reading in the sort's order, or the sort itself when no index gives it. */
  private static PlanNode eliminated(PlanNode.Sort sort, boolean underLimit) {
    PlanNode ordered = ordered(sort.input(), sort.keys(), underLimit);
    return ordered == null ? sort : ordered;
  }

  /** {@code node} rebuilt so its rows come in {@code keys}' order, or null. */
  private static PlanNode ordered(PlanNode node, List<SortKey> keys, boolean underLimit) {
    return switch (node) {
      case PlanNode.Project project -> {
        List<SortKey> inputKeys = new ArrayList<>();
        for (SortKey key : keys) {
          if (!(key.expression() instanceof BoundExpression.Column column)
              || !(project.expressions().get(column.index()) instanceof BoundExpression.Column source)) {
            yield null;
          }
          inputKeys.add(new SortKey(source, key.descending(), key.nullsFirst()));
        }
        PlanNode input = ordered(project.input(), inputKeys, underLimit);
        yield input == null ? null : Plans.withInputs(project, List.of(input));
      }
      case PlanNode.Filter filter -> {
        PlanNode input = ordered(filter.input(), keys, underLimit);
        yield input == null ? null : Plans.withInputs(filter, List.of(input));
      }
      case PlanNode.TableScan scan -> orderedScan(scan, keys, underLimit);
      default -> null;
    };
  }

  private static PlanNode orderedScan(PlanNode.TableScan scan, List<SortKey> keys, boolean underLimit) {
    if (scan.order() != ScanOrder.ANY || scan.index() == null) {
      return null;
    }
    List<IndexInfo> candidates = !scan.range().isAll() ? List.of(scan.index())
        : underLimit ? scan.table().allIndexes() : List.of(scan.index());
    for (IndexInfo index : candidates) {
      int fixed = index == scan.index() ? scan.range().equal().size() : 0;
      ScanOrder order = order(scan.table(), index, fixed, keys);
      if (order != null) {
        return scan.withOrder(index, order);
      }
    }
    return null;
  }

  /**
   * FORWARD or BACKWARD when reading {@code index}, whose first {@code fixed} columns are
   * held equal by the scan's range, yields rows in {@code keys}' order; null when neither
   * does.
   */
  private static ScanOrder order(TableInfo table, IndexInfo index, int fixed, List<SortKey> keys) {
    Set<Integer> constant = new HashSet<>(index.columns().subList(0, fixed));
    int position = fixed;
    Boolean backward = null;
    for (SortKey key : keys) {
      int column = ((BoundExpression.Column) key.expression()).index();
      if (constant.contains(column)) {
        continue; // equal in every row read, or already ordered by an earlier key
      }
      if (position == index.columns().size()) {
        // past the primary key's last column every row is already in a unique place
        return index.isPrimary() ? direction(backward) : null;
      }
      if (index.columns().get(position) != column || column >= table.columns().size()) {
        return null;
      }
      ColumnInfo info = table.columns().get(column);
      if (!KEY_ORDERED.contains(info.type().kind())
          || key.nullsFirst() != key.descending() && !cannotBeNull(table, column)) {
        return null;
      }
      boolean against = key.descending() != index.descending().get(position);
      if (backward != null && backward != against) {
        return null; // mixed directions: neither scan direction gives them
      }
      backward = against;
      constant.add(column);
      position++;
    }
    return direction(backward);
  }

  private static ScanOrder direction(Boolean backward) {
    return Boolean.TRUE.equals(backward) ? ScanOrder.BACKWARD : ScanOrder.FORWARD;
  }

  private static boolean cannotBeNull(TableInfo table, int column) {
    return table.columns().get(column).notNull()
        || table.primaryKey() != null && table.primaryKey().columns().contains(column);
  }
}
