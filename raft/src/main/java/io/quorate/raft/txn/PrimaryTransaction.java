package io.quorate.raft.txn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One transaction of the {@link PrimaryTransactionManager}; see {@link Transaction} for
 * the contract and raft/DESIGN.md for the isolation rules. Used by one thread at a time;
 * the manager may abort it from another thread (leadership loss), which this notices
 * at its next operation.
 */
final class PrimaryTransaction implements Transaction {

  /** A buffered write; a null value is a delete. */
  record Write(byte[] value) {}

  private final PrimaryTransactionManager manager;
  private final long id;
  private final IsolationLevel isolation;
  private final boolean readOnly;
  private final UUID clientId;
  private final long callId;
  /** Whether the commit may share a log entry: nobody proposes it again under its ids. */
  private final boolean groupable;
  /** Bytes a mutation's tag and length fields can take in a log entry, at most. */
  private static final int MUTATION_OVERHEAD_BYTES = 24;

  private final NavigableMap<ByteKey, Write> writes = new TreeMap<>();
  private long writeBytes;
  private final Set<ByteKey> readKeys = new HashSet<>();
  private final List<RecentCommits.Range> readRanges = new ArrayList<>();

  /** Keys this transaction holds locks on; guarded by the lock table's monitor. */
  final Set<ByteKey> heldLocks = new HashSet<>();
  /** The key this transaction waits to lock, for deadlock detection. */
  volatile ByteKey waitingOn;

  private volatile StoreException abortReason;
  private ReadView view;
  private long snapshotSequence = -1;
  private boolean finished;

  PrimaryTransaction(PrimaryTransactionManager manager, long id, IsolationLevel isolation,
      boolean readOnly, UUID clientId, long callId, boolean groupable) {
    this.manager = manager;
    this.id = id;
    this.isolation = isolation;
    this.readOnly = readOnly;
    this.clientId = clientId;
    this.callId = callId;
    this.groupable = groupable;
  }

  @Override
  public long id() {
    return id;
  }

  @Override
  public IsolationLevel isolation() {
    return isolation;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  /** The oldest commit sequence this transaction's reads may conflict with, or -1. */
  long snapshotSequence() {
    return snapshotSequence;
  }

  @Override
  public void startStatement() {
    checkUsable();
    if (isolation == IsolationLevel.READ_COMMITTED && view != null) {
      view.close();
      view = null;
    }
  }

  @Override
  public byte[] get(byte[] key) {
    checkUsable();
    ByteKey k = new ByteKey(key.clone());
    Write own = writes.get(k);
    if (own != null) {
      return own.value();
    }
    ReadView v = view();
    if (isolation == IsolationLevel.SERIALIZABLE) {
      readKeys.add(k);
    }
    return guarded(() -> v.get(key));
  }

  @Override
  public ReadView.Cursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    checkUsable();
    ReadView v = view();
    if (isolation == IsolationLevel.SERIALIZABLE) {
      readRanges.add(new RecentCommits.Range(
          startInclusive == null ? null : startInclusive.clone(), endExclusive == null ? null : endExclusive.clone()));
    }
    NavigableMap<ByteKey, Write> own = writes;
    if (startInclusive != null && endExclusive != null) {
      own = writes.subMap(new ByteKey(startInclusive), true, new ByteKey(endExclusive), false);
    } else if (startInclusive != null) {
      own = writes.tailMap(new ByteKey(startInclusive), true);
    } else if (endExclusive != null) {
      own = writes.headMap(new ByteKey(endExclusive), false);
    }
    NavigableMap<ByteKey, Write> ownRange = own;
    return guarded(() -> new MergingCursor(v.scan(startInclusive, endExclusive, reverse), ownRange, reverse));
  }

