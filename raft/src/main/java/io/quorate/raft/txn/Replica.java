package io.quorate.raft.txn;

import java.util.concurrent.CompletableFuture;

/**
 * What the primary's transaction manager needs from the local replica. The real
 * implementation sits on the Ratis server and its RocksDB state machine; tests use an
 * in-memory one. Methods may be called from any thread.
 */
public interface Replica {

  /** Whether this replica currently is the Raft leader (the primary). */
  boolean isLeader();

  /** The current Raft term as this replica knows it. */
  long currentTerm();

  /** The index of the last entry applied to the local state. */
  long appliedIndex();

  /** A snapshot of the applied state, for reads. */
  ReadView openReadView();

  /**
   * Confirms that this replica is still the leader (Raft ReadIndex; the leader lease
   * where enabled) and waits until the local state has applied everything committed up
   * to that point. After it completes, a {@link #openReadView()} is linearizable. Fails
   * with {@link StoreException} ({@code NOT_PRIMARY} or {@code LEADERSHIP_LOST}) when
   * leadership cannot be confirmed.
   */
  CompletableFuture<Void> readBarrier();

  /**
   * Proposes {@code batch} as one log entry. The future completes with the entry's log
   * index once a majority has it durable <em>and</em> this replica has applied it, so a
   * view opened afterwards contains it. {@code clientId}/{@code callId} identify the
   * commit for Ratis's retry cache: the same pair proposed again (a retry after a lost
   * reply) is applied at most once and completes with the first outcome.
   * Fails with {@link StoreException}: {@code NOT_PRIMARY} if this replica is not the
   * leader, {@code LEADERSHIP_LOST} or {@code OUTCOME_UNKNOWN} if leadership changed
   * while the entry was in flight.
   */
  CompletableFuture<Long> propose(WriteBatch batch, CommitMetadata metadata);

  /**
   * Proposes several decided commits as one log entry (group commit): applied together,
   * in list order, as one write. The future completes as for {@link #propose}. The
   * entry goes to the log under an id of the replica's own, so the commits' own
   * {@code clientId}/{@code callId} pairs are not in Ratis's retry cache: only commits
   * that will never be proposed again may be grouped.
   */
  CompletableFuture<Long> proposeGroup(java.util.List<DecidedCommit> commits);

  /**
   * Registers a listener told when this replica gains or loses leadership. Called on a
   * Ratis thread; listeners must not block.
   */
  void addLeadershipListener(LeadershipListener listener);

  /** Told of leadership changes of the local replica. */
  interface LeadershipListener {
    /** This replica became the leader in {@code term}. */
    void becameLeader(long term);

    /** This replica is no longer the leader (it stepped down or a new term began). */
    void lostLeadership(long term);
  }
}
