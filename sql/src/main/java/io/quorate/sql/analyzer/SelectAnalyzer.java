package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.OrderItem;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.AggregateCall;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.expression.BoundExpression.WindowCall;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Plans one SELECT block with its ORDER BY; see {@link QueryAnalyzer} for the order of steps. */
final class SelectAnalyzer {

  private final QueryAnalyzer analyzer;
  private final FromAnalyzer from;
  private final QueryBody.Select select;
  private final Scope outer;

  private PlanNode plan;
  private Scope scope;
  private ExpressionBinder binder;
  /** Select-list expressions, then hidden sort-key expressions, all over the FROM row until rewritten. */
  private final List<BoundExpression> outputs = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private int visibleCount;

  SelectAnalyzer(QueryAnalyzer analyzer, FromAnalyzer from, QueryBody.Select select, Scope outer) {
    this.analyzer = analyzer;
    this.from = from;
    this.select = select;
    this.outer = outer;
  }

  PlanNode plan(List<OrderItem> orderBy) {
    FromAnalyzer.Planned source = from.from(select.from(), outer);
    plan = source.plan();
    scope = new Scope(outer, false, source.columns());
    binder = new ExpressionBinder(analyzer.context(), scope);
    java.util.Map<String, io.quorate.sql.ast.Expression.WindowSpec> windows = new java.util.HashMap<>();
    for (QueryBody.NamedWindow window : select.windows()) {
      if (windows.put(window.name(), window.spec()) != null) {
        throw new SqlException(SqlState.WINDOWING_ERROR, "window \"" + window.name() + "\" is already defined");
      }
    }
    binder.setNamedWindows(windows);
    if (select.where() != null) {
      plan = new PlanNode.Filter(plan, binder.bindCondition(select.where(), "WHERE", false));
    }
    selectList();
    List<SortKey> sortKeys = orderBy(orderBy);
    List<BoundExpression> distinctOn = distinctOn();
    BoundExpression having = select.having() == null ? null : binder.bindCondition(select.having(), "HAVING", true);
    aggregate(having, sortKeys, distinctOn);
    windows();
    setReturningFunctions();
    List<PlanColumn> columns = new ArrayList<>();
    for (int i = 0; i < outputs.size(); i++) {
      columns.add(new PlanColumn(null, names.get(i), outputs.get(i).type()));
    }
    plan = new PlanNode.Project(plan, List.copyOf(outputs), List.copyOf(columns));
    return finish(sortKeys, distinctOn);
  }

  private void selectList() {
    for (QueryBody.SelectItem item : select.items()) {
      switch (item) {
        case QueryBody.Star star -> expandStar(star);
        case QueryBody.ExpressionItem expression -> {
          outputs.add(binder.bindWithAggregates(expression.expression(), true));
          names.add(expression.alias() != null ? expression.alias() : OutputNames.of(expression.expression()));
        }
      }
    }
    visibleCount = outputs.size();
  }

