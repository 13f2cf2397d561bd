package io.quorate.sql.executor;

import io.quorate.sql.analyzer.BoundDml;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.catalog.CheckInfo;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.ForeignKeyInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ALTER TABLE. Adding a column without a default rewrites nothing: older rows decode
 * with NULL in it. A column added with a default, a new primary key, or a new NOT
 * NULL/CHECK/unique/foreign-key constraint reads the existing rows (and rewrites them
 * for the first two) within the statement's transaction.
 */
final class AlterTableExecutor {

  private final DdlContext context;
  private final DdlExecutor ddl;

  AlterTableExecutor(DdlContext context, DdlExecutor ddl) {
    this.context = context;
    this.ddl = ddl;
  }

  void alter(Statement.AlterTable alter) {
    TableInfo table = context.catalog().table(alter.table(), context.searchPath());
    if (table == null) {
      if (alter.ifExists()) {
        context.notices().accept("relation \"" + alter.table().name() + "\" does not exist, skipping");
        return;
      }
      throw SqlException.undefinedTable(alter.table().toString());
    }
    for (Statement.AlterAction action : alter.actions()) {
      table = apply(table, action);
      context.store().putTable(context.transaction(), table);
    }
  }

  private TableInfo apply(TableInfo table, Statement.AlterAction action) {
    return switch (action) {
      case Statement.AddColumn add -> addColumn(table, add);
      case Statement.DropColumn drop -> dropColumn(table, drop);
      case Statement.RenameColumn rename -> renameColumn(table, rename);
      case Statement.RenameTable rename -> {
        if (context.catalog().relationExists(table.schema(), rename.to())) {
          throw SqlException.duplicateTable(rename.to());
        }
        yield table.withName(rename.to());
      }
      case Statement.AddConstraint add -> addConstraint(table, add.constraint());
      case Statement.DropConstraint drop -> dropConstraint(table, drop);
      case Statement.AlterColumnDefault change -> {
        int position = position(table, change.column());
        if (change.value() != null) {
          context.analyzer().constantExpression(change.value(), table.columns().get(position).type(),
              "DEFAULT expressions");
        }
        yield withColumn(table, position, table.columns().get(position).withDefault(change.sourceText()));
      }
      case Statement.AlterColumnNotNull change -> {
        int position = position(table, change.column());
        if (change.notNull()) {
          for (Object[] row : ddl.rowsWithKeys(table)) {
            if (row[position] == null) {
              throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + change.column() + "\" of relation \""
                  + table.name() + "\" contains null values");
            }
          }
        } else if (table.primaryKey() != null && table.primaryKey().columns().contains(position)) {
          throw new SqlException(SqlState.INVALID_TABLE_DEFINITION,
              "column \"" + change.column() + "\" is in a primary key");
        }
        yield withColumn(table, position, table.columns().get(position).withNotNull(change.notNull()));
      }
    };
  }

  private int position(TableInfo table, String column) {
    int position = table.columnPosition(column);
    if (position < 0) {
      throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \"" + table.name()
          + "\" does not exist");
    }
    return position;
  }

  private static TableInfo withColumn(TableInfo table, int position, ColumnInfo column) {
    List<ColumnInfo> columns = new ArrayList<>(table.columns());
    columns.set(position, column);
    return table.withColumns(columns, table.rowVersion());
  }

  private TableInfo addColumn(TableInfo table, Statement.AddColumn add) {
    if (table.columnPosition(add.column().name()) >= 0) {
      if (add.ifNotExists()) {
        context.notices().accept("column \"" + add.column().name() + "\" of relation \"" + table.name()
            + "\" already exists, skipping");
        return table;
      }
      throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + add.column().name() + "\" of relation \""
          + table.name() + "\" already exists");
    }
    TableBuilder builder = new TableBuilder(context, table);
    builder.addColumn(add.column());
    for (var sequence : builder.sequences()) {
      context.store().putSequence(context.transaction(), sequence);
    }
    TableInfo widened = builder.build(table).withColumns(builder.columns(), table.rowVersion() + 1);
    ColumnInfo column = widened.columns().get(widened.columns().size() - 1);
    List<Object[]> rows = ddl.rowsWithKeys(table);
    boolean keysChanged = !java.util.Objects.equals(widened.primaryKey(), table.primaryKey())
        || widened.secondaryIndexes().size() != table.secondaryIndexes().size();
    boolean rewritten = !rows.isEmpty() && (column.defaultSql() != null || keysChanged);
    if (rewritten) {
      rewrite(table, widened, rows);
    } else if (column.notNull() && !rows.isEmpty()) {
      throw new SqlException(SqlState.NOT_NULL_VIOLATION, "column \"" + column.name() + "\" of relation \""
          + table.name() + "\" contains null values");
    }
    validateNewConstraints(table, widened, rewritten ? widened : table);
    return widened;
  }

  /**
   * Stores every row again under the widened definition: the new column filled from its
   * default (evaluated per row, so serial columns number the rows), under the new
   * primary key if the column brought one, with every index entry, uniqueness checked.
   */
  private void rewrite(TableInfo before, TableInfo after, List<Object[]> rows) {
    ColumnInfo column = after.columns().get(after.columns().size() - 1);
    var value = column.defaultSql() == null ? new io.quorate.sql.expression.BoundExpression.Constant(null,
        column.type()) : context.analyzer().constantExpression(
            io.quorate.sql.parser.Parser.parseExpression(column.defaultSql()), column.type(), "DEFAULT expressions");
    ddl.deleteData(before);
    TableWriter writer = new TableWriter(context.transaction(), context.execution().evaluation(), context.catalog());
    int width = before.columns().size();
    for (Object[] row : rows) {
      Object[] widened = Arrays.copyOf(row, width + 1);
      widened[width] = value.evaluate(null, context.execution().evaluation());
      writer.insert(after, widened, new BoundDml.TableChecks(List.of(), List.of()));
    }
  }

  private TableInfo dropColumn(TableInfo table, Statement.DropColumn drop) {
    int position = table.columnPosition(drop.column());
    if (position < 0) {
      if (drop.ifExists()) {
        context.notices().accept("column \"" + drop.column() + "\" of relation \"" + table.name()
            + "\" does not exist, skipping");
        return table;
      }
      throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + drop.column() + "\" of relation \""
          + table.name() + "\" does not exist");
    }
    if (table.primaryKey() != null && table.primaryKey().columns().contains(position)) {
      throw SqlException.featureNotSupported("cannot drop column " + drop.column()
          + " because it is part of the primary key of table " + table.name());
    }
    for (TableInfo referencing : context.catalog().referencingTables(table.id())) {
      for (ForeignKeyInfo key : referencing.foreignKeys()) {
        if (key.referencedTableId() == table.id() && key.referencedColumns().contains(position)) {
          throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + drop.column()
              + " of table " + table.name() + " because other objects depend on it");
        }
      }
    }
    List<IndexInfo> kept = new ArrayList<>();
    for (IndexInfo index : table.secondaryIndexes()) {
      if (index.columns().contains(position)) {
        ddl.deleteIndexEntries(table, index);
      } else {
        kept.add(index);
      }
    }
    List<ForeignKeyInfo> keys = table.foreignKeys().stream().filter(k -> !k.columns().contains(position)).toList();
    List<CheckInfo> checks = table.checks().stream()
        .filter(c -> !mentions(c.conditionSql(), drop.column())).toList();
    TableInfo result = table.withIndexes(table.primaryKey(), kept).withConstraints(checks, keys);
    return withColumn(result, position, table.columns().get(position).asDropped());
  }

  /** {@code sql} with every identifier {@code from} written as {@code to} (quoted when it must be). */
  private static String renameIdentifier(String sql, String from, String to) {
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (io.quorate.sql.parser.Token token : io.quorate.sql.parser.Lexer.tokenize(sql)) {
      boolean name = token.kind() == io.quorate.sql.parser.TokenKind.IDENTIFIER
          || token.kind() == io.quorate.sql.parser.TokenKind.QUOTED_IDENTIFIER;
      if (name && token.text().equals(from)) {
        out.append(sql, copied, token.position() - 1);
        out.append(to.matches("[a-z_][a-z0-9_]*") && !io.quorate.sql.ast.Keywords.RESERVED.contains(to) ? to
            : "\"" + to.replace("\"", "\"\"") + "\"");
        copied = token.endOffset();
      }
    }
    return out.append(sql.substring(copied)).toString();
  }

  private static boolean mentions(String sql, String column) {
    return io.quorate.sql.parser.Lexer.tokenize(sql).stream()
        .anyMatch(t -> t.kind() != io.quorate.sql.parser.TokenKind.STRING && t.text().equals(column));
  }

  private TableInfo renameColumn(TableInfo table, Statement.RenameColumn rename) {
    int position = position(table, rename.from());
    if (table.columnPosition(rename.to()) >= 0) {
      throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + rename.to() + "\" of relation \""
          + table.name() + "\" already exists");
    }
    List<CheckInfo> checks = new ArrayList<>();
    for (CheckInfo check : table.checks()) {
      checks.add(new CheckInfo(check.name(), renameIdentifier(check.conditionSql(), rename.from(), rename.to())));
    }
    return withColumn(table.withConstraints(checks, table.foreignKeys()), position,
        table.columns().get(position).withName(rename.to()));
  }

  private TableInfo addConstraint(TableInfo table, Statement.TableConstraint constraint) {
    TableBuilder builder = new TableBuilder(context, table);
    builder.addConstraint(constraint);
    TableInfo changed = builder.build(table);
    if (table.primaryKey() == null && changed.primaryKey() != null) {
      rekey(table, changed);
    }
    for (IndexInfo index : changed.secondaryIndexes()) {
      if (table.secondaryIndexes().stream().noneMatch(i -> i.id() == index.id())) {
        ddl.buildIndex(changed, index);
      }
    }
    validateNewConstraints(table, changed, changed);
    return changed;
  }

  /** A primary key added to a table that had none: every row moves from its row id to its key. */
  private void rekey(TableInfo before, TableInfo after) {
    List<Object[]> rows = ddl.rowsWithKeys(before);
    int width = before.columns().size();
    for (IndexInfo index : before.secondaryIndexes()) {
      ddl.deleteIndexEntries(before, index);
    }
    for (Object[] row : rows) {
      context.transaction().delete(TableStorage.rowKey(before, ((Bytes) row[width]).toByteArray()));
    }
    TableWriter writer = new TableWriter(context.transaction(), context.execution().evaluation(), context.catalog());
    for (Object[] row : rows) {
      writer.insert(after.withIndexes(after.primaryKey(), List.of()), Arrays.copyOf(row, width),
          new BoundDml.TableChecks(List.of(), List.of()));
    }
    for (IndexInfo index : after.secondaryIndexes()) {
      if (before.secondaryIndexes().stream().anyMatch(i -> i.id() == index.id())) {
        ddl.buildIndex(after, index);
      }
    }
  }

  /** Checks existing rows against CHECK constraints and foreign keys that {@code after} adds. */
  /**
   * {@code stored} is the definition the rows are stored under now (the widened one
   * after a rewrite, which holds the new column's real values); columns it lacks read
   * NULL.
   */
  private void validateNewConstraints(TableInfo before, TableInfo after, TableInfo stored) {
    List<CheckInfo> newChecks = after.checks().stream().filter(c -> !before.checks().contains(c)).toList();
    List<ForeignKeyInfo> newKeys = after.foreignKeys().stream().filter(k -> !before.foreignKeys().contains(k))
        .toList();
    if (newChecks.isEmpty() && newKeys.isEmpty()) {
      return;
    }
    TableInfo checkOnly = after.withConstraints(newChecks, newKeys);
    BoundDml.TableChecks checks = context.analyzer().checks(checkOnly);
    var evaluation = context.execution().evaluation();
    List<Object[]> rows = new java.util.ArrayList<>();
    for (Object[] storedRow : ddl.rowsWithKeys(stored)) {
      Object[] row = Arrays.copyOf(storedRow, after.columns().size());
      for (int i = stored.columns().size(); i < row.length; i++) {
        row[i] = null; // the row key, or a column the stored rows do not have yet
      }
      rows.add(row);
    }
    for (Object[] row : rows) {
      for (int i = 0; i < checks.checks().size(); i++) {
        if (Boolean.FALSE.equals(checks.checks().get(i).evaluate(row, evaluation))) {
          throw new SqlException(SqlState.CHECK_VIOLATION, "check constraint \"" + checks.checkNames().get(i)
              + "\" of relation \"" + after.name() + "\" is violated by some row");
        }
      }
    }
    if (!newKeys.isEmpty()) {
      TableWriter writer = new TableWriter(context.transaction(), evaluation, context.catalog());
      TableInfo keysOnly = after.withConstraints(List.of(), newKeys).withIndexes(after.primaryKey(), List.of());
      for (Object[] row : rows) {
        writer.validateReferences(keysOnly, row);
      }
    }
  }

  private TableInfo dropConstraint(TableInfo table, Statement.DropConstraint drop) {
    List<CheckInfo> checks = table.checks().stream().filter(c -> !c.name().equals(drop.name())).toList();
    List<ForeignKeyInfo> keys = table.foreignKeys().stream().filter(k -> !k.name().equals(drop.name())).toList();
    List<IndexInfo> indexes = new ArrayList<>();
    boolean droppedIndex = false;
    for (IndexInfo index : table.secondaryIndexes()) {
      if (drop.name().equals(index.constraintName())) {
        for (TableInfo referencing : context.catalog().referencingTables(table.id())) {
          for (ForeignKeyInfo key : referencing.foreignKeys()) {
            if (key.referencedTableId() == table.id() && key.referencedColumns().equals(index.columns())) {
              throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop constraint " + drop.name()
                  + " on table " + table.name() + " because other objects depend on it")
                  .withDetail("constraint " + key.name() + " on table " + referencing.name() + " depends on index "
                      + index.name()).withHint("Use DROP ... CASCADE to drop the dependent objects too.");
            }
          }
        }
        ddl.deleteIndexEntries(table, index);
        droppedIndex = true;
      } else {
        indexes.add(index);
      }
    }
    if (table.primaryKey() != null && drop.name().equals(table.primaryKey().name())) {
      throw SqlException.featureNotSupported("dropping a primary key is not supported");
    }
    if (checks.size() == table.checks().size() && keys.size() == table.foreignKeys().size() && !droppedIndex) {
      if (drop.ifExists()) {
        context.notices().accept("constraint \"" + drop.name() + "\" of relation \"" + table.name()
            + "\" does not exist, skipping");
        return table;
      }
      throw new SqlException(SqlState.UNDEFINED_OBJECT, "constraint \"" + drop.name() + "\" of relation \""
          + table.name() + "\" does not exist");
    }
    return table.withIndexes(table.primaryKey(), indexes).withConstraints(checks, keys);
  }
}
