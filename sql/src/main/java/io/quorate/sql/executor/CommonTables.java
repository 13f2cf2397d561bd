package io.quorate.sql.executor;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.CommonTableResult;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** WITH queries: materialised once per statement, and the iteration of WITH RECURSIVE. */
final class CommonTables {

  /** A bound on recursion so a runaway recursive query fails instead of filling memory. */
  static final int MAX_RECURSIVE_ROWS = 10_000_000;

  private CommonTables() {}

  static List<Object[]> rows(CommonTableResult cte, ExecutionContext context) {
    List<Object[]> rows = context.commonTables().get(cte);
    if (rows == null) {
      rows = PlanExecutor.collect(cte.plan(), context, Integer.MAX_VALUE);
      context.commonTables().put(cte, rows);
    }
    return rows;
  }

  static List<Object[]> recursive(PlanNode.RecursiveUnion union, ExecutionContext context) {
    List<Object[]> all = new ArrayList<>();
    Set<List<Object>> seen = new HashSet<>();
    List<Object[]> round = new ArrayList<>();
    for (Object[] row : PlanExecutor.collect(union.anchor(), context, Integer.MAX_VALUE)) {
      if (union.all() || seen.add(GroupKey.of(row))) {
        round.add(row);
      }
    }
    while (!round.isEmpty()) {
      all.addAll(round);
      if (all.size() > MAX_RECURSIVE_ROWS) {
        throw new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED,
            "recursive query \"" + union.workTable().name() + "\" produced more than " + MAX_RECURSIVE_ROWS + " rows");
      }
      context.commonTables().put(union.workTable(), round);
      List<Object[]> next = new ArrayList<>();
      for (Object[] row : PlanExecutor.collect(union.recursive(), context, Integer.MAX_VALUE)) {
        if (union.all() || seen.add(GroupKey.of(row))) {
          next.add(row);
        }
      }
      round = next;
    }
    return all;
  }
}
