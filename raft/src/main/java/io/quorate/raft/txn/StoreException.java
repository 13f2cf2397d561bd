package io.quorate.raft.txn;

/**
 * A failure of the replicated store that callers act on by its {@link Kind}. Node code
 * translates each kind to a PostgreSQL SQLSTATE once, at its adapter; nothing in
 * {@code raft} knows SQLSTATEs. Ratis and RocksDB exceptions never escape this module
 * except wrapped in this type.
 */
public class StoreException extends RuntimeException {

  /** What went wrong, as far as a caller must know to react. */
  public enum Kind {
    /** This replica is not the primary; writes and linearizable reads go elsewhere. */
    NOT_PRIMARY(false),
    /** Leadership was lost while the transaction was open; the transaction is aborted. */
    LEADERSHIP_LOST(true),
    /** A commit was in flight when leadership changed; it may or may not have applied. */
    OUTCOME_UNKNOWN(false),
    /** The replica is starting, installing a snapshot or otherwise not ready. */
    NOT_READY(true),
    /** A concurrent transaction's commit conflicts with this one (serialization failure). */
    SERIALIZATION_FAILURE(true),
    /** Waiting for a lock would close a cycle of waiting transactions. */
    DEADLOCK(true),
    /** A lock was not granted within the lock timeout. */
    LOCK_TIMEOUT(false),
    /** A write was attempted in a read-only transaction or on a standby. */
    READ_ONLY(false),
    /** The transaction was already committed or aborted. */
    TRANSACTION_CLOSED(false),
    /** The transaction's changes are more than one commit may carry. */
    TOO_LARGE(false),
    /** The operation did not finish in time. */
    TIMEOUT(false),
    /** Local storage failed (I/O error, corruption, disk full). */
    STORAGE(false),
    /**
     * The operation would have waited on a thread that must not ({@link NoWait}); nothing
     * was read or changed, and it can run again on a thread that may wait.
     */
    WOULD_WAIT(true);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    /** Whether the whole transaction can simply be run again. */
    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;

  public StoreException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StoreException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
