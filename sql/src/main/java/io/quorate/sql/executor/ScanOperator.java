package io.quorate.sql.executor;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.encoding.KeyFormat;
import io.quorate.sql.encoding.KeyWriter;
import io.quorate.sql.encoding.RowCodec;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.ColumnsUsed;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.planner.KeyRange;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a table through an index range. Primary-index entries are the rows; a
 * secondary index entry's value is the row key, which is then read. Rows stream from
 * the KV cursor, so a scan holds one row at a time.
 */
final class ScanOperator implements Operator {

  private final PlanNode.TableScan scan;
  private final ExecutionContext context;
  private final TableInfo table;
  private final IndexInfo index;
  private final byte[] rowPrefix;
  private final SqlType[] storedTypes;
  /** The table's columns, then the row key when asked for. */
  private final int rowWidth;
  /** Columns decoded before the filter runs: those it reads (all decoded ones when there is no filter). */
  private final boolean[] filterColumns;
  /** The other columns the plan needs, decoded only for rows the filter keeps; null when none. */
  private final boolean[] laterColumns;
  /**
   * The row a filter is tested on, reused from row to row so that rejected rows (most, for
   * a selective filter) allocate no array; a kept row gets a copy. Null when there is no
   * filter or it holds a subquery, which could keep hold of the row it saw.
   */
  private final Object[] scratch;
  private KvCursor cursor;
  private boolean empty;
  /** The row key of a primary-key point lookup; read once, then the scan is done. */
  private byte[] pointLookup;

  ScanOperator(PlanNode.TableScan scan, ExecutionContext context) {
    this.scan = scan;
    this.context = context;
    this.table = scan.table();
    this.index = scan.index();
    this.rowPrefix = TableStorage.indexPrefix(table, IndexInfo.PRIMARY_ID);
    this.storedTypes = table.storedTypes();
    int width = table.columns().size();
    this.rowWidth = width + (scan.withRowKey() ? 1 : 0);
    boolean[] decoded = new boolean[width];
    if (scan.decodedColumns() == null) {
      Arrays.fill(decoded, true);
    } else {
      scan.decodedColumns().forEach(column -> decoded[column] = true);
    }
    if (scan.filter() == null) {
      this.filterColumns = decoded;
      this.laterColumns = null;
      this.scratch = null;
      return;
    }
    this.scratch = scan.filter().anyMatch(e -> e instanceof BoundExpression.Subquery) ? null : new Object[rowWidth];
    BitSet used = ColumnsUsed.of(List.of(scan.filter()), rowWidth);
    boolean[] first = new boolean[width];
    boolean[] later = new boolean[width];
    boolean anyLater = false;
    for (int column = 0; column < width; column++) {
      first[column] = decoded[column] && used.get(column);
      later[column] = decoded[column] && !used.get(column);
      anyLater |= later[column];
    }
    this.filterColumns = first;
    this.laterColumns = anyLater ? later : null;
  }

  private void open() {
    int indexId = index == null ? IndexInfo.PRIMARY_ID : index.id();
    KeyRange range = scan.range();
    EvaluationContext evaluation = context.evaluation();
    KeyWriter prefix = new KeyWriter().writeTableIndexPrefix(table.id(), indexId);
    for (int i = 0; i < range.equal().size(); i++) {
      Object value = bound(range.equal().get(i), i, evaluation);
      if (value == null) {
        empty = true; // = NULL matches nothing
        return;
      }
      prefix.writeValue(value, keyType(i), descending(i));
    }
    byte[] equalPrefix = prefix.toByteArray();
    if (index != null && index.isPrimary() && range.equal().size() == keyWidth()) {
      pointLookup = equalPrefix; // the whole primary key is given: one get instead of a range scan
      return;
    }
    byte[] start = equalPrefix;
    byte[] end = KeyFormat.prefixEnd(equalPrefix);
    int next = range.equal().size();
    boolean descending = next < keyWidth() && descending(next);
    BoundExpression low = descending ? range.upper() : range.lower();
    boolean lowInclusive = descending ? range.upperInclusive() : range.lowerInclusive();
    BoundExpression high = descending ? range.lower() : range.upper();
    boolean highInclusive = descending ? range.lowerInclusive() : range.upperInclusive();
    if (low != null) {
      Object value = bound(low, next, evaluation);
      if (value == null) {
        empty = true;
        return;
      }
      byte[] key = withValue(equalPrefix, value, next);
      start = lowInclusive ? key : KeyFormat.prefixEnd(key);
    } else if (range.lower() != null || range.upper() != null) {
      // a one-sided range must still skip the NULLs, which sort after every value ascending
      start = descending ? nullKey(equalPrefix, next) : start;
    }
    if (high != null) {
      Object value = bound(high, next, evaluation);
      if (value == null) {
        empty = true;
        return;
      }
      byte[] key = withValue(equalPrefix, value, next);
      end = highInclusive ? KeyFormat.prefixEnd(key) : key;
    } else if (range.lower() != null || range.upper() != null) {
      end = descending ? end : nullKey(equalPrefix, next);
    }
    if (start != null && end != null && Arrays.compareUnsigned(start, end) >= 0) {
      empty = true; // e.g. BETWEEN 5 AND 3
      return;
    }
    cursor = context.transaction().scan(start, end, scan.reverse());
  }

