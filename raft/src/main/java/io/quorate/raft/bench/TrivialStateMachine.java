package io.quorate.raft.bench;

import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;

/**
 * The commit-path ceiling: a Ratis state machine that applies an entry by recording its index.
 * No RocksDB, no decoding, no transaction manager; what a commit costs here is what Ratis
 * itself costs (replication, fsync of the log, the apply thread), so Quorate's commit
 * path is measured against it in the same run.
 */
public final class TrivialStateMachine extends BaseStateMachine {

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    var entry = trx.getLogEntry();
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    return CompletableFuture.completedFuture(Message.EMPTY);
  }
}
