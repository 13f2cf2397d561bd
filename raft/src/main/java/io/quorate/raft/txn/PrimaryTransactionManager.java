package io.quorate.raft.txn;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The primary's {@link TransactionManager}: snapshot reads behind a linearizable read
 * barrier, an in-memory {@link LockTable}, conflict checks against {@link RecentCommits},
 * one log entry per named commit and shared entries for the others ({@link CommitGroups}).
 * It serves only while its replica leads; when leadership is
 * lost every open transaction is aborted with {@code LEADERSHIP_LOST} and its locks are
 * released. Thread-safe.
 */
public final class PrimaryTransactionManager implements TransactionManager, Replica.LeadershipListener {

  private static final Logger LOG = LoggerFactory.getLogger(PrimaryTransactionManager.class);

  /** How long a commit may wait for its entry to be replicated and applied. */
  static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(10);

  private final Replica replica;
  private final Duration lockTimeout;
  private final LockTable locks = new LockTable();
  private final RecentCommits recent = new RecentCommits();
  private final Map<Long, PrimaryTransaction> open = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  /** Names this manager's own commits (those begun without a name): call ids never repeat. */
  private final UUID ownClientId = UUID.randomUUID();
  private final AtomicLong ownCallIds = new AtomicLong();
  private final CommitGroups groups;
  private volatile boolean serving;

  public PrimaryTransactionManager(Replica replica, Duration lockTimeout) {
    this.replica = replica;
    this.lockTimeout = lockTimeout;
    this.groups = new CommitGroups(replica, command -> Thread.ofVirtual().name("commit-group").start(command));
    replica.addLeadershipListener(this);
    serving = replica.isLeader();
  }

  @Override
  public Transaction begin(IsolationLevel isolation, boolean readOnly, UUID clientId, long callId) {
    return begin(isolation, readOnly, clientId, callId, false);
  }

  @Override
  public Transaction begin(IsolationLevel isolation, boolean readOnly) {
    return begin(isolation, readOnly, ownClientId, ownCallIds.incrementAndGet(), true);
  }

  private Transaction begin(IsolationLevel isolation, boolean readOnly, UUID clientId, long callId, boolean groupable) {
    if (!serving || !replica.isLeader()) {
      throw new StoreException(StoreException.Kind.NOT_PRIMARY, "This node is not the primary");
    }
    PrimaryTransaction txn =
        new PrimaryTransaction(this, ids.incrementAndGet(), isolation, readOnly, clientId, callId, groupable);
    open.put(txn.id(), txn);
    if (!serving) {
      // Leadership was lost while beginning; the abort pass may have missed this one.
      txn.abortFromOutside(new StoreException(StoreException.Kind.LEADERSHIP_LOST, "This node stopped being the primary"));
    }
    return txn;
  }

  @Override
  public Duration lockTimeout() {
    return lockTimeout;
  }

  @Override
  public int openTransactions() {
    return open.size();
  }

  @Override
  public void becameLeader(long term) {
    recent.reset();
    serving = true;
  }

  @Override
  public void lostLeadership(long term) {
    serving = false;
    // Commits still queued for a shared entry were never proposed: they fail for certain.
    groups.failQueued(new StoreException(StoreException.Kind.LEADERSHIP_LOST,
        "This node stopped being the primary before the commit was proposed; nothing of it was committed"));
    StoreException reason = new StoreException(StoreException.Kind.LEADERSHIP_LOST,
        "This node stopped being the primary (term " + term + "); the transaction was aborted");
    // Mark every transaction first, so no waiter is granted a lock an aborted one released.
    List<PrimaryTransaction> victims = List.copyOf(open.values());
    victims.forEach(txn -> txn.abortFromOutside(reason));
    victims.forEach(locks::releaseAll);
    locks.wakeAll();
    int aborted = victims.size();
    if (aborted > 0) {
      LOG.info("Aborted open transactions after losing the primary role [count={}, term={}]", aborted, term);
    }
  }

  /** Confirms leadership and waits for the applied state to catch up, before a snapshot. */
  void awaitReadBarrier() {
    CompletableFuture<Void> barrier = replica.readBarrier();
    if (!barrier.isDone() && NoWait.onThisThread()) {
      throw new StoreException(StoreException.Kind.WOULD_WAIT,
          "The read barrier needs a round trip to the standbys, and this thread must not wait for it");
    }
    try {
      barrier.get(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StoreException se ? se
          : new StoreException(StoreException.Kind.NOT_READY, "Read barrier failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException(StoreException.Kind.NOT_READY,
          "Could not confirm the primary role within " + BARRIER_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Kind.TIMEOUT, "Interrupted while confirming the primary role");
    }
  }

  void finished(PrimaryTransaction txn) {
    open.remove(txn.id());
    long oldest = Long.MAX_VALUE;
    for (PrimaryTransaction other : open.values()) {
      long snapshot = other.snapshotSequence();
      if (snapshot >= 0) {
        oldest = Math.min(oldest, snapshot);
      }
    }
    recent.prune(oldest == Long.MAX_VALUE ? recent.watermark() : oldest);
  }

  Replica replica() {
    return replica;
  }

  CommitGroups groups() {
    return groups;
  }

  LockTable locks() {
    return locks;
  }

  RecentCommits recent() {
    return recent;
  }
}
