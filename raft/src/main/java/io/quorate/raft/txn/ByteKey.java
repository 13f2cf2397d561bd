package io.quorate.raft.txn;

import java.util.Arrays;

/**
 * A key as a map key: equality by content, order by unsigned bytes (RocksDB's order).
 * The hash is FNV-1a with MurmurHash3's final mix, not {@code Arrays.hashCode}: that
 * base-31 polynomial gives 100,000 consecutive integer keys (a table prefix and four
 * big-endian bytes) about 9,000 distinct values, so the lock table's bins filled up and
 * turned into trees of compareTo calls. (sql's in-memory store has the same hash; the
 * modules share no code.)
 */
record ByteKey(byte[] bytes) implements Comparable<ByteKey> {

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    int h = 0x811C9DC5;
    for (byte b : bytes) {
      h = (h ^ (b & 0xFF)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
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
