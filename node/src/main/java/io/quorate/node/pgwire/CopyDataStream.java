package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The client's CopyData payloads during COPY FROM STDIN as one byte stream, read from the
 * connection only as the engine asks for more, so one message at a time is held. Message
 * boundaries mean nothing (pgbench sends a row per message, psql larger chunks). CopyDone
 * ends the stream; CopyFail fails it with 57014 "COPY from stdin failed: ..."; Flush and
 * Sync are ignored, as PostgreSQL ignores them during COPY; any other message breaks the
 * protocol (08P01, FATAL), and a lost connection ends the session (08006, FATAL). Used by
 * the connection's own thread.
 */
final class CopyDataStream extends InputStream {

  private static final byte[] NO_DATA = new byte[0];

  private final MessageReader in;
  private byte[] payload = NO_DATA;
  private int offset;
  private boolean ended;

  CopyDataStream(MessageReader in) {
    this.in = in;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] into, int from, int length) {
    Objects.checkFromIndexSize(from, length, into.length);
    if (length == 0) {
      return 0;
    }
    while (offset == payload.length) {
      if (ended) {
        return -1;
      }
      readMessage();
    }
    int count = Math.min(length, payload.length - offset);
    System.arraycopy(payload, offset, into, from, count);
    offset += count;
    return count;
  }

  /** Reads and drops the client's messages up to its CopyDone or CopyFail, after the COPY failed. */
  void discardRest() {
    while (!ended) {
      try {
        readMessage();
      } catch (SqlException copyFail) {
        if (copyFail.severity() == SqlException.Severity.FATAL) {
          throw copyFail;
        }
      }
      payload = NO_DATA;
      offset = 0;
    }
  }

  private void readMessage() {
    MessageBody message;
    try {
      message = in.readMessage();
    } catch (IOException lost) {
      ended = true;
      throw new SqlException(SqlState.CONNECTION_FAILURE, "unexpected EOF on client connection with an open "
          + "transaction").fatal();
    }
    switch (message.type()) {
      case 'd' -> {
        payload = message.readBytes(message.remaining());
        offset = 0;
      }
      case 'c' -> ended = true;
      case 'f' -> {
        ended = true;
        throw new SqlException(SqlState.QUERY_CANCELED, "COPY from stdin failed: " + message.readCString());
      }
      case 'H', 'S' -> {
        // PostgreSQL ignores Flush and Sync during COPY FROM STDIN
      }
      default -> {
        ended = true;
        throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unexpected message type 0x"
            + Integer.toHexString(message.type() & 0xFF) + " during COPY from stdin").fatal();
      }
    }
  }
}
