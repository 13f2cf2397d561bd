package io.quorate.node.sql;

import io.quorate.raft.txn.StoreException;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures of the replicated store become the SQL engine's errors,
 * with PostgreSQL's SQLSTATEs and wording where PostgreSQL has an equivalent. The store's
 * own message goes into the detail so the on-call engineer sees what happened below.
 */
final class StoreErrorTranslation {

  private static final Logger LOG = LoggerFactory.getLogger(StoreErrorTranslation.class);

  private StoreErrorTranslation() {}

  static SqlException translate(StoreException e) {
    return switch (e.kind()) {
      case NOT_PRIMARY -> new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION,
          "cannot execute a write on a standby: this node is not the primary")
          .withHint("Connect to the primary; om status shows which node it is.");
      case READ_ONLY -> new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION,
          "cannot execute a write in a read-only transaction");
      case LEADERSHIP_LOST -> new SqlException(SqlState.SERIALIZATION_FAILURE,
          "could not serialize access: the primary changed while the transaction was open")
          .withDetail(e.getMessage())
          .withHint("The transaction was rolled back; run it again.");
      case OUTCOME_UNKNOWN -> new SqlException(SqlState.STATEMENT_COMPLETION_UNKNOWN,
          "the outcome of the commit is unknown: the primary changed while it was being replicated")
          .withDetail(e.getMessage())
          .withHint("Check whether the transaction's changes are present before running it again.");
      case NOT_READY -> new SqlException(SqlState.CANNOT_CONNECT_NOW, "the database system is not ready")
          .withDetail(e.getMessage());
      case SERIALIZATION_FAILURE -> SqlException.serializationFailure("could not serialize access due to concurrent update")
          .withDetail(e.getMessage());
      case DEADLOCK -> new SqlException(SqlState.DEADLOCK_DETECTED, "deadlock detected").withDetail(e.getMessage());
      case LOCK_TIMEOUT -> new SqlException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
      case TIMEOUT -> new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request")
          .withDetail(e.getMessage());
      case TOO_LARGE -> new SqlException(SqlState.PROGRAM_LIMIT_EXCEEDED, "transaction is too large to commit")
          .withDetail(e.getMessage())
          .withHint("Split the work into smaller transactions, for example COPY or INSERT in batches.");
      case TRANSACTION_CLOSED -> new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "the transaction has already ended");
      // only work run under NoWait meets this, and it catches it and runs again elsewhere
      case WOULD_WAIT -> SqlException.internal("a statement run where it must not wait would have waited", e);
      case STORAGE -> {
        LOG.error("Storage failure under a SQL statement", e);
        yield new SqlException(SqlState.IO_ERROR, "could not access the node's storage").withDetail(e.getMessage());
      }
    };
  }
}
