package io.quorate.driver;

import java.sql.SQLException;

/**
 * The rows of a suspended result that are still on the node: its session keeps them,
 * computed when the statement ran, until they are fetched or closed. They live only in
 * that session, so they are lost with it (a failover, a closed connection).
 */
final class RemainingRows {

  private final QuorateConnection connection;
  private final SessionStream session;
  private final long executeId;
  private boolean finished;
  /** The statement's command tag, once its last rows have arrived. */
  private String commandTag = "";

  RemainingRows(QuorateConnection connection, SessionStream session, long executeId) {
    this.connection = connection;
    this.session = session;
    this.executeId = executeId;
  }

  /** The next at most {@code rows} rows (0: all that remain); after the last, {@link #finished} holds. */
  StatementOutcome fetch(int rows) throws SQLException {
    StatementOutcome next = connection.fetchRows(session, executeId, rows);
    finished = next.remaining() == null;
    if (finished) {
      commandTag = next.commandTag();
    }
    return next;
  }

  boolean finished() {
    return finished;
  }

  /** The statement's command tag once the last rows have arrived; empty before, and after a close. */
  String commandTag() {
    return commandTag;
  }

  /** Lets the node drop the rows not read; quiet when they are gone already. */
  void close() {
    if (!finished) {
      finished = true;
      connection.closeRows(session, executeId);
    }
  }
}
