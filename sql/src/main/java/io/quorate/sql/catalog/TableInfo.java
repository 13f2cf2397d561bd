package io.quorate.sql.catalog;

import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * A table or view. Rows are stored under the primary index ({@link IndexInfo#PRIMARY_ID});
 * a table without a declared primary key gets a hidden row id as its key
 * ({@code primaryKey} null). {@code rowVersion} is the row format version rows are
 * written with: it grows when a column is added, so older rows decode with the new
 * column filled from its default. A view has {@code viewSql} and no storage.
 */
public record TableInfo(long id, String schema, String name, List<ColumnInfo> columns, IndexInfo primaryKey,
    List<IndexInfo> secondaryIndexes, List<CheckInfo> checks, List<ForeignKeyInfo> foreignKeys, int rowVersion,
    String viewSql, List<String> viewColumnNames) {

  public boolean isView() {
    return viewSql != null;
  }

  /** Stored column types by position, dropped columns included. */
  public SqlType[] storedTypes() {
    SqlType[] types = new SqlType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
    }
    return types;
  }

  /** Stored position of the live column {@code name}, or -1. */
  public int columnPosition(String columnName) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo column = columns.get(i);
      if (!column.dropped() && column.name().equals(columnName)) {
        return i;
      }
    }
    return -1;
  }

  /** Stored positions of the live columns, in table order. */
  public List<Integer> livePositions() {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!columns.get(i).dropped()) {
        positions.add(i);
      }
    }
    return positions;
  }

  /** Every index, the primary key first when there is one. */
  public List<IndexInfo> allIndexes() {
    List<IndexInfo> all = new ArrayList<>();
    if (primaryKey != null) {
      all.add(primaryKey);
    }
    all.addAll(secondaryIndexes);
    return all;
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  /** A copy with other columns; the caller decides whether the row version changes. */
  public TableInfo withColumns(List<ColumnInfo> newColumns, int newRowVersion) {
    return new TableInfo(id, schema, name, List.copyOf(newColumns), primaryKey, secondaryIndexes, checks,
        foreignKeys, newRowVersion, viewSql, viewColumnNames);
  }

  public TableInfo withName(String newName) {
    return new TableInfo(id, schema, newName, columns, primaryKey, secondaryIndexes, checks, foreignKeys,
        rowVersion, viewSql, viewColumnNames);
  }

  public TableInfo withIndexes(IndexInfo newPrimaryKey, List<IndexInfo> newSecondary) {
    return new TableInfo(id, schema, name, columns, newPrimaryKey, List.copyOf(newSecondary), checks, foreignKeys,
        rowVersion, viewSql, viewColumnNames);
  }

  public TableInfo withConstraints(List<CheckInfo> newChecks, List<ForeignKeyInfo> newForeignKeys) {
    return new TableInfo(id, schema, name, columns, primaryKey, secondaryIndexes, List.copyOf(newChecks),
        List.copyOf(newForeignKeys), rowVersion, viewSql, viewColumnNames);
  }

  /** The next free secondary index id. */
  public int nextIndexId() {
    int next = IndexInfo.PRIMARY_ID + 1;
    for (IndexInfo index : secondaryIndexes) {
      next = Math.max(next, index.id() + 1);
    }
    return next;
  }
}
