package io.quorate.raft.cluster;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.Replica;
import io.quorate.raft.txn.TransactionManager;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One replica of the replicated store: a Ratis server whose state machine applies
 * committed log entries to a local RocksDB, plus the primary's transaction manager and
 * the group's membership and leadership operations. Thread-safe. Every failure is a
 * {@link io.quorate.raft.txn.StoreException}.
 */
public interface ReplicatedStore extends AutoCloseable {

  String selfId();

  /** The primary's transactions; {@code begin} fails with NOT_PRIMARY on a standby. */
  TransactionManager transactions();

  /** A stale read of this replica's applied state (any role). */
  ReadView openLocalView();

  /** Completes when this replica has applied {@code index} (read-your-writes on a standby). */
  CompletableFuture<Void> waitForApplied(long index, Duration timeout);

  /**
   * Whether this replica's applied state is at most {@code maxStaleness} behind the
   * primary's, waiting up to that long for it to apply what it knows to be committed.
   * The primary is always current. A standby knows the primary's commit index as of the
   * primary's last message (appends and heartbeats carry it): once it has applied that
   * much, its state is as recent as the primary's was when that message left, so it is
   * fresh enough while that message is younger than {@code maxStaleness}. A standby that
   * knows no primary is not.
   */
  boolean awaitFresh(Duration maxStaleness);

  /**
   * Tells {@code listener} when this replica gains or loses the primary role, on a Ratis
   * thread (it must not block). If this replica is the ready primary already, the
   * listener is told at once.
   */
  void addLeadershipListener(Replica.LeadershipListener listener);

  /** This replica's view of the group. */
  ReplicaStatus status();

  /**
   * Adds {@code peer} (already started with {@code join}) to the group; it catches up by
   * snapshot and log before it counts as a voter. With {@code learner} it stays a
   * non-voting member. Blocks until the configuration change is committed.
   */
  void addMember(Peer peer, boolean learner, Duration timeout);

  /** Removes a member, live or dead. Blocks until the new configuration is committed. */
  void removeMember(String nodeId, Duration timeout);

  /** Hands leadership to {@code nodeId}; blocks until it leads or the timeout passes. */
  void transferLeadership(String nodeId, Duration timeout);

  /** Takes a snapshot now; returns its log index. */
  long takeSnapshot(Duration timeout);

  /** Why a replica stopped without {@link #close()}. */
  enum StopCause {
    /** The group's configuration no longer has this replica: it was removed. */
    REMOVED,
    /** Ratis stopped it for a failure, such as a committed entry it could not apply. */
    FAILED
  }

  /**
   * Runs {@code action} once, on a thread of its own, if the replica stops without
   * {@link #close()}. Such a replica serves nothing any more; its process should stop, so
   * that it shows as down and, unless it was removed, can be restarted.
   */
  void onUnexpectedStop(java.util.function.Consumer<StopCause> action);

  /** Stops the Ratis server and closes RocksDB; a leader hands leadership off first. */
  @Override
  void close();
}
