package io.quorate.raft.txn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Group commit on the primary: decided commits share log entries. While fewer than
 * {@link #MAX_IN_FLIGHT} entries of this class are in flight, a commit is proposed at
 * once, alone; beyond that it queues, and when an entry completes, the next one takes
 * every queued commit (up to {@link #MAX_GROUP_BYTES}). So a lone client pays nothing and
 * concurrent clients share one entry's replication, fsyncs and apply: the per-entry work
 * of Ratis, on every replica, is what limits commit throughput on few cores.
 *
 * <p>Grouping decides nothing: every commit was decided (locks held, conflicts checked)
 * before it got here, and a group applies its commits in the order they arrived. A
 * commit's future completes with its entry's, success or failure alike. Only commits
 * that are never proposed again under their own ids come here (see
 * {@link Replica#proposeGroup}). Thread-safe.
 */
final class CommitGroups {

  /**
   * Entries in flight before commits queue. Two lets one entry replicate while the next
   * forms; one more would mostly split groups that would otherwise share an entry.
   */
  static final int MAX_IN_FLIGHT = 2;
  /** A group stops growing at this size, so that no entry nears the log's entry limit. */
  static final long MAX_GROUP_BYTES = 4L << 20;

  private record Waiting(DecidedCommit commit, long bytes, CompletableFuture<Long> result) {}

  private final Replica replica;
  /** Proposes a queued group when an entry completes, off the Ratis thread that completed it. */
  private final Executor proposer;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
  private int inFlight;

  CommitGroups(Replica replica, Executor proposer) {
    this.replica = replica;
    this.proposer = proposer;
  }

  /**
   * Proposes {@code commit}, whose writes take about {@code bytes} in the log, alone or
   * with others; the future completes with the index of the entry that carried it once
   * that entry is applied here, or fails as {@link Replica#propose} does.
   */
  CompletableFuture<Long> propose(DecidedCommit commit, long bytes) {
    Waiting waiting = new Waiting(commit, bytes, new CompletableFuture<>());
    List<Waiting> group;
    synchronized (this) {
      queue.add(waiting);
      if (inFlight >= MAX_IN_FLIGHT) {
        return waiting.result();
      }
      inFlight++;
      group = takeGroup();
    }
    send(group);
    return waiting.result();
  }

  /** The queue's head commits, up to {@link #MAX_GROUP_BYTES} (at least one). Holds this. */
  private List<Waiting> takeGroup() {
    List<Waiting> group = new ArrayList<>();
    long bytes = 0;
    while (!queue.isEmpty() && (group.isEmpty() || bytes + queue.peek().bytes() <= MAX_GROUP_BYTES)) {
      Waiting next = queue.poll();
      group.add(next);
      bytes += next.bytes();
    }
    return group;
  }

  /**
   * Takes {@code result}'s commit out of the queue if it is still there (not yet
   * proposed): its transaction gave up waiting, and the commit is then certain never to
   * apply. False when it was already proposed (its outcome is then unknown to the caller).
   */
  synchronized boolean withdraw(CompletableFuture<Long> result) {
    return queue.removeIf(waiting -> waiting.result() == result);
  }

  /**
   * Fails every commit still queued with {@code reason}: this replica stopped leading
   * before they were proposed, so none of them will apply. Entries in flight end on their own.
   */
  void failQueued(StoreException reason) {
    List<Waiting> failed;
    synchronized (this) {
      failed = new ArrayList<>(queue);
      queue.clear();
    }
    failed.forEach(waiting -> waiting.result().completeExceptionally(reason));
  }

  private void send(List<Waiting> group) {
    CompletableFuture<Long> entry;
    try {
      entry = group.size() == 1
          ? replica.propose(group.get(0).commit().batch(), group.get(0).commit().metadata())
          : replica.proposeGroup(group.stream().map(Waiting::commit).toList());
    } catch (Throwable e) {
      // whatever happens, the members must hear of it and the entry's slot must be freed
      entry = CompletableFuture.failedFuture(e);
    }
    entry.whenComplete((index, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      for (Waiting waiting : group) {
        if (cause == null) {
          waiting.result().complete(index);
        } else {
          waiting.result().completeExceptionally(cause);
        }
      }
      List<Waiting> next;
      synchronized (this) {
        if (queue.isEmpty()) {
          inFlight--;
          return;
        }
        next = takeGroup();
      }
      try {
        proposer.execute(() -> send(next));
      } catch (RuntimeException rejected) {
        send(next);
      }
    });
  }
}
