package io.quorate.node.pgwire;

import io.quorate.node.sql.ClientSession;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends statement results: RowDescription, DataRows in the text or binary format asked
 * for per column, notices. Values are formatted with the session's TimeZone.
 */
final class ResultWriter {

  static final short TEXT = 0;
  static final short BINARY = 1;

  private final MessageWriter out;
  private final Session session;

  ResultWriter(MessageWriter out, Session session) {
    this.out = out;
    this.session = session;
  }

  /**
   * One format per column from Bind's result format codes: none means all text, one
   * applies to every column, otherwise one per column (PostgreSQL's rule).
   */
  static short[] columnFormats(short[] codes, int columnCount) {
    short[] formats = new short[columnCount];
    if (codes.length == 1) {
      java.util.Arrays.fill(formats, codes[0]);
    } else if (codes.length == columnCount) {
      System.arraycopy(codes, 0, formats, 0, columnCount);
    } else if (codes.length != 0) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message has " + codes.length
          + " result formats but query has " + columnCount + " columns");
    }
    for (short format : formats) {
      checkFormat(format);
    }
    return formats;
  }

  static void checkFormat(short format) {
    if (format != TEXT && format != BINARY) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unsupported format code: " + format);
    }
  }

  void rowDescription(List<StatementResult.Column> columns, short[] formats) throws IOException {
    out.begin('T').int16(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      SqlType type = columns.get(i).type();
      // table OID 0: pgjdbc then needs no catalog queries for ResultSetMetaData
      out.cString(columns.get(i).name()).int32(0).int16(0).int32(WireTypes.oid(type))
          .int16(WireTypes.typeLength(type)).int32(type.typeModifier()).int16(formats[i]);
    }
    out.end();
  }

  void dataRows(List<Object[]> rows, int from, int to, List<StatementResult.Column> columns, short[] formats)
      throws IOException {
    byte[][] values = new byte[columns.size()][];
    for (int r = from; r < to; r++) {
      Object[] row = rows.get(r);
      for (int c = 0; c < values.length; c++) {
        values[c] = row[c] == null ? null : encode(row[c], columns.get(c).type(), formats[c]);
      }
      out.dataRow(values);
    }
  }

  private byte[] encode(Object value, SqlType type, short format) {
    if (format == BINARY) {
      return BinaryFormat.encode(value, type);
    }
    return TextFormat.format(value, type, session.settings().zone()).getBytes(StandardCharsets.UTF_8);
  }

  /** A whole result as the simple query protocol sends it (text format). */
  void result(StatementResult result) throws IOException {
    notices(result.notices());
    if (result.hasRows()) {
      short[] formats = new short[result.columns().size()];
      rowDescription(result.columns(), formats);
      dataRows(result.rows(), 0, result.rows().size(), result.columns(), formats);
    }
    out.commandComplete(result.commandTag());
  }

  /** Sends the notices at or above the session's client_min_messages (INFO always, as in PostgreSQL). */
  void notices(List<String> notices) throws IOException {
    for (String notice : ClientSession.visibleNotices(session, notices)) {
      out.notice(notice);
    }
  }
}
