package io.quorate.node.sql;

import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.raft.cluster.ReplicaConfig;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-JVM cluster whose replicated store serves the SQL engine's port, shared by the
 * tests of one class: starting Raft groups is what takes time, so tests get a fresh,
 * empty database by deleting every key instead of by starting a new cluster.
 */
final class SqlTestCluster implements AutoCloseable {

  /** Deletes per transaction while emptying, to keep each log entry small. */
  private static final int DELETE_BATCH = 1_000;

  private final InJvmCluster cluster;

  SqlTestCluster(int size, Duration lockTimeout) {
    ReplicaConfig.Tuning base = InJvmCluster.TUNING;
    cluster = InJvmCluster.start(size, new ReplicaConfig.Tuning(base.electionTimeoutMin(), base.electionTimeoutMax(),
        lockTimeout, base.snapshotThresholdEntries(), base.retryCacheExpiry(), base.logSegmentSizeBytes()));
  }

  InJvmCluster cluster() {
    return cluster;
  }

  /** The primary's store, emptied of every key. */
  KvStore emptyPrimaryStore() {
    KvStore store = new ReplicatedKvStore(cluster.awaitPrimary());
    while (deleteBatch(store) == DELETE_BATCH) {
      // more keys remain
    }
    return store;
  }

  private static int deleteBatch(KvStore store) {
    try (KvTransaction transaction = store.begin(KvIsolation.READ_COMMITTED, false)) {
      List<byte[]> keys = new ArrayList<>();
      try (KvCursor cursor = transaction.scan(null, null, false)) {
        while (keys.size() < DELETE_BATCH && cursor.advance()) {
          keys.add(cursor.key());
        }
      }
      keys.forEach(transaction::delete);
      transaction.commit();
      return keys.size();
    }
  }

  @Override
  public void close() {
    cluster.close();
  }
}
