package io.quorate.sql.expression;

import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ValueComparator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A typed expression with names resolved: it evaluates over a row (an {@code Object[]}
 * laid out by the plan node that owns the expression). Records, so equal expressions
 * are {@code equals} (GROUP BY matching relies on it).
 */
public sealed interface BoundExpression {

  SqlType type();

  Object evaluate(Object[] row, EvaluationContext context);

  /** The direct subexpressions. */
  default List<BoundExpression> children() {
    return List.of();
  }

  /** A copy with {@code children()} replaced, in order. */
  default BoundExpression withChildren(List<BoundExpression> children) {
    return this;
  }

  /** Rewrites bottom-up: children first, then {@code rewrite} on the rebuilt node. */
  default BoundExpression transform(UnaryOperator<BoundExpression> rewrite) {
    List<BoundExpression> children = children();
    BoundExpression node = this;
    if (!children.isEmpty()) {
      List<BoundExpression> rewritten = new ArrayList<>(children.size());
      boolean changed = false;
      for (BoundExpression child : children) {
        BoundExpression next = child.transform(rewrite);
        changed |= next != child;
        rewritten.add(next);
      }
      if (changed) {
        node = withChildren(rewritten);
      }
    }
    return rewrite.apply(node);
  }

  /** Calls {@code visitor} on this node and every node below it, parents first. */
  default void visit(java.util.function.Consumer<BoundExpression> visitor) {
    visitor.accept(this);
    for (BoundExpression child : children()) {
      child.visit(visitor);
    }
  }

  /** True if {@code predicate} holds for this node or any node below it. */
  default boolean anyMatch(java.util.function.Predicate<BoundExpression> predicate) {
    if (predicate.test(this)) {
      return true;
    }
    for (BoundExpression child : children()) {
      if (child.anyMatch(predicate)) {
        return true;
      }
    }
    return false;
  }

  /** A boolean-valued node: the logical connectives, comparisons and IS/IN tests. */
  sealed interface Condition extends BoundExpression {
    @Override
    default SqlType type() {
      return SqlType.BOOLEAN;
    }
  }

  /** Evaluates a condition: only TRUE passes; NULL and FALSE do not. */
  static boolean isTrue(BoundExpression condition, Object[] row, EvaluationContext context) {
    return Boolean.TRUE.equals(condition.evaluate(row, context));
  }

