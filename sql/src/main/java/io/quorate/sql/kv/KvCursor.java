package io.quorate.sql.kv;

import java.util.Map;

/** A streaming iterator over key-value entries in key order; must be closed. */
public interface KvCursor extends AutoCloseable {

  /** The next entry, or {@code null} at the end. */
  Map.Entry<byte[], byte[]> next();

  @Override
  void close();
}
