package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.OrderItem;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.planner.CommonTableResult;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.SqlType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a query into a plan: WITH queries, the body (SELECT, VALUES, set operations),
 * ORDER BY, LIMIT and OFFSET. SELECT's pieces go in SQL's logical order: FROM, WHERE,
 * GROUP BY and aggregates, HAVING, window functions, the select list, DISTINCT, ORDER
 * BY; sort keys that are not in the select list ride along as extra columns and are
 * projected away at the end.
 */
public final class QueryAnalyzer {

  /** A WITH query visible by name: its shared result and output columns. */
  record CommonTableEntry(CommonTableResult result, List<PlanColumn> columns) {}

  private final BindContext context;
  private final FromAnalyzer from;
  private final Deque<Map<String, CommonTableEntry>> commonTables = new ArrayDeque<>();

  QueryAnalyzer(BindContext context) {
    this.context = context;
    this.from = new FromAnalyzer(this);
  }

  BindContext context() {
    return context;
  }

  CommonTableEntry commonTable(String name) {
    for (Map<String, CommonTableEntry> level : commonTables) {
      CommonTableEntry entry = level.get(name);
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  /** The plan of {@code query}; {@code outer} is the enclosing scope for correlated names, or null. */
  PlanNode analyze(Query query, Scope outer) {
    commonTables.push(new HashMap<>());
    try {
      for (Query.CommonTable table : query.with()) {
        defineCommonTable(table, query.recursive(), outer);
      }
      PlanNode plan = body(query.body(), query.orderBy(), outer);
      return limit(plan, query, outer);
    } finally {
      commonTables.pop();
    }
  }

  private void defineCommonTable(Query.CommonTable table, boolean recursive, Scope outer) {
    if (commonTables.peek().containsKey(table.name())) {
      throw new SqlException(SqlState.DUPLICATE_ALIAS,
          "WITH query name \"" + table.name() + "\" specified more than once");
    }
    CommonTableResult result = new CommonTableResult(table.name());
    if (recursive && table.query().body() instanceof QueryBody.SetOperation union
        && union.operator() == QueryBody.SetOperation.Operator.UNION && table.query().orderBy().isEmpty()) {
      PlanNode anchor = body(union.left(), List.of(), outer);
      List<PlanColumn> columns = renamedColumns(table, anchor.columns());
      CommonTableResult workTable = new CommonTableResult(table.name());
      commonTables.peek().put(table.name(), new CommonTableEntry(workTable, columns));
      PlanNode step = body(union.right(), List.of(), outer);
      step = castToColumns(step, columns, "recursive query");
      // Both terms go through the optimizer: the recursive term reads the work table
      // through a CTE scan, a leaf the passes leave alone, and the union needs all of
      // both terms' columns, so no pass changes what a round produces.
      result.setPlan(optimized(new PlanNode.RecursiveUnion(anchor, step, workTable, union.all(), columns)));
      commonTables.peek().put(table.name(), new CommonTableEntry(result, columns));
      return;
    }
    PlanNode plan = analyze(table.query(), outer);
    List<PlanColumn> columns = renamedColumns(table, plan.columns());
    result.setPlan(optimized(plan));
    commonTables.peek().put(table.name(), new CommonTableEntry(result, columns));
  }

  /**
   * A WITH query's body is run on its own (a CTE scan is a leaf to the passes over the
   * main plan), so it is optimised here, as a top-level query would be.
   */
  private PlanNode optimized(PlanNode plan) {
    return context.subqueries().optimized(plan);
  }

  private static List<PlanColumn> renamedColumns(Query.CommonTable table, List<PlanColumn> source) {
    if (table.columnNames().size() > source.size()) {
      throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "WITH query \"" + table.name() + "\" has "
          + source.size() + " columns available but " + table.columnNames().size() + " columns specified");
    }
    List<PlanColumn> columns = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      String name = i < table.columnNames().size() ? table.columnNames().get(i) : source.get(i).name();
      columns.add(new PlanColumn(table.name(), name, source.get(i).type()));
    }
    return List.copyOf(columns);
  }

