package io.quorate.node.sql;

import io.quorate.raft.cluster.ReplicatedStore;
import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvTransaction;

/**
 * A transaction on a standby: reads see a snapshot of this replica's applied state (a new
 * one per statement under READ COMMITTED, one for the whole transaction otherwise), and
 * every write is refused with 25006 because only the primary may write. A snapshot is a
 * prefix of the primary's commit order, so even SERIALIZABLE reads are consistent; they
 * may be behind the primary by the replication lag.
 */
final class StandbyKvTransaction implements KvTransaction {

  private final ReplicatedStore store;
  private final KvIsolation isolation;
  private final boolean readOnly;
  private ReadView view;
  private boolean finished;

  StandbyKvTransaction(ReplicatedStore store, KvIsolation isolation, boolean readOnly) {
    this.store = store;
    this.isolation = isolation;
    this.readOnly = readOnly;
  }

  @Override
  public KvIsolation isolation() {
    return isolation;
  }

  @Override
  public boolean readOnly() {
    return readOnly;
  }

  @Override
  public void startStatement() {
    checkOpen();
    if (isolation == KvIsolation.READ_COMMITTED) {
      closeView();
    }
  }

  @Override
  public byte[] get(byte[] key) {
    ReadView v = view();
    try {
      return v.get(key);
    } catch (StoreException e) {
      throw StoreErrorTranslation.translate(e);
    }
  }

  @Override
  public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    ReadView v = view();
    if (ReadViewCursor.emptyRange(startInclusive, endExclusive)) {
      return KvCursor.EMPTY;
    }
    try {
      return new ReadViewCursor(v.scan(startInclusive, endExclusive, reverse));
    } catch (StoreException e) {
      throw StoreErrorTranslation.translate(e);
    }
  }

  @Override
  public byte[] lockForUpdate(byte[] key) {
    throw refuseWrite();
  }

  @Override
  public void put(byte[] key, byte[] value) {
    throw refuseWrite();
  }

  @Override
  public void delete(byte[] key) {
    throw refuseWrite();
  }

  @Override
  public void commit() {
    checkOpen();
    finish();
  }

  @Override
  public void abort() {
    finish();
  }

  private SqlException refuseWrite() {
    checkOpen();
    StoreException.Kind kind = readOnly ? StoreException.Kind.READ_ONLY : StoreException.Kind.NOT_PRIMARY;
    return StoreErrorTranslation.translate(new StoreException(kind, "node " + store.selfId() + " is a standby"));
  }

  private ReadView view() {
    checkOpen();
    if (view == null) {
      try {
        view = store.openLocalView();
      } catch (StoreException e) {
        throw StoreErrorTranslation.translate(e);
      }
    }
    return view;
  }

  private void checkOpen() {
    if (finished) {
      throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, "the transaction has already ended");
    }
  }

  private void finish() {
    finished = true;
    closeView();
  }

  private void closeView() {
    if (view != null) {
      view.close();
      view = null;
    }
  }
}
