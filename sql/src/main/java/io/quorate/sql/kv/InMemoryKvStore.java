package io.quorate.sql.kv;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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

  /**
   * A committed value (null: deleted) of {@code key}, the timestamp it was committed at
   * and the next older version still kept. A chain rather than an array: a scan reads the
   * newest version of each key, and one object less per key is one cache miss less per
   * row. Every version of a key holds the very key object of its {@link #data} entry, so
   * a scan iterates the map's values alone (its entry iterator allocates an entry per
   * key) and recognises its last key by identity.
   */
  private record Version(byte[] key, long timestamp, byte[] value, Version older) {}

  private final ConcurrentSkipListMap<byte[], Version> data = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  /**
   * The same versions by key hash, for point reads: a get is one hash probe instead of a
   * skip-list descent. Updated with {@link #data} under the commit lock; version chains
   * are never modified once published, so readers need no lock.
   */
  private final java.util.concurrent.ConcurrentHashMap<ByteBuffer, Version> byKey =
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
    Version newest = byKey.get(ByteBuffer.wrap(key));
    return newest == null ? -1 : newest.timestamp();
  }

  /** Whether any key in {@code [start, end)} got a version (write or delete) after {@code timestamp}. */
  boolean changedSince(byte[] start, byte[] end, long timestamp) {
    NavigableMap<byte[], Version> range = data;
    if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    for (Version newest : range.values()) {
      if (newest.timestamp() > timestamp) {
        return true;
      }
    }
    return false;
  }

  private static byte[] visible(Version newest, long timestamp) {
    for (Version version = newest; version != null; version = version.older()) {
      if (version.timestamp() <= timestamp) {
        return version.value();
      }
    }
    return null;
  }

  /**
   * Committed entries visible at {@code timestamp}, in order, streaming.
   *
   * <p>The far bound is found once, as the last key inside the range, and the iteration
   * stops at that very key object, instead of comparing every key with the bound: a scan
   * then never reads a key's bytes, one cache miss less per row. This is exact because
   * keys are never removed from {@link #data} (a delete is a version) and every commit at
   * or before {@code timestamp} was installed before the snapshot was taken, so a key
   * added past the far key after it was found has no version this scan could see.
   */
  KvCursor scan(byte[] start, byte[] end, boolean reverse, long timestamp) {
    byte[] first = start == null ? (data.isEmpty() ? null : data.firstKey()) : data.ceilingKey(start);
    byte[] last = end == null ? (data.isEmpty() ? null : data.lastKey()) : data.lowerKey(end);
    if (first == null || last == null || Arrays.compareUnsigned(first, last) > 0) {
      return KvCursor.EMPTY;
    }
    byte[] stop = reverse ? first : last;
    Iterator<Version> versions = reverse
        ? data.headMap(last, true).descendingMap().values().iterator()
        : data.tailMap(first, true).values().iterator();
    return new PositionedCursor() {
      private boolean done;

      @Override
      public boolean advance() {
        while (!done && versions.hasNext()) {
          Version newest = versions.next();
          done = newest.key() == stop;
          byte[] visible = visible(newest, timestamp);
          if (visible != null) {
            return at(newest.key(), visible);
          }
        }
        return end();
      }
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
        Version next = data.compute(write.getKey(),
            (key, newest) -> append(key, newest, timestamp, write.getValue(), oldest));
        if (next == null) {
          byKey.remove(ByteBuffer.wrap(write.getKey()));
        } else {
          byKey.put(ByteBuffer.wrap(write.getKey()), next);
        }
      }
      clock = timestamp;
    }
  }

  /**
   * Adds a newest version, dropping those older than the newest one every open snapshot
   * sees. A new key's versions hold {@code key}, which becomes the map's key; later ones
   * keep the first version's key object (the map keeps its first key object too).
   */
  private static Version append(byte[] key, Version newest, long timestamp, byte[] value, long oldestSnapshot) {
    if (newest == null) {
      return value == null ? null : new Version(key, timestamp, value, null);
    }
    return new Version(newest.key(), timestamp, value, kept(newest, oldestSnapshot));
  }

  /**
   * The chain from {@code newest} down to the newest version at or before
   * {@code oldestSnapshot}, rebuilt (versions are immutable); a loop, since a key updated
   * often under a long-open snapshot has a long chain.
   */
  private static Version kept(Version newest, long oldestSnapshot) {
    List<Version> chain = new ArrayList<>();
    for (Version version = newest; version != null; version = version.older()) {
      chain.add(version);
      if (version.timestamp() <= oldestSnapshot) {
        break;
      }
    }
    Version rebuilt = null;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Version version = chain.get(i);
      rebuilt = new Version(version.key(), version.timestamp(), version.value(), rebuilt);
    }
    return rebuilt;
  }

  static ByteBuffer lockKey(byte[] key) {
    return ByteBuffer.wrap(key.clone());
  }
}
