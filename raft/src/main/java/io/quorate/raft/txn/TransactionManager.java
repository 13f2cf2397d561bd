package io.quorate.raft.txn;

import java.time.Duration;
import java.util.UUID;

/**
 * Runs transactions on the primary: snapshot reads, an in-memory lock table with
 * deadlock detection, conflict checks, a log entry per commit or per group of commits. When the local replica
 * loses leadership every open transaction is aborted with {@code LEADERSHIP_LOST}.
 * Thread-safe.
 */
public interface TransactionManager {

  /**
   * Begins a transaction. Fails with {@code NOT_PRIMARY} on a replica that is not the
   * leader. {@code clientId} and {@code callId} name the commit for deduplication; a
   * client retrying a commit whose outcome it did not learn uses the same pair.
   */
  Transaction begin(IsolationLevel isolation, boolean readOnly, UUID clientId, long callId);

  /**
   * Begins a transaction whose commit nobody will propose again (its caller keeps its own
   * record of outcomes, or has none to keep), so it may share a log entry with other
   * commits. Fails with {@code NOT_PRIMARY} on a replica that is not the leader.
   */
  Transaction begin(IsolationLevel isolation, boolean readOnly);

  /** How long a lock request waits before failing with {@code LOCK_TIMEOUT}. */
  Duration lockTimeout();

  /** How many transactions are open right now. */
  int openTransactions();
}
