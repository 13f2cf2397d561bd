package io.quorate.sql.executor;

import io.quorate.sql.ast.QueryBody.SetOperation.Operator;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.PlanNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UNION, INTERSECT and EXCEPT with PostgreSQL's multiset rules for ALL: UNION ALL
 * streams both sides; the others count the right side's rows in a hash table and stream
 * the left side against it.
 */
final class SetOperationOperator implements io.quorate.sql.executor.Operator {

  private final PlanNode.SetOperation operation;
  private final ExecutionContext context;
  private io.quorate.sql.executor.Operator current;
  private boolean onRight;
  private final Map<List<Object>, long[]> rightCounts = new HashMap<>();
  private final Set<List<Object>> emitted = new HashSet<>();

  SetOperationOperator(PlanNode.SetOperation operation, ExecutionContext context) {
    this.operation = operation;
    this.context = context;
    if (operation.operator() != Operator.UNION) {
      try (io.quorate.sql.executor.Operator right = PlanExecutor.open(operation.right(), context)) {
        for (Object[] row = right.next(); row != null; row = right.next()) {
          rightCounts.computeIfAbsent(GroupKey.of(row), k -> new long[1])[0]++;
        }
      }
    }
    this.current = PlanExecutor.open(operation.left(), context);
  }

  @Override
  public Object[] next() {
    while (true) {
      Object[] row = current.next();
      if (row == null) {
        if (operation.operator() == Operator.UNION && !onRight) {
          current.close();
          current = PlanExecutor.open(operation.right(), context);
          onRight = true;
          continue;
        }
        return null;
      }
      if (keep(GroupKey.of(row))) {
        return row;
      }
    }
  }

  private boolean keep(List<Object> key) {
    boolean all = operation.all();
    switch (operation.operator()) {
      case UNION -> {
        return all || emitted.add(key);
      }
      case INTERSECT -> {
        long[] count = rightCounts.get(key);
        if (count == null || count[0] == 0) {
          return false;
        }
        if (all) {
          count[0]--;
          return true;
        }
        return emitted.add(key);
      }
      default -> {
        long[] count = rightCounts.get(key);
        if (count != null && count[0] > 0) {
          if (all) {
            count[0]--;
          }
          return false;
        }
        return all || emitted.add(key);
      }
    }
  }

  @Override
  public void close() {
    current.close();
  }
}
