package io.quorate.node.sql;

import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvStoreContractTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/** The SQL engine's KV contract, kept by the replicated store on one node and on three. */
class ReplicatedKvStoreContractTest {

  /** One cluster per lock timeout the tests ask for, started once per class. */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class OnCluster extends KvStoreContractTest {

    private final Map<Duration, SqlTestCluster> clusters = new HashMap<>();

    abstract int size();

    @Override
    protected KvStore newStore(Duration lockTimeout) {
      return clusters.computeIfAbsent(lockTimeout, timeout -> new SqlTestCluster(size(), timeout)).emptyPrimaryStore();
    }

    @AfterAll
    void stopClusters() {
      clusters.values().forEach(SqlTestCluster::close);
      clusters.clear();
    }
  }

  @Nested
  class OneNode extends OnCluster {
    @Override
    int size() {
      return 1;
    }
  }

  @Nested
  class ThreeNodes extends OnCluster {
    @Override
    int size() {
      return 3;
    }
  }
}