  /** The key of the NULL entry of column {@code position} after {@code prefix}: where NULLs begin. */
  private byte[] nullKey(byte[] prefix, int position) {
    KeyWriter writer = new KeyWriter();
    writer.writeValue(null, keyType(position), descending(position));
    byte[] marker = writer.toByteArray();
    return descending(position) ? KeyFormat.prefixEnd(TableStorage.concat(prefix, marker))
        : TableStorage.concat(prefix, marker);
  }

  private Object bound(BoundExpression expression, int position, EvaluationContext evaluation) {
    Object value = expression.evaluate(null, evaluation);
    SqlType type = keyType(position);
    return value == null ? null : Casts.convert(value, expression.type(), type, true, evaluation.zone());
  }

  private byte[] withValue(byte[] prefix, Object value, int position) {
    KeyWriter writer = new KeyWriter();
    writer.writeValue(value, keyType(position), descending(position));
    return TableStorage.concat(prefix, writer.toByteArray());
  }

  private int keyWidth() {
    return index == null ? 0 : index.columns().size();
  }

  private SqlType keyType(int position) {
    return table.columns().get(index.columns().get(position)).type();
  }

  private boolean descending(int position) {
    return index.descending().get(position);
  }

  @Override
  public Object[] next() {
    if (cursor == null && !empty && pointLookup == null) {
      open();
    }
    if (empty) {
      return null;
    }
    if (pointLookup != null) {
      byte[] key = pointLookup;
      empty = true;
      byte[] value = context.transaction().get(key);
      return value == null ? null : row(key, value);
    }
    while (true) {
      if (!cursor.advance()) {
        return null;
      }
      context.checkCancelled();
      byte[] rowKey;
      byte[] value;
      if (index == null || index.isPrimary()) {
        rowKey = cursor.key();
        value = cursor.value();
      } else {
        rowKey = TableStorage.concat(rowPrefix, cursor.value());
        value = context.transaction().get(rowKey);
        if (value == null) {
          continue; // the index entry of a row deleted in this transaction's snapshot
        }
      }
      Object[] row = row(rowKey, value);
      if (row != null) {
        return row;
      }
    }
  }

  /**
   * The decoded row (with its key when asked for), or null when the filter rejects it.
   * Only the columns the filter reads are decoded before it runs; a rejected row never
   * pays for the rest.
   */
  private Object[] row(byte[] rowKey, byte[] value) {
    Object[] row;
    if (scratch != null) {
      Arrays.fill(scratch, null); // decoding writes nothing for NULLs
      row = scratch;
    } else {
      row = new Object[rowWidth];
    }
    RowCodec.decodeColumns(value, storedTypes, filterColumns, row);
    if (scan.withRowKey()) {
      row[row.length - 1] = Bytes.wrap(Arrays.copyOfRange(rowKey, rowPrefix.length, rowKey.length));
    }
    if (scan.filter() != null && !BoundExpression.isTrue(scan.filter(), row, context.evaluation())) {
      return null;
    }
    if (row == scratch) {
      row = scratch.clone();
    }
    if (laterColumns != null) {
      RowCodec.decodeColumns(value, storedTypes, laterColumns, row);
    }
    return row;
  }

  @Override
  public void close() {
    if (cursor != null) {
      cursor.close();
    }
  }
}
