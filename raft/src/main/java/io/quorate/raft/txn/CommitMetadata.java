package io.quorate.raft.txn;

import java.util.Objects;
import java.util.UUID;

/**
 * What the primary attaches to a commit's log entry. {@code clientId} and {@code callId}
 * identify the commit for deduplication (Ratis retry cache): a client that did not
 * learn a commit's outcome resends it with the same pair. {@code commitTimeMillis} is the
 * primary's clock when it decided to commit, recorded so that no replica consults its
 * own clock while applying.
 */
public record CommitMetadata(UUID clientId, long callId, long transactionId, long commitTimeMillis) {
  public CommitMetadata {
    Objects.requireNonNull(clientId, "clientId");
  }
}
