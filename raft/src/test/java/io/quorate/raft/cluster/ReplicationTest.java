package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Proves that a commit on the primary reaches every replica's RocksDB. */
class ReplicationTest {

  @Test
  void commitReachesEveryReplica() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      long index = 0;
      for (int i = 0; i < 20; i++) {
        index = cluster.put("k" + i, "v" + i);
      }
      cluster.awaitApplied(index);
      for (RatisReplicatedStore replica : cluster.running()) {
        for (int i = 0; i < 20; i++) {
          assertEquals("v" + i, localValue(replica, "k" + i), replica.selfId() + " k" + i);
        }
      }
    }
  }
}
