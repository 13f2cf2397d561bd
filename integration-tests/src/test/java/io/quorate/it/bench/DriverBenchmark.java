package io.quorate.it.bench;

import io.quorate.it.process.ProcessCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Quorate's native driver beside pgjdbc against the same three-node cluster, in one run:
 * primary-key point selects and single-row updates through prepared statements, each
 * client thread on its own connection to the primary. Rounds alternate the drivers so
 * that drift of a shared machine touches both; prints one Markdown table with the
 * native/pgjdbc ratio. Not a test: run by {@code bench/driver-vs-pgjdbc}.
 */
public final class DriverBenchmark {

  private static final int ROWS = 10_000;
  /** Latency samples kept per thread and run; later operations are counted but not sampled. */
  private static final int MAX_SAMPLES = 1_000_000;
  /**
   * The cluster's warm-up goes on until its JIT compilers use less than this share of the
   * nodes' CPU: C2 compiling the write path took a third of the primary's CPU during the
   * first measured run after a fixed 30 s of warm-up, and that run was always the native
   * driver's.
   */
  private static final double SETTLED_JIT_SHARE = 0.03;
  private static final int MAX_WARMUP_PASSES = 6;

  /**
   * What one timed run measured: operations, elapsed time, sampled latencies (sorted,
   * nanoseconds), the CPU time the benchmark's own process (the client) and the
   * primary's and the standbys' processes used meanwhile, and how many log entries the
   * primary committed meanwhile, and the CPU time the nodes' JIT compilers used.
   */
  private record Measurement(long operations, double seconds, long[] latencies, Duration clientCpu,
      Duration primaryCpu, Duration standbysCpu, long logEntries, Duration compilerCpu) {
    double throughput() {
      return operations / seconds;
    }

    /** CPU microseconds per operation. */
    double cpuMicros(Duration cpu) {
      return cpu.toNanos() / 1e3 / operations;
    }

    double percentileMillis(double p) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      return latencies[(int) Math.min(latencies.length - 1, Math.floor(p * latencies.length))] / 1e6;
    }

    /** The nodes' JIT compilers' share of the nodes' CPU. */
    double compilerShare() {
      return share(compilerCpu, primaryCpu.plus(standbysCpu));
    }

