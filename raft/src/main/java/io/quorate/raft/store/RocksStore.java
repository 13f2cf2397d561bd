package io.quorate.raft.store;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.WriteBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.Checkpoint;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * One replica's RocksDB: user data in the default column family, the applied Raft
 * position and the cluster's group id in a metadata column family. Every apply writes
 * data and position in one atomic {@link org.rocksdb.WriteBatch}; the RocksDB WAL is on
 * but not synced, because the fsynced Raft log is the durable log (a lost unsynced tail
 * rolls data and position back together and is re-applied from the log).
 *
 * <p>Thread-safe. Applies come from one thread (the Raft apply thread); reads from any.
 * Open views are invalidated by {@link #close()}; they fail with {@code NOT_READY}
 * instead of touching a closed native handle.
 */
public final class RocksStore implements AutoCloseable {

  static {
    RocksDB.loadLibrary();
  }

  /** The term a restored checkpoint's position is recorded at: the new group's first term. */
  public static final long ADOPTED_TERM = 1;

  private static final byte[] META_FAMILY = "quorate_meta".getBytes(StandardCharsets.UTF_8);
  private static final byte[] APPLIED_KEY = "applied".getBytes(StandardCharsets.UTF_8);
  private static final byte[] GROUP_KEY = "group_id".getBytes(StandardCharsets.UTF_8);

  private final Path dir;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions familyOptions;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ColumnFamilyHandle data;
  private final ColumnFamilyHandle meta;
  /** Held shared by every native call, exclusively by close: no call races a close. */
  private final ReentrantReadWriteLock closeLock = new ReentrantReadWriteLock();
  private final java.util.Set<RocksReadView> openViews = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private volatile AppliedPosition applied;

  private RocksStore(Path dir, DBOptions dbOptions, ColumnFamilyOptions familyOptions,
      RocksDB db, List<ColumnFamilyHandle> handles) throws RocksDBException {
    this.dir = dir;
    this.dbOptions = dbOptions;
    this.familyOptions = familyOptions;
    this.writeOptions = new WriteOptions().setSync(false);
    this.db = db;
    this.data = handles.get(0);
    this.meta = handles.get(1);
    this.applied = AppliedPosition.fromBytes(db.get(meta, APPLIED_KEY));
  }

  /**
   * Opens (creating if absent) the store in {@code dir} for the cluster {@code groupId}.
   *
   * @throws StoreException {@code STORAGE} if the directory belongs to another cluster or
   *     RocksDB cannot open it; nothing in the directory is changed then
   */
  public static RocksStore open(Path dir, String groupId) {
    DBOptions dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
    ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    RocksDB db = null;
    try {
      Files.createDirectories(dir);
      db = RocksDB.open(dbOptions, dir.toString(), families(familyOptions), handles);
      checkGroup(db, handles.get(1), dir, groupId);
      return new RocksStore(dir, dbOptions, familyOptions, db, handles);
    } catch (RocksDBException | IOException | StoreException e) {
      handles.forEach(ColumnFamilyHandle::close);
      if (db != null) {
        db.close();
      }
      dbOptions.close();
      familyOptions.close();
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot open the local store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The applied position recorded in a checkpoint (or any closed store directory), read
   * without changing it. Opening read-only makes RocksDB write an info log ({@code LOG})
   * into the directory, so list a checkpoint's files before calling this.
   *
   * @throws StoreException {@code STORAGE} if the directory is not a readable store
   */
  public static AppliedPosition readApplied(Path dir) {
    try (DBOptions dbOptions = new DBOptions(); ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()) {
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.openReadOnly(dbOptions, dir.toString(), families(familyOptions), handles)) {
        try {
          return AppliedPosition.fromBytes(db.get(handles.get(1), APPLIED_KEY));
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException | IllegalStateException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot read the store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes a copy of another cluster's checkpoint the starting state of the cluster
   * {@code groupId} (a restored backup): records the new group and sets the applied
   * position to {@link #ADOPTED_TERM} at the same index. The new group's terms start
   * again at 1 (its first election), so the old group's term would make this state look
   * newer than entries the new group commits after it; and Ratis treats a last entry of
   * term 0 as an empty log, whose votes a candidate does not count.
   *
   * @return the new applied position (term 1, the checkpoint's index)
   * @throws StoreException {@code STORAGE} if {@code dir} is not a store or has applied nothing
   */
  public static AppliedPosition adoptCheckpoint(Path dir, String groupId) {
    try (DBOptions dbOptions = new DBOptions(); ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
        FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      try (RocksDB db = RocksDB.open(dbOptions, dir.toString(), families(familyOptions), handles)) {
        try {
          AppliedPosition recorded = AppliedPosition.fromBytes(db.get(handles.get(1), APPLIED_KEY));
          if (recorded.index() < 0) {
            throw new StoreException(StoreException.Kind.STORAGE, "The checkpoint in " + dir + " has applied nothing");
          }
          AppliedPosition adopted = new AppliedPosition(ADOPTED_TERM, recorded.index());
          db.put(handles.get(1), GROUP_KEY, groupId.getBytes(StandardCharsets.UTF_8));
          db.put(handles.get(1), APPLIED_KEY, adopted.toBytes());
          db.flush(flush, handles);
          return adopted;
        } finally {
          handles.forEach(ColumnFamilyHandle::close);
        }
      }
    } catch (RocksDBException | IllegalStateException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot adopt the checkpoint in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static List<ColumnFamilyDescriptor> families(ColumnFamilyOptions familyOptions) {
    return List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
        new ColumnFamilyDescriptor(META_FAMILY, familyOptions));
  }

  private static void checkGroup(RocksDB db, ColumnFamilyHandle meta, Path dir, String groupId) throws RocksDBException {
    byte[] stored = db.get(meta, GROUP_KEY);
    byte[] expected = groupId.getBytes(StandardCharsets.UTF_8);
    if (stored == null) {
      db.put(meta, GROUP_KEY, expected);
    } else if (!java.util.Arrays.equals(stored, expected)) {
      throw new StoreException(StoreException.Kind.STORAGE,
          "Data directory " + dir + " belongs to cluster '" + new String(stored, StandardCharsets.UTF_8)
              + "', not '" + groupId + "'; refusing to touch it");
    }
  }

  /** How far the stored state has applied the log. */
  public AppliedPosition applied() {
    return applied;
  }

  /**
   * Applies a committed entry's writes and records its position, atomically. An entry at
   * or below the recorded position is already contained and is skipped.
   *
   * @return whether the batch was written (false when it was already applied)
   */
  public boolean apply(long term, long index, WriteBatch batch) {
    AppliedPosition before = applied;
    if (index <= before.index()) {
      return false;
    }
    // Building the batch touches the column family handles too, so it holds off close().
    closeLock.readLock().lock();
    try (var rocksBatch = new org.rocksdb.WriteBatch()) {
      ensureOpen();
      for (WriteBatch.Mutation mutation : batch.mutations()) {
        switch (mutation) {
          case WriteBatch.Put put -> rocksBatch.put(data, put.key(), put.value());
          case WriteBatch.Delete delete -> rocksBatch.delete(data, delete.key());
          case WriteBatch.DeleteRange range ->
              rocksBatch.deleteRange(data, range.startInclusive(), range.endExclusive());
        }
      }
      AppliedPosition after = new AppliedPosition(term, index);
      rocksBatch.put(meta, APPLIED_KEY, after.toBytes());
      db.write(writeOptions, rocksBatch);
      applied = after;
      return true;
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot apply entry " + index + ": " + e.getMessage(), e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** Records a position reached by entries that carry no data (configuration, metadata). */
  public void recordApplied(long term, long index) {
    if (index <= applied.index()) {
      return;
    }
    closeLock.readLock().lock();
    try (var rocksBatch = new org.rocksdb.WriteBatch()) {
      ensureOpen();
      AppliedPosition after = new AppliedPosition(term, index);
      rocksBatch.put(meta, APPLIED_KEY, after.toBytes());
      db.write(writeOptions, rocksBatch);
      applied = after;
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot record applied index " + index, e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** A consistent view of the applied state; see {@link ReadView}. */
  public ReadView openView() {
    closeLock.readLock().lock();
    try {
      ensureOpen();
      RocksReadView view = new RocksReadView(this, db, data, applied.index());
      openViews.add(view);
      return view;
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /**
   * Makes everything written so far durable (WAL synced, memtables flushed), so the
   * recorded position survives a crash. Called before the Raft log is purged.
   */
  public void flush() {
    closeLock.readLock().lock();
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      ensureOpen();
      db.flushWal(true);
      db.flush(options, List.of(data, meta));
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot flush the local store: " + e.getMessage(), e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** Writes a RocksDB checkpoint (hard links where possible) into {@code target}, which must not exist. */
  public void checkpoint(Path target) {
    closeLock.readLock().lock();
    try (Checkpoint checkpoint = Checkpoint.create(db)) {
      ensureOpen();
      checkpoint.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot create checkpoint " + target + ": " + e.getMessage(), e);
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** Approximate size of the stored data in bytes. */
  public long approximateSizeBytes() {
    closeLock.readLock().lock();
    try {
      ensureOpen();
      return db.getLongProperty(data, "rocksdb.total-sst-files-size")
          + db.getLongProperty(data, "rocksdb.cur-size-all-mem-tables");
    } catch (RocksDBException e) {
      return -1;
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** Runs {@code action} with the store held open; used by views for each native call. */
  <T> T withOpen(java.util.function.Supplier<T> action) {
    closeLock.readLock().lock();
    try {
      ensureOpen();
      return action.get();
    } finally {
      closeLock.readLock().unlock();
    }
  }

  /** Runs {@code action} if the store is still open; releasing a view after close is a no-op. */
  void runIfOpen(Runnable action) {
    closeLock.readLock().lock();
    try {
      if (!closed) {
        action.run();
      }
    } finally {
      closeLock.readLock().unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException(StoreException.Kind.NOT_READY,
          "The local store was closed (shutdown or snapshot installation); retry");
    }
  }

  void forget(RocksReadView view) {
    openViews.remove(view);
  }

  @Override
  public void close() {
    closeLock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // Native snapshots and iterators must be released before the database they point into.
      for (RocksReadView view : openViews) {
        view.releaseNative();
      }
      openViews.clear();
      data.close();
      meta.close();
      db.close();
      writeOptions.close();
      dbOptions.close();
      familyOptions.close();
    } finally {
      closeLock.writeLock().unlock();
    }
  }
}
