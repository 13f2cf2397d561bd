package io.quorate.sql.executor;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.Arithmetic;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ValueComparator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;

/** Set-returning functions in FROM: generate_series over numbers and timestamps, unnest. */
final class FunctionScans {

  private FunctionScans() {}

  /** ProjectSet: each input row followed by the functions' values, one output row per value. */
  static Operator projectSet(PlanNode.ProjectSet set, ExecutionContext context, Operator input) {
    EvaluationContext evaluation = context.evaluation();
    return new Operator() {
      private final java.util.ArrayDeque<Object[]> pending = new java.util.ArrayDeque<>();

      @Override
      public Object[] next() {
        while (pending.isEmpty()) {
          Object[] row = input.next();
          if (row == null) {
            return null;
          }
          expand(row);
        }
        return pending.poll();
      }

      private void expand(Object[] row) {
        List<List<Object[]>> values = new java.util.ArrayList<>();
        int longest = 0;
        for (var function : set.functions()) {
          List<io.quorate.sql.expression.BoundExpression> arguments = new java.util.ArrayList<>();
          for (var argument : function.arguments()) {
            arguments.add(new io.quorate.sql.expression.BoundExpression.Constant(argument.evaluate(row, evaluation),
                argument.type()));
          }
          PlanNode.FunctionScan scan = new PlanNode.FunctionScan(function.name(), List.copyOf(arguments),
              List.of(new io.quorate.sql.planner.PlanColumn(null, function.name(), function.type())));
          List<Object[]> rows = PlanExecutor.collect(scan, context, Integer.MAX_VALUE);
          values.add(rows);
          longest = Math.max(longest, rows.size());
        }
        for (int i = 0; i < longest; i++) {
          Object[] out = java.util.Arrays.copyOf(row, row.length + values.size());
          for (int f = 0; f < values.size(); f++) {
            out[row.length + f] = i < values.get(f).size() ? values.get(f).get(i)[0] : null;
          }
          pending.add(out);
        }
      }

      @Override
      public void close() {
        input.close();
      }
    };
  }

  static Operator open(PlanNode.FunctionScan scan, ExecutionContext context) {
    EvaluationContext evaluation = context.evaluation();
    Object[] arguments = new Object[scan.arguments().size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = scan.arguments().get(i).evaluate(null, evaluation);
      if (arguments[i] == null) {
        return () -> null;
      }
    }
    if (scan.name().equals("unnest")) {
      Iterator<?> values = ((List<?>) arguments[0]).iterator();
      return () -> values.hasNext() ? new Object[] {values.next()} : null;
    }
    SqlType type = scan.columns().get(0).type();
    if (type.kind() == SqlType.Kind.TIMESTAMP || type.kind() == SqlType.Kind.TIMESTAMPTZ) {
      if (arguments.length < 3) {
        throw SqlException.undefinedFunction("generate_series(" + type.pgName() + ", " + type.pgName() + ")");
      }
      return timestamps(arguments, type, evaluation, context);
    }
    return numbers(arguments, type, context);
  }

  private static Operator numbers(Object[] arguments, SqlType type, ExecutionContext context) {
    Object step = arguments.length > 2 ? arguments[2] : io.quorate.sql.types.Casts.toNumber(1L, type);
    int direction = ValueComparator.compare(step, io.quorate.sql.types.Casts.toNumber(0L, type));
    if (direction == 0) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }
    Object stop = arguments[1];
    return new Operator() {
      private Object next = arguments[0];
      private boolean done;

      @Override
      public Object[] next() {
        if (done || ValueComparator.compare(next, stop) * direction > 0) {
          return null;
        }
        context.checkCancelled();
        Object current = next;
        try {
          next = Arithmetic.apply("+", next, step, type);
        } catch (SqlException overflow) {
          done = true; // the series ends at the type's limit, as PostgreSQL's does
        }
        return new Object[] {current};
      }
    };
  }

  private static Operator timestamps(Object[] arguments, SqlType type, EvaluationContext evaluation,
      ExecutionContext context) {
    Interval step = (Interval) arguments[2];
    if (step.equals(Interval.ZERO)) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }
    int direction = step.compareTo(Interval.ZERO);
    Object stop = arguments[1];
    return new Operator() {
      private Object next = arguments[0];

      @Override
      public Object[] next() {
        if (ValueComparator.compare(next, stop) * direction > 0) {
          return null;
        }
        context.checkCancelled();
        Object current = next;
        next = type.kind() == SqlType.Kind.TIMESTAMP ? DateTimeArithmetic.plus((LocalDateTime) next, step)
            : DateTimeArithmetic.plus((Instant) next, step, evaluation.zone());
        return new Object[] {current};
      }
    };
  }

}
