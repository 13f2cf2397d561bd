package io.quorate.node.sql;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import io.quorate.sql.kv.KvCursor;
import java.util.Arrays;
import java.util.Map;

/** A store cursor as the engine's {@link KvCursor}, with failures translated. */
final class ReadViewCursor implements KvCursor {

  static final KvCursor EMPTY = new KvCursor() {
    @Override
    public Map.Entry<byte[], byte[]> next() {
      return null;
    }

    @Override
    public void close() {}
  };

  private final ReadView.Cursor cursor;

  ReadViewCursor(ReadView.Cursor cursor) {
    this.cursor = cursor;
  }

  /** Whether {@code [start, end)} is empty or inverted; the store's cursors expect a proper range. */
  static boolean emptyRange(byte[] start, byte[] end) {
    return start != null && end != null && Arrays.compareUnsigned(start, end) >= 0;
  }

  @Override
  public Map.Entry<byte[], byte[]> next() {
    try {
      return cursor.next();
    } catch (StoreException e) {
      throw StoreErrorTranslation.translate(e);
    }
  }

  @Override
  public void close() {
    cursor.close();
  }
}
