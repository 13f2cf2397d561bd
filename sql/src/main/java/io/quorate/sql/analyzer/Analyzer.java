package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.SubqueryRows;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.SqlType;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The analyzer's entry point for one statement: binds names against a catalog
 * snapshot and produces plans ({@link #query}) or bound changes ({@link #insert} ...).
 * Parameter types are inferred from where parameters are used and collected in
 * {@link #parameterTypes()}. Not thread-safe; one per statement.
 */
public final class Analyzer {

  private final BindContext context;
  private final QueryAnalyzer queries;
  private final DmlAnalyzer dml;

  /**
   * @param optimizer the optimizer's passes, run on each plan that runs on its own inside
   *     the statement (WITH query bodies, subqueries); the analyzer sits before the
   *     optimizer in the pipeline, so the caller supplies it
   * @param makeRunnable turns an optimised subquery plan into something expressions can run
   */
  public Analyzer(Catalog catalog, List<String> searchPath, ZoneId zone, Map<Integer, SqlType> knownParameterTypes,
      UnaryOperator<PlanNode> optimizer, Function<PlanNode, SubqueryRows> makeRunnable) {
    Map<Integer, SqlType> parameterTypes = new TreeMap<>(knownParameterTypes);
    QueryAnalyzer[] self = new QueryAnalyzer[1];
    BindContext.SubqueryPlanner subqueries = new BindContext.SubqueryPlanner() {
      @Override
      public PlanNode plan(Query query, Scope outer) {
        return self[0].analyze(query, outer);
      }

      @Override
      public PlanNode optimized(PlanNode plan) {
        return optimizer.apply(plan);
      }

      @Override
      public SubqueryRows runnable(PlanNode plan) {
        return makeRunnable.apply(optimizer.apply(plan));
      }
    };
    this.context = new BindContext(catalog, searchPath, zone, parameterTypes, subqueries);
    this.queries = new QueryAnalyzer(context);
    self[0] = queries;
    this.dml = new DmlAnalyzer(queries);
  }

  public PlanNode query(Query query) {
    return queries.analyze(query, null);
  }

  public BoundDml.Insert insert(Statement.Insert insert) {
    return dml.insert(insert);
  }

  public BoundDml.Update update(Statement.Update update) {
    return dml.update(update);
  }

  public BoundDml.Delete delete(Statement.Delete delete) {
    return dml.delete(delete);
  }

  /** The checks of {@code table}, for validating existing rows when a constraint is added. */
  public BoundDml.TableChecks checks(TableInfo table) {
    return dml.checks(table, table.name());
  }

  /** A constant expression (no columns), such as a DEFAULT being declared, cast to {@code type}. */
  public BoundExpression constantExpression(Expression expression, SqlType type, String clause) {
    ExpressionBinder binder = new ExpressionBinder(context, new Scope(null, false, List.of()));
    BoundExpression bound = binder.bindPlain(expression, clause);
    return type == null ? bound : binder.cast(bound, type, false, expression.position());
  }

  /** A condition over {@code table}'s columns, such as a CHECK being declared. */
  public BoundExpression tableCondition(TableInfo table, Expression condition, String clause) {
    ExpressionBinder binder = new ExpressionBinder(context,
        new Scope(null, false, DmlAnalyzer.tableColumns(table, table.name())));
    return binder.bindCondition(condition, clause, false);
  }

  /** Parameter types inferred so far, by 1-based index. */
  public Map<Integer, SqlType> parameterTypes() {
    return context.parameterTypes();
  }
}
