package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Builds backend messages in a buffer and writes them to the connection in batches: on
 * {@link #flush} (ReadyForQuery, Flush, before waiting for COPY data) and whenever the
 * buffer passes {@link #FLUSH_BYTES}, so a large result streams out without being held
 * whole. Used by the connection's own thread.
 */
final class MessageWriter {

  private static final int FLUSH_BYTES = 64 * 1024;

  private final OutputStream out;
  private byte[] buffer = new byte[8192];
  private int size;
  private int messageStart = -1;

  MessageWriter(OutputStream out) {
    this.out = out;
  }

  /** Starts a message of {@code type}; {@link #end} fills in its length. */
  MessageWriter begin(char type) {
    ensure(5);
    buffer[size++] = (byte) type;
    messageStart = size;
    size += 4;
    return this;
  }

  void end() throws IOException {
    int length = size - messageStart;
    buffer[messageStart] = (byte) (length >>> 24);
    buffer[messageStart + 1] = (byte) (length >>> 16);
    buffer[messageStart + 2] = (byte) (length >>> 8);
    buffer[messageStart + 3] = (byte) length;
    messageStart = -1;
    if (size >= FLUSH_BYTES) {
      flush();
    }
  }

  MessageWriter int8(int value) {
    ensure(1);
    buffer[size++] = (byte) value;
    return this;
  }

  MessageWriter int16(int value) {
    ensure(2);
    buffer[size++] = (byte) (value >>> 8);
    buffer[size++] = (byte) value;
    return this;
  }

  MessageWriter int32(int value) {
    ensure(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
    return this;
  }

  MessageWriter bytes(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
    return this;
  }

  MessageWriter cString(String text) {
    return bytes(text.getBytes(StandardCharsets.UTF_8)).int8(0);
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }

  void flush() throws IOException {
    if (size > 0) {
      out.write(buffer, 0, size);
      size = 0;
    }
    out.flush();
    if (buffer.length > 4 * FLUSH_BYTES) {
      buffer = new byte[8192]; // a huge row should not keep its buffer for the session's life
    }
  }

  // ---- the messages ----

  void authentication(int code, byte[] data) throws IOException {
    begin('R').int32(code).bytes(data).end();
  }

  void parameterStatus(String name, String value) throws IOException {
    begin('S').cString(name).cString(value).end();
  }

  void backendKeyData(int processId, int secretKey) throws IOException {
    begin('K').int32(processId).int32(secretKey).end();
  }

  void readyForQuery(char status) throws IOException {
    begin('Z').int8(status).end();
    flush();
  }

  void commandComplete(String tag) throws IOException {
    begin('C').cString(tag).end();
  }

  void empty(char type) throws IOException {
    begin(type).end();
  }

  /** A DataRow of already encoded values (null for SQL NULL). */
  void dataRow(byte[][] values) throws IOException {
    begin('D').int16(values.length);
    for (byte[] value : values) {
      if (value == null) {
        int32(-1);
      } else {
        int32(value.length).bytes(value);
      }
    }
    end();
  }

  void parameterDescription(List<Integer> typeOids) throws IOException {
    begin('t').int16(typeOids.size());
    for (int oid : typeOids) {
      int32(oid);
    }
    end();
  }

  /** CopyInResponse ('G') or CopyOutResponse ('H'): text format, every column text. */
  void copyResponse(char type, int columns) throws IOException {
    begin(type).int8(0).int16(columns);
    for (int i = 0; i < columns; i++) {
      int16(0);
    }
    end();
  }

  void copyData(byte[] data) throws IOException {
    begin('d').bytes(data).end();
  }

  /** ErrorResponse ('E') for an error, with the fields psql and pgjdbc read. */
  void error(SqlException error) throws IOException {
    String severity = error.severity().name();
    begin('E').int8('S').cString(severity).int8('V').cString(severity)
        .int8('C').cString(error.state().code()).int8('M').cString(String.valueOf(error.getMessage()));
    if (error.detail() != null) {
      int8('D').cString(error.detail());
    }
    if (error.hint() != null) {
      int8('H').cString(error.hint());
    }
    if (error.position() > 0) {
      int8('P').cString(Integer.toString(error.position()));
    }
    if (error.context() != null) {
      int8('W').cString(error.context());
    }
    int8(0).end();
  }

  /** NoticeResponse ('N'); {@code notice} is the session's text, {@code WARNING: ...} or plain. */
  void notice(String notice) throws IOException {
    int colon = notice.indexOf(": ");
    String severity = "NOTICE";
    String message = notice;
    if (colon > 0 && notice.substring(0, colon).matches("WARNING|NOTICE|INFO|DEBUG|LOG")) {
      severity = notice.substring(0, colon);
      message = notice.substring(colon + 2);
    }
    // the session keeps notices as text without their SQLSTATE; the class is what clients look at
    String code = severity.equals("WARNING") ? "01000" : "00000";
    begin('N').int8('S').cString(severity).int8('V').cString(severity).int8('C').cString(code)
        .int8('M').cString(message).int8(0).end();
  }
}
