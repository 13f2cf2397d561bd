package io.quorate.driver;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows of one statement: forward-only and read-only. A suspended result (a fetch size
 * was set) holds one batch at a time and fetches the next as {@link #next} reaches it;
 * otherwise every row arrived with the statement. Values
 * convert on access through {@link TextValues}; column labels match case-insensitively,
 * the first match winning, as JDBC asks.
 */
final class QuorateResultSet implements ResultSet {

  private final QuorateStatement statement;
  private final List<ResultColumn> columns;
  /** The rows received and not yet passed, from {@link #nextInBatch} on. */
  private List<Object[]> batch;
  private int nextInBatch;
  /** The rows still on the node; null once every row has arrived or the rest was dropped. */
  private RemainingRows remaining;
  /** maxRows, or no limit. */
  private final long limit;
  /** Lower-cased label to 1-based index, made on the first lookup by label; the first of equal labels wins. */
  private Map<String, Integer> byLabel;
  /** The row the cursor is on, null before the first and after the last. */
  private Object[] current;
  /** The 1-based number of the current row; of the last row once after it. */
  private long rowNumber;
  private boolean afterLast;
  private boolean wasNull;
  private boolean closed;
  private int fetchSize;

  QuorateResultSet(QuorateStatement statement, List<ResultColumn> columns, List<Object[]> rows, RemainingRows remaining,
      int maxRows, int fetchSize) {
    this.statement = statement;
    this.columns = columns == null ? List.of() : columns;
    this.batch = rows;
    this.remaining = remaining;
    this.limit = maxRows > 0 ? maxRows : Long.MAX_VALUE;
    this.fetchSize = fetchSize;
  }

  List<ResultColumn> columns() {
    return columns;
  }

  // ---- moving

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (afterLast) {
      return false;
    }
    if (!hasAnotherRow()) {
      current = null;
      afterLast = true;
      dropRemaining();
      return false;
    }
    current = batch.get(nextInBatch++);
    rowNumber++;
    return true;
  }

  /** Whether a row follows the current one, fetching the next batch when this one is used up. */
  private boolean hasAnotherRow() throws SQLException {
    if (rowNumber >= limit) {
      return false;
    }
    while (nextInBatch >= batch.size() && remaining != null) {
      long allowed = limit - rowNumber; // no rows are buffered here, so this many may still come
      int rows = fetchSize > 0 ? (int) Math.min(fetchSize, allowed)
          : limit == Long.MAX_VALUE ? 0 : (int) Math.min(allowed, Integer.MAX_VALUE);
      StatementOutcome more = remaining.fetch(rows);
      batch = more.rows();
      nextInBatch = 0;
      if (remaining.finished()) {
        remaining = null;
      }
    }
    return nextInBatch < batch.size();
  }

  private void dropRemaining() {
    if (remaining != null) {
      remaining.close();
      remaining = null;
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    dropRemaining();
    if (statement != null) {
      statement.resultSetClosed();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return rowNumber == 0 && !afterLast && hasAnotherRow();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return afterLast && rowNumber > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return current != null && rowNumber == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return current != null && !hasAnotherRow();
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return current != null ? (int) Math.min(rowNumber, Integer.MAX_VALUE) : 0;
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != FETCH_FORWARD) {
      throw Errors.unsupported("fetch directions other than FETCH_FORWARD");
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw Errors.of("fetch size must not be negative: " + rows, "22023");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw Errors.unsupported("named cursors");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return new QuorateResultSetMetaData(columns);
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    if (byLabel == null) {
      byLabel = new HashMap<>();
      for (int i = columns.size() - 1; i >= 0; i--) {
        byLabel.put(columns.get(i).name().toLowerCase(Locale.ROOT), i + 1);
      }
    }
    Integer index = label == null ? null : byLabel.get(label.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw Errors.of("the column name " + label + " was not found in this result set", "42703");
    }
    return index;
  }

  // ---- reading

  /** The value of column {@code index} in the current row; records whether it is NULL. */
  private Object value(int index) throws SQLException {
    checkOpen();
    if (current == null) {
      throw Errors.of(!afterLast ? "the result set is before its first row: call next()"
          : "the result set is after its last row", "24000");
    }
    if (index < 1 || index > columns.size()) {
      throw Errors.of("the column index " + index + " is out of range; the result has " + columns.size()
          + " columns", "22023");
    }
    if (index > current.length) {
      throw Errors.of("the node sent a row of " + current.length + " values for " + columns.size() + " columns",
          "08P01");
    }
    Object value = current[index - 1];
    wasNull = value == null;
    return value;
  }

  private int oid(int index) {
    return columns.get(index - 1).typeOid();
  }

  @Override
  public String getString(int index) throws SQLException {
    return TextValues.getString(value(index), oid(index));
  }

  @Override
  public boolean getBoolean(int index) throws SQLException {
    return TextValues.getBoolean(value(index), oid(index));
  }

  @Override
  public byte getByte(int index) throws SQLException {
    return TextValues.getByte(value(index), oid(index));
  }

  @Override
  public short getShort(int index) throws SQLException {
    return TextValues.getShort(value(index), oid(index));
  }

  @Override
  public int getInt(int index) throws SQLException {
    return TextValues.getInt(value(index), oid(index));
  }

  @Override
  public long getLong(int index) throws SQLException {
    return TextValues.getLong(value(index), oid(index));
  }

  @Override
  public float getFloat(int index) throws SQLException {
    return TextValues.getFloat(value(index), oid(index));
  }

  @Override
  public double getDouble(int index) throws SQLException {
    return TextValues.getDouble(value(index), oid(index));
  }

  @Override
  public BigDecimal getBigDecimal(int index) throws SQLException {
    return TextValues.getBigDecimal(value(index), oid(index));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int index, int scale) throws SQLException {
    BigDecimal value = getBigDecimal(index);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int index) throws SQLException {
    return TextValues.getBytes(value(index), oid(index));
  }

  @Override
  public Date getDate(int index) throws SQLException {
    return TextValues.getDate(value(index), oid(index), null);
  }

  @Override
  public Date getDate(int index, Calendar cal) throws SQLException {
    return TextValues.getDate(value(index), oid(index), cal);
  }

  @Override
  public Time getTime(int index) throws SQLException {
    return TextValues.getTime(value(index), oid(index), null);
  }

  @Override
  public Time getTime(int index, Calendar cal) throws SQLException {
    return TextValues.getTime(value(index), oid(index), cal);
  }

  @Override
  public Timestamp getTimestamp(int index) throws SQLException {
    return TextValues.getTimestamp(value(index), oid(index), null);
  }

  @Override
  public Timestamp getTimestamp(int index, Calendar cal) throws SQLException {
    return TextValues.getTimestamp(value(index), oid(index), cal);
  }

  @Override
  public Object getObject(int index) throws SQLException {
    return TextValues.getObject(value(index), oid(index));
  }

  @Override
  public <T> T getObject(int index, Class<T> type) throws SQLException {
    if (type == null) {
      throw Errors.of("getObject needs a class", "22023");
    }
    return TextValues.getObject(value(index), oid(index), type);
  }

  @Override
  public Object getObject(int index, Map<String, Class<?>> map) throws SQLException {
    if (map != null && !map.isEmpty()) {
      throw Errors.unsupported("custom type maps");
    }
    return getObject(index);
  }

  @Override
  public InputStream getAsciiStream(int index) throws SQLException {
    String text = getString(index);
    return text == null ? null : new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int index) throws SQLException {
    throw Errors.unsupported("getUnicodeStream (deprecated; use getCharacterStream)");
  }

  @Override
  public InputStream getBinaryStream(int index) throws SQLException {
    byte[] bytes = getBytes(index);
    return bytes == null ? null : new ByteArrayInputStream(bytes);
  }

  @Override
  public Reader getCharacterStream(int index) throws SQLException {
    String text = getString(index);
    return text == null ? null : new StringReader(text);
  }

  @Override
  public Reader getNCharacterStream(int index) throws SQLException {
    return getCharacterStream(index);
  }

  @Override
  public String getNString(int index) throws SQLException {
    return getString(index);
  }

  @Override
  public URL getURL(int index) throws SQLException {
    String text = getString(index);
    try {
      return text == null ? null : URI.create(text).toURL();
    } catch (IllegalArgumentException | MalformedURLException e) {
      throw Errors.of("not a URL: " + text, "22P02");
    }
  }

  @Override
  public Ref getRef(int index) throws SQLException {
    throw Errors.unsupported("Ref");
  }

  @Override
  public Blob getBlob(int index) throws SQLException {
    throw Errors.unsupported("Blob (use getBytes)");
  }

  @Override
  public Clob getClob(int index) throws SQLException {
    throw Errors.unsupported("Clob (use getString)");
  }

  @Override
  public NClob getNClob(int index) throws SQLException {
    throw Errors.unsupported("NClob (use getString)");
  }

  @Override
  public Array getArray(int index) throws SQLException {
    throw Errors.unsupported("java.sql.Array (use getString for the array's text)");
  }

  @Override
  public RowId getRowId(int index) throws SQLException {
    throw Errors.unsupported("RowId");
  }

  @Override
  public SQLXML getSQLXML(int index) throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }

  @Override
  public InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(String label) throws SQLException {
    return getNCharacterStream(findColumn(label));
  }

  @Override
  public String getNString(String label) throws SQLException {
    return getNString(findColumn(label));
  }

  @Override
  public URL getURL(String label) throws SQLException {
    return getURL(findColumn(label));
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    return getRef(findColumn(label));
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return getBlob(findColumn(label));
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return getClob(findColumn(label));
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    return getNClob(findColumn(label));
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return getArray(findColumn(label));
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    return getRowId(findColumn(label));
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    return getSQLXML(findColumn(label));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }

  @Override
  public Date getDate(String label, Calendar cal) throws SQLException {
    return getDate(findColumn(label), cal);
  }

  @Override
  public Time getTime(String label, Calendar cal) throws SQLException {
    return getTime(findColumn(label), cal);
  }

  @Override
  public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(label), cal);
  }

  @Override
  public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label), map);
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  // ---- scrolling and updating: a forward-only, read-only result

  @Override
  public void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public void afterLast() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean previous() throws SQLException {
    throw forwardOnly();
  }

  private static SQLException forwardOnly() {
    return Errors.of("operation requires a scrollable result set, but this result set is forward-only", "24000");
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public boolean rowInserted() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public void updateNull(int column) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBoolean(int column, boolean x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateByte(int column, byte x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateShort(int column, short x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateInt(int column, int x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateLong(int column, long x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateFloat(int column, float x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateDouble(int column, double x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBigDecimal(int column, BigDecimal x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateString(int column, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBytes(int column, byte[] x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateDate(int column, Date x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateTime(int column, Time x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateTimestamp(int column, Timestamp x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(int column, Reader x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateObject(int column, Object x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateObject(int column, Object x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateRef(int column, Ref x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(int column, Blob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(int column, Clob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateArray(int column, Array x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateRowId(int column, RowId x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNString(int column, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(int column, NClob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateSQLXML(int column, SQLXML x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNCharacterStream(int column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(int column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(int column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(int column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(int column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNCharacterStream(int column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(int column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(int column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(int column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(int column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(int column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(int column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNull(String column) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBoolean(String column, boolean x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateByte(String column, byte x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateShort(String column, short x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateInt(String column, int x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateLong(String column, long x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateFloat(String column, float x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateDouble(String column, double x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBigDecimal(String column, BigDecimal x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateString(String column, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBytes(String column, byte[] x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateDate(String column, Date x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateTime(String column, Time x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateTimestamp(String column, Timestamp x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(String column, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(String column, InputStream x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(String column, Reader x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateObject(String column, Object x0, int x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateObject(String column, Object x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateRef(String column, Ref x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(String column, Blob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(String column, Clob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateArray(String column, Array x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateRowId(String column, RowId x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNString(String column, String x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(String column, NClob x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateSQLXML(String column, SQLXML x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNCharacterStream(String column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(String column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(String column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(String column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(String column, InputStream x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(String column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(String column, Reader x0, long x1) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNCharacterStream(String column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateAsciiStream(String column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBinaryStream(String column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateCharacterStream(String column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateBlob(String column, InputStream x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateClob(String column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateNClob(String column, Reader x0) throws SQLException {
    throw readOnly();
  }

  @Override
  public void insertRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public void updateRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public void deleteRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public void refreshRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw readOnly();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw readOnly();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw readOnly();
  }

  private static SQLException readOnly() {
    return Errors.unsupported("updating a result set (it is read-only; use UPDATE)");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return Errors.unwrap(this, type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw Errors.closed("result set");
    }
  }
}
