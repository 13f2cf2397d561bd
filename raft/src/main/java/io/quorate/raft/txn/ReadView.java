package io.quorate.raft.txn;

import java.util.Map;

/**
 * A consistent, read-only view of the applied state (a RocksDB snapshot on a real
 * replica). Every read through one view sees the same applied index. Must be closed;
 * a closed view throws {@link IllegalStateException}. Safe for one thread at a time.
 */
public interface ReadView extends AutoCloseable {

  /** The Raft log index of the last entry whose effects this view contains. */
  long appliedIndex();

  /** The value of {@code key}, or {@code null}. */
  byte[] get(byte[] key);

  /**
   * The entries with {@code startInclusive <= key < endExclusive} in unsigned byte
   * order (descending when {@code reverse}). A {@code null} bound is open. The cursor
   * streams; it must be closed, and becomes invalid when the view is closed.
   */
  Cursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse);

  @Override
  void close();

  /** A streaming iterator over key-value entries. */
  interface Cursor extends AutoCloseable {
    /** The next entry, or {@code null} at the end. */
    Map.Entry<byte[], byte[]> next();

    @Override
    void close();
  }
}
