package io.quorate.raft.store;

import java.nio.ByteBuffer;

/** A Raft (term, index) pair recording how far the local state has applied the log. */
public record AppliedPosition(long term, long index) {

  /** Nothing applied yet. */
  public static final AppliedPosition NONE = new AppliedPosition(0, -1);

  byte[] toBytes() {
    return ByteBuffer.allocate(16).putLong(term).putLong(index).array();
  }

  static AppliedPosition fromBytes(byte[] bytes) {
    if (bytes == null) {
      return NONE;
    }
    if (bytes.length != 16) {
      throw new IllegalStateException("Applied position record has " + bytes.length + " bytes, not 16");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    return new AppliedPosition(buffer.getLong(), buffer.getLong());
  }
}
