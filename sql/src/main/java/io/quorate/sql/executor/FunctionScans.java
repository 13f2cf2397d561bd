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
