package io.quorate.sql.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Runs the KvStore contract against the in-memory store, and its own concurrency check. */
class InMemoryKvStoreTest extends KvStoreContractTest {

  @Override
  protected KvStore newStore(Duration lockTimeout) {
    return new InMemoryKvStore(lockTimeout);
  }

  private static byte[] account(int id) {
    return ("acct-" + String.format("%05d", id)).getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] amount(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static long amount(byte[] bytes) {
    return ByteBuffer.wrap(bytes).getLong();
  }

  /**
   * Writers move money between accounts and open new empty ones (splitting the store's
   * tree as they go) while readers scan every account, both ways, in REPEATABLE READ
   * snapshots: each scan must see the same total, the accounts in order, and the same
   * values a point read in that snapshot gives. Bounded by count and time.
   */
  @Test
  void snapshotScansStayConsistentWhileCommitsChangeTheTree() throws InterruptedException {
    InMemoryKvStore store = new InMemoryKvStore(Duration.ofSeconds(5));
    int accounts = 300;
    long total = accounts * 1000L;
    try (KvTransaction setup = store.begin(KvIsolation.READ_COMMITTED, false)) {
      for (int id = 0; id < accounts; id++) {
        setup.put(account(id * 10), amount(1000));
      }
      setup.commit();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger opened = new AtomicInteger(accounts * 10);
    AtomicInteger scans = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int seed = w;
      threads.add(new Thread(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline && failure.get() == null; i++) {
          try (KvTransaction txn = store.begin(KvIsolation.READ_COMMITTED, false)) {
            if (random.nextInt(4) == 0) {
              txn.put(account(opened.incrementAndGet()), amount(0)); // a new key between or after the others
            } else {
              byte[] from = account(random.nextInt(accounts) * 10);
              byte[] to = account(random.nextInt(accounts) * 10);
              long moved = random.nextInt(50);
              txn.put(from, amount(amount(txn.lockForUpdate(from)) - moved));
              txn.put(to, amount(amount(txn.lockForUpdate(to)) + moved));
            }
            txn.commit();
          } catch (SqlException deadlockOrTimeout) {
            // two transfers locking the same pair in opposite orders: one gives up, as intended
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    for (int r = 0; r < 2; r++) {
      boolean reverse = r == 1;
      threads.add(new Thread(() -> {
        while (System.nanoTime() < deadline && failure.get() == null) {
          try (KvTransaction txn = store.begin(KvIsolation.REPEATABLE_READ, true)) {
            long sum = 0;
            int seen = 0;
            byte[] previous = null;
            try (KvCursor cursor = txn.scan(account(0), account(99_999_999), reverse)) {
              while (cursor.advance()) {
                if (previous != null) {
                  int order = java.util.Arrays.compareUnsigned(previous, cursor.key());
                  assertTrue(reverse ? order > 0 : order < 0, "keys out of order");
                }
                previous = cursor.key();
                long value = amount(cursor.value());
                if (seen % 37 == 0) {
                  assertEquals(value, amount(txn.get(cursor.key())), "a point read in the same snapshot");
                }
                sum += value;
                seen++;
              }
            }
            assertEquals(total, sum, "the total over " + seen + " accounts");
            assertTrue(seen >= accounts, seen + " accounts seen");
            scans.incrementAndGet();
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30).toMillis());
      assertTrue(!thread.isAlive(), "a worker finished");
    }
    assertNull(failure.get(), () -> String.valueOf(failure.get()));
    assertTrue(scans.get() > 0, "no scan completed");
  }
}