  private PlanNode castToColumns(PlanNode plan, List<PlanColumn> columns, String what) {
    if (plan.columns().size() != columns.size()) {
      throw SqlException.syntaxError("each " + what + " part must have the same number of columns", 0);
    }
    List<BoundExpression> expressions = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < columns.size(); i++) {
      PlanColumn column = plan.columns().get(i);
      BoundExpression value = new BoundExpression.Column(i, column.type(), column.name());
      if (!column.type().equals(columns.get(i).type())) {
        value = new BoundExpression.Cast(value, columns.get(i).type(), false);
        changed = true;
      }
      expressions.add(value);
    }
    return changed ? new PlanNode.Project(plan, List.copyOf(expressions), columns) : plan;
  }

  private PlanNode body(QueryBody body, List<OrderItem> orderBy, Scope outer) {
    return switch (body) {
      case QueryBody.Select select -> new SelectAnalyzer(this, from, select, outer).plan(orderBy);
      case QueryBody.Nested nested -> sortOutput(analyze(nested.query(), outer), orderBy, outer);
      case QueryBody.Values values -> sortOutput(values(values, outer), orderBy, outer);
      case QueryBody.SetOperation operation -> sortOutput(setOperation(operation, outer), orderBy, outer);
    };
  }

  private PlanNode values(QueryBody.Values values, Scope outer) {
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(outer, false, List.of()));
    List<List<BoundExpression>> rows = new ArrayList<>();
    int width = values.rows().get(0).size();
    for (List<Expression> row : values.rows()) {
      if (row.size() != width) {
        throw SqlException.syntaxError("VALUES lists must all be the same length", row.get(0).position());
      }
      List<BoundExpression> bound = new ArrayList<>();
      for (Expression expression : row) {
        bound.add(binder.bindPlain(expression, "VALUES"));
      }
      rows.add(bound);
    }
    List<PlanColumn> columns = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      List<BoundExpression> column = new ArrayList<>();
      for (List<BoundExpression> row : rows) {
        column.add(row.get(c));
      }
      SqlType type = binder.commonType(column, "VALUES");
      for (List<BoundExpression> row : rows) {
        row.set(c, binder.coerce(row.get(c), type));
      }
      columns.add(new PlanColumn("*VALUES*", "column" + (c + 1), type));
    }
    List<List<BoundExpression>> frozen = new ArrayList<>();
    for (List<BoundExpression> row : rows) {
      frozen.add(List.copyOf(row));
    }
    return new PlanNode.Values(List.copyOf(frozen), List.copyOf(columns));
  }

  private PlanNode setOperation(QueryBody.SetOperation operation, Scope outer) {
    PlanNode left = body(operation.left(), List.of(), outer);
    PlanNode right = body(operation.right(), List.of(), outer);
    String name = operation.operator().name();
    if (left.columns().size() != right.columns().size()) {
      throw SqlException.syntaxError("each " + name + " query must have the same number of columns", 0);
    }
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(outer, false, List.of()));
    List<PlanColumn> columns = new ArrayList<>();
    for (int i = 0; i < left.columns().size(); i++) {
      PlanColumn l = left.columns().get(i);
      SqlType type = binder.commonType(List.of(new BoundExpression.Constant(null, l.type()),
          new BoundExpression.Constant(null, right.columns().get(i).type())), name);
      columns.add(new PlanColumn(null, l.name(), type));
    }
    left = castToColumns(left, columns, name);
    right = castToColumns(right, columns, name);
    return new PlanNode.SetOperation(operation.operator(), operation.all(), left, right, List.copyOf(columns));
  }

  /** ORDER BY over a result's own columns (for VALUES, set operations and nested queries). */
  private PlanNode sortOutput(PlanNode plan, List<OrderItem> orderBy, Scope outer) {
    if (orderBy.isEmpty()) {
      return plan;
    }
    Scope scope = Scope.of(outer, false, plan.columns());
    ExpressionBinder binder = new ExpressionBinder(context, scope);
    List<SortKey> keys = new ArrayList<>();
    for (OrderItem item : orderBy) {
      BoundExpression key;
      Integer ordinal = ordinal(item.expression());
      if (ordinal != null) {
        if (ordinal < 1 || ordinal > plan.columns().size()) {
          throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + ordinal
              + " is not in select list").withPosition(item.expression().position());
        }
        PlanColumn column = plan.columns().get(ordinal - 1);
        key = new BoundExpression.Column(ordinal - 1, column.type(), column.name());
      } else {
        key = binder.bindPlain(item.expression(), "ORDER BY");
        if (key instanceof BoundExpression.OuterColumn) {
          throw SqlException.featureNotSupported("invalid UNION/INTERSECT/EXCEPT ORDER BY clause")
              .withDetail("Only result column names can be used, not expressions or functions.");
        }
      }
      keys.add(new SortKey(key, item.descending(), item.effectiveNullsFirst()));
    }
    return new PlanNode.Sort(plan, List.copyOf(keys), 0);
  }

  /** The integer of {@code ORDER BY 2}, or null when the item is not a plain integer literal. */
  static Integer ordinal(Expression expression) {
    if (expression instanceof Expression.Literal literal && literal.kind() == Expression.Literal.Kind.INTEGER) {
      try {
        return Integer.parseInt(literal.text());
      } catch (NumberFormatException tooLarge) {
        return Integer.MAX_VALUE;
      }
    }
    return null;
  }

  private PlanNode limit(PlanNode plan, Query query, Scope outer) {
    if (query.limit() == null && query.offset() == null) {
      return plan;
    }
    for (Expression clause : java.util.Arrays.asList(query.limit(), query.offset())) {
      if (clause instanceof Expression.ColumnRef) {
        throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "argument of "
            + (clause == query.limit() ? "LIMIT" : "OFFSET") + " must not contain variables")
            .withPosition(clause.position());
      }
    }
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(outer, false, List.of()));
    BoundExpression limit = query.limit() == null ? null
        : binder.coerce(binder.bindPlain(query.limit(), "LIMIT"), SqlType.BIGINT);
    BoundExpression offset = query.offset() == null ? null
        : binder.coerce(binder.bindPlain(query.offset(), "OFFSET"), SqlType.BIGINT);
    return new PlanNode.Limit(plan, limit, offset);
  }
}
