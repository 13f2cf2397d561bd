package io.quorate.raft.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;

/**
 * The commit-path ceiling: a Ratis state machine that applies an entry by counting it.
 * No RocksDB, no decoding, no transaction manager; what a commit costs here is what Ratis
 * itself costs (replication, fsync of the log, the apply thread), so Quorate's commit
 * path is measured against it in the same run.
 */
public final class TrivialStateMachine extends BaseStateMachine {

  private final AtomicLong appliedEntries = new AtomicLong();

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    var entry = trx.getLogEntry();
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    appliedEntries.incrementAndGet();
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  /** How many entries this replica applied since it started. */
  public long appliedEntries() {
    return appliedEntries.get();
  }
}
