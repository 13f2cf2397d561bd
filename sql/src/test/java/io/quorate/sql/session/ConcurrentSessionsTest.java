package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions on several threads keep READ COMMITTED's promises: no lost update, one winner per unique key. */
class ConcurrentSessionsTest {

  private static final int THREADS = 4;
  private final Engine engine = new Engine(new InMemoryKvStore());
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopThreads() throws InterruptedException {
    pool.shutdownNow();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "worker threads did not stop");
  }

  private long count(String sql) {
    try (Session session = engine.openSession()) {
      return (Long) session.execute(sql).get(0).rows().get(0)[0];
    }
  }

  @Test
  void concurrentIncrementsLoseNothing() throws Exception {
    try (Session setup = engine.openSession()) {
      setup.execute("CREATE TABLE counter (id integer PRIMARY KEY, n bigint NOT NULL); INSERT INTO counter VALUES (1, 0)");
    }
    int perThread = 200;
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        try (Session session = engine.openSession()) {
          for (int i = 0; i < perThread; i++) {
            session.execute("UPDATE counter SET n = n + 1 WHERE id = 1");
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    assertEquals((long) THREADS * perThread, count("SELECT n FROM counter"));
  }

  /** Without WHERE every row qualifies in its newest version too, so nothing is skipped or lost. */
  @Test
  void concurrentWholeTableUpdatesLoseNothing() throws Exception {
    try (Session setup = engine.openSession()) {
      setup.execute("CREATE TABLE totals (n bigint NOT NULL); INSERT INTO totals VALUES (0), (0)");
    }
    int perThread = 100;
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(pool.submit(() -> {
        try (Session session = engine.openSession()) {
          for (int i = 0; i < perThread; i++) {
            session.execute("UPDATE totals SET n = n + 1");
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    assertEquals(2L * THREADS * perThread, count("SELECT sum(n)::bigint FROM totals"));
  }

  @Test
  void concurrentInsertsOfOneKeyHaveOneWinner() throws Exception {
    try (Session setup = engine.openSession()) {
      setup.execute("CREATE TABLE accounts (id integer PRIMARY KEY, email text UNIQUE)");
    }
    int keys = 100;
    AtomicInteger duplicates = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      workers.add(pool.submit(() -> {
        try (Session session = engine.openSession()) {
          for (int k = 0; k < keys; k++) {
            try {
              // every thread inserts the same emails under its own ids: only one may win each email
              session.execute("INSERT INTO accounts VALUES (" + (thread * keys + k) + ", 'user" + k + "@example.org')");
            } catch (SqlException error) {
              assertEquals(SqlState.UNIQUE_VIOLATION, error.state(), error.getMessage());
              duplicates.incrementAndGet();
            }
          }
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get(60, TimeUnit.SECONDS);
    }
    assertEquals(keys, count("SELECT count(*) FROM accounts"));
    assertEquals(keys, count("SELECT count(DISTINCT email) FROM accounts"));
    assertEquals((THREADS - 1) * keys, duplicates.get());
  }
}