  private void expandStar(QueryBody.Star star) {
    String table = star.qualifier().isEmpty() ? null : star.qualifier().get(star.qualifier().size() - 1);
    if (table == null && select.from().isEmpty()) {
      throw SqlException.syntaxError("SELECT * with no tables specified is not valid", star.position());
    }
    boolean found = false;
    List<Scope.Column> columns = scope.columns();
    for (int i = 0; i < columns.size(); i++) {
      Scope.Column column = columns.get(i);
      if (column.hidden() || (table != null && !table.equals(column.table()))) {
        continue;
      }
      found = true;
      outputs.add(new BoundExpression.Column(i, column.type(), column.name()));
      names.add(column.name());
    }
    if (table != null && !found && !scope.hasTable(table)) {
      throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + table + "\"")
          .withPosition(star.position());
    }
  }

  /**
   * Binds ORDER BY: an ordinal or a bare output-column name picks a select-list item;
   * anything else is an expression over the FROM row, reusing an equal select-list item
   * or else added as a hidden output.
   */
  private List<SortKey> orderBy(List<OrderItem> orderBy) {
    List<SortKey> keys = new ArrayList<>();
    for (OrderItem item : orderBy) {
      int index = outputIndex(item.expression(), "ORDER BY");
      if (index < 0) {
        BoundExpression bound = binder.bindWithAggregates(item.expression(), true);
        index = outputs.indexOf(bound);
        if (index < 0 || index >= visibleCount) {
          if (select.distinct() && select.distinctOn().isEmpty()) {
            throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
                "for SELECT DISTINCT, ORDER BY expressions must appear in select list")
                .withPosition(item.expression().position());
          }
          index = outputs.size();
          outputs.add(bound);
          names.add("?sort?");
        }
      }
      BoundExpression key = outputs.get(index);
      keys.add(new SortKey(new BoundExpression.Column(index, key.type(), names.get(index)), item.descending(),
          item.effectiveNullsFirst()));
    }
    return keys;
  }

  /** The select-list position an ordinal or unqualified output name refers to, or -1. */
  private int outputIndex(Expression expression, String clause) {
    Integer ordinal = QueryAnalyzer.ordinal(expression);
    if (ordinal != null) {
      if (ordinal < 1 || ordinal > visibleCount) {
        throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, clause + " position " + ordinal
            + " is not in select list").withPosition(expression.position());
      }
      return ordinal - 1;
    }
    if (expression instanceof Expression.ColumnRef ref && ref.parts().size() == 1) {
      int found = -1;
      for (int i = 0; i < visibleCount; i++) {
        if (names.get(i).equals(ref.name())) {
          if (found >= 0 && !outputs.get(found).equals(outputs.get(i))) {
            throw new SqlException(SqlState.AMBIGUOUS_COLUMN, clause + " \"" + ref.name() + "\" is ambiguous")
                .withPosition(ref.position());
          }
          if (found < 0) {
            found = i;
          }
        }
      }
      return found;
    }
    return -1;
  }

  private List<BoundExpression> distinctOn() {
    List<BoundExpression> keys = new ArrayList<>();
    for (Expression expression : select.distinctOn()) {
      int index = outputIndex(expression, "DISTINCT ON");
      keys.add(index >= 0 ? outputs.get(index) : binder.bindWithAggregates(expression, true));
    }
    return keys;
  }

  /** GROUP BY and aggregates: moves aggregate calls into an Aggregate node and rewrites outputs over it. */
  private void aggregate(BoundExpression having, List<SortKey> sortKeys, List<BoundExpression> distinctOn) {
    List<BoundExpression> groupKeys = new ArrayList<>();
    for (Expression expression : select.groupBy()) {
      Integer ordinal = QueryAnalyzer.ordinal(expression);
      if (ordinal != null) {
        if (ordinal < 1 || ordinal > visibleCount) {
          throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "GROUP BY position " + ordinal
              + " is not in select list").withPosition(expression.position());
        }
        groupKeys.add(outputs.get(ordinal - 1));
      } else {
        groupKeys.add(groupKey(expression));
      }
    }
    Set<AggregateCall> aggregates = new LinkedHashSet<>();
    List<BoundExpression> everything = new ArrayList<>(outputs);
    everything.addAll(distinctOn);
    if (having != null) {
      everything.add(having);
    }
    for (BoundExpression expression : everything) {
      collectAggregates(expression, aggregates);
    }
    if (groupKeys.isEmpty() && aggregates.isEmpty() && having == null) {
      return;
    }
    for (BoundExpression key : groupKeys) {
      if (key.anyMatch(e -> e instanceof AggregateCall)) {
        throw new SqlException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed in GROUP BY");
      }
    }
    List<BoundExpression> distinctKeys = List.copyOf(new LinkedHashSet<>(groupKeys));
    List<AggregateCall> calls = List.copyOf(aggregates);
    List<PlanColumn> columns = new ArrayList<>();
    for (BoundExpression key : distinctKeys) {
      columns.add(new PlanColumn(null, key instanceof BoundExpression.Column c ? c.name() : "?group?", key.type()));
    }
    for (AggregateCall call : calls) {
      columns.add(new PlanColumn(null, call.name(), call.type()));
    }
    plan = new PlanNode.Aggregate(plan, distinctKeys, calls, List.copyOf(columns));
    AggregateRewriter rewriter = new AggregateRewriter(distinctKeys, calls);
    for (int i = 0; i < outputs.size(); i++) {
      outputs.set(i, rewriter.rewrite(outputs.get(i)));
    }
    distinctOn.replaceAll(rewriter::rewrite);
    if (having != null) {
      plan = new PlanNode.Filter(plan, rewriter.rewrite(having));
    }
  }

  /** A GROUP BY item: a bare name may also be a select-list alias when no input column has it. */
  private BoundExpression groupKey(Expression expression) {
    try {
      return binder.bindPlain(expression, "GROUP BY");
    } catch (SqlException notAnInputColumn) {
      if (notAnInputColumn.state() == SqlState.UNDEFINED_COLUMN) {
        int index = outputIndex(expression, "GROUP BY");
        if (index >= 0) {
          return outputs.get(index);
        }
      }
      throw notAnInputColumn;
    }
  }

  private static void collectAggregates(BoundExpression expression, Set<AggregateCall> into) {
    if (expression instanceof AggregateCall call) {
      into.add(call);
      return;
    }
    if (expression instanceof WindowCall window) {
      for (BoundExpression child : window.children()) {
        collectAggregates(child, into);
      }
      return;
    }
    for (BoundExpression child : expression.children()) {
      collectAggregates(child, into);
    }
  }

  /** Window functions: one Window node computing every distinct call, appended to the current row. */
  private void windows() {
    Set<WindowCall> calls = new LinkedHashSet<>();
    for (BoundExpression output : outputs) {
      collectWindows(output, calls);
    }
    if (calls.isEmpty()) {
      return;
    }
    List<WindowCall> functions = List.copyOf(calls);
    int width = plan.columns().size();
    List<PlanColumn> columns = new ArrayList<>(plan.columns());
    for (WindowCall call : functions) {
      columns.add(new PlanColumn(null, call.call().name(), call.type()));
    }
    plan = new PlanNode.Window(plan, functions, List.copyOf(columns));
    for (int i = 0; i < outputs.size(); i++) {
      outputs.set(i, outputs.get(i).transform(e -> e instanceof WindowCall w
          ? new BoundExpression.Column(width + functions.indexOf(w), w.type(), w.call().name()) : e));
    }
  }

  /** Set-returning functions in the select list: a ProjectSet appends their values to the row. */
  private void setReturningFunctions() {
    Set<BoundExpression.SetReturningCall> calls = new LinkedHashSet<>();
    for (BoundExpression output : outputs) {
      output.visit(e -> {
        if (e instanceof BoundExpression.SetReturningCall call) {
          calls.add(call);
        }
      });
    }
    if (calls.isEmpty()) {
      return;
    }
    List<BoundExpression.SetReturningCall> functions = List.copyOf(calls);
    int width = plan.columns().size();
    List<PlanColumn> columns = new ArrayList<>(plan.columns());
    for (BoundExpression.SetReturningCall call : functions) {
      columns.add(new PlanColumn(null, call.name(), call.type()));
    }
    plan = new PlanNode.ProjectSet(plan, functions, List.copyOf(columns));
    for (int i = 0; i < outputs.size(); i++) {
      outputs.set(i, outputs.get(i).transform(e -> e instanceof BoundExpression.SetReturningCall call
          ? new BoundExpression.Column(width + functions.indexOf(call), call.type(), call.name()) : e));
    }
  }

  private static void collectWindows(BoundExpression expression, Set<WindowCall> into) {
    if (expression instanceof WindowCall call) {
      into.add(call);
      return;
    }
    for (BoundExpression child : expression.children()) {
      collectWindows(child, into);
    }
  }

  private PlanNode finish(List<SortKey> sortKeys, List<BoundExpression> distinctOn) {
    PlanNode result = plan;
    if (!distinctOn.isEmpty()) {
      List<SortKey> keys = new ArrayList<>();
      for (BoundExpression expression : distinctOn) {
        int index = outputs.indexOf(expression);
        if (index < 0 || index >= visibleCount) {
          throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
              "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
        }
        keys.add(new SortKey(new BoundExpression.Column(index, expression.type(), names.get(index)), false, false));
      }
      for (int i = 0; i < Math.min(keys.size(), sortKeys.size()); i++) {
        if (!((BoundExpression.Column) sortKeys.get(i).expression()).equals(keys.get(i).expression())) {
          throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
              "SELECT DISTINCT ON expressions must match initial ORDER BY expressions");
        }
        keys.set(i, sortKeys.get(i));
      }
      List<SortKey> all = new ArrayList<>(keys);
      all.addAll(sortKeys.subList(Math.min(keys.size(), sortKeys.size()), sortKeys.size()));
      result = new PlanNode.Distinct(new PlanNode.Sort(result, List.copyOf(all), 0), distinctOnPositions(keys));
    } else {
      if (select.distinct()) {
        result = new PlanNode.Distinct(result, 0);
      }
      if (!sortKeys.isEmpty()) {
        result = new PlanNode.Sort(result, List.copyOf(sortKeys), 0);
      }
    }
    if (outputs.size() == visibleCount) {
      return result;
    }
    List<BoundExpression> visible = new ArrayList<>();
    for (int i = 0; i < visibleCount; i++) {
      visible.add(new BoundExpression.Column(i, outputs.get(i).type(), names.get(i)));
    }
    return new PlanNode.Project(result, List.copyOf(visible), result.columns().subList(0, visibleCount));
  }

  /**
   * DISTINCT ON compares the key columns; the Distinct node takes a count of leading
   * columns, so the keys must be the first select-list items. Anything else is refused.
   */
  private int distinctOnPositions(List<SortKey> keys) {
    for (int i = 0; i < keys.size(); i++) {
      if (((BoundExpression.Column) keys.get(i).expression()).index() != i) {
        throw SqlException.featureNotSupported("DISTINCT ON expressions must be the leading select-list items");
      }
    }
    return keys.size();
  }
}
