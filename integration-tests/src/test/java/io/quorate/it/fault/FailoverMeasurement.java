package io.quorate.it.fault;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures failover as a client sees it: writers commit single-row inserts without pause
 * and reconnect at once after an error; for each {@code kill -9} of the primary, the
 * unavailability is the time from the last commit acknowledged before the kill to the
 * first acknowledged of those begun after it (a reply the old primary sent just before
 * it died can arrive after the kill, and does not show the new primary working). The killed node is restarted and the cluster is whole
 * again before the next kill.
 */
final class FailoverMeasurement {

  /** The samples and their summary. */
  record Result(List<Long> millis) {
    long percentile(double p) {
      List<Long> sorted = millis.stream().sorted().toList();
      return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    String summary() {
      return String.format(Locale.ROOT, "failover after kill -9 of the primary, %d kills: median %d ms, p95 %d ms,"
          + " max %d ms; samples %s", millis.size(), percentile(0.5), percentile(0.95), percentile(1.0), millis);
    }
  }

  private static final int WRITERS = 2;
  /** Pause after a failed connection attempt, so retries do not starve the election on two cores. */
  private static final long RECONNECT_PAUSE_MILLIS = 20;
  private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);
  private static final long SETTLE_MILLIS = 1_000;

  private FailoverMeasurement() {}

  static Result measure(FaultCluster cluster, int kills) throws Exception {
    String table = "failover_" + ProcessHandle.current().pid();
    try (Connection c = cluster.connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, writer int)");
    }
    ConcurrentSkipListMap<Long, Long> commits = new ConcurrentSkipListMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong ids = new AtomicLong();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(Thread.ofPlatform().name("failover-writer-" + w)
          .start(() -> write(cluster, table, writer, ids, commits, stop)));
    }
    List<Long> samples = new ArrayList<>();
    try {
      for (int k = 0; k < kills; k++) {
        awaitCommitAfter(commits, System.nanoTime());
        pause(SETTLE_MILLIS);
        String primary = cluster.awaitPrimary(RECOVERY_WAIT);
        long killed = System.nanoTime();
        cluster.kill9(primary);
        long firstAfter = awaitCommitAfter(commits, killed);
        Long lastBefore = commits.lowerKey(killed);
        long millis = (firstAfter - (lastBefore == null ? killed : lastBefore)) / 1_000_000;
        samples.add(millis);
        System.out.printf("[failover] kill %d of %s: %d ms without commits%n", k + 1, primary, millis);
        cluster.startStopped();
      }
    } finally {
      stop.set(true);
      for (Thread t : writers) {
        t.join(Duration.ofSeconds(30));
      }
    }
    Result result = new Result(samples);
    System.out.println("[failover] " + result.summary());
    return result;
  }

  /** The completion time of the first commit begun after {@code nanos}, once there is one. */
  private static long awaitCommitAfter(ConcurrentSkipListMap<Long, Long> commits, long nanos) {
    long deadline = System.nanoTime() + RECOVERY_WAIT.toNanos();
    while (true) {
      for (Map.Entry<Long, Long> commit : commits.tailMap(nanos, false).entrySet()) {
        if (commit.getValue() > nanos) {
          return commit.getKey();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no commit within " + RECOVERY_WAIT.toSeconds() + " s of a kill");
      }
      pause(5); // polling interval; the samples come from the writers' own timestamps
    }
  }

  private static void write(FaultCluster cluster, String table, int writer, AtomicLong ids,
      ConcurrentSkipListMap<Long, Long> commits, AtomicBoolean stop) {
    Connection c = null;
    while (!stop.get()) {
      try {
        if (c == null) {
          c = cluster.connect();
        }
        long begun = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
          insert.setLong(1, ids.incrementAndGet());
          insert.setInt(2, writer);
          insert.executeUpdate();
        }
        commits.put(System.nanoTime(), begun);
      } catch (SQLException e) {
        if (c != null) {
          try {
            c.close();
          } catch (SQLException ignored) {
            // broken already
          }
          c = null;
        }
        pause(RECONNECT_PAUSE_MILLIS);
      }
    }
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // broken already
      }
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
