package io.quorate.sql.executor;

import io.quorate.sql.analyzer.BoundDml;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.ForeignKeyInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.kv.KvTransaction;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.TextFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes rows and their index entries, enforcing NOT NULL, CHECK, primary-key and
 * unique constraints (through locked reads of the exact key, so two transactions cannot
 * both insert a value) and foreign keys in both directions (RESTRICT/NO ACTION, CASCADE,
 * SET NULL).
 */
public final class TableWriter {

  private final KvTransaction transaction;
  private final EvaluationContext evaluation;
  private final Catalog catalog;

  public TableWriter(KvTransaction transaction, EvaluationContext evaluation, Catalog catalog) {
    this.transaction = transaction;
    this.evaluation = evaluation;
    this.catalog = catalog;
  }

  /** Validates and stores a new row; returns its row key, or null when a unique conflict was tolerated. */
  public byte[] insert(TableInfo table, Object[] row, BoundDml.TableChecks checks) {
    validate(table, row, checks);
    byte[] suffix = TableStorage.newRowKeySuffix(table, row);
    byte[] key = TableStorage.rowKey(table, suffix);
    if (table.primaryKey() != null && transaction.lockForUpdate(key) != null) {
      throw duplicate(table, table.primaryKey(), row);
    }
    for (IndexInfo index : table.secondaryIndexes()) {
      byte[] indexKey = TableStorage.indexKey(table, index, row, suffix);
      if (index.unique() && !TableStorage.hasNull(index, row) && transaction.lockForUpdate(indexKey) != null) {
        throw duplicate(table, index, row);
      }
      transaction.put(indexKey, suffix);
    }
    transaction.put(key, TableStorage.encodeRow(table, row));
    return suffix;
  }

  /** The row key suffix of the existing row that {@code row} collides with on {@code index}, or null. */
  public byte[] conflictingRow(TableInfo table, IndexInfo index, Object[] row) {
    if (TableStorage.hasNull(index, row)) {
      return null;
    }
    if (index.isPrimary()) {
      byte[] suffix = TableStorage.newRowKeySuffix(table, row);
      return transaction.lockForUpdate(TableStorage.rowKey(table, suffix)) != null ? suffix : null;
    }
    return transaction.lockForUpdate(TableStorage.indexKey(table, index, row, new byte[0]));
  }

  /** The stored row at {@code suffix}, locked for update; null if it is gone. */
  public Object[] lockRow(TableInfo table, byte[] suffix) {
    byte[] value = transaction.lockForUpdate(TableStorage.rowKey(table, suffix));
    return value == null ? null : TableStorage.decodeRow(table, value);
  }

  /** Replaces {@code oldRow} (stored at {@code suffix}) by {@code newRow}; returns the new suffix. */
  public byte[] update(TableInfo table, byte[] suffix, Object[] oldRow, Object[] newRow,
      BoundDml.TableChecks checks) {
    validate(table, newRow, checks);
    byte[] newSuffix = table.primaryKey() == null ? suffix : TableStorage.newRowKeySuffix(table, newRow);
    boolean keyChanged = !Arrays.equals(suffix, newSuffix);
    if (keyChanged) {
      if (transaction.lockForUpdate(TableStorage.rowKey(table, newSuffix)) != null) {
        throw duplicate(table, table.primaryKey(), newRow);
      }
      transaction.delete(TableStorage.rowKey(table, suffix));
    }
    for (IndexInfo index : table.secondaryIndexes()) {
      byte[] oldKey = TableStorage.indexKey(table, index, oldRow, suffix);
      byte[] newKey = TableStorage.indexKey(table, index, newRow, newSuffix);
      if (Arrays.equals(oldKey, newKey)) {
        if (keyChanged) {
          transaction.put(newKey, newSuffix); // same entry key, but it must point at the moved row
        }
        continue;
      }
      transaction.delete(oldKey);
      if (index.unique() && !TableStorage.hasNull(index, newRow) && transaction.lockForUpdate(newKey) != null) {
        throw duplicate(table, index, newRow);
      }
      transaction.put(newKey, newSuffix);
    }
    transaction.put(TableStorage.rowKey(table, newSuffix), TableStorage.encodeRow(table, newRow));
    checkNotReferenced(table, oldRow, newRow); // after the write, so ON UPDATE CASCADE finds the new key
    return newSuffix;
  }

