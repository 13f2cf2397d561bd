package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code om restart}: a rolling restart. One node at a time, standbys first and the
 * primary last: stop it, start it, wait until it is Normal again, so a cluster of three
 * or more keeps serving throughout.
 */
@Parameters(commandDescription = "Rolling restart: one node at a time, primary last (all, or those given with --node)")
final class RestartCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--kill", description = "SIGKILL a local node that has not stopped after 60 s")
  boolean kill;

  @Parameter(names = "--wait-s", description = "How long to wait for each node to be Normal again")
  int waitSeconds = 120;

  @Override
  public String name() {
    return "restart";
  }

  /** Refuses to stop {@code id} when the other Normal voters would not be a majority of the voters. */
  static void checkQuorumWithout(ClusterReport report, String id) {
    List<ClusterReport.NodeReport> voters = report.nodes().stream().filter(n -> !n.role().equals("Learner")).toList();
    if (voters.stream().noneMatch(n -> n.id().equals(id))) {
      return; // a learner or a node outside the membership: stopping it costs no vote
    }
    long normalOthers = voters.stream().filter(n -> !n.id().equals(id) && n.state().equals("Normal")).count();
    int majority = voters.size() / 2 + 1;
    if (normalOthers < majority) {
      throw OmException.failed("stopping " + id + " now would leave " + normalOthers + " of " + voters.size()
          + " voters Normal, fewer than the majority of " + majority + "; the cluster would stop taking writes."
          + " Bring the other nodes back to Normal first (om status)");
    }
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      ClusterFile cluster = target.requireClusterFile("restart");
      for (ClusterFile.Node node : NodeSelection.primaryLast(target, NodeSelection.of(target, cluster))) {
        checkQuorumWithout(StatusCommand.report(target), node.id());
        NodeControl.stop(target, node.id(), node.adminAddress(), kill, out);
        long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
        NodeControl.start(target, cluster, List.of(node), deadline, out);
        StartCommand.awaitNormal(target, List.of(node), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())),
            out);
      }
      return 0;
    }
  }
}