    double averageMillis() {
      return Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6;
    }
  }

  /** One measured run of an operation through a driver, in a round. */
  private record Run(String driver, String operation, int round, Measurement measured) {}

  private interface Operation {
    void run(PreparedStatement statement, int key) throws SQLException;
  }

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<String> wanted = args.length > 4 ? List.of(args[4].split(",")) : List.of("select", "update");
    try (ProcessCluster cluster = ProcessCluster.start(3)) {
      cluster.ids().forEach(cluster::awaitSql);
      String primary = cluster.awaitPrimary();
      CpuClock clock = new CpuClock(cluster, primary);
      String pgUrl = cluster.jdbcUrl(primary);
      String nativeUrl = cluster.nativeJdbcUrl();
      try (Connection connection = DriverManager.getConnection(pgUrl, ProcessCluster.SUPERUSER,
          cluster.superuserPassword()); Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kv (k int PRIMARY KEY, v bigint NOT NULL)");
        statement.execute("INSERT INTO kv SELECT g, 0 FROM generate_series(1, " + ROWS + ") AS g");
      }
      List<Run> runs = new ArrayList<>();
      String[][] plan = {
          {"point select", "SELECT v FROM kv WHERE k = ?"},
          {"point update", "UPDATE kv SET v = v + 1 WHERE k = ?"},
      };
      for (String[] operation : plan) {
        if (!wanted.contains(operation[0].substring("point ".length()))) {
          continue;
        }
        Operation op = operation[0].equals("point select")
            ? (statement, key) -> {
              statement.setInt(1, key);
              try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                  throw new SQLException("row " + key + " missing");
                }
              }
            }
            : (statement, key) -> {
              statement.setInt(1, key);
              if (statement.executeUpdate() != 1) {
                throw new SQLException("row " + key + " not updated");
              }
            };
        // The cluster itself warms up too (an operation's rate rose severalfold between the
        // first and second runs, whichever driver ran first): both drivers run, unmeasured,
        // until the nodes' JIT compilers have settled, before the first measured run.
        for (int pass = 1; ; pass++) {
          Duration[] cpuBefore = clock.now();
          Duration compilerBefore = clock.compiler();
          for (String url : List.of(nativeUrl, pgUrl)) {
            run(cluster, clock, url, operation[1], op, threads, warmup);
          }
          Duration[] cpuAfter = clock.now();
          double compilerShare = share(clock.compiler().minus(compilerBefore),
              cpuAfter[1].minus(cpuBefore[1]).plus(cpuAfter[2]).minus(cpuBefore[2]));
          System.err.printf("%s: cluster warm-up pass %d (%d s per driver): the nodes' JIT compilers used %.1f%%"
              + " of their CPU%n", operation[0], pass, warmup, 100 * compilerShare);
          if (compilerShare < SETTLED_JIT_SHARE || pass == MAX_WARMUP_PASSES) {
            break;
          }
        }
        for (int round = 1; round <= rounds; round++) {
          for (String driver : round % 2 == 1 ? List.of("native", "pgjdbc") : List.of("pgjdbc", "native")) {
            String url = driver.equals("native") ? nativeUrl : pgUrl;
            System.err.printf("%s, %s, round %d: %d s warm-up, %d s measured, %d threads%n", operation[0], driver,
                round, warmup, seconds, threads);
            run(cluster, clock, url, operation[1], op, threads, warmup);
            Measurement measured = run(cluster, clock, url, operation[1], op, threads, seconds);
            runs.add(new Run(driver, operation[0], round, measured));
            System.err.printf("  %.0f ops/s, p50 %.2f ms, p99 %.2f ms%n", measured.throughput(),
                measured.percentileMillis(0.5), measured.percentileMillis(0.99));
          }
        }
      }
      print(runs, threads, seconds, rounds);
    }
  }

  /** Reads the CPU time used so far by this process, the primary and the standbys. */
  private record CpuClock(ProcessCluster cluster, String primary) {
    Duration[] now() {
      Duration standbys = Duration.ZERO;
      for (String id : cluster.ids()) {
        if (!id.equals(primary)) {
          standbys = standbys.plus(cluster.cpuTime(id));
        }
      }
      return new Duration[] {
          ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), cluster.cpuTime(primary), standbys};
    }

    /** CPU time the nodes' JIT compilers have used so far. */
    Duration compiler() {
      return cluster.ids().stream().map(cluster::compilerCpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    /** The primary's commit index (log entries committed so far). */
    long commitIndex() {
      return cluster.status(primary).orElseThrow(() -> new IllegalStateException("the primary " + primary
          + " did not answer its status")).getCommitIndex();
    }
  }

  private static Measurement run(ProcessCluster cluster, CpuClock clock, String url, String sql, Operation operation,
      int threads, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      Duration[] cpuBefore = clock.now();
      Duration compilerBefore = clock.compiler();
      long indexBefore = clock.commitIndex();
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Future<long[]>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          long[] samples = new long[1024];
          int sampled = 0;
          long count = 0;
          try (Connection connection = DriverManager.getConnection(url, ProcessCluster.SUPERUSER,
              cluster.superuserPassword()); PreparedStatement statement = connection.prepareStatement(sql)) {
            while (System.nanoTime() < end) {
              int key = ThreadLocalRandom.current().nextInt(1, ROWS + 1);
              long before = System.nanoTime();
              operation.run(statement, key);
              long took = System.nanoTime() - before;
              count++;
              if (sampled < MAX_SAMPLES) {
                if (sampled == samples.length) {
                  samples = Arrays.copyOf(samples, samples.length * 2);
                }
                samples[sampled++] = took;
              }
            }
          }
          long[] result = Arrays.copyOf(samples, sampled + 1);
          result[sampled] = count; // the last element carries the operation count
          return result;
        }));
      }
      long operations = 0;
      List<long[]> all = new ArrayList<>();
      for (Future<long[]> worker : workers) {
        long[] result = worker.get(seconds + 120L, TimeUnit.SECONDS);
        operations += result[result.length - 1];
        all.add(Arrays.copyOf(result, result.length - 1));
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      Duration[] cpuAfter = clock.now();
      long logEntries = clock.commitIndex() - indexBefore;
      Duration compilerCpu = clock.compiler().minus(compilerBefore);
      long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Measurement(operations, elapsed, latencies, cpuAfter[0].minus(cpuBefore[0]),
          cpuAfter[1].minus(cpuBefore[1]), cpuAfter[2].minus(cpuBefore[2]), logEntries, compilerCpu);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void print(List<Run> runs, int threads, int seconds, int rounds) {
    System.out.printf("%nMachine: %d processors (nproc), %s %s; %d client threads, %d s measured per run, %d rounds%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), threads, seconds, rounds);
    System.out.println();
    System.out.println("CPU µs/op: CPU time per operation of the benchmark process (client), the primary's"
        + " process and the standbys' together, measured over each run. Log entries/op: entries the primary"
        + " committed per operation (below 1: commits shared entries). JIT: the nodes' JIT compilers' share of"
        + " the nodes' CPU (still warming up when high).");
    System.out.println();
    System.out.println("| operation | driver | round | ops/s | avg ms | p50 ms | p99 ms | client CPU µs/op"
        + " | primary CPU µs/op | standbys CPU µs/op | log entries/op | JIT |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Run run : runs) {
      Measurement m = run.measured();
      System.out.printf("| %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f | %.2f | %.1f%% |%n",
          run.operation(),
          run.driver(), run.round(), m.throughput(), m.averageMillis(), m.percentileMillis(0.5),
          m.percentileMillis(0.99), m.cpuMicros(m.clientCpu()), m.cpuMicros(m.primaryCpu()),
          m.cpuMicros(m.standbysCpu()), (double) m.logEntries() / m.operations(), 100 * m.compilerShare());
    }
    System.out.println();
    System.out.println("| operation | native ops/s (mean of rounds) | pgjdbc ops/s | native/pgjdbc |");
    System.out.println("|---|---:|---:|---:|");
    for (String operation : runs.stream().map(Run::operation).distinct().toList()) {
      double nativeOps = mean(runs, operation, "native");
      double pgOps = mean(runs, operation, "pgjdbc");
      System.out.printf("| %s | %.0f | %.0f | %.2f |%n", operation, nativeOps, pgOps, nativeOps / pgOps);
    }
  }

  private static double share(Duration part, Duration whole) {
    return whole.isZero() ? 0 : (double) part.toNanos() / whole.toNanos();
  }

  private static double mean(List<Run> runs, String operation, String driver) {
    return runs.stream().filter(r -> r.operation().equals(operation) && r.driver().equals(driver))
        .mapToDouble(r -> r.measured().throughput()).average().orElse(Double.NaN);
  }
}
