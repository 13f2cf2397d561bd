package io.quorate.sql.kv;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multi-version store in memory with the same isolation semantics as the replicated
 * store's primary (raft/DESIGN.md, "Transactions"), so the whole engine runs and is
 * tested without Raft. Committed values are kept as versions stamped with a commit
 * timestamp; a snapshot is a timestamp. Versions no open snapshot can see are pruned at
 * commit. Thread-safe.
 */
public final class InMemoryKvStore implements KvStore {

  /** A committed value (null: deleted) and the timestamp it was committed at. */
  private record Version(long timestamp, byte[] value) {}

  private final ConcurrentSkipListMap<byte[], Version[]> data = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  /**
   * The same versions by key hash, for point reads: a get is one hash probe instead of a
   * skip-list descent. Updated with {@link #data} under the commit lock; version arrays
   * are never modified once published, so readers need no lock.
   */
  private final java.util.concurrent.ConcurrentHashMap<ByteBuffer, Version[]> byKey =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final TreeMap<Long, Integer> openSnapshots = new TreeMap<>();
  private final KeyLocks locks = new KeyLocks();
  private final Object commitLock = new Object();
  private final AtomicLong transactionIds = new AtomicLong();
  private final Duration lockTimeout;
  /** The newest commit timestamp whose versions are all in place; snapshots read it. */
  private volatile long clock;

  public InMemoryKvStore() {
    this(Duration.ofSeconds(10));
  }

  public InMemoryKvStore(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }

  @Override
  public KvTransaction begin(KvIsolation isolation, boolean readOnly) {
    return new InMemoryTransaction(this, transactionIds.incrementAndGet(), isolation, readOnly);
  }

  Duration lockTimeout() {
    return lockTimeout;
  }

  KeyLocks locks() {
    return locks;
  }

  /** Opens a snapshot at the current clock; it must be released. */
  long openSnapshot() {
    synchronized (openSnapshots) {
      long timestamp = clock;
      openSnapshots.merge(timestamp, 1, Integer::sum);
      return timestamp;
    }
  }

  /** Registers one more reader of an already open snapshot {@code timestamp}; release it like any other. */
  long openSnapshotAt(long timestamp) {
    synchronized (openSnapshots) {
      openSnapshots.merge(timestamp, 1, Integer::sum);
      return timestamp;
    }
  }

  void releaseSnapshot(long timestamp) {
    synchronized (openSnapshots) {
      openSnapshots.computeIfPresent(timestamp, (t, n) -> n == 1 ? null : n - 1);
    }
  }

  private long oldestSnapshot() {
    synchronized (openSnapshots) {
      return openSnapshots.isEmpty() ? clock : openSnapshots.firstKey();
    }
  }

  /** The value of {@code key} as of {@code timestamp}, or null. */
  byte[] read(byte[] key, long timestamp) {
    return visible(byKey.get(ByteBuffer.wrap(key)), timestamp);
  }

  /** The newest committed value of {@code key}, or null. */
  byte[] readLatest(byte[] key) {
    return read(key, clock);
  }

  /** The timestamp of the newest version of {@code key}, or -1. */
  long newestTimestamp(byte[] key) {
    Version[] versions = byKey.get(ByteBuffer.wrap(key));
    return versions == null ? -1 : versions[versions.length - 1].timestamp();
  }

  /** Whether any key in {@code [start, end)} got a version (write or delete) after {@code timestamp}. */
  boolean changedSince(byte[] start, byte[] end, long timestamp) {
    NavigableMap<byte[], Version[]> range = data;
    if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    for (Version[] versions : range.values()) {
      if (versions[versions.length - 1].timestamp() > timestamp) {
        return true;
      }
    }
    return false;
  }

  private static byte[] visible(Version[] versions, long timestamp) {
    if (versions == null) {
      return null;
    }
    for (int i = versions.length - 1; i >= 0; i--) {
      if (versions[i].timestamp() <= timestamp) {
        return versions[i].value();
      }
    }
    return null;
  }

  /** Committed entries visible at {@code timestamp}, in order, streaming. */
  KvCursor scan(byte[] start, byte[] end, boolean reverse, long timestamp) {
    NavigableMap<byte[], Version[]> range = data;
    if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    Iterator<Map.Entry<byte[], Version[]>> it = (reverse ? range.descendingMap() : range).entrySet().iterator();
    return new KvCursor() {
      @Override
      public Map.Entry<byte[], byte[]> next() {
        while (it.hasNext()) {
          Map.Entry<byte[], Version[]> e = it.next();
          byte[] value = visible(e.getValue(), timestamp);
          if (value != null) {
            return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), value);
          }
        }
        return null;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * Runs {@code validation} and installs {@code writes} as one commit, atomically with
   * respect to other commits and to snapshots.
   */
  void commit(NavigableMap<byte[], byte[]> writes, Runnable validation) {
    synchronized (commitLock) {
      validation.run();
      if (writes.isEmpty()) {
        return;
      }
      long timestamp = clock + 1;
      long oldest = oldestSnapshot();
      for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
        Version[] next = data.compute(write.getKey(),
            (k, versions) -> append(versions, new Version(timestamp, write.getValue()), oldest));
        if (next == null) {
          byKey.remove(ByteBuffer.wrap(write.getKey()));
        } else {
          byKey.put(ByteBuffer.wrap(write.getKey()), next);
        }
      }
      clock = timestamp;
    }
  }

  /** Appends a version, dropping those older than the newest one every open snapshot sees. */
  private static Version[] append(Version[] versions, Version added, long oldestSnapshot) {
    if (versions == null) {
      return added.value() == null ? null : new Version[] {added};
    }
    int keepFrom = 0;
    for (int i = versions.length - 1; i >= 0; i--) {
      if (versions[i].timestamp() <= oldestSnapshot) {
        keepFrom = i;
        break;
      }
    }
    Version[] next = Arrays.copyOfRange(versions, keepFrom, versions.length + 1);
    next[next.length - 1] = added;
    return next;
  }

  static ByteBuffer lockKey(byte[] key) {
    return ByteBuffer.wrap(key.clone());
  }
}
