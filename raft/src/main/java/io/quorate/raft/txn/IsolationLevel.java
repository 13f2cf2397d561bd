package io.quorate.raft.txn;

/**
 * Isolation levels of the primary's transactions; see raft/DESIGN.md for exactly what
 * each guarantees.
 */
public enum IsolationLevel {
  /** Statement snapshots; a write that waited on a lock re-reads the newest committed value. */
  READ_COMMITTED,
  /** Snapshot isolation: one snapshot per transaction, first committer wins on write conflicts. */
  REPEATABLE_READ,
  /** Snapshot isolation plus commit-time validation of everything read: no anomalies. */
  SERIALIZABLE
}
