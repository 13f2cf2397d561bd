package io.quorate.raft.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Group commit: who goes alone, who waits, what shares an entry, and how outcomes reach every commit. */
class CommitGroupsTest {

  /** Records every entry proposed; each completes when the test says. */
  static final class GatedReplica implements Replica {
    record Proposed(List<DecidedCommit> commits, boolean group, CompletableFuture<Long> result) {}

    final List<Proposed> proposed = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<Long> propose(WriteBatch batch, CommitMetadata metadata) {
      Proposed entry = new Proposed(List.of(new DecidedCommit(batch, metadata)), false, new CompletableFuture<>());
      proposed.add(entry);
      return entry.result();
    }

    @Override
    public synchronized CompletableFuture<Long> proposeGroup(List<DecidedCommit> commits) {
      Proposed entry = new Proposed(List.copyOf(commits), true, new CompletableFuture<>());
      proposed.add(entry);
      return entry.result();
    }

    synchronized Proposed entry(int i) {
      return proposed.get(i);
    }

    synchronized int entries() {
      return proposed.size();
    }

    @Override
    public boolean isLeader() {
      return true;
    }

    @Override
    public long currentTerm() {
      return 1;
    }

    @Override
    public long appliedIndex() {
      return 0;
    }

    @Override
    public ReadView openReadView() {
      throw new UnsupportedOperationException("not read in these tests");
    }

    @Override
    public CompletableFuture<Void> readBarrier() {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void addLeadershipListener(LeadershipListener listener) {}
  }

  private final GatedReplica replica = new GatedReplica();
  private final CommitGroups groups = new CommitGroups(replica, Runnable::run);
  private int calls;

  private DecidedCommit commit(String key) {
    return new DecidedCommit(new WriteBatch().put(key.getBytes(StandardCharsets.UTF_8), new byte[] {1}),
        new CommitMetadata(UUID.randomUUID(), ++calls, calls, 0));
  }

  @Test
  void aCommitGoesAloneAtOnceWhileEntriesAreFree() throws Exception {
    DecidedCommit a = commit("a");
    CompletableFuture<Long> result = groups.propose(a, 10);
    assertEquals(1, replica.entries());
    assertFalse(replica.entry(0).group(), "a lone commit is an ordinary entry, under its own ids");
    assertEquals(List.of(a), replica.entry(0).commits());
    replica.entry(0).result().complete(7L);
    assertEquals(7L, result.get());
  }

  @Test
  void commitsArrivingWhileEntriesAreInFlightShareTheNextEntryInArrivalOrder() throws Exception {
    List<CompletableFuture<Long>> first = new ArrayList<>();
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      first.add(groups.propose(commit("in-flight-" + i), 10));
    }
    List<DecidedCommit> queued = List.of(commit("q1"), commit("q2"), commit("q3"));
    List<CompletableFuture<Long>> waiting = new ArrayList<>();
    for (DecidedCommit c : queued) {
      waiting.add(groups.propose(c, 10));
    }
    assertEquals(CommitGroups.MAX_IN_FLIGHT, replica.entries(), "the queued commits wait for a free entry");
    replica.entry(0).result().complete(1L);
    assertEquals(1L, first.get(0).get());
    assertEquals(CommitGroups.MAX_IN_FLIGHT + 1, replica.entries());
    GatedReplica.Proposed group = replica.entry(CommitGroups.MAX_IN_FLIGHT);
    assertTrue(group.group());
    assertEquals(queued, group.commits());
    waiting.forEach(w -> assertFalse(w.isDone()));
    group.result().complete(9L);
    for (CompletableFuture<Long> w : waiting) {
      assertEquals(9L, w.get());
    }
  }

  @Test
  void aFailedEntryFailsEveryCommitInItWithTheCauseAndTheQueueMovesOn() throws Exception {
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      groups.propose(commit("in-flight-" + i), 10);
    }
    CompletableFuture<Long> x = groups.propose(commit("x"), 10);
    CompletableFuture<Long> y = groups.propose(commit("y"), 10);
    replica.entry(0).result().complete(1L);
    StoreException lost = new StoreException(StoreException.Kind.OUTCOME_UNKNOWN, "leader changed");
    replica.entry(CommitGroups.MAX_IN_FLIGHT).result().completeExceptionally(new CompletionException(lost));
    for (CompletableFuture<Long> failed : List.of(x, y)) {
      ExecutionException e = assertThrows(ExecutionException.class, failed::get);
      assertSame(lost, e.getCause());
    }
    CompletableFuture<Long> later = groups.propose(commit("later"), 10);
    assertEquals(CommitGroups.MAX_IN_FLIGHT + 2, replica.entries(), "a slot freed by the failure is used again");
    replica.entry(CommitGroups.MAX_IN_FLIGHT + 1).result().complete(4L);
    assertEquals(4L, later.get());
  }

  @Test
  void aGroupStopsGrowingAtItsByteLimit() {
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      groups.propose(commit("in-flight-" + i), 10);
    }
    long big = CommitGroups.MAX_GROUP_BYTES / 2 + 1;
    DecidedCommit first = commit("big-1");
    DecidedCommit second = commit("big-2");
    groups.propose(first, big);
    groups.propose(second, big);
    replica.entry(0).result().complete(1L);
    assertEquals(List.of(first), replica.entry(CommitGroups.MAX_IN_FLIGHT).commits(),
        "two halves and a byte do not fit one group");
    replica.entry(1).result().complete(2L);
    assertEquals(List.of(second), replica.entry(CommitGroups.MAX_IN_FLIGHT + 1).commits());
  }

  @Test
  void aWithdrawnCommitIsNeverProposedAndOneAlreadyProposedCannotBeWithdrawn() throws Exception {
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      groups.propose(commit("in-flight-" + i), 10);
    }
    DecidedCommit x = commit("x");
    DecidedCommit y = commit("y");
    CompletableFuture<Long> gaveUp = groups.propose(x, 10);
    CompletableFuture<Long> stays = groups.propose(y, 10);
    assertTrue(groups.withdraw(gaveUp));
    replica.entry(0).result().complete(1L);
    assertEquals(List.of(y), replica.entry(CommitGroups.MAX_IN_FLIGHT).commits());
    assertFalse(groups.withdraw(stays), "a proposed commit's outcome is up to its entry");
    assertFalse(gaveUp.isDone(), "the withdrawing transaction reports its own failure");
  }

  @Test
  void losingLeadershipFailsTheQueuedCommitsForCertainAndFreesTheEntries() throws Exception {
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      groups.propose(commit("in-flight-" + i), 10);
    }
    CompletableFuture<Long> queued = groups.propose(commit("queued"), 10);
    StoreException lost = new StoreException(StoreException.Kind.LEADERSHIP_LOST, "stepped down");
    groups.failQueued(lost);
    ExecutionException e = assertThrows(ExecutionException.class, queued::get);
    assertSame(lost, e.getCause());
    for (int i = 0; i < CommitGroups.MAX_IN_FLIGHT; i++) {
      replica.entry(i).result().completeExceptionally(new StoreException(StoreException.Kind.OUTCOME_UNKNOWN, "x"));
    }
    assertEquals(CommitGroups.MAX_IN_FLIGHT, replica.entries(), "nothing was left to propose");
    groups.propose(commit("next term"), 10);
    assertEquals(CommitGroups.MAX_IN_FLIGHT + 1, replica.entries(), "the freed entries take a new commit at once");
  }
}
