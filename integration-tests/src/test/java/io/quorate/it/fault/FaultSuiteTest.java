package io.quorate.it.fault;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.om.OmTool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The short fault suite of the README's test command: each workload once, with a fixed
 * seed, against three node processes while the nemesis kills, pauses and restarts
 * nodes, switches the primary over and changes membership (also while a node is down);
 * every history must pass its checker, and every fault kind a run names comes up in it.
 * {@link PartitionFaultTest} adds network partitions; the long suite
 * ({@link LongFaultSuiteTest}) runs many seeds for longer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultSuiteTest {

  private static final Duration RUN = Duration.ofSeconds(20);
  private static final int CLIENTS = 4;

  private FaultCluster cluster;
  @RegisterExtension
  final TestWatcher keepLogs = OmTool.keepLogsOnFailure(() -> cluster == null ? null : cluster.om());

  @BeforeAll
  void bootstrap() {
    cluster = FaultCluster.bootstrap(3);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void run(String workload, long seed, Fault... faults) throws Exception {
    FaultRun.Report report = FaultRun.run(cluster, new FaultRun.Plan(workload, seed, List.of(faults), RUN, CLIENTS));
    assertTrue(report.valid(), () -> FaultRun.explain(report));
    assertTrue(report.okWrites() > 0, "some writes succeeded: " + report.summary());
    assertTrue(report.missing().isEmpty(), "every fault kind came up: " + report.summary());
  }

  @Test
  void bankUnderPrimaryAndStandbyKills() throws Exception {
    run("bank", 1, Fault.KILL_PRIMARY, Fault.KILL_STANDBY);
  }

  @Test
  void setUnderPrimaryAndMajorityKills() throws Exception {
    run("set", 2, Fault.KILL_PRIMARY, Fault.KILL_MAJORITY);
  }

  @Test
  void registerUnderPrimaryKillsAndPauses() throws Exception {
    run("register", 3, Fault.KILL_PRIMARY, Fault.PAUSE_PRIMARY);
  }

  @Test
  void counterUnderPrimaryKillsAndRestarts() throws Exception {
    run("counter", 4, Fault.KILL_PRIMARY, Fault.RESTART_NODE);
  }

  @Test
  void setUnderSwitchovers() throws Exception {
    run("set", 5, Fault.SWITCHOVER);
  }

  @Test
  void bankUnderMembershipChanges() throws Exception {
    run("bank", 6, Fault.MEMBERSHIP, Fault.MEMBERSHIP_DURING_KILL);
  }
}
