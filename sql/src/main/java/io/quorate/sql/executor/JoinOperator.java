package io.quorate.sql.executor;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.planner.PlanNode.JoinKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins by reading the right input once into memory (a hash table on the join keys
 * for a hash join, a list for nested loops) and streaming the left input past it.
 * Unmatched right rows of RIGHT and FULL joins come out at the end. An inner or right
 * join whose right input is empty reads nothing of the left: its answer is empty, and
 * the left may be endless (a generate_series to 2^63).
 */
final class JoinOperator implements Operator {

  private final PlanNode.Join join;
  private final EvaluationContext evaluation;
  private final Operator left;
  private final List<Object[]> rightRows = new ArrayList<>();
  private final Map<List<Object>, List<Integer>> hashed = new HashMap<>();
  private final boolean[] rightMatched;
  private final int leftWidth;
  private final int rightWidth;

  private Object[] leftRow;
  private List<Integer> candidates;
  private int candidate;
  private boolean leftMatched;
  private int unmatchedRight = -1;

  JoinOperator(PlanNode.Join join, ExecutionContext context) {
    this.join = join;
    this.evaluation = context.evaluation();
    this.leftWidth = join.left().columns().size();
    this.rightWidth = join.right().columns().size();
    try (Operator right = PlanExecutor.open(join.right(), context)) {
      for (Object[] row = right.next(); row != null; row = right.next()) {
        if (join.isHashJoin()) {
          List<Object> key = key(join.rightKeys(), row);
          if (key == null) {
            if (keepsUnmatchedRight()) {
              rightRows.add(row);
            }
            continue;
          }
          hashed.computeIfAbsent(key, k -> new ArrayList<>()).add(rightRows.size());
        }
        rightRows.add(row);
      }
    }
    this.rightMatched = new boolean[rightRows.size()];
    this.left = PlanExecutor.open(join.left(), context);
  }

  private boolean keepsUnmatchedRight() {
    return join.kind() == JoinKind.RIGHT || join.kind() == JoinKind.FULL;
  }

  /** The join key of {@code row}, or null if any part is NULL (NULL never equals anything). */
  private List<Object> key(List<BoundExpression> expressions, Object[] row) {
    Object[] values = new Object[expressions.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = expressions.get(i).evaluate(row, evaluation);
      if (values[i] == null) {
        return null;
      }
    }
    return GroupKey.of(values);
  }

  @Override
  public Object[] next() {
    if (rightRows.isEmpty() && (join.kind() == JoinKind.INNER || join.kind() == JoinKind.RIGHT)) {
      return null; // nothing on the right: no row can come out, however many the left would stream
    }
    while (unmatchedRight < 0) {
      if (leftRow == null && !advanceLeft()) {
        if (!keepsUnmatchedRight()) {
          return null;
        }
        unmatchedRight = 0;
        break;
      }
      Object[] joined = nextMatch();
      if (joined != null) {
        return joined;
      }
    }
    while (unmatchedRight < rightRows.size()) {
      int index = unmatchedRight++;
      if (!rightMatched[index]) {
        return combine(null, rightRows.get(index));
      }
    }
    return null;
  }

  private boolean advanceLeft() {
    leftRow = left.next();
    if (leftRow == null) {
      return false;
    }
    leftMatched = false;
    candidate = 0;
    if (join.isHashJoin()) {
      List<Object> key = key(join.leftKeys(), leftRow);
      candidates = key == null ? List.of() : hashed.getOrDefault(key, List.of());
    } else {
      candidates = null;
    }
    return true;
  }

  /** The next output for the current left row, or null when it is done (leftRow is then cleared). */
  private Object[] nextMatch() {
    int limit = candidates != null ? candidates.size() : rightRows.size();
    while (candidate < limit) {
      int index = candidates != null ? candidates.get(candidate++) : candidate++;
      Object[] right = rightRows.get(index);
      Object[] joined = combine(leftRow, right);
      if (join.condition() == null || BoundExpression.isTrue(join.condition(), joined, evaluation)) {
        leftMatched = true;
        rightMatched[index] = true;
        return joined;
      }
    }
    Object[] row = leftRow;
    leftRow = null;
    if (!leftMatched) {
      return join.kind() == JoinKind.LEFT || join.kind() == JoinKind.FULL ? combine(row, null) : null;
    }
    return null;
  }

  private Object[] combine(Object[] leftValues, Object[] rightValues) {
    Object[] row = new Object[leftWidth + rightWidth];
    if (leftValues != null) {
      System.arraycopy(leftValues, 0, row, 0, leftWidth);
    }
    if (rightValues != null) {
      System.arraycopy(rightValues, 0, row, leftWidth, rightWidth);
    }
    return row;
  }

  @Override
  public void close() {
    left.close();
  }
}
