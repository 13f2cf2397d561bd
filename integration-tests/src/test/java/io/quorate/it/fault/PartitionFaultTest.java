package io.quorate.it.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quorate.it.om.OmTool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The short suite's network partitions: three nodes, each in a network namespace of its
 * own, while the nemesis cuts the primary off from the others and splits the cluster at
 * random. The register workload's history must be linearizable: a primary cut off from
 * the majority must neither commit nor answer a read once another has been elected.
 * Needs root for the namespaces; skipped with the reason printed otherwise.
 */
class PartitionFaultTest {

  private static final Duration RUN = Duration.ofSeconds(20);
  private static final int CLIENTS = 4;

  private FaultCluster cluster;
  @RegisterExtension
  final TestWatcher keepLogs = OmTool.keepLogsOnFailure(() -> cluster == null ? null : cluster.om());

  @Test
  void registerUnderPartitions() throws Exception {
    Optional<String> unavailable = Netns.unavailable();
    unavailable.ifPresent(why -> System.out.println("PartitionFaultTest skipped: " + why));
    assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
    cluster = FaultCluster.bootstrapInNamespaces(3, 0);
    try {
      FaultRun.Report report = FaultRun.run(cluster, new FaultRun.Plan("register", 7,
          List.of(Fault.PARTITION_PRIMARY, Fault.PARTITION_RANDOM, Fault.KILL_PRIMARY), RUN, CLIENTS));
      assertTrue(report.valid(), () -> FaultRun.explain(report));
      assertTrue(report.okWrites() > 0, "some writes succeeded: " + report.summary());
      assertTrue(report.missing().isEmpty(), "every fault kind came up: " + report.summary());
    } finally {
      cluster.close();
    }
  }
}
