package io.quorate.raft.bench;

import io.quorate.raft.cluster.ReplicaConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Replicated commit throughput and latency on a 3-replica loopback cluster in this JVM,
 * for Quorate's commit path and for a trivial Ratis state machine with the same Ratis
 * settings and entry bytes, at several writer counts, in one run. Prints a table with
 * the ratio of the two.
 *
 * <p>Usage: {@code CommitBenchmark [seconds-per-point] [warmup-seconds] [writers,...] [json-file]}
 * (defaults 10, 3, 1,8,64); the JSON file, when named, gets every measured point.
 */
public final class CommitBenchmark {

  private static final int VALUE_BYTES = 100;
  private static final int MAX_SAMPLES_PER_WRITER = 2_000_000;

  /** One measured point. */
  record Result(String target, int writers, double commitsPerSecond, double p50Millis, double p99Millis) {}

  private CommitBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int[] writerCounts = args.length > 2
        ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 8, 64};
    ReplicaConfig.Tuning tuning = ReplicaConfig.Tuning.defaults();
    System.out.printf(Locale.ROOT, "Commit path: 3 replicas on loopback in one JVM, %d-byte values, %d s per point after %d s warm-up%n",
        VALUE_BYTES, seconds, warmup);
    Map<String, List<Result>> results = new LinkedHashMap<>();
    List<BiFunction<List<io.quorate.raft.cluster.Peer>, Path, CommitTarget>> targets = List.of(
        (peers, root) -> new TrivialTarget(peers, root, tuning),
        (peers, root) -> new QuorateTarget(peers, root, tuning));
    for (var factory : targets) {
      Path root = BenchCluster.tempDir();
      try (CommitTarget target = factory.apply(BenchCluster.loopbackPeers(3), root)) {
        for (int writers : writerCounts) {
          run(target, writers, warmup);
          Result result = run(target, writers, seconds);
          results.computeIfAbsent(target.name(), n -> new ArrayList<>()).add(result);
          System.out.printf(Locale.ROOT, "  measured %-8s writers=%-3d %10.0f commits/s%n",
              result.target(), writers, result.commitsPerSecond());
        }
      } finally {
        io.quorate.raft.store.Directories.deleteTree(root);
      }
    }
    System.out.println();
    System.out.println(table(results));
    if (args.length > 3) {
      Files.writeString(Path.of(args[3]), json(results), StandardCharsets.UTF_8);
    }
  }

  static String json(Map<String, List<Result>> results) {
    StringJoiner points = new StringJoiner(",", "[", "]\n");
    results.values().stream().flatMap(List::stream).forEach(r -> points.add(String.format(Locale.ROOT,
        "{\"target\":\"%s\",\"writers\":%d,\"commits_per_s\":%.1f,\"p50_ms\":%s,\"p99_ms\":%s}",
        r.target(), r.writers(), r.commitsPerSecond(), jsonNumber(r.p50Millis()), jsonNumber(r.p99Millis()))));
    return points.toString();
  }

  /** A latency for JSON: null when the point had no commit to measure (NaN is not JSON). */
  private static String jsonNumber(double millis) {
    return Double.isNaN(millis) ? "null" : String.format(Locale.ROOT, "%.3f", millis);
  }

  static Result run(CommitTarget target, int writers, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<Future<long[]>> futures = new ArrayList<>();
    long started = System.nanoTime();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      futures.add(pool.submit(() -> {
        long[] latencies = new long[1024];
        int count = 0;
        byte[] value = new byte[VALUE_BYTES];
        for (long seq = 0; System.nanoTime() < deadline && count < MAX_SAMPLES_PER_WRITER; seq++) {
          long t0 = System.nanoTime();
          target.commit(writer, seq, value);
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = System.nanoTime() - t0;
        }
        return Arrays.copyOf(latencies, count);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double elapsedSeconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(target.name(), writers, merged.length / elapsedSeconds,
        percentile(merged, 0.50) / 1e6, percentile(merged, 0.99) / 1e6);
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
  }

  static String table(Map<String, List<Result>> results) {
    List<Result> trivial = results.getOrDefault("trivial", List.of());
    List<Result> quorate = results.getOrDefault("quorate", List.of());
    StringBuilder b = new StringBuilder();
    b.append("| writers | trivial commits/s | trivial p50 / p99 ms | quorate commits/s | quorate p50 / p99 ms | quorate / trivial |\n");
    b.append("|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < Math.min(trivial.size(), quorate.size()); i++) {
      Result t = trivial.get(i);
      Result q = quorate.get(i);
      b.append(String.format(Locale.ROOT, "| %d | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %.2f |%n",
          t.writers(), t.commitsPerSecond(), t.p50Millis(), t.p99Millis(),
          q.commitsPerSecond(), q.p50Millis(), q.p99Millis(), q.commitsPerSecond() / t.commitsPerSecond()));
    }
    return b.toString();
  }
}
