package io.quorate.sql.expression;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.expression.BoundExpression.AggregateCall;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.types.DateTimeArithmetic;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.SqlType.Kind;
import io.quorate.sql.types.ValueComparator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Aggregate and ranking functions: their result types (PostgreSQL's: sum of integer is
 * bigint, sum of bigint and avg of integers are numeric) and their accumulators.
 */
public final class AggregateFunctions {

  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "string_agg",
      "bool_and", "bool_or", "every", "array_agg", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp",
      "var_pop");

  /** Collects one group's values and gives the result. */
  public interface Accumulator {
    void add(Object[] arguments);

    Object result();
  }

  private AggregateFunctions() {}

  public static boolean isAggregate(String name) {
    return AGGREGATES.contains(name);
  }

  /** Binds an aggregate call; {@code coerce} converts an argument to a type. */
  public static AggregateCall bind(String name, List<BoundExpression> arguments, boolean distinct, boolean star,
      BoundExpression filter, List<SortKey> orderBy, BiFunction<BoundExpression, SqlType, BoundExpression> coerce) {
    if (star) {
      if (!name.equals("count")) {
        throw SqlException.undefinedFunction(name + "(*)");
      }
      return new AggregateCall(name, List.of(), false, true, filter, orderBy, SqlType.BIGINT);
    }
    int expected = name.equals("string_agg") ? 2 : 1;
    if (arguments.size() != expected) {
      throw SqlException.undefinedFunction(name + "(" + typeNames(arguments) + ")");
    }
    BoundExpression argument = arguments.get(0);
    SqlType type = argument.type().kind() == Kind.UNKNOWN ? SqlType.TEXT : argument.type();
    List<BoundExpression> coerced = new ArrayList<>(arguments);
    SqlType result = switch (name) {
      case "count" -> SqlType.BIGINT;
      case "sum" -> sumType(type, arguments);
      case "avg" -> avgType(type, arguments);
      case "min", "max" -> {
        if (type.kind() == Kind.JSON || type.kind() == Kind.BOOLEAN) {
          throw SqlException.undefinedFunction(name + "(" + type.pgName() + ")");
        }
        coerced.set(0, coerce.apply(argument, type));
        yield type;
      }
      case "string_agg" -> {
        if (!type.isString()) {
          throw SqlException.undefinedFunction(name + "(" + typeNames(arguments) + ")");
        }
        coerced.set(0, coerce.apply(argument, SqlType.TEXT));
        coerced.set(1, coerce.apply(arguments.get(1), SqlType.TEXT));
        yield SqlType.TEXT;
      }
      case "bool_and", "bool_or", "every" -> {
        if (type.kind() != Kind.BOOLEAN) {
          throw SqlException.undefinedFunction(name + "(" + type.pgName() + ")");
        }
        yield SqlType.BOOLEAN;
      }
      case "array_agg" -> {
        coerced.set(0, coerce.apply(argument, type));
        yield SqlType.arrayOf(type);
      }
      default -> {
        if (!type.isNumeric()) {
          throw SqlException.undefinedFunction(name + "(" + type.pgName() + ")");
        }
        boolean floating = type.kind() == Kind.REAL || type.kind() == Kind.DOUBLE;
        coerced.set(0, coerce.apply(argument, floating ? SqlType.DOUBLE : SqlType.NUMERIC));
        yield floating ? SqlType.DOUBLE : SqlType.NUMERIC;
      }
    };
    if (name.equals("sum") || name.equals("avg")) {
      coerced.set(0, coerce.apply(argument, type));
    }
    return new AggregateCall(name, List.copyOf(coerced), distinct, false, filter, orderBy, result);
  }

  private static SqlType sumType(SqlType type, List<BoundExpression> arguments) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER -> SqlType.BIGINT;
      case BIGINT, NUMERIC -> SqlType.NUMERIC;
      case REAL -> SqlType.REAL;
      case DOUBLE -> SqlType.DOUBLE;
      case INTERVAL -> SqlType.INTERVAL;
      default -> throw SqlException.undefinedFunction("sum(" + typeNames(arguments) + ")");
    };
  }

  private static SqlType avgType(SqlType type, List<BoundExpression> arguments) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT, NUMERIC -> SqlType.NUMERIC;
      case REAL, DOUBLE -> SqlType.DOUBLE;
      case INTERVAL -> SqlType.INTERVAL;
      default -> throw SqlException.undefinedFunction("avg(" + typeNames(arguments) + ")");
    };
  }

  private static String typeNames(List<BoundExpression> arguments) {
    List<String> names = new ArrayList<>();
    for (BoundExpression argument : arguments) {
      names.add(argument.type().base().pgName());
    }
    return String.join(", ", names);
  }

  /** Binds a ranking or offset window function. */
  public static AggregateCall bindRanking(String name, List<BoundExpression> arguments,
      BiFunction<BoundExpression, SqlType, BoundExpression> coerce) {
    List<BoundExpression> coerced = new ArrayList<>(arguments);
    int[] arity = switch (name) {
      case "ntile" -> new int[] {1, 1};
      case "lag", "lead" -> new int[] {1, 3};
      case "first_value", "last_value" -> new int[] {1, 1};
      default -> new int[] {0, 0};
    };
    if (arguments.size() < arity[0] || arguments.size() > arity[1]) {
      throw SqlException.undefinedFunction(name + "(" + typeNames(arguments) + ")");
    }
    SqlType result;
    switch (name) {
      case "row_number", "rank", "dense_rank" -> result = SqlType.BIGINT;
      case "percent_rank", "cume_dist" -> result = SqlType.DOUBLE;
      case "ntile" -> {
        coerced.set(0, coerce.apply(arguments.get(0), SqlType.INTEGER));
        result = SqlType.INTEGER;
      }
      default -> {
        if (arguments.isEmpty()) {
          throw SqlException.undefinedFunction(name + "()");
        }
        result = arguments.get(0).type().kind() == Kind.UNKNOWN ? SqlType.TEXT : arguments.get(0).type();
        coerced.set(0, coerce.apply(arguments.get(0), result));
        if (arguments.size() > 1) {
          coerced.set(1, coerce.apply(arguments.get(1), SqlType.INTEGER));
        }
        if (arguments.size() > 2) {
          coerced.set(2, coerce.apply(arguments.get(2), result));
        }
      }
    }
    return new AggregateCall(name, List.copyOf(coerced), false, false, null, List.of(), result);
  }

  /** A fresh accumulator for one group. */
  public static Accumulator accumulator(AggregateCall call) {
    Accumulator base = switch (call.name()) {
      case "count" -> new Count(call.star());
      case "sum" -> new Sum(call.type());
      case "avg" -> new Average(call.type());
      case "min" -> new Extreme(false);
      case "max" -> new Extreme(true);
      case "string_agg" -> new StringAgg();
      case "bool_and", "every" -> new BoolAgg(true);
      case "bool_or" -> new BoolAgg(false);
      case "array_agg" -> new ArrayAgg();
      default -> new Variance(call.name(), call.type().kind() == Kind.NUMERIC);
    };
    return call.distinct() ? new DistinctValues(base) : base;
  }

  private static final class Count implements Accumulator {
    private final boolean star;
    private long count;

    Count(boolean star) {
      this.star = star;
    }

    @Override
    public void add(Object[] arguments) {
      if (star || arguments[0] != null) {
        count++;
      }
    }

    @Override
    public Object result() {
      return count;
    }
  }

  private static final class Sum implements Accumulator {
    private final SqlType type;
    private Object total;
    /** The running bigint total kept unboxed: sum(integer) adds one per row. */
    private long longTotal;
    private boolean anyLong;

    Sum(SqlType type) {
      this.type = type;
    }

    @Override
    public void add(Object[] arguments) {
      Object value = arguments[0];
      if (value == null) {
        return;
      }
      if (type.kind() == Kind.INTERVAL) {
        total = total == null ? value : DateTimeArithmetic.plus((Interval) total, (Interval) value);
      } else if (type.kind() == Kind.BIGINT) {
        try {
          longTotal = Math.addExact(longTotal, ((Number) value).longValue());
          anyLong = true;
        } catch (ArithmeticException overflow) {
          throw SqlException.numericOutOfRange("bigint");
        }
      } else if (type.kind() == Kind.NUMERIC) {
        BigDecimal v = value instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) value).longValue());
        total = total == null ? v : ((BigDecimal) total).add(v);
      } else if (type.kind() == Kind.REAL) {
        total = total == null ? ((Number) value).floatValue() : (Float) total + ((Number) value).floatValue();
      } else {
        total = total == null ? ((Number) value).doubleValue() : (Double) total + ((Number) value).doubleValue();
      }
    }

    @Override
    public Object result() {
      return type.kind() == Kind.BIGINT ? (anyLong ? (Object) longTotal : null) : total;
    }
  }

  private static final class Average implements Accumulator {
    private final SqlType type;
    private final Sum sum;
    private long count;

    Average(SqlType type) {
      this.type = type;
      this.sum = new Sum(type);
    }

    @Override
    public void add(Object[] arguments) {
      if (arguments[0] != null) {
        sum.add(arguments);
        count++;
      }
    }

    @Override
    public Object result() {
      if (count == 0) {
        return null;
      }
      return switch (type.kind()) {
        case NUMERIC -> Arithmetic.divide((BigDecimal) sum.result(), BigDecimal.valueOf(count));
        case INTERVAL -> DateTimeArithmetic.divide((Interval) sum.result(), count);
        default -> (Double) sum.result() / count;
      };
    }
  }

  private static final class Extreme implements Accumulator {
    private final boolean max;
    private Object best;

    Extreme(boolean max) {
      this.max = max;
    }

    @Override
    public void add(Object[] arguments) {
      Object value = arguments[0];
      if (value != null && (best == null || (max ? ValueComparator.compare(value, best) > 0
          : ValueComparator.compare(value, best) < 0))) {
        best = value;
      }
    }

    @Override
    public Object result() {
      return best;
    }
  }

  private static final class StringAgg implements Accumulator {
    private StringBuilder text;

    @Override
    public void add(Object[] arguments) {
      if (arguments[0] == null) {
        return;
      }
      if (text == null) {
        text = new StringBuilder();
      } else if (arguments[1] != null) {
        text.append((String) arguments[1]);
      }
      text.append((String) arguments[0]);
    }

    @Override
    public Object result() {
      return text == null ? null : text.toString();
    }
  }

  private static final class BoolAgg implements Accumulator {
    private final boolean and;
    private Boolean result;

    BoolAgg(boolean and) {
      this.and = and;
    }

    @Override
    public void add(Object[] arguments) {
      Boolean value = (Boolean) arguments[0];
      if (value != null) {
        result = result == null ? value : and ? result && value : result || value;
      }
    }

    @Override
    public Object result() {
      return result;
    }
  }

  private static final class ArrayAgg implements Accumulator {
    private List<Object> values;

    @Override
    public void add(Object[] arguments) {
      if (values == null) {
        values = new ArrayList<>();
      }
      values.add(arguments[0]);
    }

    @Override
    public Object result() {
      return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
  }

  /** Sample/population variance and standard deviation, computed in double precision. */
  private static final class Variance implements Accumulator {
    private final String name;
    private final boolean numericResult;
    private long count;
    private double mean;
    private double squares;

    Variance(String name, boolean numericResult) {
      this.name = name;
      this.numericResult = numericResult;
    }

    @Override
    public void add(Object[] arguments) {
      if (arguments[0] == null) {
        return;
      }
      double x = ((Number) arguments[0]).doubleValue();
      count++;
      double delta = x - mean;
      mean += delta / count;
      squares += delta * (x - mean);
    }

    @Override
    public Object result() {
      boolean population = name.endsWith("_pop");
      if (count == 0 || (!population && count == 1)) {
        return null;
      }
      double variance = squares / (population ? count : count - 1);
      double value = name.startsWith("stddev") ? Math.sqrt(variance) : variance;
      return numericResult ? BigDecimal.valueOf(value).setScale(16, java.math.RoundingMode.HALF_UP) : value;
    }
  }

  /** DISTINCT: feeds each distinct argument list once (NULLs too; the inner accumulator ignores them or not). */
  private static final class DistinctValues implements Accumulator {
    private final Accumulator inner;
    private final java.util.Set<List<Object>> seen = new java.util.HashSet<>();

    DistinctValues(Accumulator inner) {
      this.inner = inner;
    }

    @Override
    public void add(Object[] arguments) {
      if (seen.add(GroupKey.of(arguments))) {
        inner.add(arguments);
      }
    }

    @Override
    public Object result() {
      return inner.result();
    }
  }
}
