package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A session's work runs one piece at a time and in order, here when idle, else on the pool. */
class SessionWorkTest {

  private final ExecutorService pool = Executors.newCachedThreadPool(Thread.ofPlatform().name("pool-", 1).factory());
  /** A permit each time the session goes idle. */
  private final java.util.concurrent.Semaphore idle = new java.util.concurrent.Semaphore(0);
  private final SessionWork work = new SessionWork(pool, idle::release);
  private final List<String> ran = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void idleWorkRunsOnTheOfferingThread() {
    String here = Thread.currentThread().getName();
    assertTrue(work.tryRunHere(() -> ran.add(Thread.currentThread().getName())));
    assertEquals(List.of(here), ran);
    assertEquals(1, idle.availablePermits(), "idle again once it ran");
  }

  @Test
  void workOfferedWhileOtherWorkRunsWaitsItsTurnOnThePool() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch allDone = new CountDownLatch(3);
    work.submit(() -> {
      started.countDown();
      await(release);
      ran.add("first");
      allDone.countDown();
    });
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertFalse(work.tryRunHere(() -> ran.add("must not run here")), "the session is busy");
    work.submit(() -> {
      ran.add("second");
      allDone.countDown();
    });
    work.submit(() -> {
      ran.add("third on " + Thread.currentThread().getName().substring(0, 5));
      allDone.countDown();
    });
    release.countDown();
    assertTrue(allDone.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("first", "second", "third on pool-"), ran);
    assertTrue(idle.tryAcquire(10, TimeUnit.SECONDS), "idle once its queue drained");
    assertEquals(0, idle.availablePermits(), "and not before: once for the three pieces");
    assertTrue(work.tryRunHere(() -> ran.add("idle again")), "idle work runs here again");
  }

  @Test
  void workQueuedByWorkRunningHereFollowsItOnThePool() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    assertTrue(work.tryRunHere(() -> {
      ran.add("here");
      work.submit(() -> {
        ran.add("then on the pool: " + Thread.currentThread().getName().startsWith("pool-"));
        done.countDown();
      });
      ran.add("still here");
    }));
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(List.of("here", "still here", "then on the pool: true"), ran);
  }

  @Test
  void aFailingPieceDoesNotStopTheOnesAfterIt() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    work.submit(() -> {
      throw new IllegalStateException("a bug in one request");
    });
    work.submit(done::countDown);
    assertTrue(done.await(10, TimeUnit.SECONDS));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