  /** Deletes the row at {@code suffix}, applying the foreign keys that reference it. */
  public void delete(TableInfo table, byte[] suffix, Object[] row) {
    for (IndexInfo index : table.secondaryIndexes()) {
      transaction.delete(TableStorage.indexKey(table, index, row, suffix));
    }
    transaction.delete(TableStorage.rowKey(table, suffix));
    onReferencedRowGone(table, row); // after the delete, so a row referencing itself is not found again
  }

  /** Checks that every foreign key of {@code table} finds its referenced row for {@code row}. */
  void validateReferences(TableInfo table, Object[] row) {
    for (ForeignKeyInfo key : table.foreignKeys()) {
      checkReferenceExists(table, key, row);
    }
  }

  private void validate(TableInfo table, Object[] row, BoundDml.TableChecks checks) {
    for (int i = 0; i < row.length; i++) {
      ColumnInfo column = table.columns().get(i);
      if (row[i] == null && column.notNull() && !column.dropped()) {
        throw SqlException.notNullViolation(column.name(), table.name())
            .withDetail("Failing row contains " + rowText(table, row) + ".");
      }
    }
    for (int i = 0; i < checks.checks().size(); i++) {
      if (Boolean.FALSE.equals(checks.checks().get(i).evaluate(row, evaluation))) {
        throw SqlException.checkViolation(table.name(), checks.checkNames().get(i))
            .withDetail("Failing row contains " + rowText(table, row) + ".");
      }
    }
    for (ForeignKeyInfo key : table.foreignKeys()) {
      checkReferenceExists(table, key, row);
    }
  }

  private void checkReferenceExists(TableInfo table, ForeignKeyInfo key, Object[] row) {
    Object[] probe = referencedProbe(table, key, row);
    if (probe == null) {
      return; // MATCH SIMPLE: any NULL column means no check
    }
    TableInfo referenced = catalog.tableById(key.referencedTableId());
    IndexInfo index = uniqueIndexOn(referenced, key.referencedColumns());
    boolean exists = index.isPrimary()
        ? transaction.lockForUpdate(TableStorage.rowKey(referenced, TableStorage.newRowKeySuffix(referenced, probe)))
            != null
        : transaction.lockForUpdate(TableStorage.indexKey(referenced, index, probe, new byte[0])) != null;
    if (!exists) {
      throw SqlException.foreignKeyViolation(table.name(), key.name(), "Key (" + columnNames(table, key.columns())
          + ")=(" + values(table, key.columns(), row) + ") is not present in table \"" + referenced.name() + "\".");
    }
  }

  /** A row of the referenced table's width holding the referencing values, or null if one is NULL. */
  private Object[] referencedProbe(TableInfo table, ForeignKeyInfo key, Object[] row) {
    TableInfo referenced = catalog.tableById(key.referencedTableId());
    Object[] probe = new Object[referenced.columns().size()];
    for (int i = 0; i < key.columns().size(); i++) {
      Object value = row[key.columns().get(i)];
      if (value == null) {
        return null;
      }
      // keys are encoded by the referenced column's type (an integer child of a numeric parent)
      int target = key.referencedColumns().get(i);
      probe[target] = io.quorate.sql.types.Casts.convert(value, table.columns().get(key.columns().get(i)).type(),
          referenced.columns().get(target).type(), false, evaluation.zone());
    }
    return probe;
  }

  static IndexInfo uniqueIndexOn(TableInfo table, List<Integer> columns) {
    for (IndexInfo index : table.allIndexes()) {
      if (index.unique() && index.columns().equals(columns)) {
        return index;
      }
    }
    throw SqlException.internal("no unique index on the referenced columns of " + table.name(), null);
  }

