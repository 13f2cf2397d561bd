package io.quorate.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Proves, on three real node processes, that {@code kill -9} of the primary while eight
 * writers commit increments loses no acknowledged commit and applies none twice: a new
 * primary is elected, and every node (the killed one after its restart) ends with the
 * counter equal to the number of committed increments and one marker per increment.
 */
class KillPrimaryUnderLoadTest {

  private static final int WRITERS = 8;
  private static final long LOAD_MILLIS = 20_000;
  private static final long KILL_AFTER_MILLIS = 5_000;
  private static final int MAX_ATTEMPTS_PER_WRITER = 5_000;

  @Test
  void killingThePrimaryLosesNoAcknowledgedCommit() throws Exception {
    try (ProcessCluster cluster = ProcessCluster.start(3)) {
      AtomicReference<String> primary = new AtomicReference<>(cluster.awaitPrimary());
      AtomicInteger committed = new AtomicInteger();
      AtomicInteger resolvedUnknown = new AtomicInteger();
      AtomicLong lastIndex = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOAD_MILLIS);
      ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
      try {
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          writers.add(pool.submit(() -> {
            Writer state = new Writer(writer, cluster, primary);
            for (int i = 0; i < MAX_ATTEMPTS_PER_WRITER && System.nanoTime() < deadline; i++) {
              state.incrementOnce(committed, resolvedUnknown, lastIndex);
            }
            return null;
          }));
        }
        Thread.sleep(KILL_AFTER_MILLIS); // let load build up before the fault; the schedule, not a wait
        String victim = primary.get();
        long killedAt = System.nanoTime();
        cluster.kill9(victim);
        String next = cluster.awaitPrimary();
        // One sample of failover time (kill to a ready new primary, polled every 100 ms);
        // the fault-tolerance suite measures it properly over many kills.
        System.out.printf("New primary %s ready %d ms after kill -9 of %s%n",
            next, (System.nanoTime() - killedAt) / 1_000_000, victim);
        assertNotEquals(victim, next, "a new primary was elected");
        primary.set(next);
        for (Future<?> f : writers) {
          f.get(LOAD_MILLIS * 3, TimeUnit.MILLISECONDS);
        }
        cluster.startNode(victim);
      } finally {
        pool.shutdownNow();
      }

      int expected = committed.get();
      System.out.printf("Committed increments: %d (%d of them resolved by reading their marker after the kill)%n",
          expected, resolvedUnknown.get());
      assertTrue(expected > 0, "some increments committed");
      long index = lastIndex.get();
      for (String id : cluster.ids()) {
        try {
          KvClient node = new KvClient(cluster.channel(id));
          ProcessCluster.await(id + " answers", () -> cluster.status(id).isPresent());
          assertEquals(String.valueOf(expected), node.localGet("counter", index),
              id + ": counter equals committed increments (" + resolvedUnknown.get() + " resolved after the kill)");
          assertEquals(expected, node.localCount("done/", index), id + ": one marker per committed increment");
        } catch (RuntimeException | AssertionError e) {
          throw new AssertionError("Checking " + id + " failed: " + e.getMessage() + "\n"
              + cluster.status(id).map(Object::toString).orElse("(no status)") + "\n" + cluster.logTails(40), e);
        }
      }
    }
  }

  /** One writer's loop state: its client id and call numbers, and the node it talks to. */
  private static final class Writer {
    private final int id;
    private final ProcessCluster cluster;
    private final AtomicReference<String> primary;
    private final UUID clientId = UUID.randomUUID();
    private long sequence;

    Writer(int id, ProcessCluster cluster, AtomicReference<String> primary) {
      this.id = id;
      this.cluster = cluster;
      this.primary = primary;
    }

    void incrementOnce(AtomicInteger committed, AtomicInteger resolvedUnknown, AtomicLong lastIndex) {
      String node = primary.get();
      KvClient kv = new KvClient(cluster.channel(node));
      String marker = "done/" + id + "/" + (++sequence);
      long txn;
      try {
        txn = kv.begin(clientId, sequence, false);
        String value = kv.lockForUpdate(txn, "counter");
        kv.put(txn, "counter", Long.toString(value == null ? 1 : Long.parseLong(value) + 1));
        kv.put(txn, marker, "1");
      } catch (StatusRuntimeException e) {
        followPrimary(node);
        return; // nothing was committed
      }
      try {
        long index = kv.commit(txn);
        committed.incrementAndGet();
        lastIndex.accumulateAndGet(index, Math::max);
      } catch (StatusRuntimeException e) {
        // The commit's outcome is unknown: ask the (new) primary whether its marker exists.
        String current = followPrimary(node);
        if (markerCommitted(current, marker)) {
          committed.incrementAndGet();
          resolvedUnknown.incrementAndGet();
        }
      }
    }

    private String followPrimary(String failed) {
      String current = primary.get();
      if (current.equals(failed) && cluster.isRunning(failed)) {
        return current;
      }
      return ProcessClusterPrimary.await(cluster, primary);
    }

    private boolean markerCommitted(String node, String marker) {
      for (int attempt = 0; attempt < 50; attempt++) {
        KvClient kv = new KvClient(cluster.channel(node));
        try {
          long txn = kv.begin(UUID.randomUUID(), 0, true);
          try {
            return kv.get(txn, marker) != null;
          } finally {
            kv.abortQuietly(txn);
          }
        } catch (StatusRuntimeException e) {
          node = ProcessClusterPrimary.await(cluster, primary);
        }
      }
      throw new AssertionError("Could not learn the outcome of " + marker);
    }
  }

  /** Finds the current primary once for all writers. */
  private static final class ProcessClusterPrimary {
    static synchronized String await(ProcessCluster cluster, AtomicReference<String> primary) {
      String current = primary.get();
      if (cluster.isRunning(current) && cluster.status(current)
          .map(s -> s.getLeaderId().equals(current) && s.getReady()).orElse(false)) {
        return current;
      }
      String next = cluster.awaitPrimary();
      primary.set(next);
      return next;
    }
  }
}
