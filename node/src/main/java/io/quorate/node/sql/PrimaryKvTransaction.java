package io.quorate.node.sql;

import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.Transaction;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvTransaction;
import java.util.function.Supplier;

/** A transaction on the primary: the store's transaction with its failures translated. */
final class PrimaryKvTransaction implements KvTransaction {

  private final Transaction transaction;
  private final KvIsolation isolation;

  PrimaryKvTransaction(Transaction transaction, KvIsolation isolation) {
    this.transaction = transaction;
    this.isolation = isolation;
  }

  @Override
  public KvIsolation isolation() {
    return isolation;
  }

  @Override
  public boolean readOnly() {
    return transaction.readOnly();
  }

  @Override
  public void startStatement() {
    run(transaction::startStatement);
  }

  @Override
  public byte[] get(byte[] key) {
    return call(() -> transaction.get(key));
  }

  @Override
  public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    if (ReadViewCursor.emptyRange(startInclusive, endExclusive)) {
      return KvCursor.EMPTY;
    }
    return new ReadViewCursor(call(() -> transaction.scan(startInclusive, endExclusive, reverse)));
  }

  @Override
  public byte[] lockForUpdate(byte[] key) {
    return call(() -> transaction.lockForUpdate(key));
  }

  @Override
  public void put(byte[] key, byte[] value) {
    run(() -> transaction.put(key, value));
  }

  @Override
  public void delete(byte[] key) {
    run(() -> transaction.delete(key));
  }

  @Override
  public void commit() {
    run(transaction::commit);
  }

  @Override
  public void abort() {
    run(transaction::abort);
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (StoreException e) {
      throw translate(e);
    }
  }

  private static void run(Runnable operation) {
    try {
      operation.run();
    } catch (StoreException e) {
      throw translate(e);
    }
  }

  /**
   * This transaction began on the primary, so "not the primary" now means the node lost
   * the role under it: the transaction is gone and may be retried (40001), which is not
   * the standby's "connect elsewhere" (25006).
   */
  private static RuntimeException translate(StoreException e) {
    StoreException lost = e.kind() == StoreException.Kind.NOT_PRIMARY
        ? new StoreException(StoreException.Kind.LEADERSHIP_LOST, e.getMessage(), e) : e;
    return StoreErrorTranslation.translate(lost);
  }
}
