package io.quorate.driver;

import com.google.protobuf.CodedOutputStream;
import io.quorate.protocol.v1.CommitId;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.Value;
import java.io.IOException;
import java.util.List;

/**
 * A {@code SessionRequest} carrying an {@code Execute} (sql.proto), filled in by the
 * connection and encoded by hand: protobuf's builders cost a builder and a message per
 * parameter, the commit id and the request on every statement. The bytes are those
 * protobuf writes for the same request (fields in number order, defaults left out,
 * parameter types packed), which {@code ExecuteRequestTest} checks.
 */
final class ExecuteRequest implements SessionStream.Request {

  // Field numbers of sql.proto, from the generated classes.
  private static final int REQUEST_ID = SessionRequest.REQUEST_ID_FIELD_NUMBER;
  private static final int REQUEST_EXECUTE = SessionRequest.EXECUTE_FIELD_NUMBER;
  private static final int SQL = Execute.SQL_FIELD_NUMBER;
  private static final int PARAMETER_TYPES = Execute.PARAMETER_TYPES_FIELD_NUMBER;
  private static final int PARAMETERS = Execute.PARAMETERS_FIELD_NUMBER;
  private static final int COMMIT_ID = Execute.COMMIT_ID_FIELD_NUMBER;
  private static final int RESEND = Execute.RESEND_FIELD_NUMBER;
  private static final int FETCH_SIZE = Execute.FETCH_SIZE_FIELD_NUMBER;
  private static final int MAX_STALENESS_MILLIS = Execute.MAX_STALENESS_MILLIS_FIELD_NUMBER;
  private static final int CLIENT_ID = CommitId.CLIENT_ID_FIELD_NUMBER;
  private static final int CALL_ID = CommitId.CALL_ID_FIELD_NUMBER;
  private static final int VALUE_NULL = Value.NULL_FIELD_NUMBER;
  private static final int VALUE_INTEGER = Value.INTEGER_FIELD_NUMBER;
  private static final int VALUE_BOOLEAN = Value.BOOLEAN_FIELD_NUMBER;
  private static final int VALUE_TEXT = Value.TEXT_FIELD_NUMBER;
  private static final int VALUE_BYTEA = Value.BYTEA_FIELD_NUMBER;
  private static final int LENGTH_DELIMITED = 2;

  private final String sql;
  /** Null or empty: none. */
  private final List<TextValues.Parameter> parameters;
  private final int fetchSize;
  private byte[] clientId;
  private long callId;
  private boolean resend;
  private int maxStalenessMillis;
  /** The Execute message's size, as {@link #encodedSize} found it for the {@link #writeTo} after it. */
  private int executeSize;

  ExecuteRequest(String sql, List<TextValues.Parameter> parameters, int fetchSize) {
    this.sql = sql;
    this.parameters = parameters == null ? List.of() : parameters;
    this.fetchSize = fetchSize;
  }

  /** Names the commit this request may make (see sql.proto's CommitId). */
  void commitId(byte[] clientId, long callId) {
    this.clientId = clientId;
    this.callId = callId;
  }

  void resend(boolean resend) {
    this.resend = resend;
  }

  void maxStalenessMillis(int maxStalenessMillis) {
    this.maxStalenessMillis = maxStalenessMillis;
  }

  /** The size of the request with {@code requestId}, encoded. */
  @Override
  public int encodedSize(long requestId) {
    executeSize = executeSize();
    return uint64Size(REQUEST_ID, requestId) + messageSize(REQUEST_EXECUTE, executeSize);
  }

