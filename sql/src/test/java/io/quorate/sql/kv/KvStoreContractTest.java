package io.quorate.sql.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link KvStore} keeps, written once and run against each
 * implementation (the in-memory store here; the replicated store from node/). A subclass
 * supplies fresh, empty stores.
 */
public abstract class KvStoreContractTest {

  private ExecutorService pool;

  /** A new, empty store whose lock requests wait at most {@code lockTimeout}. */
  protected abstract KvStore newStore(Duration lockTimeout);

  @BeforeEach
  void startPool() {
    pool = Executors.newCachedThreadPool();
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private KvStore store() {
    return newStore(Duration.ofSeconds(5));
  }

  @Test
  void putGetDeleteAndAbort() {
    KvStore store = store();
    commit(store, "k", "v");
    assertEquals("v", read(store, "k"));
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
      txn.delete(b("k"));
      assertNull(txn.get(b("k")), "own delete is visible");
      txn.abort();
    }
    assertEquals("v", read(store, "k"), "an aborted delete changes nothing");
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
      txn.delete(b("k"));
      txn.commit();
    }
    assertNull(read(store, "k"));
  }

  @Test
  void scansMergeOwnWritesInOrderBothWays() {
    KvStore store = store();
    commit(store, "a1", "x");
    commit(store, "a3", "y");
    commit(store, "a5", "z");
    commit(store, "b1", "outside");
    try (KvTransaction txn = store.begin(KvIsolation.REPEATABLE_READ, false)) {
      txn.put(b("a2"), b("new"));
      txn.delete(b("a3"));
      txn.put(b("a5"), b("Z"));
      assertEquals(List.of("a1=x", "a2=new", "a5=Z"), entries(txn.scan(b("a"), b("b"), false)));
      assertEquals(List.of("a5=Z", "a2=new", "a1=x"), entries(txn.scan(b("a"), b("b"), true)));
      assertEquals(5 - 1, entries(txn.scan(null, null, false)).size());
    }
  }

  /** An empty or inverted range (start at or after end) holds nothing; it is not an error. */
  @Test
  void emptyAndInvertedRangesScanNothing() {
    KvStore store = store();
    commit(store, "a1", "x");
    commit(store, "a5", "y");
    try (KvTransaction txn = store.begin(KvIsolation.SERIALIZABLE, false)) {
      txn.put(b("a3"), b("own"));
      assertEquals(List.of(), entries(txn.scan(b("a5"), b("a1"), false)));
      assertEquals(List.of(), entries(txn.scan(b("a5"), b("a1"), true)));
      assertEquals(List.of(), entries(txn.scan(b("a3"), b("a3"), false)));
      txn.commit();
    }
  }

  @Test
  void keysSortAsUnsignedBytes() {
    KvStore store = store();
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
      txn.put(new byte[] {(byte) 0xff}, b("high"));
      txn.put(new byte[] {0x01}, b("low"));
      txn.put(new byte[] {0x7f}, b("mid"));
      txn.commit();
    }
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, true)) {
      assertEquals(List.of("low", "mid", "high"), values(txn.scan(null, null, false)));
    }
  }

  @Test
  void repeatableReadKeepsItsSnapshotAndReadCommittedMovesPerStatement() {
    KvStore store = store();
    commit(store, "k", "1");
    try (KvTransaction rr = store.begin(KvIsolation.REPEATABLE_READ, true);
        KvTransaction rc = store.begin(KvIsolation.READ_COMMITTED, true)) {
      assertEquals("1", s(rr.get(b("k"))));
      assertEquals("1", s(rc.get(b("k"))));
      commit(store, "k", "2");
      rr.startStatement();
      rc.startStatement();
      assertEquals("1", s(rr.get(b("k"))));
      assertEquals("2", s(rc.get(b("k"))));
    }
  }

  @Test
  void readCommittedIncrementsLoseNoUpdate() throws Exception {
    KvStore store = store();
    commit(store, "x", "0");
    int threads = 4;
    int each = 50;
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
            long value = Long.parseLong(s(txn.lockForUpdate(b("x"))));
            txn.put(b("x"), b(Long.toString(value + 1)));
            txn.commit();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertEquals(String.valueOf(threads * each), read(store, "x"));
  }

  @Test
  void serializableRefusesWriteSkewRepeatableReadAllowsIt() {
    for (KvIsolation isolation : new KvIsolation[] {KvIsolation.SERIALIZABLE, KvIsolation.REPEATABLE_READ}) {
      KvStore store = store();
      commit(store, "alice", "on");
      commit(store, "bob", "on");
      KvTransaction t1 = store.begin(isolation, false);
      KvTransaction t2 = store.begin(isolation, false);
      t1.get(b("alice"));
      t1.get(b("bob"));
      t2.get(b("alice"));
      t2.get(b("bob"));
      t1.put(b("alice"), b("off"));
      t2.put(b("bob"), b("off"));
      t1.commit();
      if (isolation == KvIsolation.SERIALIZABLE) {
        assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(SqlException.class, t2::commit).state());
        assertEquals("on", read(store, "bob"));
      } else {
        t2.commit();
        assertEquals("off", read(store, "bob"));
      }
    }
  }

  @Test
  void serializableSeesPhantoms() {
    KvStore store = store();
    commit(store, "row/1", "a");
    KvTransaction scanner = store.begin(KvIsolation.SERIALIZABLE, false);
    assertEquals(1, entries(scanner.scan(b("row/"), b("row0"), false)).size());
    commit(store, "row/2", "b");
    scanner.put(b("count"), b("1"));
    assertEquals(SqlState.SERIALIZATION_FAILURE, assertThrows(SqlException.class, scanner::commit).state());
  }

  @Test
  void repeatableReadFirstCommitterWins() {
    KvStore store = store();
    commit(store, "k", "0");
    KvTransaction txn = store.begin(KvIsolation.REPEATABLE_READ, false);
    txn.get(b("k"));
    commit(store, "k", "1");
    assertEquals(SqlState.SERIALIZATION_FAILURE,
        assertThrows(SqlException.class, () -> txn.put(b("k"), b("2"))).state());
    assertEquals("1", read(store, "k"));
  }

  @Test
  void deadlockIsDetected() throws Exception {
    KvStore store = store();
    KvTransaction t1 = store.begin(KvIsolation.READ_COMMITTED, false);
    KvTransaction t2 = store.begin(KvIsolation.READ_COMMITTED, false);
    t1.put(b("a"), b("1"));
    t2.put(b("b"), b("2"));
    Future<?> blocked = pool.submit(() -> {
      t1.put(b("b"), b("1"));
      return null;
    });
    AtomicInteger outcome = new AtomicInteger();
    // t2 now closes the cycle once t1 waits; whichever closes it fails with 40P01.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (outcome.get() == 0 && System.nanoTime() < deadline) {
      try {
        t2.put(b("a"), b("2"));
        outcome.set(1);
      } catch (SqlException e) {
        assertTrue(e.state() == SqlState.DEADLOCK_DETECTED || e.state() == SqlState.LOCK_NOT_AVAILABLE, e.getMessage());
        if (e.state() == SqlState.DEADLOCK_DETECTED) {
          outcome.set(2);
        }
      }
    }
    if (outcome.get() == 2) {
      blocked.get(10, TimeUnit.SECONDS);
      t1.commit();
      assertEquals("1", read(store, "b"));
    } else {
      ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(10, TimeUnit.SECONDS));
      assertEquals(SqlState.DEADLOCK_DETECTED, ((SqlException) e.getCause()).state());
    }
  }

  @Test
  void lockTimeoutKeepsTheTransaction() {
    KvStore store = newStore(Duration.ofMillis(100));
    KvTransaction holder = store.begin(KvIsolation.READ_COMMITTED, false);
    holder.put(b("k"), b("1"));
    KvTransaction waiter = store.begin(KvIsolation.READ_COMMITTED, false);
    assertEquals(SqlState.LOCK_NOT_AVAILABLE,
        assertThrows(SqlException.class, () -> waiter.put(b("k"), b("2"))).state());
    waiter.put(b("other"), b("2"));
    waiter.commit();
    holder.commit();
    assertEquals("1", read(store, "k"));
    assertEquals("2", read(store, "other"));
  }

  @Test
  void readOnlyRefusesWrites() {
    KvStore store = store();
    KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, true);
    assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION,
        assertThrows(SqlException.class, () -> txn.put(b("k"), b("v"))).state());
  }

  @Test
  void emptyAndLargeValues() {
    KvStore store = store();
    byte[] large = new byte[1 << 20];
    large[large.length - 1] = 7;
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
      txn.put(b("empty"), new byte[0]);
      txn.put(b("large"), large);
      txn.commit();
    }
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, true)) {
      assertArrayEquals(new byte[0], txn.get(b("empty")));
      assertArrayEquals(large, txn.get(b("large")));
    }
  }

  private static void commit(KvStore store, String key, String value) {
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
      txn.put(b(key), b(value));
      txn.commit();
    }
  }

  private static String read(KvStore store, String key) {
    try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, true)) {
      return s(txn.get(b(key)));
    }
  }

  private static List<String> entries(KvCursor cursor) {
    List<String> out = new ArrayList<>();
    try (cursor) {
      List<byte[][]> kept = new ArrayList<>();
      while (cursor.advance()) {
        kept.add(new byte[][] {cursor.key(), cursor.value()});
      }
      assertFalse(cursor.advance(), "a cursor at its end stays there");
      // read after the whole iteration: the arrays a cursor returns are the entries' own, not reused buffers
      for (byte[][] entry : kept) {
        out.add(s(entry[0]) + "=" + s(entry[1]));
      }
    }
    return out;
  }

  private static List<String> values(KvCursor cursor) {
    return entries(cursor).stream().map(e -> e.substring(e.indexOf('=') + 1)).toList();
  }

  protected static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  protected static String s(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
