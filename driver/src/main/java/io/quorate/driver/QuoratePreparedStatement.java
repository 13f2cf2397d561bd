package io.quorate.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement with {@code ?} parameters, numbered $1, $2, ... before it is sent. The node
 * prepares it once per session and keeps its plan, so executing it again costs one round
 * trip and no parsing or planning. Parameters travel typed: integers and booleans as
 * such, other values in PostgreSQL's text form with their type.
 */
final class QuoratePreparedStatement extends QuorateStatement implements PreparedStatement {

  private final String sql;
  private final TextValues.Parameter[] parameters;
  private final List<TextValues.Parameter[]> batch = new ArrayList<>();

  QuoratePreparedStatement(QuorateConnection connection, String sql) {
    super(connection);
    SqlText.Numbered numbered = SqlText.numberParameters(sql);
    this.sql = numbered.sql();
    this.parameters = new TextValues.Parameter[numbered.parameterCount()];
  }

  private List<TextValues.Parameter> bound() throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] == null) {
        throw Errors.of("no value specified for parameter " + (i + 1), "07002");
      }
    }
    return Arrays.asList(parameters.clone());
  }

  @Override
  public boolean execute() throws SQLException {
    checkOpen();
    return show(run(sql, bound()));
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    execute();
    return requireResultSet();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    execute();
    return requireUpdateCount();
  }

  @Override
  public void addBatch() throws SQLException {
    checkOpen();
    batch.add(bound().toArray(new TextValues.Parameter[0]));
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<TextValues.Parameter[]> rows = List.copyOf(batch);
    batch.clear();
    long[] counts = new long[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      try {
        show(run(sql, Arrays.asList(rows.get(i))));
        counts[i] = requireUpdateCount();
      } catch (SQLException failure) {
        throw batchFailure(counts, i, failure);
      }
    }
    return counts;
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    Arrays.fill(parameters, null);
  }

  private void set(int index, Object value) throws SQLException {
    checkOpen();
    if (index < 1 || index > parameters.length) {
      throw Errors.of("the parameter index " + index + " is out of range; the statement has " + parameters.length
          + " parameters", "22023");
    }
    parameters[index - 1] = TextValues.parameter(value);
  }

  @Override
  public void setNull(int index, int sqlType) throws SQLException {
    set(index, null);
  }

  @Override
  public void setNull(int index, int sqlType, String typeName) throws SQLException {
    set(index, null);
  }

  @Override
  public void setBoolean(int index, boolean x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setByte(int index, byte x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setShort(int index, short x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setInt(int index, int x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setLong(int index, long x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setFloat(int index, float x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setDouble(int index, double x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setBigDecimal(int index, BigDecimal x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setString(int index, String x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setNString(int index, String x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setBytes(int index, byte[] x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setDate(int index, Date x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setDate(int index, Date x, Calendar cal) throws SQLException {
    set(index, x == null ? null : inZone(x, cal).toLocalDate());
  }

  @Override
  public void setTime(int index, Time x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setTime(int index, Time x, Calendar cal) throws SQLException {
    set(index, x == null ? null : inZone(x, cal).toLocalTime());
  }

  @Override
  public void setTimestamp(int index, Timestamp x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException {
    set(index, x == null ? null : java.time.LocalDateTime.ofInstant(x.toInstant(), zone(cal)));
  }

  /** A date or time the application gives as of {@code cal}'s time zone (the JVM's when null). */
  private static java.time.ZonedDateTime inZone(java.util.Date x, Calendar cal) {
    return java.time.Instant.ofEpochMilli(x.getTime()).atZone(zone(cal));
  }

  private static java.time.ZoneId zone(Calendar cal) {
    return cal == null ? java.time.ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
  }

  @Override
  public void setObject(int index, Object x) throws SQLException {
    set(index, x);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType) throws SQLException {
    set(index, x);
  }

  @Override
  public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    set(index, x instanceof BigDecimal decimal ? decimal.setScale(scaleOrLength, java.math.RoundingMode.HALF_UP) : x);
  }

  @Override
  public void setAsciiStream(int index, InputStream x, int length) throws SQLException {
    setAsciiStream(index, x, (long) length);
  }

  @Override
  public void setAsciiStream(int index, InputStream x, long length) throws SQLException {
    set(index, x == null ? null : new String(read(x, length), StandardCharsets.US_ASCII));
  }

  @Override
  public void setAsciiStream(int index, InputStream x) throws SQLException {
    setAsciiStream(index, x, -1L);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void setUnicodeStream(int index, InputStream x, int length) throws SQLException {
    throw Errors.unsupported("setUnicodeStream (deprecated; use setCharacterStream)");
  }

  @Override
  public void setBinaryStream(int index, InputStream x, int length) throws SQLException {
    setBinaryStream(index, x, (long) length);
  }

  @Override
  public void setBinaryStream(int index, InputStream x, long length) throws SQLException {
    set(index, x == null ? null : read(x, length));
  }

  @Override
  public void setBinaryStream(int index, InputStream x) throws SQLException {
    setBinaryStream(index, x, -1L);
  }

  @Override
  public void setCharacterStream(int index, Reader reader, int length) throws SQLException {
    setCharacterStream(index, reader, (long) length);
  }

  @Override
  public void setCharacterStream(int index, Reader reader, long length) throws SQLException {
    set(index, reader == null ? null : read(reader, length));
  }

  @Override
  public void setCharacterStream(int index, Reader reader) throws SQLException {
    setCharacterStream(index, reader, -1L);
  }

  @Override
  public void setNCharacterStream(int index, Reader value, long length) throws SQLException {
    setCharacterStream(index, value, length);
  }

  @Override
  public void setNCharacterStream(int index, Reader value) throws SQLException {
    setCharacterStream(index, value, -1L);
  }

  /** Reads {@code length} bytes (all when negative); a shorter stream is an error, as the caller promised the length. */
  private static byte[] read(InputStream in, long length) throws SQLException {
    try {
      if (length < 0) {
        return in.readAllBytes();
      }
      if (length > Integer.MAX_VALUE - 8) {
        throw Errors.of("a stream of " + length + " bytes is too large for one value", "54000");
      }
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length < length) {
        throw Errors.of("the stream ended after " + bytes.length + " of the " + length + " bytes promised", "22023");
      }
      return bytes;
    } catch (IOException e) {
      throw new SQLException("could not read the parameter's stream: " + e.getMessage(), "58030", e);
    }
  }

  private static String read(Reader reader, long length) throws SQLException {
    try {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[8192];
      long left = length < 0 ? Long.MAX_VALUE : length;
      while (left > 0) {
        int n = reader.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        text.append(buffer, 0, n);
        left -= n;
      }
      if (length >= 0 && left > 0) {
        throw Errors.of("the reader ended after " + (length - left) + " of the " + length + " characters promised",
            "22023");
      }
      return text.toString();
    } catch (IOException e) {
      throw new SQLException("could not read the parameter's reader: " + e.getMessage(), "58030", e);
    }
  }

  @Override
  public void setRef(int index, Ref x) throws SQLException {
    throw Errors.unsupported("Ref parameters");
  }

  @Override
  public void setBlob(int index, Blob x) throws SQLException {
    throw Errors.unsupported("Blob parameters (use setBytes)");
  }

  @Override
  public void setBlob(int index, InputStream inputStream, long length) throws SQLException {
    setBinaryStream(index, inputStream, length);
  }

  @Override
  public void setBlob(int index, InputStream inputStream) throws SQLException {
    setBinaryStream(index, inputStream);
  }

  @Override
  public void setClob(int index, Clob x) throws SQLException {
    throw Errors.unsupported("Clob parameters (use setString)");
  }

  @Override
  public void setClob(int index, Reader reader, long length) throws SQLException {
    setCharacterStream(index, reader, length);
  }

  @Override
  public void setClob(int index, Reader reader) throws SQLException {
    setCharacterStream(index, reader);
  }

  @Override
  public void setNClob(int index, NClob value) throws SQLException {
    throw Errors.unsupported("NClob parameters (use setString)");
  }

  @Override
  public void setNClob(int index, Reader reader, long length) throws SQLException {
    setCharacterStream(index, reader, length);
  }

  @Override
  public void setNClob(int index, Reader reader) throws SQLException {
    setCharacterStream(index, reader);
  }

  @Override
  public void setArray(int index, Array x) throws SQLException {
    throw Errors.unsupported("Array parameters");
  }

  @Override
  public void setURL(int index, URL x) throws SQLException {
    set(index, x == null ? null : x.toString());
  }

  @Override
  public void setRowId(int index, RowId x) throws SQLException {
    throw Errors.unsupported("RowId parameters");
  }

  @Override
  public void setSQLXML(int index, SQLXML xmlObject) throws SQLException {
    throw Errors.unsupported("SQLXML parameters");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    throw Errors.unsupported("PreparedStatement.getMetaData before execution (execute, then ask the ResultSet)");
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw Errors.unsupported("ParameterMetaData");
  }

  // A prepared statement runs only its own SQL.

  @Override
  public boolean execute(String sql) throws SQLException {
    throw wrongMethod();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw wrongMethod();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    throw wrongMethod();
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    throw wrongMethod();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw wrongMethod();
  }

  private static SQLException wrongMethod() {
    return Errors.of("can't use query methods that take a query string on a PreparedStatement", "42809");
  }
}
