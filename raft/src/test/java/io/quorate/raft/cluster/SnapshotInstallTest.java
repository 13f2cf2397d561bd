package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Proves that a replica whose data was wiped, after the log it needs was purged, is
 * brought back by installing a snapshot and then the log.
 */
class SnapshotInstallTest {

  private static final ReplicaConfig.Tuning SMALL_SNAPSHOTS = new ReplicaConfig.Tuning(
      InJvmCluster.TUNING.electionTimeoutMin(), InJvmCluster.TUNING.electionTimeoutMax(),
      InJvmCluster.TUNING.lockTimeout(), 100, InJvmCluster.TUNING.retryCacheExpiry(), 16L << 10);

  @Test
  void wipedReplicaRecoversFromSnapshot() {
    try (InJvmCluster cluster = InJvmCluster.start(3, SMALL_SNAPSHOTS)) {
      String victim = RestartTest.standbyOf(cluster);
      cluster.wipeReplica(victim);
      long index = 0;
      for (int i = 0; i < 1500; i++) {
        index = cluster.put("k" + i, "v" + i);
      }
      RatisReplicatedStore primary = cluster.awaitPrimary();
      long snapshot = primary.takeSnapshot(Duration.ofSeconds(30));
      assertTrue(snapshot >= index, "snapshot at " + snapshot + " covers " + index);
      InJvmCluster.await("the primary purged its log past the start",
          () -> primary.status().firstLogIndex() > 10);

      cluster.startReplica(victim);
      long last = cluster.put("after", "x");
      cluster.awaitApplied(last);
      RatisReplicatedStore recovered = cluster.replica(victim);
      assertTrue(recovered.status().snapshotIndex() > 0, "the victim installed a snapshot");
      assertEquals("v0", localValue(recovered, "k0"));
      assertEquals("v1499", localValue(recovered, "k1499"));
      assertEquals("x", localValue(recovered, "after"));
      assertEquals(1501, RestartTest.countKeys(recovered));
    }
  }
}
