package io.quorate.node.pgwire;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * COPY's sub-protocol. FROM STDIN: CopyInResponse, then the engine reads the client's
 * CopyData stream as it arrives ({@link CopyDataStream}) and stores rows as it parses
 * them. TO STDOUT (a table or a query): CopyOutResponse, a CopyData per row as the engine
 * produces it, CopyDone. Text and CSV formats; the table's existence (or the query's
 * plan) is checked before the copy starts, as in PostgreSQL.
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
    CopyDataStream data = new CopyDataStream(in);
    try {
      return session.copyIn(copy, data);
    } catch (SqlException failed) {
      if (failed.severity() != SqlException.Severity.FATAL) {
        // Clients send all their data before they read a reply (psql, pgjdbc's CopyManager),
        // so the error goes out after their CopyDone, where they look for it.
        data.discardRest();
      }
      throw failed;
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
