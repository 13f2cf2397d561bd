package io.quorate.sql.types;

import java.util.Arrays;

/** A bytea value: an immutable byte string, ordered as unsigned bytes like PostgreSQL. */
public final class Bytes implements Comparable<Bytes> {

  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}. */
  public static Bytes copyOf(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  /** Wraps {@code bytes} without copying; the caller gives up the array. */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(bytes);
  }

  public int length() {
    return bytes.length;
  }

  public byte byteAt(int index) {
    return bytes[index];
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** PostgreSQL's hex output form, {@code \x0aff}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(2 + bytes.length * 2).append("\\x");
    for (byte b : bytes) {
      out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return out.toString();
  }
}
