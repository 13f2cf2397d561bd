package io.quorate.sql.kv;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/** A transaction of {@link InMemoryKvStore}; see {@link KvTransaction} and raft/DESIGN.md. */
final class InMemoryTransaction implements KvTransaction, KeyLocks.Owner {

  /** Marks a buffered delete among the buffered writes. */
  private static final byte[] DELETED = new byte[0];

  private final InMemoryKvStore store;
  private final long id;
  private final KvIsolation isolation;
  private final boolean readOnly;
  private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(Arrays::compareUnsigned);
  private final Set<ByteKey> readKeys = new HashSet<>();
  private final List<byte[][]> readRanges = new ArrayList<>();
  private final Set<ByteKey> heldLocks = new HashSet<>();
  private volatile ByteKey waitingOn;
  /** The snapshot reads use, or -1 before the first read. */
  private long snapshot = -1;
  /** The snapshot conflict checks start from (the first one taken). */
  private long firstSnapshot = -1;
  private boolean finished;

  InMemoryTransaction(InMemoryKvStore store, long id, KvIsolation isolation, boolean readOnly) {
    this.store = store;
    this.id = id;
    this.isolation = isolation;
    this.readOnly = readOnly;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public ByteKey waitingOn() {
    return waitingOn;
  }

  @Override
  public void waitingOn(ByteKey key) {
    waitingOn = key;
  }

  @Override
  public KvIsolation isolation() {
    return isolation;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void startStatement() {
    checkOpen();
    if (isolation == KvIsolation.READ_COMMITTED && snapshot >= 0) {
      releaseReadSnapshot();
    }
  }

  @Override
  public byte[] get(byte[] key) {
    checkOpen();
    byte[] own = writes.get(key);
    if (own != null) {
      return own == DELETED ? null : own;
    }
    if (isolation == KvIsolation.SERIALIZABLE) {
      readKeys.add(new ByteKey(key.clone()));
    }
    return store.read(key, snapshot());
  }

  @Override
  public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    checkOpen();
    if (startInclusive != null && endExclusive != null
        && java.util.Arrays.compareUnsigned(startInclusive, endExclusive) >= 0) {
      return KvCursor.EMPTY; // an empty or inverted range holds nothing
    }
    if (isolation == KvIsolation.SERIALIZABLE) {
      readRanges.add(new byte[][] {startInclusive == null ? null : startInclusive.clone(),
          endExclusive == null ? null : endExclusive.clone()});
    }
    NavigableMap<byte[], byte[]> own = writes;
    if (startInclusive != null) {
      own = own.tailMap(startInclusive, true);
    }
    if (endExclusive != null) {
      own = own.headMap(endExclusive, false);
    }
    KvCursor committed = store.scan(startInclusive, endExclusive, reverse, snapshot());
    if (own.isEmpty()) {
      return committed; // nothing of this transaction's own to merge in: no per-entry comparison
    }
    return merge(committed, (reverse ? own.descendingMap() : own).entrySet().iterator(), reverse);
  }

  @Override
  public byte[] lockForUpdate(byte[] key) {
    checkOpen();
    lock(key);
    byte[] own = writes.get(key);
    if (own != null) {
      return own == DELETED ? null : own;
    }
    if (isolation == KvIsolation.READ_COMMITTED) {
      return store.readLatest(key);
    }
    if (isolation == KvIsolation.SERIALIZABLE) {
      readKeys.add(new ByteKey(key.clone()));
    }
    return store.read(key, snapshot());
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkWritable();
    writes.put(lock(key), value.clone());
  }

  @Override
  public void delete(byte[] key) {
    checkWritable();
    writes.put(lock(key), DELETED);
  }

  /** Locks {@code key}; returns the transaction's own copy of it. */
  private byte[] lock(byte[] key) {
    if (firstSnapshot < 0) {
      snapshot();
    }
    ByteKey lockKey = new ByteKey(key.clone());
    try {
      store.locks().acquire(this, lockKey, store.lockTimeout().toMillis());
    } catch (SqlException e) {
      if (e.state() != SqlState.LOCK_NOT_AVAILABLE) {
        abort();
      }
      throw e;
    }
    heldLocks.add(lockKey);
    if (isolation != KvIsolation.READ_COMMITTED && store.newestTimestamp(key) > firstSnapshot) {
      abort();
      throw SqlException.serializationFailure("could not serialize access due to concurrent update");
    }
    return lockKey.bytes();
  }

  @Override
  public void commit() {
    checkOpen();
    try {
      store.commit(writes, DELETED, this::validateReads);
    } finally {
      abort();
    }
  }

  /** SERIALIZABLE: nothing this transaction read may have been changed by a later commit. */
  private void validateReads() {
    if (isolation != KvIsolation.SERIALIZABLE || firstSnapshot < 0) {
      return;
    }
    for (ByteKey key : readKeys) {
      if (store.newestTimestamp(key.bytes()) > firstSnapshot) {
        throw SqlException.serializationFailure(
            "could not serialize access due to read/write dependencies among transactions");
      }
    }
    for (byte[][] range : readRanges) {
      if (store.changedSince(range[0], range[1], firstSnapshot)) {
        throw SqlException.serializationFailure(
            "could not serialize access due to read/write dependencies among transactions");
      }
    }
  }

  @Override
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    try {
      releaseReadSnapshot();
      if (firstSnapshot >= 0) {
        store.releaseSnapshot(firstSnapshot);
      }
    } finally {
      store.locks().releaseAll(this, heldLocks); // whatever happened, other transactions must not wait on these
      heldLocks.clear();
    }
  }

  private long snapshot() {
    if (snapshot < 0) {
      snapshot = store.openSnapshot();
      if (firstSnapshot < 0) {
        // the same timestamp, registered again: a commit between two openings would be
        // missing from reads yet not count as a conflict
        firstSnapshot = store.openSnapshotAt(snapshot);
      }
    }
    return snapshot;
  }

  private void releaseReadSnapshot() {
    if (snapshot >= 0) {
      store.releaseSnapshot(snapshot);
      snapshot = -1;
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "the transaction has already ended");
    }
  }

  private void checkWritable() {
    checkOpen();
    if (readOnly) {
      abort();
      throw new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute a write in a read-only transaction");
    }
  }

  /** Snapshot entries merged with own writes (which win; deletes hide entries), in order. */
  private static KvCursor merge(KvCursor snapshot, Iterator<Map.Entry<byte[], byte[]>> own, boolean reverse) {
    return new PositionedCursor() {
      private boolean snapshotLeft = snapshot.advance();
      private Map.Entry<byte[], byte[]> nextOwn = own.hasNext() ? own.next() : null;

      @Override
      public boolean advance() {
        while (snapshotLeft || nextOwn != null) {
          int order;
          if (nextOwn == null) {
            order = -1;
          } else if (!snapshotLeft) {
            order = 1;
          } else {
            order = Arrays.compareUnsigned(snapshot.key(), nextOwn.getKey()) * (reverse ? -1 : 1);
          }
          if (order < 0) {
            at(snapshot.key(), snapshot.value());
            snapshotLeft = snapshot.advance();
            return true;
          }
          Map.Entry<byte[], byte[]> write = nextOwn;
          nextOwn = own.hasNext() ? own.next() : null;
          if (order == 0) {
            snapshotLeft = snapshot.advance();
          }
          if (write.getValue() != DELETED) {
            return at(write.getKey(), write.getValue());
          }
        }
        return end();
      }

      @Override
      public void close() {
        snapshot.close();
      }
    };
  }
}
