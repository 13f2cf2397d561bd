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
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Casts;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY ... FROM STDIN into a table, streaming: each row is parsed as its data arrives,
 * converted with its columns' input functions, completed with the other columns'
 * defaults and stored through the same writer as INSERT (so every constraint holds)
 * before the next row is read. Memory therefore stays at one row plus the transaction's
 * own writes, however long the input. Errors carry PostgreSQL's CONTEXT
 * ({@code COPY t, line 3, column b: "x"}).
 */
public final class CopyIn {

  private final ExecutionContext execution;
  private final EvaluationContext evaluation;
  private final Catalog catalog;
  private final Analyzer analyzer;

  public CopyIn(ExecutionContext execution, Catalog catalog, Analyzer analyzer) {
    this.execution = execution;
    this.evaluation = execution.evaluation();
    this.catalog = catalog;
    this.analyzer = analyzer;
  }

  /** Inserts every row of {@code data} (UTF-8), reading it to its end; returns the row count. */
  public long run(Statement.Copy copy, InputStream data) {
    BoundDml.Insert defaults = analyzer.insert(new Statement.Insert(copy.table(), null, List.of(), null, null,
        List.of(), Statement.Overriding.NONE));
    TableInfo table = defaults.table();
    List<BoundExpression> defaultRow = ((PlanNode.Values) defaults.source()).rows().get(0);
    List<Integer> targets = targets(table, copy.columns());
    CopyParser parser = new CopyParser(table.name(), copy.options(), data);
    TableWriter writer = new TableWriter(execution.transaction(), evaluation, catalog);
    long count = 0;
    for (String[] fields = parser.next(); fields != null; fields = parser.next()) {
      Object[] row = row(table, targets, defaultRow, fields, parser);
      try {
        writer.insert(table, row, defaults.checks());
      } catch (SqlException error) {
        throw error.withContext(storeContext(error, parser));
      }
      count++;
      execution.checkCancelled();
    }
    return count;
  }

  /**
   * PostgreSQL checks NOT NULL and CHECK as it reads a line, so their context shows the
   * line; unique keys and the rest are checked when buffered rows are flushed, so theirs
   * shows the line number only.
   */
  private static String storeContext(SqlException error, CopyParser parser) {
    return error.state() == SqlState.NOT_NULL_VIOLATION || error.state() == SqlState.CHECK_VIOLATION
        ? parser.recordContext() : parser.lineContext();
  }

  /** The row to store: the fields converted into the target columns, the defaults elsewhere. */
  private Object[] row(TableInfo table, List<Integer> targets, List<BoundExpression> defaultRow, String[] fields,
      CopyParser parser) {
    if (fields.length > targets.size()) {
      throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "extra data after last expected column")
          .withContext(parser.recordContext());
    }
    Object[] row = new Object[defaultRow.size()];
    for (int i = 0; i < row.length; i++) {
      if (!targets.contains(i)) {
        row[i] = defaultRow.get(i).evaluate(null, evaluation);
      }
    }
    for (int i = 0; i < targets.size(); i++) {
      ColumnInfo column = table.columns().get(targets.get(i));
      if (i >= fields.length) {
        throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "missing data for column \"" + column.name() + "\"")
            .withContext(parser.recordContext());
      }
      try {
        row[targets.get(i)] = fields[i] == null ? null : Casts.parse(fields[i], column.type(), evaluation.zone());
      } catch (SqlException error) {
        throw error.withContext(parser.columnContext(column.name(), fields[i]));
      }
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
