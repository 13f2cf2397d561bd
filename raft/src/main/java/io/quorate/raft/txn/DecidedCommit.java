package io.quorate.raft.txn;

import java.util.Objects;

/** A transaction's writes and commit metadata, decided by the primary and ready to be logged. */
public record DecidedCommit(WriteBatch batch, CommitMetadata metadata) {
  public DecidedCommit {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(metadata, "metadata");
  }
}
