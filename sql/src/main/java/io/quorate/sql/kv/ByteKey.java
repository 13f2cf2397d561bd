package io.quorate.sql.kv;

import java.util.Arrays;

/**
 * A byte-string key for hash maps: equality by content, and a hash that spreads the
 * store's keys. {@code ByteBuffer}'s and {@code Arrays.hashCode}'s hash is a base-31
 * polynomial of the bytes, so two keys collide whenever their last two bytes differ by
 * (+1, -31): the keys of consecutive integers (a table prefix and four big-endian bytes)
 * fall into a few hundred thousand hash values, a million of them fill bins of a dozen
 * and every probe walks a tree of compareTo calls. FNV-1a with a final avalanche
 * (MurmurHash3's fmix32) has no such structure. The hash is computed once.
 *
 * <p>The bytes are not copied: whoever makes a key promises not to change them.
 */
final class ByteKey {

  private final byte[] bytes;
  private final int hash;

  ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = hash(bytes);
  }

  byte[] bytes() {
    return bytes;
  }

  static int hash(byte[] bytes) {
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
  public boolean equals(Object o) {
    return o instanceof ByteKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "ByteKey[" + bytes.length + " bytes]";
  }
}
