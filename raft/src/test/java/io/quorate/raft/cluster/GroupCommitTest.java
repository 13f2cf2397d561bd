package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.bytes;
import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Group commit on a real three-replica cluster: concurrent unnamed commits share log
 * entries, every commit reaches every replica, and a standby that was down meanwhile
 * decodes and applies the group entries it is sent when it comes back.
 */
class GroupCommitTest {

  private static final int WRITERS = 32;
  private static final int COMMITS_EACH = 20;

  @Test
  void concurrentCommitsShareEntriesAndReachEveryReplica() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      RatisReplicatedStore primary = cluster.awaitPrimary();
      long before = cluster.put("start", "0");
      String standby = cluster.running().stream().map(RatisReplicatedStore::selfId)
          .filter(id -> !id.equals(primary.selfId())).findFirst().orElseThrow();
      cluster.stopReplica(standby); // it gets every group entry after it restarts
      AtomicLong last = new AtomicLong(before);
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          done.add(writers.submit(() -> {
            for (int i = 0; i < COMMITS_EACH; i++) {
              try (Transaction txn = primary.transactions().begin(IsolationLevel.READ_COMMITTED, false)) {
                txn.put(bytes("w" + writer + "/" + i), bytes(writer + ":" + i));
                long index = txn.commit();
                last.accumulateAndGet(index, Math::max);
              }
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get(InJvmCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
        }
      } finally {
        writers.shutdownNow();
      }
      long entries = last.get() - before;
      int commits = WRITERS * COMMITS_EACH;
      assertTrue(entries < commits, commits + " commits took " + entries + " entries: none shared one");
      cluster.awaitApplied(last.get());
      assertEverywhere(cluster.running());

      cluster.startReplica(standby);
      long after = cluster.put("end", "1");
      cluster.awaitApplied(after);
      assertEverywhere(List.of(cluster.replica(standby)));
    }
  }

  private static void assertEverywhere(List<RatisReplicatedStore> replicas) {
    for (RatisReplicatedStore replica : replicas) {
      for (int w = 0; w < WRITERS; w++) {
        for (int i = 0; i < COMMITS_EACH; i++) {
          assertEquals(w + ":" + i, localValue(replica, "w" + w + "/" + i), replica.selfId() + " w" + w + "/" + i);
        }
      }
    }
  }
}
