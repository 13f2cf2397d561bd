package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.TableRef;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.catalog.system.SystemRelation;
import io.quorate.sql.catalog.system.SystemRelations;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans a FROM clause: tables, views, WITH references, derived tables, set-returning
 * functions and joins. Several FROM items are cross-joined left to right; the
 * optimizer later turns WHERE conjuncts into join conditions.
 */
final class FromAnalyzer {

  /** A planned FROM item and the columns it exposes to names. */
  record Planned(PlanNode plan, List<Scope.Column> columns) {}

  private final QueryAnalyzer analyzer;

  FromAnalyzer(QueryAnalyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** The whole FROM clause; an empty one is a single row with no columns. */
  Planned from(List<TableRef> items, Scope outer) {
    if (items.isEmpty()) {
      return new Planned(new PlanNode.Values(List.of(List.of()), List.of()), List.of());
    }
    Planned result = null;
    for (TableRef item : items) {
      Planned next = item(item, outer);
      result = result == null ? next : join(PlanNode.JoinKind.INNER, result, next, null, outer);
    }
    checkDuplicateAliases(items);
    return result;
  }

  private void checkDuplicateAliases(List<TableRef> items) {
    Set<String> seen = new HashSet<>();
    for (TableRef item : items) {
      collectAliases(item, seen);
    }
  }

  private void collectAliases(TableRef item, Set<String> seen) {
    String alias = switch (item) {
      case TableRef.Named named -> named.alias() != null ? named.alias() : named.name().name();
      case TableRef.Subquery subquery -> subquery.alias();
      case TableRef.Function function -> function.alias() != null ? function.alias() : function.call().name();
      case TableRef.Join join -> {
        collectAliases(join.left(), seen);
        collectAliases(join.right(), seen);
        yield null;
      }
    };
    if (alias != null && !seen.add(alias)) {
      throw new SqlException(SqlState.DUPLICATE_ALIAS, "table name \"" + alias + "\" specified more than once");
    }
  }

  Planned item(TableRef item, Scope outer) {
    return switch (item) {
      case TableRef.Named named -> named(named, outer);
      case TableRef.Subquery subquery -> {
        PlanNode plan = analyzer.analyze(subquery.query(), outer);
        // PostgreSQL 16 allows a subquery without an alias; it cannot be named by qualified references
        yield renamed(plan, subquery.alias() != null ? subquery.alias() : "unnamed_subquery",
            subquery.columnAliases());
      }
      case TableRef.Function function -> function(function, outer);
      case TableRef.Join join -> joined(join, outer);
    };
  }

  private Planned named(TableRef.Named named, Scope outer) {
    String alias = named.alias() != null ? named.alias() : named.name().name();
    if (named.name().schema() == null) {
      QueryAnalyzer.CommonTableEntry cte = analyzer.commonTable(named.name().name());
      if (cte != null) {
        return renamed(new PlanNode.CteScan(cte.result(), cte.columns()), alias, named.columnAliases());
      }
    }
    SystemRelation system = SystemRelations.find(named.name(), analyzer.context().searchPath());
    if (system != null) {
      return renamed(SystemRelationPlans.scan(system, analyzer.context().systemContext(), alias), alias,
          named.columnAliases());
    }
    TableInfo table = analyzer.context().catalog().table(named.name(), analyzer.context().searchPath());
    if (table == null) {
      throw SqlException.undefinedTable(named.name().toString()).withPosition(named.position());
    }
    if (table.isView()) {
      Query query = (Query) Parser.parseOne(table.viewSql());
      PlanNode plan = analyzer.analyze(query, null);
      List<String> names = named.columnAliases().isEmpty() ? table.viewColumnNames() : named.columnAliases();
      return renamed(plan, alias, names);
    }
    PlanNode.TableScan scan = scan(table, alias, false);
    List<Scope.Column> columns = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnInfo column = table.columns().get(i);
      String name = column.name();
      int aliasIndex = liveIndex(table, i);
      if (!column.dropped() && aliasIndex < named.columnAliases().size()) {
        name = named.columnAliases().get(aliasIndex);
      }
      columns.add(new Scope.Column(alias, name, column.type(), column.dropped()));
    }
    return new Planned(scan, columns);
  }

  private static int liveIndex(TableInfo table, int position) {
    int live = 0;
    for (int i = 0; i < position; i++) {
      if (!table.columns().get(i).dropped()) {
        live++;
      }
    }
    return live;
  }

