package io.quorate.sql.session;

import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The last named commit of each client ({@link CommitId}), kept as a row of a reserved
 * table and written by the commit it names, in the same transaction. Whether a resent
 * request already committed is then a read of committed data: it survives restarts,
 * snapshots and failovers like any row, and it is decided on the primary before anything
 * is proposed. A row is the call id (8 bytes, big-endian) then the command tag (UTF-8),
 * so that a deduplicated request answers what the first attempt did.
 */
final class CommitOutcomes {

  private CommitOutcomes() {}

  /**
   * The command tag of {@code id}'s commit if it was made. The row is read under its lock,
   * so a first send still committing on this node (its client gave up waiting) is waited
   * for rather than missed; on a new primary every commit of an earlier one is applied
   * before its first transaction reads.
   */
  static Optional<String> find(KvStore store, CommitId id) {
    try (KvTransaction check = store.begin(KvIsolation.READ_COMMITTED, false)) {
      byte[] row = check.lockForUpdate(CatalogStore.commitOutcomeKey(id.clientId()));
      check.abort();
      return outcome(row, id);
    }
  }

  /**
   * Writes {@code id}'s row into {@code transaction}, which is about to commit. The row is
   * locked first, so two sends of one request running at once (the first still in flight
   * when the client gave up on it) cannot both commit: the second finds the first's row
   * and fails with 40001, and its next resend is answered from the row.
   */
  static void record(KvTransaction transaction, CommitId id, String commandTag) {
    byte[] key = CatalogStore.commitOutcomeKey(id.clientId());
    byte[] previous = transaction.lockForUpdate(key);
    if (previous != null && callId(previous) >= id.callId()) {
      throw new SqlException(SqlState.SERIALIZATION_FAILURE, "could not commit: call " + id.callId()
          + " of this client " + (callId(previous) == id.callId() ? "has already committed"
          : "is older than its last committed call " + callId(previous)))
          .withHint("Send the request again as a resend to learn its outcome.");
    }
    byte[] tag = commandTag.getBytes(StandardCharsets.UTF_8);
    transaction.put(key, ByteBuffer.allocate(Long.BYTES + tag.length).putLong(id.callId()).put(tag).array());
  }

  private static Optional<String> outcome(byte[] row, CommitId id) {
    if (row == null) {
      return Optional.empty();
    }
    long committed = callId(row);
    if (committed == id.callId()) {
      return Optional.of(new String(row, Long.BYTES, row.length - Long.BYTES, StandardCharsets.UTF_8));
    }
    if (committed > id.callId()) {
      throw new SqlException(SqlState.STATEMENT_COMPLETION_UNKNOWN, "the outcome of call " + id.callId()
          + " is no longer known: this client has committed call " + committed + " since");
    }
    return Optional.empty();
  }

  private static long callId(byte[] row) {
    if (row.length < Long.BYTES) {
      throw SqlException.internal("corrupt commit outcome row of " + row.length + " bytes", null);
    }
    return ByteBuffer.wrap(row).getLong();
  }
}
