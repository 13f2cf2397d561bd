package io.quorate.raft.txn;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;

/**
 * A transaction's view of a key range: the snapshot's entries merged with the
 * transaction's own buffered writes, which win; buffered deletes hide snapshot entries.
 * Streams in key order (descending when reversed).
 */
final class MergingCursor implements ReadView.Cursor {

  private final ReadView.Cursor snapshot;
  private final Iterator<Map.Entry<ByteKey, PrimaryTransaction.Write>> own;
  private final boolean reverse;
  private Map.Entry<byte[], byte[]> nextSnapshot;
  private Map.Entry<ByteKey, PrimaryTransaction.Write> nextOwn;

  MergingCursor(ReadView.Cursor snapshot, NavigableMap<ByteKey, PrimaryTransaction.Write> own, boolean reverse) {
    this.snapshot = snapshot;
    this.own = (reverse ? own.descendingMap() : own).entrySet().iterator();
    this.reverse = reverse;
    this.nextSnapshot = snapshot.next();
    this.nextOwn = this.own.hasNext() ? this.own.next() : null;
  }

  @Override
  public Map.Entry<byte[], byte[]> next() {
    while (nextSnapshot != null || nextOwn != null) {
      int order = compare();
      if (order < 0) {
        Map.Entry<byte[], byte[]> result = nextSnapshot;
        nextSnapshot = snapshot.next();
        return result;
      }
      Map.Entry<ByteKey, PrimaryTransaction.Write> write = nextOwn;
      nextOwn = own.hasNext() ? own.next() : null;
      if (order == 0) {
        nextSnapshot = snapshot.next();
      }
      if (write.getValue().value() != null) {
        return new AbstractMap.SimpleImmutableEntry<>(write.getKey().bytes(), write.getValue().value());
      }
    }
    return null;
  }

  /** Negative when the snapshot's entry comes first, zero when both have the same key. */
  private int compare() {
    if (nextOwn == null) {
      return -1;
    }
    if (nextSnapshot == null) {
      return 1;
    }
    int order = java.util.Arrays.compareUnsigned(nextSnapshot.getKey(), nextOwn.getKey().bytes());
    return reverse ? -order : order;
  }

  @Override
  public void close() {
    snapshot.close();
  }
}
