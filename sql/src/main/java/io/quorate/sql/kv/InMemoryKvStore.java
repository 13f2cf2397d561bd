package io.quorate.sql.kv;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A multi-version store in memory with the same isolation semantics as the replicated
 * store's primary (raft/DESIGN.md, "Transactions"), so the whole engine runs and is
 * tested without Raft. Committed values are kept as versions stamped with a commit
 * timestamp; a snapshot is a timestamp. Versions no open snapshot can see are pruned at
 * commit. Thread-safe.
 */
public final class InMemoryKvStore implements KvStore {

  /** Every key's newest version in key order, for scans. Changed under the commit lock. */
  private final VersionTree data = new VersionTree();
  /**
   * The same versions by key hash, for point reads: a get is one hash probe instead of a
   * tree descent. Changed with {@link #data} under the commit lock; version chains are
   * never modified once published, so readers need no lock.
   */
  private final VersionIndex byKey = new VersionIndex();
  private final OpenSnapshots openSnapshots = new OpenSnapshots();
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
    // read the clock under the monitor oldestSnapshot() takes: a clock value read outside
    // it could be pruned by two commits before it is registered
    synchronized (openSnapshots) {
      long timestamp = clock;
      openSnapshots.open(timestamp);
      return timestamp;
    }
  }

  /** Registers one more reader of an already open snapshot {@code timestamp}; release it like any other. */
  long openSnapshotAt(long timestamp) {
    openSnapshots.open(timestamp);
    return timestamp;
  }

  void releaseSnapshot(long timestamp) {
    openSnapshots.release(timestamp);
  }

  private long oldestSnapshot() {
    return openSnapshots.oldest(clock);
  }

  /** The value of {@code key} as of {@code timestamp}, or null. */
  byte[] read(byte[] key, long timestamp) {
    return visible(byKey.get(key), timestamp);
  }

  /** The newest committed value of {@code key}, or null. */
  byte[] readLatest(byte[] key) {
    return read(key, clock);
  }

  /** The timestamp of the newest version of {@code key}, or -1. */
  long newestTimestamp(byte[] key) {
    Version newest = byKey.get(key);
    return newest == null ? -1 : newest.timestamp();
  }

  /** Whether any key in {@code [start, end)} got a version (write or delete) after {@code timestamp}. */
  boolean changedSince(byte[] start, byte[] end, long timestamp) {
    VersionTree.Walk versions = data.walk(start, end, false);
    VersionTree.Batch batch = new VersionTree.Batch(VersionTree.FANOUT);
    for (int found = versions.next(batch); found > 0; found = versions.next(batch)) {
      for (int i = 0; i < found; i++) {
        if (batch.timestamps[i] > timestamp) {
          return true;
        }
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
   * Committed entries visible at {@code timestamp}, in order, streaming. Every commit at
   * or before {@code timestamp} was published before the snapshot was taken, so the tree
   * as of now holds every version this scan can see.
   */
  KvCursor scan(byte[] start, byte[] end, boolean reverse, long timestamp) {
    return new ReadAheadCursor(data.walk(start, end, reverse), timestamp);
  }

  /**
   * A scan that reads its entries a batch at a time from the tree's leaves, which hold
   * each key's newest timestamp and value: a version object is read only for a key
   * changed after the snapshot. The values themselves are rarely in cache or in key order
   * in memory (the collector moves them), so after a batch is read a second tight loop
   * touches each value's first bytes, which the row decoder reads next: those loads do
   * not depend on one another and overlap, where reading them row by row would wait on
   * each in turn. Batches grow from 8 to 64 entries, so a short range scan does little
   * work ahead.
   */
  private static final class ReadAheadCursor extends PositionedCursor {
    private static final int FIRST_BATCH = 8;
    private static final int LAST_BATCH = 64;

    private final VersionTree.Walk versions;
    private final long timestamp;
    private VersionTree.Batch batch = new VersionTree.Batch(FIRST_BATCH);
    private byte[][] keys = new byte[FIRST_BATCH][];
    private byte[][] values = new byte[FIRST_BATCH][];
    private int next;
    private int count;
    /** Entries the last batch read, visible or not. */
    private int found;
    private boolean done;
    /** Sum of the touched values' first bytes; kept in a field so the loads are not dropped as dead code. */
    @SuppressWarnings("unused")
    private int touched;

    ReadAheadCursor(VersionTree.Walk versions, long timestamp) {
      this.versions = versions;
      this.timestamp = timestamp;
    }

    @Override
    public boolean advance() {
      while (next == count) {
        if (done || !fill()) {
          return end();
        }
      }
      int at = next++;
      return at(keys[at], values[at]);
    }

    /** Reads the next batch; false when the walk had nothing left. */
    private boolean fill() {
      if (batch.capacity() < LAST_BATCH && found == batch.capacity()) {
        batch = new VersionTree.Batch(batch.capacity() * 2);
        keys = new byte[batch.capacity()][];
        values = new byte[batch.capacity()][];
      }
      found = versions.next(batch);
      next = 0;
      count = 0;
      for (int i = 0; i < found; i++) {
        byte[] visible = batch.timestamps[i] <= timestamp ? batch.values[i] : visible(batch.versions[i], timestamp);
        if (visible != null) {
          keys[count] = batch.keys[i];
          values[count++] = visible;
        }
      }
      int sum = 0;
      for (int i = 0; i < count; i++) {
        byte[] value = values[i];
        sum += value.length == 0 ? 0 : value[0];
      }
      touched += sum;
      done = found < batch.capacity(); // the walk ran out
      return found > 0;
    }
  }

  /**
   * Runs {@code validation} and installs {@code writes} as one commit, atomically with
   * respect to other commits and to snapshots; a value that is {@code deleted} (by
   * identity) deletes its key.
   */
  void commit(Map<byte[], byte[]> writes, byte[] deleted, Runnable validation) {
    synchronized (commitLock) {
      validation.run();
      if (writes.isEmpty()) {
        return;
      }
      long timestamp = clock + 1;
      long oldest = oldestSnapshot();
      // Only running out of memory can fail here, halfway through; the tree then stays as
      // it was, but the hash index may hold some of the commit's versions, which a later
      // commit's timestamp would make visible. This store serves tests and benchmarks.
      data.beginEdit();
      boolean installed = false;
      try {
        for (Map.Entry<byte[], byte[]> write : writes.entrySet()) {
          byte[] value = write.getValue() == deleted ? null : write.getValue();
          Version next = append(write.getKey(), byKey.get(write.getKey()), timestamp, value, oldest);
          if (next != null) { // null: a delete of a key never written, which leaves nothing behind
            data.put(next);
            byKey.put(next);
          }
        }
        installed = true;
      } finally {
        if (installed) {
          data.publish();
        } else {
          data.abandonEdit();
        }
      }
      clock = timestamp;
    }
  }

  /**
   * Adds a newest version, dropping those older than the newest one every open snapshot
   * sees. A new key's versions hold {@code key}; later ones keep the first version's key
   * object.
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
}
