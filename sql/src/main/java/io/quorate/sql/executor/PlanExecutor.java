package io.quorate.sql.executor;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** Turns plan nodes into running operators. */
public final class PlanExecutor {

  private PlanExecutor() {}

  public static Operator open(PlanNode node, ExecutionContext context) {
    return switch (node) {
      case PlanNode.TableScan scan -> new ScanOperator(scan, context);
      case PlanNode.Values values -> values(values, context);
      case PlanNode.Filter filter -> filter(open(filter.input(), context), filter.condition(), context);
      case PlanNode.Project project -> project(open(project.input(), context), project.expressions(), context);
      case PlanNode.Join join -> new JoinOperator(join, context);
      case PlanNode.Aggregate aggregate -> new AggregateOperator(aggregate, context);
      case PlanNode.Window window -> new WindowOperator(window, context);
      case PlanNode.ProjectSet set -> FunctionScans.projectSet(set, context, open(set.input(), context));
      case PlanNode.Sort sort -> sort(sort, context);
      case PlanNode.Limit limit -> limit(limit, context);
      case PlanNode.Distinct distinct -> distinct(distinct, context);
      case PlanNode.SetOperation operation -> new SetOperationOperator(operation, context);
      case PlanNode.FunctionScan function -> FunctionScans.open(function, context);
      case PlanNode.CteScan cte -> iterate(CommonTables.rows(cte.cte(), context).iterator());
      case PlanNode.RecursiveUnion union -> iterate(CommonTables.recursive(union, context).iterator());
    };
  }

  /** Every row of {@code node}, up to {@code limit}. */
  public static List<Object[]> collect(PlanNode node, ExecutionContext context, int limit) {
    List<Object[]> rows = new ArrayList<>();
    try (Operator operator = open(node, context)) {
      Object[] row;
      while (rows.size() < limit && (row = operator.next()) != null) {
        rows.add(row);
      }
    }
    return rows;
  }

  static Operator iterate(Iterator<Object[]> rows) {
    return () -> rows.hasNext() ? rows.next() : null;
  }

  private static Operator values(PlanNode.Values values, ExecutionContext context) {
    Iterator<List<BoundExpression>> rows = values.rows().iterator();
    EvaluationContext evaluation = context.evaluation();
    return () -> {
      if (!rows.hasNext()) {
        return null;
      }
      List<BoundExpression> row = rows.next();
      Object[] out = new Object[row.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = row.get(i).evaluate(null, evaluation);
      }
      return out;
    };
  }

  private static Operator filter(Operator input, BoundExpression condition, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    return new Operator() {
      @Override
      public Object[] next() {
        Object[] row;
        while ((row = input.next()) != null) {
          if (BoundExpression.isTrue(condition, row, evaluation)) {
            return row;
          }
        }
        return null;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  private static Operator project(Operator input, List<BoundExpression> expressions, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    return new Operator() {
      @Override
      public Object[] next() {
        Object[] row = input.next();
        if (row == null) {
          return null;
        }
        Object[] out = new Object[expressions.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = expressions.get(i).evaluate(row, evaluation);
        }
        return out;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  /** Sorts everything, or keeps a bounded heap for a top-N sort. */
  private static Operator sort(PlanNode.Sort sort, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    java.util.Comparator<Object[]> byKeys = RowComparator.forKeys(sort.keys());
    // each entry: [keys, row, arrival] so equal keys keep their input order
    java.util.Comparator<Object[][]> order = (a, b) -> {
      int c = byKeys.compare(a[0], b[0]);
      return c != 0 ? c : Long.compare((Long) a[2][0], (Long) b[2][0]);
    };
    List<Object[][]> sorted = new ArrayList<>();
    try (Operator input = open(sort.input(), context)) {
      PriorityQueue<Object[][]> top = sort.limit() > 0 ? new PriorityQueue<>(order.reversed()) : null;
      long arrival = 0;
      for (Object[] row = input.next(); row != null; row = input.next()) {
        Object[] keys = RowComparator.keys(sort.keys(), row, evaluation);
        long position = arrival++;
        if (top == null) {
          sorted.add(new Object[][] {keys, row, {position}});
        } else if (top.size() < sort.limit()) {
          top.add(new Object[][] {keys, row, {position}});
        } else if (byKeys.compare(keys, top.peek()[0]) < 0) {
          // the new row beats the worst kept one (a tie does not: it arrived later); most
          // rows of a large input do not, and they cost no entry
          top.poll();
          top.add(new Object[][] {keys, row, {position}});
        }
      }
      if (top != null) {
        sorted.addAll(top);
      }
    }
    sorted.sort(order);
    Iterator<Object[][]> rows = sorted.iterator();
    return () -> rows.hasNext() ? rows.next()[1] : null;
  }

  private static Operator limit(PlanNode.Limit limit, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    long count = count(limit.limit(), evaluation, "LIMIT", Long.MAX_VALUE);
    long skip = count(limit.offset(), evaluation, "OFFSET", 0);
    Operator input = open(limit.input(), context);
    return new Operator() {
      private long skipped;
      private long returned;

      @Override
      public Object[] next() {
        if (returned >= count) {
          return null;
        }
        Object[] row;
        while ((row = input.next()) != null && skipped < skip) {
          skipped++;
        }
        if (row != null) {
          returned++;
        }
        return row;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  private static long count(BoundExpression expression, EvaluationContext evaluation, String clause, long absent) {
    if (expression == null) {
      return absent;
    }
    Object value = expression.evaluate(null, evaluation);
    if (value == null) {
      return absent;
    }
    long count = (Long) value;
    if (count < 0) {
      throw clause.equals("LIMIT")
          ? new SqlException(SqlState.INVALID_ROW_COUNT_IN_LIMIT, "LIMIT must not be negative")
          : new SqlException(SqlState.INVALID_ROW_COUNT_IN_RESULT_OFFSET, "OFFSET must not be negative");
    }
    return count;
  }

  private static Operator distinct(PlanNode.Distinct distinct, ExecutionContext context) {
    Operator input = open(distinct.input(), context);
    if (distinct.keyCount() > 0) {
      int keys = distinct.keyCount();
      return new Operator() {
        private List<Object> previous;

        @Override
        public Object[] next() {
          Object[] row;
          while ((row = input.next()) != null) {
            List<Object> key = GroupKey.of(Arrays.copyOf(row, keys));
            if (!key.equals(previous)) {
              previous = key;
              return row;
            }
          }
          return null;
        }

        @Override
        public void close() {
          input.close();
        }
      };
    }
    Set<List<Object>> seen = new HashSet<>();
    return new Operator() {
      @Override
      public Object[] next() {
        Object[] row;
        while ((row = input.next()) != null) {
          if (seen.add(GroupKey.of(row))) {
            return row;
          }
        }
        return null;
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }
}
