package io.quorate.it.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Replays one run of the suite from its printed plan:
 * {@code -Dquorate.fault.plan=workload:seed:faults:seconds:clients}. The schedule of
 * faults and the operations follow the seed; the timing of a real cluster does not, so a
 * replay reproduces the conditions of a failure, not always the failure.
 */
class FaultReplayTest {

  @Test
  void replayThePlanGiven() throws Exception {
    String plan = System.getProperty("quorate.fault.plan", "");
    if (plan.isBlank()) {
      System.out.println("FaultReplayTest skipped: no -Dquorate.fault.plan=workload:seed:faults:seconds:clients given");
    }
    assumeTrue(!plan.isBlank(), "no -Dquorate.fault.plan given");
    FaultRun.Plan parsed = FaultRun.Plan.parse(plan);
    boolean partitions = parsed.faults().stream().anyMatch(Fault::needsNamespaces);
    if (partitions) {
      Optional<String> unavailable = Netns.unavailable();
      unavailable.ifPresent(why -> System.out.println("FaultReplayTest skipped: " + why));
      assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
    }
    try (FaultCluster cluster = partitions ? FaultCluster.bootstrapInNamespaces(3, LongFaultSuiteTest.SPARE_SLOTS)
        : FaultCluster.bootstrap(3)) {
      if (parsed.faults().contains(Fault.KILL_UNTIL_PURGED)) {
        cluster.setSnapshotThreshold(LongFaultSuiteTest.SNAPSHOT_THRESHOLD);
      }
      FaultRun.Report report = FaultRun.run(cluster, parsed);
      assertTrue(report.valid(), () -> FaultRun.explain(report));
    }
  }
}
