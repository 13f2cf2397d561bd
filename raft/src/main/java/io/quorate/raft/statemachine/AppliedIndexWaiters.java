package io.quorate.raft.statemachine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Futures waiting for the applied index to reach a value. Thread-safe: {@link #advance}
 * runs on the apply thread, {@link #await} on any.
 */
final class AppliedIndexWaiters {

  private final ConcurrentSkipListMap<Long, List<CompletableFuture<Void>>> waiting =
      new ConcurrentSkipListMap<>();
  private volatile long applied = -1;

  /** Completes when the applied index is at least {@code index}. */
  CompletableFuture<Void> await(long index) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    if (index <= applied) {
      future.complete(null);
      return future;
    }
    waiting.computeIfAbsent(index, i -> new CopyOnWriteArrayList<>()).add(future);
    // The index may have been reached between the check and the registration.
    if (index <= applied) {
      completeUpTo(applied);
    }
    return future;
  }

  void advance(long index) {
    applied = Math.max(applied, index);
    completeUpTo(index);
  }

  private void completeUpTo(long index) {
    Map<Long, List<CompletableFuture<Void>>> reached = waiting.headMap(index, true);
    for (Long key : reached.keySet()) {
      List<CompletableFuture<Void>> futures = waiting.remove(key);
      if (futures != null) {
        futures.forEach(f -> f.complete(null));
      }
    }
  }

  /** Fails every waiter, for shutdown. */
  void failAll(Throwable cause) {
    for (Long key : waiting.keySet()) {
      List<CompletableFuture<Void>> futures = waiting.remove(key);
      if (futures != null) {
        futures.forEach(f -> f.completeExceptionally(cause));
      }
    }
  }
}