  /** An update of a referenced row's key columns is refused while rows still reference the old values. */
  private void checkNotReferenced(TableInfo table, Object[] oldRow, Object[] newRow) {
    for (TableInfo referencing : catalog.referencingTables(table.id())) {
      for (ForeignKeyInfo key : referencing.foreignKeys()) {
        if (key.referencedTableId() != table.id()) {
          continue;
        }
        boolean changed = false;
        for (int column : key.referencedColumns()) {
          changed |= !java.util.Objects.equals(oldRow[column], newRow[column]);
        }
        if (!changed) {
          continue;
        }
        List<Object[]> rows = referencingRows(referencing, key, oldRow);
        if (rows.isEmpty()) {
          continue;
        }
        if (key.onUpdate() != io.quorate.sql.ast.Statement.ForeignKeyAction.CASCADE
            && key.onUpdate() != io.quorate.sql.ast.Statement.ForeignKeyAction.SET_NULL) {
          throw referencedError(table, referencing, key, oldRow);
        }
        for (Object[] child : rows) {
          int last = child.length - 1;
          Object[] stored = Arrays.copyOf(child, last);
          Object[] changedRow = stored.clone();
          for (int i = 0; i < key.columns().size(); i++) {
            changedRow[key.columns().get(i)] = key.onUpdate() == io.quorate.sql.ast.Statement.ForeignKeyAction.CASCADE
                ? newRow[key.referencedColumns().get(i)] : null;
          }
          update(referencing, ((Bytes) child[last]).toByteArray(), stored, changedRow,
              new BoundDml.TableChecks(List.of(), List.of()));
        }
      }
    }
  }

  private void onReferencedRowGone(TableInfo table, Object[] row) {
    for (TableInfo referencing : catalog.referencingTables(table.id())) {
      for (ForeignKeyInfo key : referencing.foreignKeys()) {
        if (key.referencedTableId() != table.id()) {
          continue;
        }
        List<Object[]> rows = referencingRows(referencing, key, row);
        if (rows.isEmpty()) {
          continue;
        }
        switch (key.onDelete()) {
          case CASCADE -> {
            for (Object[] child : rows) {
              int last = child.length - 1;
              delete(referencing, ((Bytes) child[last]).toByteArray(), Arrays.copyOf(child, last));
            }
          }
          case SET_NULL -> {
            for (Object[] child : rows) {
              int last = child.length - 1;
              Object[] stored = Arrays.copyOf(child, last);
              Object[] changed = stored.clone();
              for (int column : key.columns()) {
                changed[column] = null;
              }
              update(referencing, ((Bytes) child[last]).toByteArray(), stored, changed,
                  new BoundDml.TableChecks(List.of(), List.of()));
            }
          }
          default -> throw referencedError(table, referencing, key, row);
        }
      }
    }
  }

  private SqlException referencedError(TableInfo table, TableInfo referencing, ForeignKeyInfo key, Object[] row) {
    return new SqlException(SqlState.FOREIGN_KEY_VIOLATION, "update or delete on table \"" + table.name()
        + "\" violates foreign key constraint \"" + key.name() + "\" on table \"" + referencing.name() + "\"")
        .withDetail("Key (" + columnNames(table, key.referencedColumns()) + ")=("
            + values(table, key.referencedColumns(), row) + ") is still referenced from table \""
            + referencing.name() + "\".");
  }

  /**
   * Rows of {@code referencing} whose key columns equal {@code row}'s referenced columns,
   * with their row keys: found in a fresh snapshot, then each locked and kept only if its
   * newest version still references {@code row} (it may have changed or gone meanwhile).
   */
  private List<Object[]> referencingRows(TableInfo referencing, ForeignKeyInfo key, Object[] row) {
    List<Object[]> locked = new ArrayList<>();
    for (Object[] candidate : candidateReferencingRows(referencing, key, row)) {
      int last = candidate.length - 1;
      Object[] current = lockRow(referencing, ((Bytes) candidate[last]).toByteArray());
      if (current != null && references(current, key, row)) {
        Object[] withKey = Arrays.copyOf(current, current.length + 1);
        withKey[current.length] = candidate[last];
        locked.add(withKey);
      }
    }
    return locked;
  }

