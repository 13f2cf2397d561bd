package io.quorate.sql.kv;

/**
 * A streaming iterator over key-value entries in key order; must be closed. It moves
 * with {@link #advance()} and shows the current entry through {@link #key()} and
 * {@link #value()}, so a scan allocates nothing per entry. The arrays returned are the
 * entry's own (never a buffer the cursor reuses), so callers may keep them; they must
 * not modify them.
 */
public interface KvCursor extends AutoCloseable {

  /** A cursor over nothing. */
  KvCursor EMPTY = new KvCursor() {
    @Override
    public boolean advance() {
      return false;
    }

    @Override
    public byte[] key() {
      throw new IllegalStateException("no current entry");
    }

    @Override
    public byte[] value() {
      throw new IllegalStateException("no current entry");
    }

    @Override
    public void close() {}
  };

  /** Moves to the next entry: false at the end, after which the cursor has no current entry. */
  boolean advance();

  /** The current entry's key; only after {@link #advance()} returned true. */
  byte[] key();

  /** The current entry's value; only after {@link #advance()} returned true. */
  byte[] value();

  @Override
  void close();
}
