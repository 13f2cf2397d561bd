package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The body of one frontend message, read field by field. A field that runs past the end
 * is 08P01 "invalid message format"; text that is not UTF-8 is 22021, as PostgreSQL
 * reports both. Neither breaks the message framing, so the connection can go on.
 */
final class MessageBody {

  private final byte type;
  private final ByteBuffer buffer;

  MessageBody(byte type, byte[] body) {
    this.type = type;
    this.buffer = ByteBuffer.wrap(body);
  }

  /** The message type byte; 0 for startup packets, which have none. */
  byte type() {
    return type;
  }

  int remaining() {
    return buffer.remaining();
  }

  byte readByte() {
    require(1);
    return buffer.get();
  }

  short readInt16() {
    require(2);
    return buffer.getShort();
  }

  int readInt32() {
    require(4);
    return buffer.getInt();
  }

  /** A count field (int16) that must not be negative. */
  int readCount() {
    int count = readInt16();
    if (count < 0) {
      throw invalidFormat();
    }
    return count;
  }

  byte[] readBytes(int length) {
    if (length < 0) {
      throw invalidFormat();
    }
    require(length);
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  /** A NUL-terminated UTF-8 string. */
  String readCString() {
    int start = buffer.position();
    int end = start;
    while (end < buffer.limit() && buffer.get(end) != 0) {
      end++;
    }
    if (end == buffer.limit()) {
      throw invalidFormat();
    }
    byte[] bytes = new byte[end - start];
    buffer.get(bytes);
    buffer.get(); // the terminator
    return utf8(bytes);
  }

  /** Everything left, as UTF-8 text. */
  String readRemainingText() {
    return utf8(readBytes(buffer.remaining()));
  }

  /** Refuses trailing bytes, which mean the client and server disagree about the format. */
  void end() {
    if (buffer.hasRemaining()) {
      throw invalidFormat();
    }
  }

  private void require(int length) {
    if (buffer.remaining() < length) {
      throw invalidFormat();
    }
  }

  private SqlException invalidFormat() {
    return new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid message format");
  }

  /** Strict UTF-8 decoding (the server and client encodings are both UTF8). */
  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException invalid) {
      throw new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
    }
  }
}
