package io.quorate.it.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.quorate.it.process.ProcessCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Exactly once through failovers: writers increment one counter in autocommit through a
 * HikariCP pool of Quorate driver connections while the primary is killed with SIGKILL
 * (and restarted) several times. The driver resends each increment whose answer was lost
 * to the new primary, which applies it only if the first send did not; so the counter
 * ends equal to the number of increments the application saw succeed, with none failing.
 */
class NativeDriverFailoverTest {

  private static final int WRITERS = 4;
  private static final int KILLS = 2;
  /** Bounds the run: each writer stops after this many increments if the kills take long. */
  private static final int MAX_INCREMENTS_PER_WRITER = 20_000;
  private static final long RUN_LIMIT_MILLIS = 240_000;

  /** How many resent increments the nodes answered from the commit their first send made (from the node logs). */
  private static long deduplicatedResends(ProcessCluster cluster) throws java.io.IOException {
    long count = 0;
    for (String id : cluster.ids()) {
      try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(cluster.log(id))) {
        count += lines.filter(line -> line.contains("Resent request answered from its recorded commit")).count();
      }
    }
    return count;
  }

  @Test
  void killingThePrimaryRepeatedlyLosesNoIncrementAndDoublesNone() throws Exception {
    try (ProcessCluster cluster = ProcessCluster.start(3)) {
      cluster.ids().forEach(cluster::awaitSql);
      HikariConfig config = new HikariConfig();
      config.setDriverClassName("io.quorate.driver.QuorateDriver");
      config.setJdbcUrl(cluster.nativeJdbcUrl());
      config.setUsername(ProcessCluster.SUPERUSER);
      config.setPassword(cluster.superuserPassword());
      config.setMaximumPoolSize(WRITERS);
      config.setConnectionTimeout(60_000);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
          statement.execute("CREATE TABLE counter (id int PRIMARY KEY, n bigint NOT NULL)");
          statement.execute("INSERT INTO counter VALUES (1, 0)");
        }
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<SQLException> failures = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_LIMIT_MILLIS);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
          List<Future<?>> running = new ArrayList<>();
          for (int w = 0; w < WRITERS; w++) {
            running.add(writers.submit(() -> {
              for (int i = 0; i < MAX_INCREMENTS_PER_WRITER && !stop.get() && System.nanoTime() < deadline; i++) {
                try (Connection connection = pool.getConnection();
                    PreparedStatement increment = connection.prepareStatement(
                        "UPDATE counter SET n = n + 1 WHERE id = ?")) {
                  increment.setInt(1, 1);
                  assertEquals(1, increment.executeUpdate());
                  acknowledged.incrementAndGet();
                } catch (SQLException failure) {
                  failures.add(failure);
                }
              }
              return null;
            }));
          }
          for (int kill = 0; kill < KILLS; kill++) {
            long before = acknowledged.get();
            ProcessCluster.await("increments commit before kill " + (kill + 1), () -> acknowledged.get() >= before + 50);
            String victim = cluster.awaitPrimary();
            cluster.kill9(victim);
            String next = cluster.awaitPrimary();
            assertNotEquals(victim, next);
            long atFailover = acknowledged.get();
            ProcessCluster.await("increments commit on the new primary " + next,
                () -> acknowledged.get() >= atFailover + 50);
            cluster.startNode(victim);
            cluster.awaitSql(victim);
            System.out.printf("kill %d: %s killed, %s primary, %d increments acknowledged so far%n",
                kill + 1, victim, next, acknowledged.get());
          }
          stop.set(true);
          for (Future<?> writer : running) {
            writer.get(RUN_LIMIT_MILLIS, TimeUnit.MILLISECONDS);
          }
        } finally {
          stop.set(true);
          writers.shutdownNow();
        }
        assertTrue(failures.isEmpty(), "no increment failed; the first of " + failures.size() + ": "
            + (failures.isEmpty() ? "" : failures.peek()));
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
            ResultSet counter = statement.executeQuery("SELECT n FROM counter WHERE id = 1")) {
          assertTrue(counter.next());
          System.out.printf("acknowledged %d increments, counter %d; %d resends were answered from a recorded"
              + " commit%n", acknowledged.get(), counter.getLong(1), deduplicatedResends(cluster));
          assertEquals(acknowledged.get(), counter.getLong(1), "every acknowledged increment applied exactly once");
        }
      }
    }
  }
}
