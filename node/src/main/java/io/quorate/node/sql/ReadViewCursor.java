package io.quorate.node.sql;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import io.quorate.sql.kv.KvCursor;
import java.util.Arrays;
import java.util.Map;

/**
 * A store cursor as the engine's {@link KvCursor}, with failures translated. The store's
 * cursor hands out an entry per key; this keeps the current one and shows its key and
 * value (the entry's own arrays, as the port promises).
 */
final class ReadViewCursor implements KvCursor {

  private final ReadView.Cursor cursor;
  private Map.Entry<byte[], byte[]> current;

  ReadViewCursor(ReadView.Cursor cursor) {
    this.cursor = cursor;
  }

  /** Whether {@code [start, end)} is empty or inverted; the store's cursors expect a proper range. */
  static boolean emptyRange(byte[] start, byte[] end) {
    return start != null && end != null && Arrays.compareUnsigned(start, end) >= 0;
  }

  @Override
  public boolean advance() {
    try {
      current = cursor.next();
    } catch (StoreException e) {
      throw StoreErrorTranslation.translate(e);
    }
    return current != null;
  }

  @Override
  public byte[] key() {
    return current.getKey();
  }

  @Override
  public byte[] value() {
    return current.getValue();
  }

  @Override
  public void close() {
    cursor.close();
  }
}
