package io.quorate.sql.executor;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.Arithmetic;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ValueComparator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Set-returning functions, in FROM and in the select list: generate_series over numbers
 * and timestamps, unnest, pg_partition_ancestors, information_schema._pg_expandarray.
 */
final class FunctionScans {

  private FunctionScans() {}

  /** ProjectSet: each input row followed by the functions' values, one output row per value. */
  static Operator projectSet(PlanNode.ProjectSet set, ExecutionContext context, Operator input) {
    return new Operator() {
      private final ArrayDeque<Object[]> pending = new ArrayDeque<>();

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

      /** PostgreSQL runs the functions in lockstep; one that runs out early gives NULLs. */
      private void expand(Object[] row) {
        List<List<Object>> values = new ArrayList<>();
        int longest = 0;
        for (BoundExpression.SetReturningCall function : set.functions()) {
          Object[] arguments = new Object[function.arguments().size()];
          for (int i = 0; i < arguments.length; i++) {
            arguments[i] = function.arguments().get(i).evaluate(row, context.evaluation());
          }
          List<Object> list = new ArrayList<>();
          try (Operator operator = values(function.name(), arguments, function.type(), context)) {
            for (Object[] value = operator.next(); value != null; value = operator.next()) {
              list.add(value[0]);
            }
          }
          values.add(list);
          longest = Math.max(longest, list.size());
        }
        for (int i = 0; i < longest; i++) {
          Object[] out = Arrays.copyOf(row, row.length + values.size());
          for (int f = 0; f < values.size(); f++) {
            out[row.length + f] = i < values.get(f).size() ? values.get(f).get(i) : null;
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

  /** A function in FROM: its values as rows, a record's fields as columns, then the ordinality. */
  static Operator open(PlanNode.FunctionScan scan, ExecutionContext context) {
    Object[] arguments = new Object[scan.arguments().size()];
    for (int i = 0; i < arguments.length; i++) {
      arguments[i] = scan.arguments().get(i).evaluate(null, context.evaluation());
    }
    Operator values = values(scan.name(), arguments, scan.valueType(), context);
    boolean record = scan.valueType().kind() == SqlType.Kind.RECORD;
    if (!record && !scan.ordinality()) {
      return values;
    }
    return new Operator() {
      private long ordinality;

      @Override
      public Object[] next() {
        Object[] value = values.next();
        if (value == null) {
          return null;
        }
        List<?> fields = record ? (List<?>) value[0] : Arrays.asList(value);
        Object[] row = Arrays.copyOf(fields.toArray(), fields.size() + (scan.ordinality() ? 1 : 0));
        if (scan.ordinality()) {
          row[fields.size()] = ++ordinality;
        }
        return row;
      }

      @Override
      public void close() {
        values.close();
      }
    };
  }

  /** One-column rows of the function's values; none when an argument is NULL (they are all strict). */
  private static Operator values(String name, Object[] arguments, SqlType type, ExecutionContext context) {
    for (Object argument : arguments) {
      if (argument == null) {
        return () -> null;
      }
    }
    return switch (name) {
      case "unnest" -> single(((List<?>) arguments[0]).iterator());
      // no table is a partition or partitioned, and PostgreSQL lists no ancestors for those
      case "pg_partition_ancestors" -> () -> null;
      case "information_schema._pg_expandarray" -> expandArray((List<?>) arguments[0]);
      default -> type.kind() == SqlType.Kind.TIMESTAMP || type.kind() == SqlType.Kind.TIMESTAMPTZ
          ? timestamps(arguments, type, context) : numbers(arguments, type, context);
    };
  }

  private static Operator single(Iterator<?> values) {
    return () -> values.hasNext() ? new Object[] {values.next()} : null;
  }

  /** Records (element, position from 1), whatever the array's lower bound. */
  private static Operator expandArray(List<?> array) {
    Iterator<?> values = array.iterator();
    return new Operator() {
      private long position;

      @Override
      public Object[] next() {
        if (!values.hasNext()) {
          return null;
        }
        Object element = values.next();
        return new Object[] {Collections.unmodifiableList(Arrays.asList(element, ++position))};
      }
    };
  }

  private static Operator numbers(Object[] arguments, SqlType type, ExecutionContext context) {
    Object step = arguments.length > 2 ? arguments[2] : Casts.toNumber(1L, type);
    int direction = ValueComparator.compare(step, Casts.toNumber(0L, type));
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

  private static Operator timestamps(Object[] arguments, SqlType type, ExecutionContext context) {
    if (arguments.length < 3) {
      throw SqlException.undefinedFunction("generate_series(" + type.pgName() + ", " + type.pgName() + ")");
    }
    EvaluationContext evaluation = context.evaluation();
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
