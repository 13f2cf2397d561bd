package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frontend messages from a connection's input: the startup packets (length, then
 * body) and the typed messages (type byte, length, body). A length outside the limits is
 * refused before anything is allocated for it (08P01, FATAL: the stream can no longer be
 * framed). Used by the connection's own thread.
 */
final class MessageReader {

  /** PostgreSQL's limit for startup packets (MAX_STARTUP_PACKET_LENGTH). */
  static final int MAX_STARTUP_PACKET_BYTES = 10_000;

  private final DataInputStream in;
  private final int maxMessageBytes;

  MessageReader(InputStream in, int maxMessageBytes) {
    this.in = new DataInputStream(in);
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The next startup packet's body (its first int is the protocol version or request code). */
  MessageBody readStartupPacket() throws IOException {
    int length = in.readInt();
    if (length < 8 || length > MAX_STARTUP_PACKET_BYTES) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid length of startup packet").fatal();
    }
    return new MessageBody((byte) 0, readFully(length - 4));
  }

  /**
   * The next typed message; blocks for its first byte. {@link EOFException} when the
   * client closed the connection between or inside messages.
   */
  MessageBody readMessage() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("client closed the connection");
    }
    return readMessageAfterType((byte) type);
  }

  private MessageBody readMessageAfterType(byte type) throws IOException {
    int length = in.readInt();
    if (length < 4 || length - 4 > maxMessageBytes) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid message length").fatal();
    }
    return new MessageBody(type, readFully(length - 4));
  }

  private byte[] readFully(int length) throws IOException {
    byte[] body = new byte[length];
    in.readFully(body);
    return body;
  }
}