  /** A constant value. */
  record Constant(Object value, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return value;
    }
  }

  /** The value at {@code index} of the current row. */
  record Column(int index, SqlType type, String name) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return row[index];
    }
  }

  /** A column of an enclosing query's row, {@code depth} levels out. */
  record OuterColumn(int depth, int index, SqlType type, String name) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return context.outerRow(depth)[index];
    }
  }

  /** {@code $n}. */
  record Parameter(int index, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return context.parameter(index);
    }
  }

  /** A function or operator call; strict calls return NULL on any NULL argument. */
  record Call(String name, ScalarFunction function, boolean strict, boolean volatileResult,
      List<BoundExpression> arguments, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      if (function instanceof ScalarFunction.Binary binary && arguments.size() == 2) {
        Object left = arguments.get(0).evaluate(row, context);
        if (left == null && strict) {
          return null;
        }
        Object right = arguments.get(1).evaluate(row, context);
        return right == null && strict ? null : binary.apply(left, right, context);
      }
      Object[] values = new Object[arguments.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = arguments.get(i).evaluate(row, context);
        if (values[i] == null && strict) {
          return null;
        }
      }
      return function.apply(values, context);
    }

    @Override
    public List<BoundExpression> children() {
      return arguments;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Call(name, function, strict, volatileResult, List.copyOf(children), type);
    }

    /**
     * Equal when name, arguments and type are: the implementation is determined by them,
     * and operators build a fresh lambda per binding, so comparing it would make
     * {@code GROUP BY a % 2} never match the select list's {@code a % 2}.
     */
    @Override
    public boolean equals(Object other) {
      return other instanceof Call that && name.equals(that.name) && arguments.equals(that.arguments)
          && type.equals(that.type) && strict == that.strict && volatileResult == that.volatileResult;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(name, arguments, type);
    }
  }

  /** A conversion from the operand's type to {@code type}. */
  record Cast(BoundExpression operand, SqlType type, boolean explicit) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return Casts.convert(operand.evaluate(row, context), operand.type(), type, explicit, context.zone());
    }

    @Override
    public List<BoundExpression> children() {
      return List.of(operand);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Cast(children.get(0), type, explicit);
    }
  }

  /** AND or OR over two or more operands, with SQL's three-valued logic. */
  record Logical(boolean and, List<BoundExpression> operands) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      boolean sawNull = false;
      for (BoundExpression operand : operands) {
        Object value = operand.evaluate(row, context);
        if (value == null) {
          sawNull = true;
        } else if ((Boolean) value != and) {
          return !and;
        }
      }
      return sawNull ? null : and;
    }

    @Override
    public List<BoundExpression> children() {
      return operands;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Logical(and, List.copyOf(children));
    }
  }

  /** NOT. */
  record Not(BoundExpression operand) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      Object value = operand.evaluate(row, context);
      return value == null ? null : !(Boolean) value;
    }

    @Override
    public List<BoundExpression> children() {
      return List.of(operand);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Not(children.get(0));
    }
  }

  /** {@code = <> < > <= >=} over operands already coerced to one type. */
  record Comparison(String operator, BoundExpression left, BoundExpression right) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      Object a = left.evaluate(row, context);
      if (a == null) {
        return null;
      }
      Object b = right.evaluate(row, context);
      if (b == null) {
        return null;
      }
      return test(operator, ValueComparator.compare(a, b));
    }

    /** Whether {@code order} (a comparator result) satisfies {@code operator}. */
    public static boolean test(String operator, int order) {
      return switch (operator) {
        case "=" -> order == 0;
        case "<>" -> order != 0;
        case "<" -> order < 0;
        case ">" -> order > 0;
        case "<=" -> order <= 0;
        case ">=" -> order >= 0;
        default -> throw new IllegalArgumentException(operator);
      };
    }

    @Override
    public List<BoundExpression> children() {
      return List.of(left, right);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Comparison(operator, children.get(0), children.get(1));
    }
  }

  /** {@code IS [NOT] NULL}. */
  record IsNull(BoundExpression operand, boolean negated) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return (operand.evaluate(row, context) == null) != negated;
    }

    @Override
    public List<BoundExpression> children() {
      return List.of(operand);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new IsNull(children.get(0), negated);
    }
  }

  /** {@code IS [NOT] DISTINCT FROM}: equality where NULL equals NULL. */
  record IsDistinct(BoundExpression left, BoundExpression right, boolean negated) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      Object a = left.evaluate(row, context);
      Object b = right.evaluate(row, context);
      boolean distinct = a == null || b == null ? a != b : ValueComparator.compare(a, b) != 0;
      return distinct != negated;
    }

    @Override
    public List<BoundExpression> children() {
      return List.of(left, right);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new IsDistinct(children.get(0), children.get(1), negated);
    }
  }

  /** {@code CASE WHEN c THEN r ... ELSE e END}; a simple CASE is bound to this form. */
  record Case(List<BoundExpression> conditions, List<BoundExpression> results, BoundExpression elseResult,
      SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      for (int i = 0; i < conditions.size(); i++) {
        if (isTrue(conditions.get(i), row, context)) {
          return results.get(i).evaluate(row, context);
        }
      }
      return elseResult == null ? null : elseResult.evaluate(row, context);
    }

    @Override
    public List<BoundExpression> children() {
      List<BoundExpression> all = new ArrayList<>(conditions);
      all.addAll(results);
      if (elseResult != null) {
        all.add(elseResult);
      }
      return all;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      int n = conditions.size();
      return new Case(List.copyOf(children.subList(0, n)), List.copyOf(children.subList(n, 2 * n)),
          elseResult == null ? null : children.get(2 * n), type);
    }
  }

  /** COALESCE: the first non-NULL operand, evaluating no further than that one. */
  record Coalesce(List<BoundExpression> operands, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      for (BoundExpression operand : operands) {
        Object value = operand.evaluate(row, context);
        if (value != null) {
          return value;
        }
      }
      return null;
    }

    @Override
    public List<BoundExpression> children() {
      return operands;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Coalesce(List.copyOf(children), type);
    }
  }

  /** {@code x [NOT] IN (a, b, ...)} with SQL's NULL rules. */
  record InList(BoundExpression operand, List<BoundExpression> list, boolean negated) implements Condition {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      Object value = operand.evaluate(row, context);
      if (value == null) {
        return null;
      }
      boolean sawNull = false;
      for (BoundExpression item : list) {
        Object candidate = item.evaluate(row, context);
        if (candidate == null) {
          sawNull = true;
        } else if (ValueComparator.compare(value, candidate) == 0) {
          return !negated;
        }
      }
      return sawNull ? null : negated;
    }

    @Override
    public List<BoundExpression> children() {
      List<BoundExpression> all = new ArrayList<>();
      all.add(operand);
      all.addAll(list);
      return all;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new InList(children.get(0), List.copyOf(children.subList(1, children.size())), negated);
    }
  }

  /** A value computed by an aggregate or window operator, read from its output row. */
  record AggregateCall(String name, List<BoundExpression> arguments, boolean distinct, boolean star,
      BoundExpression filter, List<SortKey> orderBy, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      throw new IllegalStateException("aggregate " + name + " evaluated outside its operator");
    }

    /** Arguments, then FILTER (when present), then the ORDER BY keys. */
    @Override
    public List<BoundExpression> children() {
      List<BoundExpression> all = new ArrayList<>(arguments);
      if (filter != null) {
        all.add(filter);
      }
      for (SortKey key : orderBy) {
        all.add(key.expression());
      }
      return all;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      int count = arguments.size();
      BoundExpression newFilter = filter == null ? null : children.get(count);
      int keysFrom = count + (filter == null ? 0 : 1);
      List<SortKey> keys = new ArrayList<>();
      for (int i = 0; i < orderBy.size(); i++) {
        SortKey key = orderBy.get(i);
        keys.add(new SortKey(children.get(keysFrom + i), key.descending(), key.nullsFirst()));
      }
      return new AggregateCall(name, List.copyOf(children.subList(0, count)), distinct, star, newFilter,
          List.copyOf(keys), type);
    }
  }

  /**
   * A subquery used as a value: SCALAR (NULL for no row, 21000 for more than one),
   * EXISTS, ARRAY (its one column's values as an array, {@code ARRAY(SELECT ...)}), or a
   * quantified comparison {@code operand op ANY/ALL (subquery)} (IN is {@code = ANY}).
   * Uncorrelated subqueries run once per statement.
   */
  record Subquery(Kind kind, SubqueryRows rows, BoundExpression operand, String operator, boolean correlated,
      SqlType type, java.util.Set<Integer> outerReferences, List<Integer> outerRowMap) implements BoundExpression {
    public enum Kind { SCALAR, EXISTS, ARRAY, ANY, ALL }

    /**
     * The same subquery evaluated over a different row layout: {@code map.get(i)} is where
     * the enclosing row's column {@code i} now is (-1: not available). Used when the
     * enclosing query's rows become aggregate output rows.
     */
    public Subquery withOuterRowMap(List<Integer> map) {
      return new Subquery(kind, rows, operand, operator, correlated, type, outerReferences, map);
    }

    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      return switch (kind) {
        case SCALAR -> scalar(row, context);
        case EXISTS -> !fetch(row, context, 1).isEmpty();
        case ARRAY -> java.util.Collections.unmodifiableList(
            java.util.Arrays.asList(fetch(row, context, Integer.MAX_VALUE).stream().map(r -> r[0]).toArray()));
        case ANY, ALL -> quantified(row, context);
      };
    }

    private Object scalar(Object[] row, EvaluationContext context) {
      List<Object[]> result = fetch(row, context, 2);
      if (result.size() > 1) {
        throw new io.quorate.sql.error.SqlException(io.quorate.sql.error.SqlState.CARDINALITY_VIOLATION,
            "more than one row returned by a subquery used as an expression");
      }
      return result.isEmpty() ? null : result.get(0)[0];
    }

    private Object quantified(Object[] row, EvaluationContext context) {
      Object value = operand.evaluate(row, context);
      List<Object[]> result = fetch(row, context, Integer.MAX_VALUE);
      if (result.isEmpty()) {
        return kind == Kind.ALL;
      }
      if (value == null) {
        return null;
      }
      boolean sawNull = false;
      for (Object[] candidate : result) {
        if (candidate[0] == null) {
          sawNull = true;
          continue;
        }
        boolean matches = Comparison.test(operator, ValueComparator.compare(value, candidate[0]));
        if (kind == Kind.ANY && matches) {
          return true;
        }
        if (kind == Kind.ALL && !matches) {
          return false;
        }
      }
      return sawNull ? null : kind == Kind.ALL;
    }

    private List<Object[]> fetch(Object[] row, EvaluationContext context, int limit) {
      if (!correlated) {
        return context.cachedSubquery(this, () -> rows.fetch(context, Integer.MAX_VALUE));
      }
      context.pushOuter(outerRowMap == null ? row : remap(row));
      try {
        return rows.fetch(context, limit);
      } finally {
        context.popOuter();
      }
    }

    private Object[] remap(Object[] row) {
      Object[] outer = new Object[outerRowMap.size()];
      for (int i = 0; i < outer.length; i++) {
        int from = outerRowMap.get(i);
        outer[i] = from < 0 ? null : row[from];
      }
      return outer;
    }

    @Override
    public List<BoundExpression> children() {
      return operand == null ? List.of() : List.of(operand);
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new Subquery(kind, rows, children.isEmpty() ? null : children.get(0), operator, correlated, type,
          outerReferences, outerRowMap);
    }
  }

  /**
   * A window function call: an aggregate or ranking function over the rows of its
   * partition, computed by the window operator. {@code wholePartition} is true when
   * there is no ORDER BY (the frame is the whole partition) or the frame says so.
   */
  record WindowCall(AggregateCall call, List<BoundExpression> partitionBy, List<SortKey> orderBy,
      boolean rowsFrame, boolean wholePartition) implements BoundExpression {
    @Override
    public SqlType type() {
      return call.type();
    }

    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      throw new IllegalStateException("window function " + call.name() + " evaluated outside its operator");
    }

    @Override
    public List<BoundExpression> children() {
      List<BoundExpression> all = new ArrayList<>(call.children());
      all.addAll(partitionBy);
      for (SortKey key : orderBy) {
        all.add(key.expression());
      }
      return all;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      int arguments = call.children().size();
      int partitions = partitionBy.size();
      List<SortKey> keys = new ArrayList<>();
      for (int i = 0; i < orderBy.size(); i++) {
        SortKey key = orderBy.get(i);
        keys.add(new SortKey(children.get(arguments + partitions + i), key.descending(), key.nullsFirst()));
      }
      return new WindowCall((AggregateCall) call.withChildren(children.subList(0, arguments)),
          List.copyOf(children.subList(arguments, arguments + partitions)), List.copyOf(keys), rowsFrame,
          wholePartition);
    }
  }

  /**
   * A set-returning function in the select list ({@code SELECT generate_series(1, 3)}):
   * a ProjectSet node expands each input row into one row per value.
   */
  record SetReturningCall(String name, List<BoundExpression> arguments, SqlType type) implements BoundExpression {
    @Override
    public Object evaluate(Object[] row, EvaluationContext context) {
      throw new IllegalStateException("set-returning function " + name + " evaluated outside ProjectSet");
    }

    @Override
    public List<BoundExpression> children() {
      return arguments;
    }

    @Override
    public BoundExpression withChildren(List<BoundExpression> children) {
      return new SetReturningCall(name, List.copyOf(children), type);
    }
  }

  /** One key of an ORDER BY: expression, direction, where NULLs go. */
  record SortKey(BoundExpression expression, boolean descending, boolean nullsFirst) {}
}
