package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.Transaction;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves membership and leadership operations: add, remove (live and dead), transfer, abort on loss. */
class MembershipTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void addedReplicaCatchesUpAndVotes() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      cluster.put("before", "1");
      cluster.startJoiner("n4");
      cluster.awaitPrimary().addMember(cluster.peer("n4"), false, TIMEOUT);
      long index = cluster.put("after", "2");
      cluster.awaitApplied(index);
      RatisReplicatedStore added = cluster.replica("n4");
      assertEquals("1", localValue(added, "before"));
      assertEquals("2", localValue(added, "after"));
      assertEquals(4, cluster.awaitPrimary().status().members().size());
    }
  }

  @Test
  void removeLiveAndDeadReplicas() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      cluster.startJoiner("n4");
      cluster.startJoiner("n5");
      cluster.awaitPrimary().addMember(cluster.peer("n4"), false, TIMEOUT);
      cluster.awaitPrimary().addMember(cluster.peer("n5"), false, TIMEOUT);
      String primaryId = cluster.awaitPrimary().selfId();
      String dead = primaryId.equals("n4") ? "n5" : "n4";
      cluster.stopReplica(dead);
      cluster.awaitPrimary().removeMember(dead, TIMEOUT);
      String live = primaryId.equals("n3") ? "n2" : "n3";
      cluster.awaitPrimary().removeMember(live, TIMEOUT);
      long index = cluster.put("k", "v");
      cluster.replica(cluster.awaitPrimary().selfId()).waitForApplied(index, TIMEOUT).join();
      var members = cluster.awaitPrimary().status().members();
      assertEquals(3, members.size(), members.toString());
      assertFalse(members.stream().anyMatch(m -> m.peer().id().equals(dead)));
      assertFalse(members.stream().anyMatch(m -> m.peer().id().equals(live)));
    }
  }

  @Test
  void aReplicaThatStopsByItselfTellsWhy() throws Exception {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      String failing = RestartTest.standbyOf(cluster);
      String removed = cluster.running().stream().map(RatisReplicatedStore::selfId)
          .filter(id -> !id.equals(failing) && !id.equals(cluster.awaitPrimary().selfId())).findFirst().orElseThrow();
      CompletableFuture<ReplicatedStore.StopCause> failed = new CompletableFuture<>();
      CompletableFuture<ReplicatedStore.StopCause> left = new CompletableFuture<>();
      cluster.replica(failing).onUnexpectedStop(failed::complete);
      cluster.replica(removed).onUnexpectedStop(left::complete);

      // A removed replica stops by itself once it finds it is no longer in the group.
      cluster.awaitPrimary().removeMember(removed, TIMEOUT);
      assertEquals(ReplicatedStore.StopCause.REMOVED, left.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));

      // A store that fails under the apply thread: Ratis stops the replica rather than skip
      // the entry (the entry commits: the replica's log still took it).
      cluster.replica(failing).stateMachine().store().close();
      cluster.put("k", "v");
      assertEquals(ReplicatedStore.StopCause.FAILED, failed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      assertFalse(left.isCompletedExceptionally());
    }
  }

  @Test
  void leadershipTransferMovesThePrimary() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      RatisReplicatedStore primary = cluster.awaitPrimary();
      String target = RestartTest.standbyOf(cluster);
      primary.transferLeadership(target, TIMEOUT);
      InJvmCluster.await("the target leads", () -> cluster.awaitPrimary().selfId().equals(target));
      long index = cluster.put("k", "v");
      assertTrue(index > 0);
    }
  }

  @Test
  void losingLeadershipAbortsOpenTransactions() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      RatisReplicatedStore primary = cluster.awaitPrimary();
      Transaction txn = primary.transactions().begin(IsolationLevel.READ_COMMITTED, false, UUID.randomUUID(), 1);
      txn.put(InJvmCluster.bytes("k"), InJvmCluster.bytes("v"));
      primary.transferLeadership(RestartTest.standbyOf(cluster), TIMEOUT);
      InJvmCluster.await("the old primary stepped down", () -> !primary.replica().isLeader());
      StoreException e = assertThrows(StoreException.class, txn::commit);
      assertEquals(StoreException.Kind.LEADERSHIP_LOST, e.kind());
      assertEquals(0, primary.transactions().openTransactions());
      StoreException begin = assertThrows(StoreException.class,
          () -> primary.transactions().begin(IsolationLevel.READ_COMMITTED, false, UUID.randomUUID(), 2));
      assertEquals(StoreException.Kind.NOT_PRIMARY, begin.kind());
    }
  }
}
