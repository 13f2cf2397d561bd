package io.quorate.sql.encoding;

import io.quorate.sql.error.SqlException;
import java.util.Arrays;

/**
 * Reads what a {@link ByteSink} wrote, checking every bound: stored bytes may be corrupt
 * or truncated, and that must surface as an internal {@link SqlException} naming what was
 * being read, never as an {@link ArrayIndexOutOfBoundsException}. Not thread-safe.
 */
final class ByteSource {

  /**
   * PostgreSQL's limit on array dimensions (MAXDIM). Readers refuse deeper nesting so that
   * corrupt bytes cannot recurse them into a StackOverflowError.
   */
  static final int MAX_ARRAY_DIMENSIONS = 6;

  private final byte[] bytes;
  private final String what;
  private int position;

  /** {@code what} names the data in error messages, e.g. "row" or "key". */
  ByteSource(byte[] bytes, int offset, String what) {
    if (offset < 0 || offset > bytes.length) {
      throw new IllegalArgumentException("offset " + offset + " outside 0.." + bytes.length);
    }
    this.bytes = bytes;
    this.position = offset;
    this.what = what;
  }

  int position() {
    return position;
  }

  int remaining() {
    return bytes.length - position;
  }

  /** The next byte as 0..255. */
  int readUnsignedByte() {
    require(1);
    return bytes[position++] & 0xFF;
  }

  /** Moves past {@code length} bytes without copying them. */
  void skip(int length) {
    if (length < 0) {
      throw corrupt("negative length " + length);
    }
    require(length);
    position += length;
  }

  /** The byte at absolute {@code offset} (before the current position) as 0..255. */
  int byteAt(int offset) {
    if (offset < 0 || offset >= position) {
      throw new IllegalArgumentException("offset " + offset + " not yet read, position " + position);
    }
    return bytes[offset] & 0xFF;
  }

  byte[] readBytes(int length) {
    if (length < 0) {
      throw corrupt("negative length " + length);
    }
    require(length);
    byte[] result = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return result;
  }

  int readIntBigEndian() {
    require(4);
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  long readLongBigEndian() {
    require(8);
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[position++] & 0xFF);
    }
    return value;
  }

  long readUnsignedVarint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int next = readUnsignedByte();
      value |= (long) (next & 0x7F) << shift;
      if ((next & 0x80) == 0) {
        return value;
      }
    }
    throw corrupt("varint longer than 10 bytes at offset " + position);
  }

  long readSignedVarint() {
    long zigzag = readUnsignedVarint();
    return (zigzag >>> 1) ^ -(zigzag & 1);
  }

  /** An unsigned varint that must fit a non-negative int, e.g. a length or a count. */
  int readCount() {
    long value = readUnsignedVarint();
    if (value > Integer.MAX_VALUE) {
      throw corrupt("count " + Long.toUnsignedString(value) + " too large");
    }
    return (int) value;
  }

  /** The error for data that cannot be what it claims to be. */
  SqlException corrupt(String detail) {
    return SqlException.internal("corrupt " + what + ": " + detail, null);
  }

  private void require(int length) {
    if (length > bytes.length - position) {
      throw corrupt("truncated, " + length + " bytes needed at offset " + position + " of " + bytes.length);
    }
  }
}
