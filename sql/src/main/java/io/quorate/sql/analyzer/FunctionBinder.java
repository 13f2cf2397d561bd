package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.OrderItem;
import io.quorate.sql.catalog.system.SystemFunctions;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.AggregateFunctions;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.expression.FunctionRegistry;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ValueComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Binds function calls: the conditional forms (COALESCE, NULLIF, GREATEST, LEAST),
 * aggregates, window functions, and the scalar functions of {@link FunctionRegistry}.
 */
final class FunctionBinder {

  private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank",
      "cume_dist", "ntile", "lag", "lead", "first_value", "last_value");

  private final ExpressionBinder binder;

  FunctionBinder(ExpressionBinder binder) {
    this.binder = binder;
  }

  BoundExpression bind(Expression.FunctionCall call) {
    String name = call.name();
    if (call.window() != null) {
      return window(call);
    }
    if (RANKING.contains(name)) {
      throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "window function " + name + " requires an OVER clause");
    }
    if (AggregateFunctions.isAggregate(name)) {
      return aggregate(call);
    }
    if (call.distinct() || call.star() || !call.orderBy().isEmpty() || call.filter() != null) {
      throw new SqlException(SqlState.WRONG_OBJECT_TYPE, (call.star() ? "" : "DISTINCT/ORDER BY/FILTER ")
          + "specified, but " + name + " is not an aggregate function");
    }
    List<BoundExpression> arguments = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(binder.bind(argument));
    }
    if (SetReturningFunctions.NAMES.contains(name)) {
      if (!binder.windowsAllowed()) {
        throw SqlException.featureNotSupported("set-returning functions are not allowed in "
            + (binder.aggregatesForbiddenIn() == null ? "this context" : binder.aggregatesForbiddenIn()))
            .withPosition(call.position());
      }
      SqlType type = SetReturningFunctions.type(name, arguments, binder, call.position());
      return new BoundExpression.SetReturningCall(name, List.copyOf(arguments), type);
    }
    BoundExpression catalogCall = SystemFunctions.bind(name, arguments, binder.context().systemContext());
    if (catalogCall != null) {
      return catalogCall;
    }
    return switch (name) {
      case "coalesce" -> {
        BoundExpression.Call typed = (BoundExpression.Call) conditional(name, arguments, (values, context) -> null);
        yield new BoundExpression.Coalesce(typed.arguments(), typed.type());
      }
      case "greatest", "least" -> conditional(name, arguments, (values, context) -> extreme(values,
          name.equals("greatest")));
      case "nullif" -> nullif(arguments);
      case "pg_typeof" -> {
        if (arguments.size() != 1) {
          throw SqlException.undefinedFunction("pg_typeof()");
        }
        String typeName = arguments.get(0).type().kind() == SqlType.Kind.UNKNOWN ? "unknown"
            : arguments.get(0).type().base().pgName();
        yield new BoundExpression.Call("pg_typeof", (values, context) -> typeName, false, false,
            List.of(arguments.get(0)), SqlType.TEXT);
      }
      default -> scalar(name, arguments);
    };
  }

  private BoundExpression scalar(String name, List<BoundExpression> arguments) {
    List<SqlType> types = new ArrayList<>();
    for (BoundExpression argument : arguments) {
      types.add(argument.type());
    }
    FunctionRegistry.Resolved resolved = FunctionRegistry.resolve(name, types);
    List<BoundExpression> coerced = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      SqlType target = resolved.argumentTypes().get(i);
      BoundExpression argument = arguments.get(i);
      if (target == null && argument.type().kind() == SqlType.Kind.UNKNOWN) {
        target = SqlType.TEXT;
      }
      coerced.add(target == null ? argument : binder.coerce(argument, target));
    }
    FunctionRegistry.Signature signature = resolved.signature();
    return new BoundExpression.Call(name, signature.function(), signature.strict(), signature.volatileResult(),
        List.copyOf(coerced), signature.result());
  }

  private BoundExpression conditional(String name, List<BoundExpression> arguments,
      io.quorate.sql.expression.ScalarFunction function) {
    if (arguments.isEmpty()) {
      throw SqlException.syntaxErrorAtOrNear(")", 0);
    }
    SqlType type = binder.commonType(arguments, name.toUpperCase(java.util.Locale.ROOT));
    List<BoundExpression> coerced = new ArrayList<>();
    for (BoundExpression argument : arguments) {
      coerced.add(binder.coerce(argument, type));
    }
    return new BoundExpression.Call(name, function, false, false, List.copyOf(coerced), type);
  }

  private static Object extreme(Object[] values, boolean greatest) {
    Object best = null;
    for (Object value : values) {
      if (value != null && (best == null || (ValueComparator.compare(value, best) > 0) == greatest
          && ValueComparator.compare(value, best) != 0)) {
        best = value;
      }
    }
    return best;
  }

  private BoundExpression nullif(List<BoundExpression> arguments) {
    if (arguments.size() != 2) {
      throw SqlException.undefinedFunction("nullif(" + arguments.size() + " arguments)");
    }
    BoundExpression[] pair = binder.coercePair(arguments.get(0), arguments.get(1), "=");
    SqlType type = pair[0].type().kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT : pair[0].type();
    return new BoundExpression.Call("nullif", (values, context) -> values[0] != null && values[1] != null
        && ValueComparator.compare(values[0], values[1]) == 0 ? null : values[0], false, false,
        List.of(binder.coerce(pair[0], type), binder.coerce(pair[1], type)), type);
  }

  private BoundExpression.AggregateCall aggregate(Expression.FunctionCall call) {
    String forbidden = binder.aggregatesForbiddenIn();
    if (forbidden != null) {
      throw new SqlException(SqlState.GROUPING_ERROR, binder.insideAggregate()
          ? "aggregate function calls cannot be nested"
          : "aggregate functions are not allowed in " + forbidden).withPosition(call.position());
    }
    List<BoundExpression> arguments = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(binder.bindAggregateArgument(argument));
    }
    BoundExpression filter = call.filter() == null ? null
        : binder.requireBoolean(binder.bindAggregateArgument(call.filter()), "argument of FILTER",
            call.filter().position());
    List<SortKey> orderBy = new ArrayList<>();
    for (OrderItem item : call.orderBy()) {
      orderBy.add(new SortKey(binder.bindAggregateArgument(item.expression()), item.descending(),
          item.effectiveNullsFirst()));
    }
    return AggregateFunctions.bind(call.name(), arguments, call.distinct(), call.star(), filter,
        List.copyOf(orderBy), binder::coerce);
  }

  private BoundExpression window(Expression.FunctionCall call) {
    if (!binder.windowsAllowed() && binder.insideAggregate()) {
      throw new SqlException(SqlState.GROUPING_ERROR, "aggregate function calls cannot contain window function calls")
          .withPosition(call.position());
    }
    if (!binder.windowsAllowed()) {
      String clause = binder.aggregatesForbiddenIn();
      throw new SqlException(SqlState.WINDOWING_ERROR, "window functions are not allowed in "
          + (clause == null ? "this context" : clause)).withPosition(call.position());
    }
    String name = call.name();
    List<BoundExpression> arguments = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(binder.bindAggregateArgument(argument));
    }
    BoundExpression.AggregateCall function;
    if (RANKING.contains(name)) {
      function = AggregateFunctions.bindRanking(name, arguments, binder::coerce);
    } else if (AggregateFunctions.isAggregate(name)) {
      function = aggregate(new Expression.FunctionCall(name, call.arguments(), call.distinct(), call.star(),
          call.orderBy(), call.filter(), null, call.position()));
    } else {
      throw new SqlException(SqlState.WRONG_OBJECT_TYPE,
          "OVER specified, but " + name + " is not a window function nor an aggregate function");
    }
    Expression.WindowSpec spec = binder.resolveWindow(call.window());
    List<BoundExpression> partitionBy = new ArrayList<>();
    for (Expression expression : spec.partitionBy()) {
      partitionBy.add(binder.bindWithAggregates(expression, false));
    }
    List<SortKey> orderBy = new ArrayList<>();
    for (OrderItem item : spec.orderBy()) {
      orderBy.add(new SortKey(binder.bindWithAggregates(item.expression(), false), item.descending(),
          item.effectiveNullsFirst()));
    }
    Expression.Frame frame = spec.frame();
    boolean wholePartition;
    boolean rowsFrame = false;
    if (frame == null) {
      wholePartition = orderBy.isEmpty(); // without ORDER BY every row is a peer of every other
    } else if (frame.start() == Expression.Frame.Bound.UNBOUNDED_PRECEDING
        && frame.end() == Expression.Frame.Bound.UNBOUNDED_FOLLOWING) {
      wholePartition = true;
    } else if (frame.start() == Expression.Frame.Bound.UNBOUNDED_PRECEDING
        && frame.end() == Expression.Frame.Bound.CURRENT_ROW) {
      rowsFrame = frame.rows();
      wholePartition = !rowsFrame && orderBy.isEmpty();
    } else {
      throw SqlException.featureNotSupported("window frames other than UNBOUNDED PRECEDING to CURRENT ROW and "
          + "the whole partition are not supported").withPosition(call.position());
    }
    return new BoundExpression.WindowCall(function, List.copyOf(partitionBy), List.copyOf(orderBy), rowsFrame,
        wholePartition);
  }
}
