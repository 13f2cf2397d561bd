package io.quorate.raft.txn;

import java.util.Arrays;

/** A key as a map key: equality by content, order by unsigned bytes (RocksDB's order). */
record ByteKey(byte[] bytes) implements Comparable<ByteKey> {

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(ByteKey other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  /** Whether this key lies in {@code [start, end)}; null bounds are open. */
  boolean within(byte[] start, byte[] end) {
    return (start == null || Arrays.compareUnsigned(bytes, start) >= 0)
        && (end == null || Arrays.compareUnsigned(bytes, end) < 0);
  }

  @Override
  public String toString() {
    return "ByteKey[" + bytes.length + " bytes]";
  }
}
