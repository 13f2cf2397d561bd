package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.TableRef;
import io.quorate.sql.catalog.CheckInfo;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Analyses INSERT, UPDATE and DELETE into {@link BoundDml}. */
final class DmlAnalyzer {

  private final QueryAnalyzer queries;
  private final BindContext context;

  DmlAnalyzer(QueryAnalyzer queries) {
    this.queries = queries;
    this.context = queries.context();
  }

  /** The table to change; views and missing tables are errors. */
  TableInfo targetTable(QualifiedName name, String command) {
    TableInfo table = context.catalog().table(name, context.searchPath());
    if (table == null) {
      throw SqlException.undefinedTable(name.toString());
    }
    if (table.isView()) {
      throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "cannot " + command + " view \"" + table.name() + "\"")
          .withDetail("Views are not automatically updatable in Quorate.");
    }
    return table;
  }

  /** A scope of the table's stored columns under {@code alias}; dropped columns are hidden. */
  static List<Scope.Column> tableColumns(TableInfo table, String alias) {
    List<Scope.Column> columns = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      columns.add(new Scope.Column(alias, column.name(), column.type(), column.dropped()));
    }
    return columns;
  }

  BoundDml.Insert insert(Statement.Insert insert) {
    TableInfo table = targetTable(insert.table(), "insert into");
    String alias = insert.alias() != null ? insert.alias() : table.name();
    List<Integer> targets = targetPositions(table, insert.columns());
    boolean plainValues = insert.source() != null && insert.source().body() instanceof QueryBody.Values
        && insert.source().orderBy().isEmpty() && insert.source().limit() == null && insert.source().with().isEmpty();
    PlanNode selected = insert.source() == null || plainValues ? null : queries.analyze(insert.source(), null);
    if (insert.columns().isEmpty() && insert.source() != null) {
      // without a column list, the values fill the first columns and the rest take their defaults
      int width = selected != null ? selected.columns().size()
          : ((QueryBody.Values) insert.source().body()).rows().get(0).size();
      targets = targets.subList(0, Math.min(width, targets.size()));
    }
    if (insert.overriding() == Statement.Overriding.USER) {
      throw SqlException.featureNotSupported("OVERRIDING USER VALUE is not supported");
    }
    if (insert.overriding() != Statement.Overriding.SYSTEM) {
      checkIdentityAlways(table, targets, insert.source());
    }
    PlanNode source = insert.source() == null ? defaultRow(table)
        : plainValues ? valuesRows(table, targets, (QueryBody.Values) insert.source().body())
        : selectRows(table, targets, selected);
    BoundDml.Conflict conflict = insert.onConflict() == null ? null : conflict(table, alias, insert.onConflict());
    Returning returning = returning(table, alias, insert.returning());
    return new BoundDml.Insert(table, source, conflict, returning.expressions, returning.columns,
        checks(table, alias));
  }

  /** GENERATED ALWAYS AS IDENTITY columns take only DEFAULT, as PostgreSQL enforces (428C9). */
  private static void checkIdentityAlways(TableInfo table, List<Integer> targets, Query source) {
    for (int t = 0; t < targets.size(); t++) {
      ColumnInfo column = table.columns().get(targets.get(t));
      if (column.identity() != ColumnInfo.Identity.ALWAYS || source == null) {
        continue;
      }
      int item = t;
      boolean onlyDefaults = source.body() instanceof QueryBody.Values values
          && values.rows().stream().allMatch(row -> item < row.size() && Parser.isDefaultMarker(row.get(item)));
      if (!onlyDefaults) {
        throw new SqlException(SqlState.GENERATED_ALWAYS, "cannot insert a non-DEFAULT value into column \""
            + column.name() + "\"").withDetail("Column \"" + column.name() + "\" is an identity column defined as "
            + "GENERATED ALWAYS.").withHint("Use OVERRIDING SYSTEM VALUE to override.");
      }
    }
  }

  private List<Integer> targetPositions(TableInfo table, List<String> columns) {
    List<Integer> positions = new ArrayList<>();
    if (columns.isEmpty()) {
      return table.livePositions();
    }
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      int position = table.columnPosition(column);
      if (position < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN,
            "column \"" + column + "\" of relation \"" + table.name() + "\" does not exist");
      }
      if (!seen.add(column)) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
      }
      positions.add(position);
    }
    return positions;
  }

  private PlanNode defaultRow(TableInfo table) {
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, List.of()));
    List<BoundExpression> row = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      row.add(defaultValue(table, i, binder));
    }
    return new PlanNode.Values(List.of(List.copyOf(row)), storedColumns(table));
  }

  private PlanNode valuesRows(TableInfo table, List<Integer> targets, QueryBody.Values values) {
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, List.of()));
    List<List<BoundExpression>> rows = new ArrayList<>();
    for (List<Expression> items : values.rows()) {
      checkArity(items.size(), targets.size());
      BoundExpression[] row = new BoundExpression[table.columns().size()];
      for (int t = 0; t < targets.size(); t++) {
        int position = targets.get(t);
        Expression item = items.get(t);
        row[position] = Parser.isDefaultMarker(item) ? defaultValue(table, position, binder)
            : assign(binder, binder.bindPlain(item, "VALUES"), table.columns().get(position), item.position());
      }
      for (int i = 0; i < row.length; i++) {
        if (row[i] == null) {
          row[i] = defaultValue(table, i, binder);
        }
      }
      rows.add(List.of(row));
    }
    return new PlanNode.Values(List.copyOf(rows), storedColumns(table));
  }

  private static void checkArity(int values, int targets) {
    if (values > targets) {
      throw SqlException.syntaxError("INSERT has more expressions than target columns", 0);
    }
    if (values < targets) {
      throw SqlException.syntaxError("INSERT has more target columns than expressions", 0);
    }
  }

  private PlanNode selectRows(TableInfo table, List<Integer> targets, PlanNode plan) {
    checkArity(plan.columns().size(), targets.size());
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, List.of()));
    BoundExpression[] row = new BoundExpression[table.columns().size()];
    for (int t = 0; t < targets.size(); t++) {
      PlanColumn column = plan.columns().get(t);
      row[targets.get(t)] = assign(binder, new BoundExpression.Column(t, column.type(), column.name()),
          table.columns().get(targets.get(t)), 0);
    }
    for (int i = 0; i < row.length; i++) {
      if (row[i] == null) {
        row[i] = defaultValue(table, i, binder);
      }
    }
    return new PlanNode.Project(plan, List.of(row), storedColumns(table));
  }

  private static List<PlanColumn> storedColumns(TableInfo table) {
    List<PlanColumn> columns = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      columns.add(new PlanColumn(table.name(), column.name(), column.type()));
    }
    return List.copyOf(columns);
  }

  /** A value stored into {@code column}: assignment-cast, with PostgreSQL's 42804 when no cast applies. */
  static BoundExpression assign(ExpressionBinder binder, BoundExpression value, ColumnInfo column, int position) {
    SqlType from = value.type();
    SqlType to = column.type();
    if (!Casts.allowed(from, to, Casts.Context.ASSIGNMENT)) {
      throw new SqlException(SqlState.DATATYPE_MISMATCH, "column \"" + column.name() + "\" is of type "
          + to.pgName() + " but expression is of type " + from.base().pgName())
          .withHint("You will need to rewrite or cast the expression.").withPosition(position);
    }
    if (from.equals(to)) {
      return value;
    }
    if (value instanceof BoundExpression.Parameter || value instanceof BoundExpression.Constant) {
      return binder.cast(value, to, false, position);
    }
    return new BoundExpression.Cast(value, to, false);
  }

  /** The DEFAULT of the column at {@code position}, or NULL. */
  BoundExpression defaultValue(TableInfo table, int position, ExpressionBinder binder) {
    ColumnInfo column = table.columns().get(position);
    if (column.defaultSql() == null || column.dropped()) {
      return new BoundExpression.Constant(null, column.type());
    }
    Expression expression = Parser.parseExpression(column.defaultSql());
    return assign(binder, binder.bindPlain(expression, "DEFAULT expressions"), column, 0);
  }

  private BoundDml.Conflict conflict(TableInfo table, String alias, Statement.OnConflict onConflict) {
    IndexInfo arbiter = null;
    if (!onConflict.targetColumns().isEmpty()) {
      List<Integer> positions = targetPositions(table, onConflict.targetColumns());
      for (IndexInfo index : table.allIndexes()) {
        if (index.unique() && new HashSet<>(index.columns()).equals(new HashSet<>(positions))) {
          arbiter = index;
        }
      }
      if (arbiter == null) {
        throw new SqlException(SqlState.INVALID_COLUMN_REFERENCE,
            "there is no unique or exclusion constraint matching the ON CONFLICT specification");
      }
    } else if (!onConflict.assignments().isEmpty()) {
      throw SqlException.syntaxError("ON CONFLICT DO UPDATE requires inference specification or constraint name", 0)
          .withHint("For example, ON CONFLICT (column_name).");
    }
    if (onConflict.assignments().isEmpty()) {
      return new BoundDml.Conflict(arbiter, null, null);
    }
    List<Scope.Column> columns = tableColumns(table, alias);
    columns.addAll(tableColumns(table, "excluded"));
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, columns));
    List<BoundExpression> assignments = assignments(table, onConflict.assignments(), binder);
    BoundExpression where = onConflict.where() == null ? null
        : binder.bindCondition(onConflict.where(), "WHERE", false);
    return new BoundDml.Conflict(arbiter, assignments, where);
  }

  private List<BoundExpression> assignments(TableInfo table, List<Statement.Assignment> assignments,
      ExpressionBinder binder) {
    BoundExpression[] values = new BoundExpression[table.columns().size()];
    for (Statement.Assignment assignment : assignments) {
      int position = table.columnPosition(assignment.column());
      if (position < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + assignment.column() + "\" of relation \""
            + table.name() + "\" does not exist").withPosition(assignment.position());
      }
      if (values[position] != null) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "multiple assignments to same column \""
            + assignment.column() + "\"");
      }
      ColumnInfo column = table.columns().get(position);
      if (column.identity() == ColumnInfo.Identity.ALWAYS && assignment.value() != null) {
        throw new SqlException(SqlState.GENERATED_ALWAYS, "column \"" + column.name()
            + "\" can only be updated to DEFAULT").withDetail("Column \"" + column.name()
            + "\" is an identity column defined as GENERATED ALWAYS.");
      }
      values[position] = assignment.value() == null ? defaultValue(table, position, binder)
          : assign(binder, binder.bindPlain(assignment.value(), "UPDATE"), table.columns().get(position),
              assignment.value().position());
    }
    return Arrays.asList(values);
  }

  BoundDml.Update update(Statement.Update update) {
    TableInfo table = targetTable(update.table(), "update");
    String alias = update.alias() != null ? update.alias() : table.name();
    Source source = source(table, alias, update.from(), update.where());
    ExpressionBinder binder = new ExpressionBinder(context, source.scope);
    List<BoundExpression> assignments = assignments(table, update.assignments(), binder);
    Returning returning = returning(table, alias, update.returning());
    return new BoundDml.Update(table, source.plan, assignments, source.recheck, returning.expressions,
        returning.columns, checks(table, alias));
  }

  BoundDml.Delete delete(Statement.Delete delete) {
    TableInfo table = targetTable(delete.table(), "delete from");
    String alias = delete.alias() != null ? delete.alias() : table.name();
    Source source = source(table, alias, delete.using(), delete.where());
    Returning returning = returning(table, alias, delete.returning());
    return new BoundDml.Delete(table, source.plan, source.recheck, returning.expressions, returning.columns,
        checks(table, alias));
  }

  private record Source(PlanNode plan, Scope scope, BoundExpression recheck) {}

  /** The rows an UPDATE or DELETE changes: the table with row keys, joined with FROM/USING, filtered. */
  private Source source(TableInfo table, String alias, List<TableRef> from, Expression where) {
    List<Scope.Column> columns = tableColumns(table, alias);
    columns.add(new Scope.Column(alias, "ctid", SqlType.BYTEA, true));
    PlanNode plan = FromAnalyzer.scan(table, alias, true);
    if (!from.isEmpty()) {
      FromAnalyzer.Planned others = new FromAnalyzer(queries).from(from, null);
      plan = PlanNode.Join.of(PlanNode.JoinKind.INNER, plan, others.plan(), null);
      columns.addAll(others.columns());
    }
    Scope scope = new Scope(null, false, columns);
    // without WHERE every row qualifies, also its newest version; with FROM/USING rows are not re-read
    BoundExpression recheck = from.isEmpty() ? new BoundExpression.Constant(true, SqlType.BOOLEAN) : null;
    if (where != null) {
      ExpressionBinder binder = new ExpressionBinder(context, scope);
      BoundExpression condition = binder.bindCondition(where, "WHERE", false);
      plan = new PlanNode.Filter(plan, condition);
      if (from.isEmpty()) {
        recheck = condition;
      }
    }
    return new Source(plan, scope, recheck);
  }

  private record Returning(List<BoundExpression> expressions, List<PlanColumn> columns) {}

  private Returning returning(TableInfo table, String alias, List<QueryBody.SelectItem> items) {
    List<BoundExpression> expressions = new ArrayList<>();
    List<PlanColumn> columns = new ArrayList<>();
    Scope scope = new Scope(null, false, tableColumns(table, alias));
    ExpressionBinder binder = new ExpressionBinder(context, scope);
    for (QueryBody.SelectItem item : items) {
      if (item instanceof QueryBody.Star) {
        for (int position : table.livePositions()) {
          ColumnInfo column = table.columns().get(position);
          expressions.add(new BoundExpression.Column(position, column.type(), column.name()));
          columns.add(new PlanColumn(null, column.name(), column.type()));
        }
      } else if (item instanceof QueryBody.ExpressionItem expression) {
        BoundExpression bound = binder.bindPlain(expression.expression(), "RETURNING");
        expressions.add(bound);
        columns.add(new PlanColumn(null, expression.alias() != null ? expression.alias()
            : OutputNames.of(expression.expression()), bound.type()));
      }
    }
    return new Returning(List.copyOf(expressions), List.copyOf(columns));
  }

  /** The table's CHECK constraints bound over its stored row. */
  BoundDml.TableChecks checks(TableInfo table, String alias) {
    List<String> names = new ArrayList<>();
    List<BoundExpression> conditions = new ArrayList<>();
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, tableColumns(table, alias)));
    for (CheckInfo check : table.checks()) {
      Expression condition = Parser.parseExpression(check.conditionSql());
      names.add(check.name());
      conditions.add(binder.bindCondition(condition, "CHECK", false));
    }
    return new BoundDml.TableChecks(List.copyOf(names), List.copyOf(conditions));
  }
}
