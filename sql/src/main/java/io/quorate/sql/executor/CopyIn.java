package io.quorate.sql.executor;

import io.quorate.sql.analyzer.Analyzer;
import io.quorate.sql.analyzer.BoundDml;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.kv.KvTransaction;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Casts;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY ... FROM STDIN into a table: parses the data, converts each field with its
 * column's input function, fills the other columns with their defaults and inserts the
 * rows through the same writer as INSERT, so every constraint holds. Errors name the
 * line and column as PostgreSQL's do.
 */
public final class CopyIn {

  private static final int BATCH_ROWS = 1000;

  private final KvTransaction transaction;
  private final EvaluationContext evaluation;
  private final Catalog catalog;
  private final Analyzer analyzer;

  public CopyIn(KvTransaction transaction, EvaluationContext evaluation, Catalog catalog, Analyzer analyzer) {
    this.transaction = transaction;
    this.evaluation = evaluation;
    this.catalog = catalog;
    this.analyzer = analyzer;
  }

  /** Inserts every row of {@code data}; returns the row count. */
  public long run(Statement.Copy copy, String data) {
    BoundDml.Insert defaults = analyzer.insert(new Statement.Insert(copy.table(), null, List.of(), null, null,
        List.of(), Statement.Overriding.NONE));
    TableInfo table = defaults.table();
    List<BoundExpression> defaultRow = ((PlanNode.Values) defaults.source()).rows().get(0);
    List<Integer> targets = targets(table, copy.columns());
    CopyParser parser = new CopyParser(copy.options());
    List<String[]> rows = parser.parse(data);
    TableWriter writer = new TableWriter(transaction, evaluation, catalog);
    ExecutionContext execution = (ExecutionContext) evaluation.executor();
    DmlExecutor executor = new DmlExecutor(execution, writer);
    long count = 0;
    List<List<BoundExpression>> batch = new ArrayList<>();
    int line = copy.options().header() ? 1 : 0;
    for (String[] fields : rows) {
      line++;
      batch.add(row(table, targets, defaultRow, fields, line));
      if (batch.size() == BATCH_ROWS) {
        count += insert(executor, defaults, batch);
      }
    }
    count += insert(executor, defaults, batch);
    return count;
  }

  private long insert(DmlExecutor executor, BoundDml.Insert defaults, List<List<BoundExpression>> batch) {
    if (batch.isEmpty()) {
      return 0;
    }
    PlanNode values = new PlanNode.Values(List.copyOf(batch), defaults.source().columns());
    batch.clear();
    return executor.insert(new BoundDml.Insert(defaults.table(), values, null, List.of(), List.of(),
        defaults.checks())).count();
  }

  private List<BoundExpression> row(TableInfo table, List<Integer> targets, List<BoundExpression> defaultRow,
      String[] fields, int line) {
    String context = "COPY " + table.name() + ", line " + line;
    if (fields.length > targets.size()) {
      throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column")
          .withDetail(context);
    }
    if (fields.length < targets.size()) {
      throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \""
          + table.columns().get(targets.get(fields.length)).name() + "\"").withDetail(context);
    }
    List<BoundExpression> row = new ArrayList<>(defaultRow);
    for (int i = 0; i < fields.length; i++) {
      ColumnInfo column = table.columns().get(targets.get(i));
      Object value;
      try {
        value = fields[i] == null ? null : Casts.parse(fields[i], column.type(), evaluation.zone());
      } catch (SqlException error) {
        throw error.withDetail(context + ", column " + column.name() + ": \"" + fields[i] + "\"");
      }
      row.set(targets.get(i), new BoundExpression.Constant(value, column.type()));
    }
    return row;
  }

  private static List<Integer> targets(TableInfo table, List<String> columns) {
    if (columns.isEmpty()) {
      return table.livePositions();
    }
    List<Integer> positions = new ArrayList<>();
    for (String column : columns) {
      if (columns.indexOf(column) != columns.lastIndexOf(column)) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
      }
      int position = table.columnPosition(column);
      if (position < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN,
            "column \"" + column + "\" of relation \"" + table.name() + "\" does not exist");
      }
      positions.add(position);
    }
    return positions;
  }

}