  /** A full scan of {@code table} in primary-key order, optionally with each row's key. */
  static PlanNode.TableScan scan(TableInfo table, String alias, boolean withRowKey) {
    List<PlanColumn> columns = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      columns.add(new PlanColumn(alias, column.name(), column.type()));
    }
    if (withRowKey) {
      columns.add(new PlanColumn(alias, "ctid", SqlType.BYTEA));
    }
    return PlanNode.TableScan.full(table, withRowKey, List.copyOf(columns));
  }

  /** {@code plan}'s columns under a new table alias and, optionally, new column names. */
  static Planned renamed(PlanNode plan, String alias, List<String> columnAliases) {
    List<PlanColumn> source = plan.columns();
    if (columnAliases.size() > source.size()) {
      throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + alias + "\" has " + source.size()
          + " columns available but " + columnAliases.size() + " columns specified");
    }
    List<Scope.Column> columns = new ArrayList<>();
    List<PlanColumn> planColumns = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      String name = i < columnAliases.size() ? columnAliases.get(i) : source.get(i).name();
      columns.add(new Scope.Column(alias, name, source.get(i).type(), false));
      planColumns.add(new PlanColumn(alias, name, source.get(i).type()));
    }
    List<BoundExpression> identity = new ArrayList<>();
    for (int i = 0; i < source.size(); i++) {
      identity.add(new BoundExpression.Column(i, source.get(i).type(), source.get(i).name()));
    }
    return new Planned(new PlanNode.Project(plan, List.copyOf(identity), List.copyOf(planColumns)), columns);
  }

  /**
   * A function in FROM: one column for its values, or one per field when they are
   * records, then WITH ORDINALITY's bigint; column aliases name them in that order.
   */
  private Planned function(TableRef.Function function, Scope outer) {
    Expression.FunctionCall call = function.call();
    String name = call.name().startsWith("pg_catalog.") ? call.name().substring("pg_catalog.".length())
        : call.name();
    ExpressionBinder binder = new ExpressionBinder(analyzer.context(), new Scope(outer, false, List.of()));
    List<BoundExpression> arguments = new ArrayList<>();
    for (Expression argument : call.arguments()) {
      arguments.add(binder.bindPlain(argument, "functions in FROM"));
    }
    SqlType type = SetReturningFunctions.type(name, arguments, binder, function.position());
    String alias = function.alias() != null ? function.alias() : OutputNames.of(call);
    List<SqlType.Field> fields = new ArrayList<>(type.kind() == SqlType.Kind.RECORD ? type.fields()
        : List.of(new SqlType.Field(alias, type)));
    if (function.ordinality()) {
      fields.add(new SqlType.Field("ordinality", SqlType.BIGINT));
    }
    if (function.columnAliases().size() > fields.size()) {
      throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + alias + "\" has " + fields.size()
          + " columns available but " + function.columnAliases().size() + " columns specified");
    }
    List<PlanColumn> planColumns = new ArrayList<>();
    List<Scope.Column> columns = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String column = i < function.columnAliases().size() ? function.columnAliases().get(i) : fields.get(i).name();
      planColumns.add(new PlanColumn(alias, column, fields.get(i).type()));
      columns.add(new Scope.Column(alias, column, fields.get(i).type(), false));
    }
    PlanNode plan = new PlanNode.FunctionScan(name, List.copyOf(arguments), type, function.ordinality(),
        List.copyOf(planColumns));
    return new Planned(plan, columns);
  }

  private Planned joined(TableRef.Join join, Scope outer) {
    Planned left = item(join.left(), outer);
    Planned right = item(join.right(), outer);
    PlanNode.JoinKind kind = switch (join.kind()) {
      case INNER, CROSS -> PlanNode.JoinKind.INNER;
      case LEFT -> PlanNode.JoinKind.LEFT;
      case RIGHT -> PlanNode.JoinKind.RIGHT;
      case FULL -> PlanNode.JoinKind.FULL;
    };
    List<String> using = join.using();
    if (join.natural()) {
      using = new ArrayList<>();
      for (Scope.Column column : left.columns()) {
        if (!column.hidden() && right.columns().stream().anyMatch(c -> !c.hidden() && c.name().equals(column.name()))) {
          using.add(column.name());
        }
      }
    }
    if (!using.isEmpty()) {
      return usingJoin(kind, left, right, using, outer);
    }
    return join(kind, left, right, join.condition(), outer);
  }

  private Planned join(PlanNode.JoinKind kind, Planned left, Planned right, Expression condition, Scope outer) {
    List<Scope.Column> columns = new ArrayList<>(left.columns());
    columns.addAll(right.columns());
    BoundExpression bound = null;
    if (condition != null) {
      ExpressionBinder binder = new ExpressionBinder(analyzer.context(), new Scope(outer, false, columns));
      bound = binder.bindCondition(condition, "JOIN/ON", false);
    }
    return new Planned(PlanNode.Join.of(kind, left.plan(), right.plan(), bound), columns);
  }

  /**
   * USING (a, b) and NATURAL: equality on each pair, and PostgreSQL's column layout: the
   * merged join columns first (for FULL joins the non-NULL one of the two), then the
   * other columns of the left and of the right side. The two original copies stay
   * reachable by qualified name ({@code l.a}) but not by {@code a} or {@code *}.
   */
  private Planned usingJoin(PlanNode.JoinKind kind, Planned left, Planned right, List<String> using, Scope outer) {
    int leftWidth = left.columns().size();
    List<BoundExpression> conditions = new ArrayList<>();
    List<BoundExpression> merged = new ArrayList<>();
    List<Integer> leftUsed = new ArrayList<>();
    List<Integer> rightUsed = new ArrayList<>();
    ExpressionBinder binder = new ExpressionBinder(analyzer.context(), new Scope(outer, false, List.of()));
    for (String name : using) {
      int l = indexOf(left.columns(), name);
      int r = indexOf(right.columns(), name);
      if (l < 0 || r < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" specified in USING clause "
            + "does not exist in " + (l < 0 ? "left" : "right") + " table");
      }
      if (leftUsed.contains(l)) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column name \"" + name
            + "\" appears more than once in USING clause");
      }
      leftUsed.add(l);
      rightUsed.add(r);
      BoundExpression[] pair = binder.coercePair(
          new BoundExpression.Column(l, left.columns().get(l).type(), name),
          new BoundExpression.Column(leftWidth + r, right.columns().get(r).type(), name), "=");
      conditions.add(new BoundExpression.Comparison("=", pair[0], pair[1]));
      merged.add(switch (kind) {
        case FULL -> new BoundExpression.Coalesce(List.of(pair[0], pair[1]), pair[0].type());
        case RIGHT -> pair[1];
        default -> pair[0];
      });
    }
    BoundExpression condition = conditions.size() == 1 ? conditions.get(0)
        : new BoundExpression.Logical(true, List.copyOf(conditions));
    PlanNode.Join join = PlanNode.Join.of(kind, left.plan(), right.plan(), condition);
    List<BoundExpression> outputs = new ArrayList<>(merged);
    List<Scope.Column> columns = new ArrayList<>();
    for (int i = 0; i < using.size(); i++) {
      columns.add(new Scope.Column(null, using.get(i), merged.get(i).type(), false));
    }
    addSide(left.columns(), 0, leftUsed, false, outputs, columns);
    addSide(right.columns(), leftWidth, rightUsed, false, outputs, columns);
    addSide(left.columns(), 0, leftUsed, true, outputs, columns);
    addSide(right.columns(), leftWidth, rightUsed, true, outputs, columns);
    List<PlanColumn> planColumns = new ArrayList<>();
    for (Scope.Column column : columns) {
      planColumns.add(new PlanColumn(column.table(), column.name(), column.type()));
    }
    return new Planned(new PlanNode.Project(join, List.copyOf(outputs), List.copyOf(planColumns)), columns);
  }

  /** Appends one side's columns: those not in USING ({@code used} false), or its hidden USING copies. */
  private static void addSide(List<Scope.Column> side, int offset, List<Integer> usedPositions, boolean used,
      List<BoundExpression> outputs, List<Scope.Column> columns) {
    for (int i = 0; i < side.size(); i++) {
      if (usedPositions.contains(i) != used) {
        continue;
      }
      Scope.Column column = side.get(i);
      outputs.add(new BoundExpression.Column(offset + i, column.type(), column.name()));
      columns.add(new Scope.Column(column.table(), column.name(), column.type(), used || column.hidden()));
    }
  }

  private static int indexOf(List<Scope.Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).hidden() && columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
