package io.quorate.sql.encoding;

import java.util.Arrays;

/**
 * A growable byte buffer that both codecs append to: raw bytes, big-endian fixed-width
 * integers and LEB128 varints. Not thread-safe; reuse one per thread with {@link #reset()}.
 */
final class ByteSink {

  private byte[] buffer;
  private int size;

  ByteSink(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  void writeByte(int value) {
    ensureCapacity(1);
    buffer[size++] = (byte) value;
  }

  void writeBytes(byte[] bytes) {
    ensureCapacity(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  void writeIntBigEndian(int value) {
    ensureCapacity(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  void writeLongBigEndian(long value) {
    ensureCapacity(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  /** Unsigned LEB128: seven bits a byte, low bits first, high bit set on all but the last. */
  void writeUnsignedVarint(long value) {
    ensureCapacity(10);
    while ((value & ~0x7FL) != 0) {
      buffer[size++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    buffer[size++] = (byte) value;
  }

  /** Zigzag then LEB128, so that small negative numbers stay short too. */
  void writeSignedVarint(long value) {
    writeUnsignedVarint((value << 1) ^ (value >> 63));
  }

  /** Inverts every byte written since {@code start}; a descending key column is stored so. */
  void invertFrom(int start) {
    for (int i = start; i < size; i++) {
      buffer[i] = (byte) ~buffer[i];
    }
  }

  private void ensureCapacity(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
