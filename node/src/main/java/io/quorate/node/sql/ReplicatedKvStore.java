package io.quorate.node.sql;

import io.quorate.raft.cluster.ReplicatedStore;
import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.Transaction;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;

/**
 * The replicated store as the SQL engine's {@link KvStore}. On the primary a transaction
 * is one of the store's primary transactions (snapshot reads behind a read barrier, locks,
 * concurrent commits sharing log entries). Its commits are unnamed for the store: a
 * resent SQL request is deduplicated by the outcome the session recorded with its commit
 * (the SQL engine's commit outcomes), never by proposing the same commit again. On a
 * standby it reads this replica's applied state and refuses writes with 25006, so a
 * standby answers queries from its own replica.
 * Store failures are translated once, in {@link StoreErrorTranslation}. Thread-safe.
 */
public final class ReplicatedKvStore implements KvStore {

  private final ReplicatedStore store;

  public ReplicatedKvStore(ReplicatedStore store) {
    this.store = store;
  }

  @Override
  public KvTransaction begin(KvIsolation isolation, boolean readOnly) {
    Transaction transaction;
    try {
      transaction = store.transactions().begin(level(isolation), readOnly);
    } catch (StoreException e) {
      if (e.kind() == StoreException.Kind.NOT_PRIMARY) {
        return new StandbyKvTransaction(store, isolation, readOnly);
      }
      throw StoreErrorTranslation.translate(e);
    }
    return new PrimaryKvTransaction(transaction, isolation);
  }

  private static IsolationLevel level(KvIsolation isolation) {
    return switch (isolation) {
      case READ_COMMITTED -> IsolationLevel.READ_COMMITTED;
      case REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
      case SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
    };
  }
}
