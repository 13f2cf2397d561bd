package io.quorate.sql.executor;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.encoding.DecodedRow;
import io.quorate.sql.encoding.KeyFormat;
import io.quorate.sql.encoding.KeyWriter;
import io.quorate.sql.encoding.RowCodec;
import io.quorate.sql.types.SqlType;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a table's rows and index entries live in the key space. A row is stored at
 * {@code table id, 1, key} where key is the encoded primary key, or for a table
 * without one a hidden row id (a clock-based counter then this process's random id, so
 * rows keep insertion order). An index entry is {@code table id, index id, indexed
 * columns, row key}, with value the row key; a unique index entry whose columns are all
 * non-null leaves the row key out of the entry key, so two rows with the same values
 * collide on one key and the second insert sees the first.
 */
public final class TableStorage {

  private static final AtomicLong LAST_ROW_ID = new AtomicLong();
  private static final long PROCESS_ID = new SecureRandom().nextLong();

  private TableStorage() {}

  /** The prefix of every key of {@code index} of {@code table}. */
  public static byte[] indexPrefix(TableInfo table, int indexId) {
    return new KeyWriter().writeTableIndexPrefix(table.id(), indexId).toByteArray();
  }

  /** The first key past every key of {@code table}, for deleting a table's data. */
  public static byte[] tableEnd(TableInfo table) {
    return KeyFormat.prefixEnd(tablePrefix(table));
  }

  public static byte[] tablePrefix(TableInfo table) {
    KeyWriter writer = new KeyWriter().writeTableIndexPrefix(table.id(), 0);
    byte[] withIndex = writer.toByteArray();
    // the table id alone: drop the index id's encoding, which is one byte for id 0
    return Arrays.copyOf(withIndex, withIndex.length - 1);
  }

  /** The row-key part (after the table/index prefix) for {@code row}: its primary key, or a new row id. */
  public static byte[] newRowKeySuffix(TableInfo table, Object[] row) {
    KeyWriter writer = new KeyWriter();
    IndexInfo primary = table.primaryKey();
    if (primary == null) {
      long id = LAST_ROW_ID.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
      writer.writeValue(id, SqlType.BIGINT, false).writeValue(PROCESS_ID, SqlType.BIGINT, false);
      return writer.toByteArray();
    }
    for (int i = 0; i < primary.columns().size(); i++) {
      int column = primary.columns().get(i);
      writer.writeValue(row[column], table.columns().get(column).type(), primary.descending().get(i));
    }
    return writer.toByteArray();
  }

  /** The full key of a row. */
  public static byte[] rowKey(TableInfo table, byte[] suffix) {
    return concat(indexPrefix(table, IndexInfo.PRIMARY_ID), suffix);
  }

  public static byte[] encodeRow(TableInfo table, Object[] row) {
    return RowCodec.encode(table.rowVersion(), row, table.storedTypes());
  }

  /** A stored row as values by column position; columns added after it was written read NULL. */
  public static Object[] decodeRow(TableInfo table, byte[] value) {
    DecodedRow decoded = RowCodec.decode(value, table.storedTypes());
    Object[] values = decoded.values();
    if (values.length == table.columns().size()) {
      return values;
    }
    return Arrays.copyOf(values, table.columns().size());
  }

  /** True if any column of {@code index} is NULL in {@code row} (such entries never conflict). */
  public static boolean hasNull(IndexInfo index, Object[] row) {
    for (int column : index.columns()) {
      if (row[column] == null) {
        return true;
      }
    }
    return false;
  }

  /** The index entry's key for {@code row}, stored at {@code rowSuffix}. */
  public static byte[] indexKey(TableInfo table, IndexInfo index, Object[] row, byte[] rowSuffix) {
    KeyWriter writer = new KeyWriter().writeTableIndexPrefix(table.id(), index.id());
    for (int i = 0; i < index.columns().size(); i++) {
      int column = index.columns().get(i);
      writer.writeValue(row[column], table.columns().get(column).type(), index.descending().get(i));
    }
    byte[] key = writer.toByteArray();
    return index.unique() && !hasNull(index, row) ? key : concat(key, rowSuffix);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
