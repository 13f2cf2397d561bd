package io.quorate.sql.kv;

/** Isolation levels the port offers; each store documents exactly what it guarantees. */
public enum KvIsolation {
  /** Statement snapshots; a write that waited on a lock sees the newest committed value. */
  READ_COMMITTED,
  /** One snapshot per transaction; first committer wins on write conflicts (40001). */
  REPEATABLE_READ,
  /** REPEATABLE_READ plus commit-time validation of everything read: no anomalies (40001). */
  SERIALIZABLE
}
