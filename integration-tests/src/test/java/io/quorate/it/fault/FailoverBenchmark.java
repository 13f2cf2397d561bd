package io.quorate.it.fault;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Failover as a benchmark command ({@code bench/side-by-side} runs it): a 3-node cluster
 * started by om from the distribution, writers committing without pause, {@code kill -9}
 * of the primary repeated ({@link FailoverMeasurement}), the median and p95 of the time
 * without commits. Arguments: {@code [kills] [json-file]}; the JSON file, when named,
 * gets the samples and their summary.
 */
public final class FailoverBenchmark {

  private FailoverBenchmark() {}

  public static void main(String[] args) throws Exception {
    int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    if (kills < 1) {
      throw new IllegalArgumentException("kills must be at least 1, not " + kills);
    }
    FailoverMeasurement.Result result;
    FaultCluster cluster = FaultCluster.bootstrap(3);
    // Interrupted (Ctrl-C), the JVM still stops the nodes it started: they run in sessions
    // of their own and would outlive it.
    AtomicBoolean closed = new AtomicBoolean();
    Thread stopNodes = new Thread(() -> {
      if (closed.compareAndSet(false, true)) {
        cluster.close();
      }
    }, "failover-benchmark-cleanup");
    Runtime.getRuntime().addShutdownHook(stopNodes);
    try {
      result = FailoverMeasurement.measure(cluster, kills);
    } finally {
      if (closed.compareAndSet(false, true)) {
        cluster.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(stopNodes);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run; the nodes are stopped either way
      }
    }
    if (args.length > 1) {
      String json = String.format(Locale.ROOT,
          "{\"kills\":%d,\"median_ms\":%d,\"p95_ms\":%d,\"max_ms\":%d,\"samples_ms\":[%s]}%n",
          result.millis().size(), result.percentile(0.5), result.percentile(0.95), result.percentile(1.0),
          result.millis().stream().map(String::valueOf).collect(Collectors.joining(",")));
      Files.writeString(Path.of(args[1]), json, StandardCharsets.UTF_8);
    }
  }
}