  @Override
  public byte[] lockForUpdate(byte[] key) {
    checkUsable();
    ByteKey k = lockForWrite(key);
    Write own = writes.get(k);
    if (own != null) {
      return own.value();
    }
    if (isolation == IsolationLevel.READ_COMMITTED) {
      // The lock is held, so every committed change of this key is applied here: a
      // fresh view shows the newest committed value (PostgreSQL's re-check after a wait).
      return guarded(() -> {
        try (ReadView fresh = manager.replica().openReadView()) {
          return fresh.get(key);
        }
      });
    }
    if (isolation == IsolationLevel.SERIALIZABLE) {
      readKeys.add(k);
    }
    ReadView v = view();
    return guarded(() -> v.get(key));
  }

  @Override
  public void put(byte[] key, byte[] value) {
    checkWritable();
    ByteKey k = lockForWrite(key);
    buffer(k, new Write(value.clone()));
  }

  @Override
  public void delete(byte[] key) {
    checkWritable();
    ByteKey k = lockForWrite(key);
    buffer(k, new Write(null));
  }

  /**
   * Buffers a write, refusing one that would make the commit's log entry larger than
   * {@link Transaction#MAX_WRITE_BYTES}: the primary decides this now, before anything is
   * proposed, instead of Raft failing the entry at commit.
   */
  private void buffer(ByteKey key, Write write) {
    long size = writeBytes + encodedSize(key, write);
    Write previous = writes.get(key);
    if (previous != null) {
      size -= encodedSize(key, previous);
    }
    if (size > Transaction.MAX_WRITE_BYTES) {
      throw fail(new StoreException(StoreException.Kind.TOO_LARGE, "The transaction's changes exceed "
          + (Transaction.MAX_WRITE_BYTES >> 20) + " MiB, the most one commit may carry"));
    }
    writes.put(key, write);
    writeBytes = size;
  }

  /** An upper bound of the bytes {@code write} takes in the log entry (lengths and tags included). */
  private static long encodedSize(ByteKey key, Write write) {
    return key.bytes().length + (write.value() == null ? 0 : write.value().length) + MUTATION_OVERHEAD_BYTES;
  }

  private ByteKey lockForWrite(byte[] key) {
    ByteKey k = new ByteKey(key.clone());
    // A write reads nothing, so it needs no read barrier or view, only the snapshot
    // number its conflict checks start from; a view opened later for reads is newer,
    // which can only make those checks more conservative.
    if (snapshotSequence < 0) {
      snapshotSequence = manager.recent().watermark();
    }
    try {
      manager.locks().acquire(this, k, manager.lockTimeout().toMillis());
      throwIfAborted();
    } catch (StoreException e) {
      if (e.kind() != StoreException.Kind.LOCK_TIMEOUT) {
        abort();
      }
      throw e;
    }
    if (isolation != IsolationLevel.READ_COMMITTED && manager.recent().writtenAfter(snapshotSequence, k)) {
      throw fail(new StoreException(StoreException.Kind.SERIALIZATION_FAILURE,
          "could not serialize access due to concurrent update"));
    }
    return k;
  }

