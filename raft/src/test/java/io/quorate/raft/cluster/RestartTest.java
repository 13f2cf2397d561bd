package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quorate.raft.txn.ReadView;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Proves that restarts lose nothing and apply nothing twice: a restarted standby catches
 * up, and after all replicas restart every committed increment is there exactly once.
 */
class RestartTest {

  @Test
  void restartedStandbyCatchesUp() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      cluster.put("before", "1");
      String standby = standbyOf(cluster);
      cluster.stopReplica(standby);
      long index = cluster.put("while-down", "2");
      cluster.startReplica(standby);
      cluster.awaitApplied(index);
      RatisReplicatedStore restarted = cluster.replica(standby);
      assertEquals("1", localValue(restarted, "before"));
      assertEquals("2", localValue(restarted, "while-down"));
    }
  }

  @Test
  void restartOfAllReplicasKeepsEveryCommitExactlyOnce() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      int increments = 30;
      long index = 0;
      for (int i = 0; i < increments; i++) {
        index = increment(cluster, "counter");
      }
      cluster.awaitApplied(index);
      for (String id : java.util.List.of("n1", "n2", "n3")) {
        cluster.stopReplica(id);
      }
      for (String id : java.util.List.of("n1", "n2", "n3")) {
        cluster.startReplica(id);
      }
      cluster.awaitPrimary();
      long after = increment(cluster, "counter");
      cluster.awaitApplied(after);
      for (RatisReplicatedStore replica : cluster.running()) {
        assertEquals(String.valueOf(increments + 1), localValue(replica, "counter"), replica.selfId());
        assertEquals(1, countKeys(replica), replica.selfId() + " holds exactly the counter");
      }
    }
  }

  static long increment(InJvmCluster cluster, String key) {
    return cluster.write(txn -> {
      byte[] current = txn.lockForUpdate(InJvmCluster.bytes(key));
      long value = current == null ? 0 : Long.parseLong(new String(current));
      txn.put(InJvmCluster.bytes(key), InJvmCluster.bytes(Long.toString(value + 1)));
    });
  }

  static int countKeys(RatisReplicatedStore replica) {
    int count = 0;
    try (ReadView view = replica.openLocalView(); ReadView.Cursor cursor = view.scan(null, null, false)) {
      for (Map.Entry<byte[], byte[]> e = cursor.next(); e != null; e = cursor.next()) {
        count++;
      }
    }
    return count;
  }

  static String standbyOf(InJvmCluster cluster) {
    String primary = cluster.awaitPrimary().selfId();
    return cluster.running().stream().map(RatisReplicatedStore::selfId)
        .filter(id -> !id.equals(primary)).findFirst().orElseThrow();
  }
}
