package io.quorate.sql.executor;

import io.quorate.sql.expression.AggregateFunctions;
import io.quorate.sql.expression.AggregateFunctions.Accumulator;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.expression.BoundExpression.WindowCall;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Window functions over materialised input: for each function the rows are sorted by
 * partition then order keys and each partition is walked once. Aggregates use the
 * default frame (partition start to the current row and its peers) or the whole
 * partition. Output keeps the input's order.
 */
final class WindowOperator implements Operator {

  private final Iterator<Object[]> results;

  WindowOperator(PlanNode.Window window, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    List<Object[]> rows = new ArrayList<>();
    int width = window.input().columns().size();
    try (Operator input = PlanExecutor.open(window.input(), context)) {
      for (Object[] row = input.next(); row != null; row = input.next()) {
        rows.add(Arrays.copyOf(row, width + window.functions().size()));
      }
    }
    for (int f = 0; f < window.functions().size(); f++) {
      compute(window.functions().get(f), width + f, rows, evaluation);
    }
    results = rows.iterator();
  }

  private static void compute(WindowCall call, int slot, List<Object[]> rows, EvaluationContext evaluation) {
    int partitionCount = call.partitionBy().size();
    List<SortKey> keys = new ArrayList<>();
    for (BoundExpression expression : call.partitionBy()) {
      keys.add(new SortKey(expression, false, false));
    }
    keys.addAll(call.orderBy());
    List<Object[][]> entries = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      entries.add(new Object[][] {RowComparator.keys(keys, row, evaluation), row});
    }
    Comparator<Object[]> byKeys = RowComparator.forKeys(keys);
    entries.sort((a, b) -> byKeys.compare(a[0], b[0]));
    int start = 0;
    while (start < entries.size()) {
      int end = start + 1;
      while (end < entries.size() && samePrefix(entries.get(start)[0], entries.get(end)[0], partitionCount)) {
        end++;
      }
      partition(call, slot, entries.subList(start, end), partitionCount, evaluation);
      start = end;
    }
  }

  private static boolean samePrefix(Object[] a, Object[] b, int count) {
    return GroupKey.of(Arrays.copyOf(a, count)).equals(GroupKey.of(Arrays.copyOf(b, count)));
  }

  private static boolean peers(Object[][] a, Object[][] b) {
    return GroupKey.of(a[0]).equals(GroupKey.of(b[0]));
  }

  private static void partition(WindowCall call, int slot, List<Object[][]> rows, int partitionCount,
      EvaluationContext evaluation) {
    String name = call.call().name();
    int size = rows.size();
    switch (name) {
      case "row_number" -> {
        for (int i = 0; i < size; i++) {
          rows.get(i)[1][slot] = (long) (i + 1);
        }
      }
      case "rank", "dense_rank", "percent_rank", "cume_dist" -> ranks(name, slot, rows);
      case "ntile" -> {
        for (int i = 0; i < size; i++) {
          Object buckets = call.call().arguments().get(0).evaluate(rows.get(i)[1], evaluation);
          if (buckets == null) {
            rows.get(i)[1][slot] = null;
            continue;
          }
          if ((Long) buckets <= 0) {
            throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.INVALID_ARGUMENT_FOR_NTILE,
                "argument of ntile must be greater than zero");
          }
          rows.get(i)[1][slot] = ntile(i, size, (Long) buckets);
        }
      }
      case "lag", "lead", "first_value", "last_value" -> offsets(call, name, slot, rows, evaluation);
      default -> aggregate(call, slot, rows, evaluation);
    }
  }

  private static long ntile(int index, int size, long buckets) {
    long base = size / buckets;
    long extra = size % buckets;
    long boundary = extra * (base + 1);
    return index < boundary ? index / (base + 1) + 1 : extra + (index - boundary) / Math.max(1, base) + 1;
  }

  private static void ranks(String name, int slot, List<Object[][]> rows) {
    int size = rows.size();
    long rank = 1;
    long dense = 1;
    for (int i = 0; i < size; i++) {
      if (i > 0 && !peers(rows.get(i - 1), rows.get(i))) {
        rank = i + 1;
        dense++;
      }
      Object value = switch (name) {
        case "rank" -> rank;
        case "dense_rank" -> dense;
        case "percent_rank" -> size > 1 ? (double) (rank - 1) / (size - 1) : 0.0;
        default -> {
          int last = i;
          while (last + 1 < size && peers(rows.get(i), rows.get(last + 1))) {
            last++;
          }
          yield (double) (last + 1) / size;
        }
      };
      rows.get(i)[1][slot] = value;
    }
  }

  private static void offsets(WindowCall call, String name, int slot, List<Object[][]> rows,
      EvaluationContext evaluation) {
    List<BoundExpression> arguments = call.call().arguments();
    int size = rows.size();
    for (int i = 0; i < size; i++) {
      Object[] row = rows.get(i)[1];
      int target;
      if (name.equals("first_value")) {
        target = 0;
      } else if (name.equals("last_value")) {
        target = call.wholePartition() ? size - 1 : call.rowsFrame() ? i : lastPeer(rows, i);
      } else {
        Object offsetValue = arguments.size() > 1 ? arguments.get(1).evaluate(row, evaluation) : Long.valueOf(1);
        if (offsetValue == null) {
          row[slot] = null;
          continue;
        }
        long offset = (Long) offsetValue;
        long at = name.equals("lag") ? i - offset : i + offset;
        target = at < 0 || at >= size ? -1 : (int) at;
      }
      if (target >= 0 && target < size) {
        row[slot] = arguments.get(0).evaluate(rows.get(target)[1], evaluation);
      } else {
        row[slot] = arguments.size() > 2 ? arguments.get(2).evaluate(row, evaluation) : null;
      }
    }
  }

  private static int lastPeer(List<Object[][]> rows, int i) {
    int last = i;
    while (last + 1 < rows.size() && peers(rows.get(i), rows.get(last + 1))) {
      last++;
    }
    return last;
  }

  private static void aggregate(WindowCall call, int slot, List<Object[][]> rows, EvaluationContext evaluation) {
    int size = rows.size();
    Accumulator accumulator = AggregateFunctions.accumulator(call.call());
    if (call.wholePartition()) {
      for (Object[][] entry : rows) {
        add(call, accumulator, entry[1], evaluation);
      }
      Object result = accumulator.result();
      for (Object[][] entry : rows) {
        entry[1][slot] = result;
      }
      return;
    }
    int i = 0;
    while (i < size) {
      int last = call.rowsFrame() ? i : lastPeer(rows, i);
      for (int j = i; j <= last; j++) {
        add(call, accumulator, rows.get(j)[1], evaluation);
      }
      Object result = accumulator.result();
      for (int j = i; j <= last; j++) {
        rows.get(j)[1][slot] = result;
      }
      i = last + 1;
    }
  }

  private static void add(WindowCall call, Accumulator accumulator, Object[] row, EvaluationContext evaluation) {
    if (call.call().filter() != null && !BoundExpression.isTrue(call.call().filter(), row, evaluation)) {
      return;
    }
    Object[] arguments = new Object[call.call().arguments().size()];
    for (int a = 0; a < arguments.length; a++) {
      arguments[a] = call.call().arguments().get(a).evaluate(row, evaluation);
    }
    accumulator.add(arguments);
  }

  @Override
  public Object[] next() {
    return results.hasNext() ? results.next() : null;
  }
}
