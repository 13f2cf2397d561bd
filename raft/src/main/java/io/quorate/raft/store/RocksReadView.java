package io.quorate.raft.store;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;

/**
 * A {@link ReadView} over a RocksDB snapshot. Every native call runs while the store is
 * held open and under this view's monitor (always in that order, as the store's close
 * does), so a close from another thread never frees memory a read is using; when the
 * store closes first, it releases this view's native handles and later calls fail with
 * {@code NOT_READY}.
 */
final class RocksReadView implements ReadView {

  private final RocksStore store;
  private final RocksDB db;
  private final ColumnFamilyHandle family;
  private final Snapshot snapshot;
  private final ReadOptions readOptions;
  private final long appliedIndex;
  private final Set<RocksCursor> cursors = ConcurrentHashMap.newKeySet();
  private boolean released;

  RocksReadView(RocksStore store, RocksDB db, ColumnFamilyHandle family, long appliedIndex) {
    this.store = store;
    this.db = db;
    this.family = family;
    this.snapshot = db.getSnapshot();
    this.readOptions = new ReadOptions().setSnapshot(snapshot);
    this.appliedIndex = appliedIndex;
  }

  @Override
  public long appliedIndex() {
    return appliedIndex;
  }

  @Override
  public byte[] get(byte[] key) {
    return store.withOpen(() -> {
      synchronized (this) {
        ensureLive();
        try {
          return db.get(family, readOptions, key);
        } catch (RocksDBException e) {
          throw new StoreException(StoreException.Kind.STORAGE, "Read failed: " + e.getMessage(), e);
        }
      }
    });
  }

  @Override
  public Cursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    return store.withOpen(() -> {
      synchronized (this) {
        ensureLive();
        RocksCursor cursor = new RocksCursor(startInclusive, endExclusive, reverse);
        cursors.add(cursor);
        return cursor;
      }
    });
  }

  private void ensureLive() {
    if (released) {
      throw new StoreException(StoreException.Kind.NOT_READY, "This read view is closed");
    }
  }

  @Override
  public void close() {
    store.runIfOpen(this::releaseNative);
    store.forget(this);
  }

  /** Frees native handles; called with the store held open or while it closes. */
  synchronized void releaseNative() {
    if (released) {
      return;
    }
    released = true;
    for (RocksCursor cursor : cursors) {
      cursor.releaseNative();
    }
    cursors.clear();
    readOptions.close();
    db.releaseSnapshot(snapshot);
  }

  /** A bounded iterator in one direction over the view's snapshot. */
  private final class RocksCursor implements Cursor {
    private final byte[] start;
    private final byte[] end;
    private final boolean reverse;
    private final ReadOptions options;
    private final Slice bound;
    private final RocksIterator iterator;
    private boolean positioned;
    private boolean done;

    RocksCursor(byte[] start, byte[] end, boolean reverse) {
      this.start = start;
      this.end = end;
      this.reverse = reverse;
      this.options = new ReadOptions().setSnapshot(snapshot);
      byte[] boundKey = reverse ? start : end;
      this.bound = boundKey == null ? null : new Slice(boundKey);
      if (bound != null) {
        if (reverse) {
          options.setIterateLowerBound(bound);
        } else {
          options.setIterateUpperBound(bound);
        }
      }
      this.iterator = db.newIterator(family, options);
    }

    @Override
    public Map.Entry<byte[], byte[]> next() {
      return store.withOpen(() -> nextLocked());
    }

    private Map.Entry<byte[], byte[]> nextLocked() {
      synchronized (RocksReadView.this) {
        if (done || released) {
          ensureLive();
          return null;
        }
        if (!positioned) {
          position();
          positioned = true;
        } else if (reverse) {
          iterator.prev();
        } else {
          iterator.next();
        }
        if (!iterator.isValid()) {
          done = true;
          return null;
        }
        return new AbstractMap.SimpleImmutableEntry<>(iterator.key(), iterator.value());
      }
    }

    private void position() {
      if (!reverse) {
        if (start == null) {
          iterator.seekToFirst();
        } else {
          iterator.seek(start);
        }
      } else if (end == null) {
        iterator.seekToLast();
      } else {
        // The last key strictly before the exclusive end.
        iterator.seekForPrev(end);
        if (iterator.isValid() && java.util.Arrays.equals(iterator.key(), end)) {
          iterator.prev();
        }
      }
    }

    @Override
    public void close() {
      store.runIfOpen(() -> {
        synchronized (RocksReadView.this) {
          if (cursors.remove(this)) {
            releaseNative();
          }
        }
      });
    }

    void releaseNative() {
      iterator.close();
      options.close();
      if (bound != null) {
        bound.close();
      }
    }
  }
}