  /** Writes the request with {@code requestId}: exactly the bytes {@link #encodedSize}, called just before, counted. */
  @Override
  public void writeTo(CodedOutputStream out, long requestId) throws IOException {
    if (requestId != 0) {
      out.writeUInt64(REQUEST_ID, requestId);
    }
    out.writeTag(REQUEST_EXECUTE, LENGTH_DELIMITED);
    out.writeUInt32NoTag(executeSize);
    if (!sql.isEmpty()) {
      out.writeString(SQL, sql);
    }
    if (!parameters.isEmpty()) {
      out.writeTag(PARAMETER_TYPES, LENGTH_DELIMITED);
      out.writeUInt32NoTag(typesSize());
      for (TextValues.Parameter parameter : parameters) {
        out.writeInt32NoTag(parameter.oid());
      }
      for (TextValues.Parameter parameter : parameters) {
        out.writeTag(PARAMETERS, LENGTH_DELIMITED);
        out.writeUInt32NoTag(valueSize(parameter.value()));
        writeValue(out, parameter.value());
      }
    }
    if (clientId != null) {
      out.writeTag(COMMIT_ID, LENGTH_DELIMITED);
      out.writeUInt32NoTag(commitIdSize());
      if (clientId.length > 0) {
        out.writeByteArray(CLIENT_ID, clientId);
      }
      if (callId != 0) {
        out.writeUInt64(CALL_ID, callId);
      }
    }
    if (resend) {
      out.writeBool(RESEND, true);
    }
    if (fetchSize != 0) {
      out.writeUInt32(FETCH_SIZE, fetchSize);
    }
    if (maxStalenessMillis != 0) {
      out.writeUInt32(MAX_STALENESS_MILLIS, maxStalenessMillis);
    }
  }

  private int executeSize() {
    int size = sql.isEmpty() ? 0 : CodedOutputStream.computeStringSize(SQL, sql);
    if (!parameters.isEmpty()) {
      size += messageSize(PARAMETER_TYPES, typesSize());
      for (TextValues.Parameter parameter : parameters) {
        size += messageSize(PARAMETERS, valueSize(parameter.value()));
      }
    }
    if (clientId != null) {
      size += messageSize(COMMIT_ID, commitIdSize());
    }
    if (resend) {
      size += CodedOutputStream.computeBoolSize(RESEND, true);
    }
    size += uint32Size(FETCH_SIZE, fetchSize) + uint32Size(MAX_STALENESS_MILLIS, maxStalenessMillis);
    return size;
  }

  private int typesSize() {
    int size = 0;
    for (TextValues.Parameter parameter : parameters) {
      size += CodedOutputStream.computeInt32SizeNoTag(parameter.oid());
    }
    return size;
  }

  private int commitIdSize() {
    return (clientId.length == 0 ? 0 : CodedOutputStream.computeByteArraySize(CLIENT_ID, clientId))
        + uint64Size(CALL_ID, callId);
  }

  /** A Value's size: a oneof, so its one field is written even when it holds the default. */
  private static int valueSize(Object value) {
    return switch (value) {
      case null -> CodedOutputStream.computeBoolSize(VALUE_NULL, true);
      case Long integer -> CodedOutputStream.computeSInt64Size(VALUE_INTEGER, integer);
      case Boolean bool -> CodedOutputStream.computeBoolSize(VALUE_BOOLEAN, bool);
      case String text -> CodedOutputStream.computeStringSize(VALUE_TEXT, text);
      case byte[] bytes -> CodedOutputStream.computeByteArraySize(VALUE_BYTEA, bytes);
      default -> throw new IllegalArgumentException("not a parameter value: " + value.getClass().getName());
    };
  }

  private static void writeValue(CodedOutputStream out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeBool(VALUE_NULL, true);
      case Long integer -> out.writeSInt64(VALUE_INTEGER, integer);
      case Boolean bool -> out.writeBool(VALUE_BOOLEAN, bool);
      case String text -> out.writeString(VALUE_TEXT, text);
      case byte[] bytes -> out.writeByteArray(VALUE_BYTEA, bytes);
      default -> throw new IllegalArgumentException("not a parameter value: " + value.getClass().getName());
    }
  }

  private static int messageSize(int field, int contentSize) {
    return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(contentSize)
        + contentSize;
  }

  private static int uint64Size(int field, long value) {
    return value == 0 ? 0 : CodedOutputStream.computeUInt64Size(field, value);
  }

  private static int uint32Size(int field, int value) {
    return value == 0 ? 0 : CodedOutputStream.computeUInt32Size(field, value);
  }
}
