package io.quorate.it.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The long fault suite, outside the README's test command (README, "Fault-tolerance
 * suite"): every workload under every fault kind for many seeds, and the failover
 * measurement. Each part runs only when its property is given and prints why otherwise.
 * Results are appended to {@code target/fault-long-results.txt}.
 */
class LongFaultSuiteTest {

  private static final List<String> WORKLOADS = List.of("bank", "set", "register", "counter");
  private static final Path RESULTS = Path.of("target", "fault-long-results.txt");
  static final long SNAPSHOT_THRESHOLD = 500;
  /** Namespaces for the nodes membership changes add (each run removes them again). */
  static final int SPARE_SLOTS = 2;

  /** {@code -Dquorate.fault.seeds=N [-Dquorate.fault.first-seed=S] [-Dquorate.fault.seconds=60]}. */
  @Test
  void everyWorkloadUnderEveryFaultForManySeeds() throws Exception {
    int seeds = Integer.getInteger("quorate.fault.seeds", 0);
    skipUnless(seeds > 0, "no -Dquorate.fault.seeds=N given");
    long first = Long.getLong("quorate.fault.first-seed", 1);
    Duration run = Duration.ofSeconds(Long.getLong("quorate.fault.seconds", 60));
    List<FaultRun.Report> reports = new ArrayList<>();
    Optional<String> noNamespaces = Netns.unavailable();
    noNamespaces.ifPresent(why -> record("network partitions left out: " + why));
    List<Fault> kinds = Arrays.stream(Fault.values()).filter(f -> noNamespaces.isEmpty() || !f.needsNamespaces())
        .toList();
    for (long seed = first; seed < first + seeds; seed++) {
      try (FaultCluster cluster = noNamespaces.isEmpty() ? FaultCluster.bootstrapInNamespaces(3, SPARE_SLOTS)
          : FaultCluster.bootstrap(3)) {
        // Small, so that a standby kept down is soon behind the log and needs a snapshot.
        cluster.setSnapshotThreshold(SNAPSHOT_THRESHOLD);
        for (String workload : WORKLOADS) {
          FaultRun.Report report = FaultRun.run(cluster, new FaultRun.Plan(workload, seed, kinds, run, 5));
          reports.add(report);
          record(report.summary());
        }
      }
    }
    long operations = reports.stream().mapToLong(FaultRun.Report::operations).sum();
    long faults = reports.stream().mapToLong(FaultRun.Report::faults).sum();
    List<FaultRun.Report> invalid = reports.stream().filter(r -> !r.valid()).toList();
    record(String.format(Locale.ROOT, "TOTAL %s: %d runs, %d faults injected, %d operations checked, %d invalid runs",
        Instant.now(), reports.size(), faults, operations, invalid.size()));
    assertTrue(invalid.isEmpty(), () -> invalid.stream().map(FaultRun::explain).reduce("", (a, b) -> a + "\n\n" + b));
  }

  /** {@code -Dquorate.fault.failover-kills=20}: kill -9 of the primary, that many times. */
  @Test
  void failoverAfterKillingThePrimary() throws Exception {
    int kills = Integer.getInteger("quorate.fault.failover-kills", 0);
    skipUnless(kills > 0, "no -Dquorate.fault.failover-kills=N given");
    try (FaultCluster cluster = FaultCluster.bootstrap(3)) {
      FailoverMeasurement.Result result = FailoverMeasurement.measure(cluster, kills);
      record(result.summary());
    }
  }

  private static void skipUnless(boolean given, String why) {
    if (!given) {
      System.out.println("LongFaultSuiteTest part skipped: " + why);
    }
    assumeTrue(given, why);
  }

  private static void record(String line) {
    System.out.println("[long] " + line);
    try {
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
