package io.quorate.driver;

import com.google.protobuf.InvalidProtocolBufferException;
import io.quorate.protocol.v1.Column;
import io.quorate.protocol.v1.Completed;
import io.quorate.protocol.v1.Result;
import io.quorate.protocol.v1.Row;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Decodes a {@code SessionResponse} (sql.proto) read from the Session stream. Results and
 * statement ends, the responses a query's answer is made of, are read by hand straight
 * into the driver's types: protobuf's generated parser makes a builder and a message for
 * every nested message (each row and each value), and that was over half of what a point
 * select allocated in the client. Every other response goes to that parser whole.
 *
 * <p>The hand decoder follows protobuf's rules for what it reads: fields in any order,
 * unknown fields skipped, the last of a oneof's fields wins, and a repeated message field
 * (a result's columns and rows) may come in pieces. It departs from protobuf only on
 * bytes that protobuf-java never writes: a message field sent twice (a statement end's
 * result, or the response's kind) is read from its last occurrence instead of merged,
 * strings are not checked for valid UTF-8 (malformed sequences become U+FFFD), and a few
 * malformed varints and group nestings are judged differently. Malformed input fails
 * with {@link InvalidProtocolBufferException}, never another exception. A result's columns are usually those of
 * the statement before (a prepared statement run again): when their bytes are the same,
 * the columns decoded then serve again. One decoder per stream, used by its calling
 * thread.
 */
final class ResponseDecoder {

  // Tags (field number and wire type) of sql.proto's fields, as protobuf matches them: a
  // known field number with another wire type is an unknown field, skipped. The numbers
  // come from the generated classes, so the .proto stays the one place they are written.
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final int FIXED32 = 5;
  private static final int RESPONSE_REQUEST_ID = SessionResponse.REQUEST_ID_FIELD_NUMBER << 3 | VARINT;
  private static final int RESULT_COLUMNS = Result.COLUMNS_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int RESULT_ROWS = Result.ROWS_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COLUMN_NAME = Column.NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COLUMN_TYPE_OID = Column.TYPE_OID_FIELD_NUMBER << 3 | VARINT;
  private static final int COLUMN_TYPE_MODIFIER = Column.TYPE_MODIFIER_FIELD_NUMBER << 3 | VARINT;
  private static final int COLUMN_TYPE_NAME = Column.TYPE_NAME_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int ROW_VALUES = Row.VALUES_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int VALUE_NULL = Value.NULL_FIELD_NUMBER << 3 | VARINT;
  private static final int VALUE_INTEGER = Value.INTEGER_FIELD_NUMBER << 3 | VARINT;
  private static final int VALUE_BOOLEAN = Value.BOOLEAN_FIELD_NUMBER << 3 | VARINT;
  private static final int VALUE_TEXT = Value.TEXT_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int VALUE_BYTEA = Value.BYTEA_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COMPLETED_COMMAND_TAG = Completed.COMMAND_TAG_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COMPLETED_NOTICES = Completed.NOTICES_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COMPLETED_TRANSACTION_STATUS =
      Completed.TRANSACTION_STATUS_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COMPLETED_LAST = Completed.LAST_FIELD_NUMBER << 3 | VARINT;
  private static final int COMPLETED_RESULT = Completed.RESULT_FIELD_NUMBER << 3 | LENGTH_DELIMITED;
  private static final int COMPLETED_SUSPENDED = Completed.SUSPENDED_FIELD_NUMBER << 3 | VARINT;
  /** Groups nested deeper than this are refused, as protobuf's recursion limit does. */
  private static final int MAX_GROUP_DEPTH = 100;

  /** The encoded columns of the last result that had columns, and what they decoded to. */
  private byte[] lastColumnBytes = new byte[0];
  private List<ResultColumn> lastColumns = List.of();
  /** The last command tag, encoded and decoded. */
  private byte[] lastTagBytes = new byte[0];
  private String lastTag = "";

  /** Decodes one whole response, {@code message} (read, not kept). */
  Response decode(byte[] message) throws InvalidProtocolBufferException {
    Reader in = new Reader(message);
    long requestId = 0;
    int kind = 0;
    int kindStart = 0;
    int kindEnd = 0;
    while (in.position < message.length) {
      int tag = in.tag();
      int field = tag >>> 3;
      if (tag == RESPONSE_REQUEST_ID) {
        requestId = in.varint();
      } else if (field >= SessionResponse.CHALLENGE_FIELD_NUMBER && field <= SessionResponse.PONG_FIELD_NUMBER
          && (tag & 7) == LENGTH_DELIMITED) { // the kind: a oneof of messages, numbered 2 to 7
        kind = field;
        kindEnd = in.enter();
        kindStart = in.position;
        in.position = kindEnd;
      } else {
        in.skip(tag);
      }
    }
    in.position = kindStart;
    return switch (kind) {
      case SessionResponse.RESULT_FIELD_NUMBER -> rows(in, kindEnd);
      case SessionResponse.COMPLETED_FIELD_NUMBER -> done(requestId, in, kindEnd);
      default -> new Response.Other(SessionResponse.parseFrom(message));
    };
  }

  private Response.Done done(long requestId, Reader in, int end) throws InvalidProtocolBufferException {
    String commandTag = "";
    List<String> notices = List.of();
    char transactionStatus = 'I';
    boolean last = false;
    boolean suspended = false;
    Response.Rows result = null;
    while (in.position < end) {
      int tag = in.tag();
      switch (tag) {
        case COMPLETED_COMMAND_TAG -> commandTag = commandTag(in);
        case COMPLETED_NOTICES -> {
          if (notices.isEmpty()) {
            notices = new ArrayList<>(1);
          }
          notices.add(in.string());
        }
        case COMPLETED_TRANSACTION_STATUS -> transactionStatus = in.status();
        case COMPLETED_LAST -> last = in.bool();
        case COMPLETED_SUSPENDED -> suspended = in.bool();
        case COMPLETED_RESULT -> result = rows(in, in.enter());
        default -> in.skip(tag);
      }
    }
    in.leave(end);
    return new Response.Done(requestId, commandTag, notices, transactionStatus, last, result, suspended);
  }

  /** The command tag, the same String as the last one when its bytes are the same ("SELECT 1" again). */
  private String commandTag(Reader in) throws InvalidProtocolBufferException {
    int length = in.length();
    if (!Arrays.equals(lastTagBytes, 0, lastTagBytes.length, in.bytes, in.position, in.position + length)) {
      lastTagBytes = Arrays.copyOfRange(in.bytes, in.position, in.position + length);
      lastTag = new String(lastTagBytes, StandardCharsets.UTF_8);
    }
    in.position += length;
    return lastTag;
  }

  private Response.Rows rows(Reader in, int end) throws InvalidProtocolBufferException {
    List<ResultColumn> columns = List.of();
    List<Object[]> rows = new ArrayList<>(4);
    int width = 0;
    while (in.position < end) {
      int start = in.position;
      int tag = in.tag();
      switch (tag) {
        case RESULT_COLUMNS -> {
          in.position = start;
          List<ResultColumn> run = columns(in, end);
          columns = columns.isEmpty() ? run : Stream.concat(columns.stream(), run.stream()).toList();
        }
        case RESULT_ROWS -> {
          Object[] row = row(in, in.enter(), width > 0 ? width : columns.size());
          width = row.length;
          rows.add(row);
        }
        default -> in.skip(tag);
      }
    }
    in.leave(end);
    return new Response.Rows(columns, rows);
  }

  /**
   * The run of column fields from the reader's position on (the node sends a result's
   * columns together), the last result's columns again when their bytes are the same.
   */
  private List<ResultColumn> columns(Reader in, int end) throws InvalidProtocolBufferException {
    int start = in.position;
    int runEnd = start;
    while (in.position < end) {
      int tag = in.tag();
      if (tag != RESULT_COLUMNS) {
        break;
      }
      in.position = in.enter();
      runEnd = in.position;
    }
    if (!Arrays.equals(lastColumnBytes, 0, lastColumnBytes.length, in.bytes, start, runEnd)) {
      List<ResultColumn> columns = new ArrayList<>();
      in.position = start;
      while (in.position < runEnd) {
        in.tag(); // a column's, as the scan above found
        columns.add(column(in, in.enter()));
      }
      lastColumns = List.copyOf(columns);
      lastColumnBytes = Arrays.copyOfRange(in.bytes, start, runEnd);
    }
    in.position = runEnd;
    return lastColumns;
  }

  private static ResultColumn column(Reader in, int end) throws InvalidProtocolBufferException {
    String name = "";
    int typeOid = 0;
    int typeModifier = 0;
    String typeName = "";
    while (in.position < end) {
      int tag = in.tag();
      switch (tag) {
        case COLUMN_NAME -> name = in.string();
        case COLUMN_TYPE_OID -> typeOid = (int) in.varint();
        case COLUMN_TYPE_MODIFIER -> typeModifier = (int) in.varint();
        case COLUMN_TYPE_NAME -> typeName = in.string();
        default -> in.skip(tag);
      }
    }
    in.leave(end);
    return new ResultColumn(name, typeOid, typeModifier, typeName);
  }

  /**
   * A row's values; {@code width} is how many are expected (the columns', or the row
   * before's), capped by what the row's bytes can hold (a value takes at least two).
   */
  private static Object[] row(Reader in, int end, int width) throws InvalidProtocolBufferException {
    Object[] values = new Object[Math.min(width > 0 ? width : 8, (end - in.position) / 2)];
    int count = 0;
    while (in.position < end) {
      int tag = in.tag();
      if (tag != ROW_VALUES) {
        in.skip(tag);
        continue;
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, Math.max(4, count * 2));
      }
      values[count++] = value(in, in.enter());
    }
    in.leave(end);
    return count == values.length ? values : Arrays.copyOf(values, count);
  }

  /** A value: null (SQL NULL, or no kind set), Long, Boolean, String or byte[]. */
  private static Object value(Reader in, int end) throws InvalidProtocolBufferException {
    Object value = null;
    while (in.position < end) {
      int tag = in.tag();
      switch (tag) {
        case VALUE_NULL -> {
          in.bool();
          value = null;
        }
        case VALUE_INTEGER -> {
          long zigzag = in.varint();
          value = (zigzag >>> 1) ^ -(zigzag & 1);
        }
        case VALUE_BOOLEAN -> value = in.bool();
        case VALUE_TEXT -> value = in.string();
        case VALUE_BYTEA -> value = in.bytes();
        default -> in.skip(tag);
      }
    }
    in.leave(end);
    return value;
  }

  /**
   * Reads protobuf's wire format from a whole message. A nested message is read up to
   * its end ({@link #enter}), and {@link #leave} checks that its last field ended there:
   * a length that runs past its message, or past the whole, is an error.
   */
  private static final class Reader {
    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    /** A tag: as protobuf, the low 32 bits of a varint of up to 10 bytes. */
    int tag() throws InvalidProtocolBufferException {
      int tag = (int) varint();
      if (tag >>> 3 == 0) {
        throw new InvalidProtocolBufferException("invalid field tag " + Integer.toUnsignedString(tag));
      }
      return tag;
    }

    long varint() throws InvalidProtocolBufferException {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= bytes.length) {
          throw truncated();
        }
        byte b = bytes[position++];
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new InvalidProtocolBufferException("a varint longer than 10 bytes");
    }

    boolean bool() throws InvalidProtocolBufferException {
      return varint() != 0;
    }

    /** A transaction status: its first character ('I' when empty). */
    char status() throws InvalidProtocolBufferException {
      int length = length();
      if (length == 1 && bytes[position] >= 0) { // ASCII, as 'I', 'T' and 'E' are
        return (char) bytes[position++];
      }
      String status = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return status.isEmpty() ? 'I' : status.charAt(0);
    }

    /** A length: as protobuf, the low 32 bits of a varint, which must not be negative. */
    int length() throws InvalidProtocolBufferException {
      int length = (int) varint();
      if (length < 0) {
        throw new InvalidProtocolBufferException("a negative length");
      }
      if (length > bytes.length - position) {
        throw truncated();
      }
      return length;
    }

    String string() throws InvalidProtocolBufferException {
      int length = length();
      String text = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return text;
    }

    byte[] bytes() throws InvalidProtocolBufferException {
      int length = length();
      byte[] copy = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return copy;
    }

    /** Steps into a nested message; returns where it ends. */
    int enter() throws InvalidProtocolBufferException {
      int length = length();
      return position + length;
    }

    /** Checks that the nested message ending at {@code end} was read exactly to its end. */
    void leave(int end) throws InvalidProtocolBufferException {
      if (position != end) {
        throw new InvalidProtocolBufferException("a field runs past the end of its message");
      }
    }

    /** Skips the unknown field whose tag was just read (a group whole, to its end tag). */
    void skip(int tag) throws InvalidProtocolBufferException {
      skip(tag, 0);
    }

    private void skip(int tag, int depth) throws InvalidProtocolBufferException {
      switch (tag & 7) {
        case VARINT -> varint();
        case FIXED64 -> advance(8);
        case LENGTH_DELIMITED -> advance(length());
        case FIXED32 -> advance(4);
        case START_GROUP -> {
          if (depth >= MAX_GROUP_DEPTH) {
            throw new InvalidProtocolBufferException("groups nested too deeply");
          }
          int end = (tag & ~7) | END_GROUP;
          for (int inner = tag(); inner != end; inner = tag()) {
            skip(inner, depth + 1);
          }
        }
        default -> throw new InvalidProtocolBufferException("an unexpected end-group tag or wire type in tag " + tag);
      }
    }

    private void advance(int count) throws InvalidProtocolBufferException {
      if (count > bytes.length - position) {
        throw truncated();
      }
      position += count;
    }

    private static InvalidProtocolBufferException truncated() {
      return new InvalidProtocolBufferException("the message ends inside a field");
    }
  }
}
