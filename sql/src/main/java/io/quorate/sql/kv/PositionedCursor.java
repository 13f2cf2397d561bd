package io.quorate.sql.kv;

/**
 * A cursor that keeps its current entry in two fields: a subclass finds the next entry
 * and reports it with {@link #at} or the end with {@link #end()}.
 */
abstract class PositionedCursor implements KvCursor {

  private byte[] key;
  private byte[] value;

  /** Makes {@code entryKey = entryValue} the current entry; returns true for advance(). */
  protected final boolean at(byte[] entryKey, byte[] entryValue) {
    key = entryKey;
    value = entryValue;
    return true;
  }

  /** Leaves the cursor without a current entry; returns false for advance(). */
  protected final boolean end() {
    key = null;
    value = null;
    return false;
  }

  @Override
  public final byte[] key() {
    return key;
  }

  @Override
  public final byte[] value() {
    return value;
  }

  @Override
  public void close() {}
}
