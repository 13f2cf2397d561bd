package io.quorate.node.pgwire;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * COPY's sub-protocol. FROM STDIN: CopyInResponse, then the client's CopyData messages
 * as one byte stream (their boundaries mean nothing: pgbench sends a row per message,
 * psql larger chunks) until CopyDone or CopyFail. TO STDOUT: CopyOutResponse, one
 * CopyData per row, CopyDone. Text format only; the table's existence is checked before
 * the copy starts, as in PostgreSQL.
 */
final class CopyProtocol {

  private final Session session;
  private final MessageReader in;
  private final MessageWriter out;

  CopyProtocol(Session session, MessageReader in, MessageWriter out) {
    this.session = session;
    this.in = in;
    this.out = out;
  }

  StatementResult run(Statement.Copy copy) throws IOException {
    int columns = session.copyColumnCount(copy);
    return copy.from() ? copyIn(copy, columns) : copyOut(copy, columns);
  }

  private StatementResult copyIn(Statement.Copy copy, int columns) throws IOException {
    out.copyResponse('G', columns);
    out.flush();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    while (true) {
      MessageBody message = in.readMessage();
      switch (message.type()) {
        case 'd' -> data.write(message.readBytes(message.remaining()));
        case 'c' -> {
          return session.copyIn(copy, MessageBody.utf8(data.toByteArray()));
        }
        case 'f' -> throw new SqlException(SqlState.QUERY_CANCELED, "COPY from stdin failed: "
            + message.readCString());
        case 'H', 'S' -> {
          // PostgreSQL ignores Flush and Sync during COPY FROM STDIN
        }
        default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unexpected message type 0x"
            + Integer.toHexString(message.type() & 0xFF) + " during COPY from stdin").fatal();
      }
    }
  }

  private StatementResult copyOut(Statement.Copy copy, int columns) throws IOException {
    out.copyResponse('H', columns);
    StatementResult result = session.copyOut(copy, line -> {
      try {
        out.copyData(line.getBytes(StandardCharsets.UTF_8));
      } catch (IOException lost) {
        throw new UncheckedIOException(lost);
      }
    });
    out.empty('c');
    return result;
  }
}
