package io.quorate.raft.txn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Proves the primary's isolation guarantees, locking and leadership handling on an in-memory replica. */
class PrimaryTransactionManagerTest {

  private final InMemoryReplica replica = new InMemoryReplica();
  private final PrimaryTransactionManager manager = new PrimaryTransactionManager(replica, Duration.ofSeconds(5));
  private final AtomicLong calls = new AtomicLong();
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private Transaction begin(IsolationLevel isolation) {
    return manager.begin(isolation, false, UUID.randomUUID(), calls.incrementAndGet());
  }

  private void commitValue(String key, String value) {
    try (Transaction txn = begin(IsolationLevel.READ_COMMITTED)) {
      txn.put(b(key), b(value));
      txn.commit();
    }
  }

  private String committed(String key) {
    try (Transaction txn = begin(IsolationLevel.READ_COMMITTED)) {
      byte[] v = txn.get(b(key));
      return v == null ? null : s(v);
    }
  }

  @Test
  void aReadWhoseBarrierWouldWaitIsRefusedUnderNoWaitAndWaitsElsewhere() throws Exception {
    commitValue("k", "v");
    assertEquals("v", NoWait.call(() -> committed("k")), "a barrier satisfied at once reads under NoWait");

    java.util.concurrent.CompletableFuture<Void> barrier = replica.holdReadBarriers();
    try (Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, true)) {
      StoreException refused = assertThrows(StoreException.class, () -> NoWait.call(() -> txn.get(b("k"))));
      assertEquals(StoreException.Kind.WOULD_WAIT, refused.kind());
      assertTrue(NoWait.refused(new RuntimeException("wrapped", refused)));
      assertTrue(refused.kind().retryable());
    }
    int asked = replica.barriersAsked();
    Future<String> waiting = pool.submit(() -> committed("k"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (replica.barriersAsked() == asked && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(replica.barriersAsked() > asked, "the read asked for its barrier");
    org.junit.jupiter.api.Assertions.assertFalse(waiting.isDone(), "without NoWait the read waits for its barrier");
    barrier.complete(null);
    assertEquals("v", waiting.get(10, TimeUnit.SECONDS));
  }

  @Test
  void readCommittedIncrementsLoseNoUpdate() throws Exception {
    commitValue("x", "0");
    int threads = 8;
    int perThread = 50;
    AtomicInteger committed = new AtomicInteger();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          try (Transaction txn = begin(IsolationLevel.READ_COMMITTED)) {
            long value = Long.parseLong(s(txn.lockForUpdate(b("x"))));
            txn.put(b("x"), b(Long.toString(value + 1)));
            txn.commit();
            committed.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertEquals(threads * perThread, committed.get());
    assertEquals(String.valueOf(threads * perThread), committed("x"));
  }

  @Test
  void serializableRefusesWriteSkew() {
    commitValue("alice", "on");
    commitValue("bob", "on");
    Transaction t1 = begin(IsolationLevel.SERIALIZABLE);
    Transaction t2 = begin(IsolationLevel.SERIALIZABLE);
    // Each doctor sees both on call and takes themself off.
    assertEquals("on", s(t1.get(b("alice"))));
    assertEquals("on", s(t1.get(b("bob"))));
    assertEquals("on", s(t2.get(b("alice"))));
    assertEquals("on", s(t2.get(b("bob"))));
    t1.put(b("alice"), b("off"));
    t2.put(b("bob"), b("off"));
    t1.commit();
    StoreException e = assertThrows(StoreException.class, t2::commit);
    assertEquals(StoreException.Kind.SERIALIZATION_FAILURE, e.kind());
    assertEquals("on", committed("bob"));
  }

  @Test
  void repeatableReadAllowsWriteSkewAsSnapshotIsolationDoes() {
    commitValue("alice", "on");
    commitValue("bob", "on");
    Transaction t1 = begin(IsolationLevel.REPEATABLE_READ);
    Transaction t2 = begin(IsolationLevel.REPEATABLE_READ);
    t1.get(b("bob"));
    t2.get(b("alice"));
    t1.put(b("alice"), b("off"));
    t2.put(b("bob"), b("off"));
    t1.commit();
    t2.commit();
    assertEquals("off", committed("alice"));
    assertEquals("off", committed("bob"));
  }

  @Test
  void repeatableReadFirstCommitterWins() {
    commitValue("k", "0");
    Transaction t1 = begin(IsolationLevel.REPEATABLE_READ);
    assertEquals("0", s(t1.get(b("k"))));
    commitValue("k", "1");
    StoreException e = assertThrows(StoreException.class, () -> t1.put(b("k"), b("2")));
    assertEquals(StoreException.Kind.SERIALIZATION_FAILURE, e.kind());
    assertEquals("1", committed("k"));
  }

  @Test
  void serializableDetectsPhantomInScannedRange() {
    commitValue("row/1", "a");
    Transaction scanner = begin(IsolationLevel.SERIALIZABLE);
    assertEquals(1, count(scanner.scan(b("row/"), b("row0"), false)));
    commitValue("row/2", "b");
    scanner.put(b("summary"), b("1"));
    StoreException e = assertThrows(StoreException.class, scanner::commit);
    assertEquals(StoreException.Kind.SERIALIZATION_FAILURE, e.kind());
  }

  @Test
  void deadlockIsDetected() throws Exception {
    commitValue("a", "0");
    commitValue("b", "0");
    Transaction t1 = begin(IsolationLevel.READ_COMMITTED);
    Transaction t2 = begin(IsolationLevel.READ_COMMITTED);
    t1.lockForUpdate(b("a"));
    t2.lockForUpdate(b("b"));
    CountDownLatch t1Waiting = new CountDownLatch(1);
    Future<byte[]> blocked = pool.submit(() -> {
      t1Waiting.countDown();
      return t1.lockForUpdate(b("b"));
    });
    t1Waiting.await();
    InJvmWait.until("t1 waits for b", () -> ((PrimaryTransaction) t1).waitingOn != null);
    StoreException e = assertThrows(StoreException.class, () -> t2.lockForUpdate(b("a")));
    assertEquals(StoreException.Kind.DEADLOCK, e.kind());
    assertArrayEquals(b("0"), blocked.get(10, TimeUnit.SECONDS));
    t1.put(b("b"), b("1"));
    t1.commit();
    assertEquals("1", committed("b"));
  }

  @Test
  void lockTimeoutLeavesTransactionUsable() {
    PrimaryTransactionManager quick = new PrimaryTransactionManager(replica, Duration.ofMillis(100));
    Transaction holder = quick.begin(IsolationLevel.READ_COMMITTED, false, UUID.randomUUID(), 1);
    Transaction waiter = quick.begin(IsolationLevel.READ_COMMITTED, false, UUID.randomUUID(), 2);
    holder.put(b("k"), b("1"));
    StoreException e = assertThrows(StoreException.class, () -> waiter.put(b("k"), b("2")));
    assertEquals(StoreException.Kind.LOCK_TIMEOUT, e.kind());
    waiter.put(b("other"), b("2"));
    waiter.commit();
    holder.commit();
    assertEquals("1", committed("k"));
    assertEquals("2", committed("other"));
  }

  @Test
  void readCommittedWaiterSeesNewestValueAfterTheLock() throws Exception {
    commitValue("k", "0");
    Transaction first = begin(IsolationLevel.READ_COMMITTED);
    first.put(b("k"), b("1"));
    Transaction second = begin(IsolationLevel.READ_COMMITTED);
    assertEquals("0", s(second.get(b("k"))));
    Future<byte[]> waited = pool.submit(() -> second.lockForUpdate(b("k")));
    InJvmWait.until("second waits for k", () -> ((PrimaryTransaction) second).waitingOn != null);
    first.commit();
    assertEquals("1", s(waited.get(10, TimeUnit.SECONDS)));
  }

  @Test
  void scansMergeOwnWritesInBothDirections() {
    commitValue("k1", "a");
    commitValue("k3", "c");
    commitValue("k5", "e");
    try (Transaction txn = begin(IsolationLevel.REPEATABLE_READ)) {
      txn.put(b("k2"), b("B"));
      txn.delete(b("k3"));
      txn.put(b("k5"), b("E"));
      assertEquals(List.of("k1=a", "k2=B", "k5=E"), entries(txn.scan(b("k"), b("l"), false)));
      assertEquals(List.of("k5=E", "k2=B", "k1=a"), entries(txn.scan(b("k"), b("l"), true)));
      assertEquals(List.of("k2=B"), entries(txn.scan(b("k2"), b("k5"), false)));
      assertNull(txn.get(b("k3")));
    }
  }

  @Test
  void leadershipLossAbortsOpenTransactionsAndWakesWaiters() throws Exception {
    Transaction holder = begin(IsolationLevel.READ_COMMITTED);
    holder.put(b("k"), b("1"));
    Transaction waiter = begin(IsolationLevel.READ_COMMITTED);
    Future<?> waiting = pool.submit(() -> waiter.lockForUpdate(b("k")));
    InJvmWait.until("waiter waits", () -> ((PrimaryTransaction) waiter).waitingOn != null);
    replica.loseLeadership();
    var woken = assertThrows(java.util.concurrent.ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertEquals(StoreException.Kind.LEADERSHIP_LOST, ((StoreException) woken.getCause()).kind());
    StoreException e = assertThrows(StoreException.class, holder::commit);
    assertEquals(StoreException.Kind.LEADERSHIP_LOST, e.kind());
    assertEquals(0, manager.openTransactions());
    StoreException refused = assertThrows(StoreException.class, () -> begin(IsolationLevel.READ_COMMITTED));
    assertEquals(StoreException.Kind.NOT_PRIMARY, refused.kind());
    replica.regainLeadership();
    commitValue("k", "2");
    assertEquals("2", committed("k"));
  }

  @Test
  void readOnlyTransactionRejectsWrites() {
    Transaction txn = manager.begin(IsolationLevel.READ_COMMITTED, true, UUID.randomUUID(), 1);
    StoreException e = assertThrows(StoreException.class, () -> txn.put(b("k"), b("v")));
    assertEquals(StoreException.Kind.READ_ONLY, e.kind());
  }

  @Test
  void failedCommitReleasesLocks() {
    Transaction txn = begin(IsolationLevel.READ_COMMITTED);
    txn.put(b("k"), b("1"));
    replica.failProposals(new StoreException(StoreException.Kind.NOT_PRIMARY, "refused"));
    StoreException e = assertThrows(StoreException.class, txn::commit);
    assertEquals(StoreException.Kind.NOT_PRIMARY, e.kind());
    replica.failProposals(null);
    commitValue("k", "2");
    assertEquals("2", committed("k"));
  }

  private static int count(ReadView.Cursor cursor) {
    return entries(cursor).size();
  }

  private static List<String> entries(ReadView.Cursor cursor) {
    List<String> out = new ArrayList<>();
    try (cursor) {
      for (Map.Entry<byte[], byte[]> e = cursor.next(); e != null; e = cursor.next()) {
        out.add(s(e.getKey()) + "=" + s(e.getValue()));
      }
    }
    return out;
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Condition waits for these unit tests (polling with a deadline, no fixed sleeps). */
  static final class InJvmWait {
    static void until(String what, java.util.function.BooleanSupplier condition) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!condition.getAsBoolean()) {
        assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
        Thread.onSpinWait();
        Thread.yield();
      }
    }
  }

  @Test
  void aTransactionLargerThanOneCommitMayCarryFailsAtTheWriteAndCommitsNothing() {
    byte[] mebibyte = new byte[1 << 20];
    Transaction txn = begin(IsolationLevel.READ_COMMITTED);
    int written = 0;
    StoreException refused = null;
    while (refused == null && written < 100) {
      try {
        txn.put(b("big" + written), mebibyte);
        written++;
      } catch (StoreException e) {
        refused = e;
      }
    }
    assertEquals(StoreException.Kind.TOO_LARGE, refused == null ? null : refused.kind());
    assertEquals(Transaction.MAX_WRITE_BYTES >> 20, written + 1, "the limit is reached by the write that crosses it");
    assertEquals(StoreException.Kind.TRANSACTION_CLOSED,
        assertThrows(StoreException.class, txn::commit).kind(), "the transaction was aborted");
    assertNull(committed("big0"));
    Transaction rewriting = begin(IsolationLevel.READ_COMMITTED);
    for (int i = 0; i < 200; i++) {
      rewriting.put(b("same"), mebibyte);
    }
    rewriting.commit();
    assertEquals(mebibyte.length, begin(IsolationLevel.READ_COMMITTED).get(b("same")).length,
        "rewriting one key counts its newest value only");
  }
}