  @Override
  public long commit() {
    checkUsable();
    boolean validate = isolation == IsolationLevel.SERIALIZABLE && snapshotSequence >= 0;
    RecentCommits.Commit commit;
    try {
      commit = manager.recent().validateAndRegister(snapshotSequence, readKeys, readRanges, writes.keySet(), validate);
    } catch (StoreException e) {
      throw fail(e);
    }
    if (commit == null) {
      long index = view != null ? view.appliedIndex() : manager.replica().appliedIndex();
      abort();
      return index;
    }
    WriteBatch batch = new WriteBatch();
    for (Map.Entry<ByteKey, Write> write : writes.entrySet()) {
      if (write.getValue().value() == null) {
        batch.delete(write.getKey().bytes());
      } else {
        batch.put(write.getKey().bytes(), write.getValue().value());
      }
    }
    CommitMetadata metadata = new CommitMetadata(clientId, callId, id, System.currentTimeMillis());
    CompletableFuture<Long> proposed = groupable
        ? manager.groups().propose(new DecidedCommit(batch, metadata), writeBytes)
        : manager.replica().propose(batch, metadata);
    try {
      long index = proposed.get(PrimaryTransactionManager.COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      manager.recent().finish(commit, RecentCommits.State.APPLIED);
      abort();
      return index;
    } catch (ExecutionException e) {
      StoreException failure = asStoreException(e.getCause());
      // Only a commit that may have reached the log has an unknown outcome; refused ones never apply.
      manager.recent().finish(commit, failure.kind() == StoreException.Kind.NOT_PRIMARY
          || failure.kind() == StoreException.Kind.NOT_READY || failure.kind() == StoreException.Kind.LEADERSHIP_LOST
          ? RecentCommits.State.DISCARDED : RecentCommits.State.UNKNOWN);
      throw fail(failure);
    } catch (TimeoutException e) {
      if (withdrawIfQueued(proposed, commit)) {
        throw fail(new StoreException(StoreException.Kind.NOT_READY, "The commit waited "
            + PrimaryTransactionManager.COMMIT_TIMEOUT.toSeconds() + " s for its turn in the log and was withdrawn;"
            + " nothing of it was committed"));
      }
      manager.recent().finish(commit, RecentCommits.State.UNKNOWN);
      throw fail(new StoreException(StoreException.Kind.OUTCOME_UNKNOWN,
          "The commit was not confirmed within " + PrimaryTransactionManager.COMMIT_TIMEOUT.toSeconds() + " s"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (withdrawIfQueued(proposed, commit)) {
        throw fail(new StoreException(StoreException.Kind.NOT_READY,
            "Interrupted before the commit was proposed; nothing of it was committed"));
      }
      manager.recent().finish(commit, RecentCommits.State.UNKNOWN);
      throw fail(new StoreException(StoreException.Kind.OUTCOME_UNKNOWN, "Interrupted while committing"));
    }
  }

  /**
   * Takes the commit out of the group-commit queue if it still waits there, not yet
   * proposed; true when it did, and the commit is then certain never to apply.
   */
  private boolean withdrawIfQueued(CompletableFuture<Long> proposed, RecentCommits.Commit commit) {
    if (!groupable || !manager.groups().withdraw(proposed)) {
      return false;
    }
    manager.recent().finish(commit, RecentCommits.State.DISCARDED);
    return true;
  }

  private static StoreException asStoreException(Throwable cause) {
    if (cause instanceof StoreException se) {
      return se;
    }
    return new StoreException(StoreException.Kind.OUTCOME_UNKNOWN, "Commit failed: " + cause, cause);
  }

  @Override
  public void abort() {
    if (finished) {
      return;
    }
    finished = true;
    if (view != null) {
      view.close();
      view = null;
    }
    manager.locks().releaseAll(this);
    manager.finished(this);
  }

  /** Marks this transaction aborted from another thread; it fails at its next operation. */
  void abortFromOutside(StoreException reason) {
    if (abortReason == null) {
      abortReason = reason;
    }
  }

  void throwIfAborted() {
    StoreException reason = abortReason;
    if (reason != null) {
      throw new StoreException(reason.kind(), reason.getMessage());
    }
  }

  private ReadView view() {
    if (view == null) {
      manager.awaitReadBarrier();
      long sequence = manager.recent().watermark();
      view = manager.replica().openReadView();
      if (snapshotSequence < 0 || isolation == IsolationLevel.READ_COMMITTED) {
        snapshotSequence = sequence;
      }
    }
    return view;
  }

  private void checkUsable() {
    if (finished) {
      throw new StoreException(StoreException.Kind.TRANSACTION_CLOSED, "The transaction has already ended");
    }
    if (abortReason != null) {
      abort();
      throwIfAborted();
    }
  }

  private void checkWritable() {
    checkUsable();
    if (readOnly) {
      throw fail(new StoreException(StoreException.Kind.READ_ONLY, "cannot write in a read-only transaction"));
    }
  }

  private StoreException fail(StoreException e) {
    abort();
    return e;
  }

  private <T> T guarded(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (StoreException e) {
      throw fail(e);
    }
  }
}
