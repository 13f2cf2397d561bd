package io.quorate.sql.executor;

import io.quorate.sql.expression.AggregateFunctions;
import io.quorate.sql.expression.AggregateFunctions.Accumulator;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.AggregateCall;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.expression.GroupKey;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash aggregation: one accumulator set per group, held in memory (one entry per group,
 * not per row). Without GROUP BY there is exactly one group, even over no rows.
 * Aggregates with an ORDER BY inside keep their group's rows to sort them first.
 */
final class AggregateOperator implements Operator {

  private final Iterator<Object[]> results;

  AggregateOperator(PlanNode.Aggregate aggregate, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    List<AggregateCall> calls = aggregate.aggregates();
    Map<List<Object>, Group> groups = new LinkedHashMap<>();
    boolean oneGroup = aggregate.groupKeys().isEmpty();
    Group single = oneGroup ? new Group(new Object[0], calls) : null;
    try (Operator input = PlanExecutor.open(aggregate.input(), context)) {
      for (Object[] row = input.next(); row != null; row = input.next()) {
        if (oneGroup) {
          single.add(row, evaluation); // no GROUP BY: no key to compute or hash
          continue;
        }
        Object[] keys = new Object[aggregate.groupKeys().size()];
        for (int i = 0; i < keys.length; i++) {
          keys[i] = aggregate.groupKeys().get(i).evaluate(row, evaluation);
        }
        Group group = groups.computeIfAbsent(GroupKey.of(keys), k -> new Group(keys, calls));
        group.add(row, evaluation);
      }
    }
    if (oneGroup) {
      groups.put(List.of(), single);
    }
    List<Object[]> out = new ArrayList<>(groups.size());
    for (Group group : groups.values()) {
      out.add(group.result(evaluation));
    }
    results = out.iterator();
  }

  @Override
  public Object[] next() {
    return results.hasNext() ? results.next() : null;
  }

  /** One group's key values and its accumulators. */
  private static final class Group {
    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final Object[] keys;
    private final List<AggregateCall> calls;
    private final Accumulator[] accumulators;
    private final List<List<Object[]>> orderedInputs = new ArrayList<>();

    Group(Object[] keys, List<AggregateCall> calls) {
      this.keys = keys;
      this.calls = calls;
      this.accumulators = new Accumulator[calls.size()];
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i] = AggregateFunctions.accumulator(calls.get(i));
        orderedInputs.add(calls.get(i).orderBy().isEmpty() ? null : new ArrayList<>());
      }
    }

    void add(Object[] row, EvaluationContext evaluation) {
      for (int i = 0; i < accumulators.length; i++) {
        AggregateCall call = calls.get(i);
        if (call.filter() != null && !BoundExpression.isTrue(call.filter(), row, evaluation)) {
          continue;
        }
        Object[] arguments = arguments(call, row, evaluation);
        if (orderedInputs.get(i) != null) {
          orderedInputs.get(i).add(new Object[] {RowComparator.keys(call.orderBy(), row, evaluation), arguments});
        } else {
          accumulators[i].add(arguments);
        }
      }
    }

    private static Object[] arguments(AggregateCall call, Object[] row, EvaluationContext evaluation) {
      if (call.arguments().isEmpty()) {
        return NO_ARGUMENTS; // count(*): nothing to allocate per row
      }
      Object[] arguments = new Object[call.arguments().size()];
      for (int a = 0; a < arguments.length; a++) {
        arguments[a] = call.arguments().get(a).evaluate(row, evaluation);
      }
      return arguments;
    }

    Object[] result(EvaluationContext evaluation) {
      Object[] out = new Object[keys.length + accumulators.length];
      System.arraycopy(keys, 0, out, 0, keys.length);
      for (int i = 0; i < accumulators.length; i++) {
        List<Object[]> ordered = orderedInputs.get(i);
        if (ordered != null) {
          java.util.Comparator<Object[]> byKeys = RowComparator.forKeys(calls.get(i).orderBy());
          ordered.sort((a, b) -> byKeys.compare((Object[]) a[0], (Object[]) b[0]));
          for (Object[] entry : ordered) {
            accumulators[i].add((Object[]) entry[1]);
          }
        }
        out[keys.length + i] = accumulators[i].result();
      }
      return out;
    }
  }
}