  private static boolean references(Object[] child, ForeignKeyInfo key, Object[] parent) {
    for (int i = 0; i < key.columns().size(); i++) {
      Object value = child[key.columns().get(i)];
      if (value == null || io.quorate.sql.types.ValueComparator.compare(value,
          parent[key.referencedColumns().get(i)]) != 0) {
        return false;
      }
    }
    return true;
  }

  private List<Object[]> candidateReferencingRows(TableInfo referencing, ForeignKeyInfo key, Object[] row) {
    List<Object[]> matches = new ArrayList<>();
    for (int column : key.referencedColumns()) {
      if (row[column] == null) {
        return matches;
      }
    }
    // A fresh statement snapshot (READ COMMITTED): the parent row is locked by now, so it
    // shows every child committed by a transaction that held that lock before us.
    transaction.startStatement();
    PlanScan scan = new PlanScan(referencing);
    for (Object[] candidate : scan.rows(transaction)) {
      boolean equal = true;
      for (int i = 0; i < key.columns().size() && equal; i++) {
        Object value = candidate[key.columns().get(i)];
        equal = value != null && io.quorate.sql.types.ValueComparator.compare(value,
            row[key.referencedColumns().get(i)]) == 0;
      }
      if (equal) {
        matches.add(candidate);
      }
    }
    return matches;
  }

  private SqlException duplicate(TableInfo table, IndexInfo index, Object[] row) {
    String name = index.constraintName() != null ? index.constraintName() : index.name();
    return SqlException.uniqueViolation(name, "Key (" + columnNames(table, index.columns()) + ")=("
        + values(table, index.columns(), row) + ") already exists.");
  }

  private static String columnNames(TableInfo table, List<Integer> columns) {
    List<String> names = new ArrayList<>();
    for (int column : columns) {
      names.add(table.columns().get(column).name());
    }
    return String.join(", ", names);
  }

  private String values(TableInfo table, List<Integer> columns, Object[] row) {
    List<String> texts = new ArrayList<>();
    for (int column : columns) {
      SqlType type = table.columns().get(column).type();
      texts.add(row[column] == null ? "null" : TextFormat.format(row[column], type, evaluation.zone()));
    }
    return String.join(", ", texts);
  }

  private String rowText(TableInfo table, Object[] row) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < row.length; i++) {
      if (!table.columns().get(i).dropped()) {
        texts.add(row[i] == null ? "null"
            : TextFormat.format(row[i], table.columns().get(i).type(), evaluation.zone()));
      }
    }
    return "(" + String.join(", ", texts) + ")";
  }

  /** A full scan of a table's rows with their row keys, for foreign-key lookups. */
  private static final class PlanScan {
    private final TableInfo table;

    PlanScan(TableInfo table) {
      this.table = table;
    }

    List<Object[]> rows(KvTransaction transaction) {
      List<Object[]> rows = new ArrayList<>();
      byte[] prefix = TableStorage.indexPrefix(table, IndexInfo.PRIMARY_ID);
      try (io.quorate.sql.kv.KvCursor cursor = transaction.scan(prefix,
          io.quorate.sql.encoding.KeyFormat.prefixEnd(prefix), false)) {
        while (cursor.advance()) {
          Object[] row = TableStorage.decodeRow(table, cursor.value());
          Object[] withKey = Arrays.copyOf(row, row.length + 1);
          byte[] key = cursor.key();
          withKey[row.length] = Bytes.wrap(Arrays.copyOfRange(key, prefix.length, key.length));
          rows.add(withKey);
        }
      }
      return rows;
    }
  }

}
