package io.quorate.sql.kv;

/**
 * One transaction of a {@link KvStore}: reads see its snapshot overlaid with its own
 * writes; writes are buffered and locked and become visible to others at commit. After
 * any failure other than a lock timeout (55P03) the transaction is aborted. One thread
 * at a time.
 */
public interface KvTransaction extends AutoCloseable {

  KvIsolation isolation();

  boolean readOnly();

  /** Starts a statement: under READ COMMITTED the next read uses a new snapshot. */
  void startStatement();

  /** The value of {@code key}, or {@code null}. */
  byte[] get(byte[] key);

  /** Entries in {@code [startInclusive, endExclusive)}; null bounds are open. */
  KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse);

  /**
   * Locks {@code key} for update and returns the value to update: under READ COMMITTED
   * the newest committed value, otherwise the snapshot's (40001 if another transaction
   * committed a change to it since).
   */
  byte[] lockForUpdate(byte[] key);

  void put(byte[] key, byte[] value);

  void delete(byte[] key);

  /** Makes the writes visible; 40001 when a serializable transaction's reads went stale. */
  void commit();

  /** Discards the writes and releases the locks; idempotent. */
  void abort();

  @Override
  default void close() {
    abort();
  }
}
