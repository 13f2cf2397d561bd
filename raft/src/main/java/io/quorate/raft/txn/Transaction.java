package io.quorate.raft.txn;

/**
 * One transaction on the primary. Reads see the transaction's snapshot of the applied
 * state overlaid with its own buffered writes; writes are buffered and locked, and
 * become one log entry at {@link #commit()}. Every method may throw
 * {@link StoreException}; after any failure other than {@code LOCK_TIMEOUT} the
 * transaction is aborted. One thread at a time.
 */
public interface Transaction extends AutoCloseable {

  /**
   * The most bytes of changes (keys, values and per-change framing) one transaction may
   * commit: they become one Raft log entry, and every replica holds a log entry in
   * memory while it is replicated and applied. A write beyond it fails with
   * {@code TOO_LARGE} and aborts the transaction.
   */
  long MAX_WRITE_BYTES = 64L << 20;

  long id();

  IsolationLevel isolation();

  boolean readOnly();

  /**
   * Marks the start of a statement. Under {@code READ_COMMITTED} the next read takes a
   * new snapshot (confirming leadership first); under the other levels it does nothing.
   */
  void startStatement();

  /** The value of {@code key} as this transaction sees it, or {@code null}. */
  byte[] get(byte[] key);

  /**
   * The entries in {@code [startInclusive, endExclusive)} as this transaction sees them,
   * ascending or, with {@code reverse}, descending; {@code null} bounds are open.
   */
  ReadView.Cursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse);

  /**
   * Takes the exclusive lock on {@code key} (waiting up to the lock timeout) and returns
   * the value to update: under {@code READ_COMMITTED} the newest committed value, under
   * the other levels the snapshot value, failing with {@code SERIALIZATION_FAILURE} if
   * another transaction committed a change to it after this transaction's snapshot.
   * Own buffered writes take precedence.
   */
  byte[] lockForUpdate(byte[] key);

  /** Buffers a put; locks {@code key} as {@link #lockForUpdate} does. */
  void put(byte[] key, byte[] value);

  /** Buffers a delete; locks {@code key} as {@link #lockForUpdate} does. */
  void delete(byte[] key);

  /**
   * Proposes the buffered writes as one log entry and waits until it is committed and
   * applied on this primary, then releases the locks. A transaction without writes
   * commits without a log entry (under {@code SERIALIZABLE} after validating its reads).
   *
   * @return the log index of the commit's entry, or the applied index it read at if it
   *     wrote nothing
   */
  long commit();

  /** Discards the buffered writes and releases the locks. Idempotent. */
  void abort();

  /** Aborts unless already committed. */
  @Override
  default void close() {
    abort();
  }
}
