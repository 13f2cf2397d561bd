package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.quorate.protocol.v1.RemoveMemberRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * {@code om remove-node --id NODE}: takes a member out of the group and stops it. A
 * primary hands its role to the most caught-up standby first. A node that does not
 * answer, or a removal after which the remaining voters that answer are no majority,
 * is refused unless {@code --force}; removing the last voter is always refused.
 */
@Parameters(commandDescription = "Remove a node from the cluster and stop it (--force for a dead node)")
final class RemoveNodeCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--id", required = true, description = "The node to remove")
  String id;

  @Parameter(names = "--force", description = "Remove it even if it is down or the rest would lack a majority")
  boolean force;

  @Parameter(names = "--wait-s", description = "How long the change may take")
  int waitSeconds = 60;

  @Override
  public String name() {
    return "remove-node";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      ClusterReport report = StatusCommand.report(target);
      ClusterReport.NodeReport node = report.node(id);
      if (node == null) {
        throw OmException.usage(id + " is not a member; members: "
            + report.nodes().stream().map(ClusterReport.NodeReport::id).toList());
      }
      if (report.primary() == null) {
        throw OmException.failed("the cluster has no primary: membership changes need a majority of the voters up");
      }
      check(report, node, force);
      Duration wait = Duration.ofSeconds(waitSeconds);
      if (id.equals(report.primary())) {
        report = handOff(report, wait, out);
      }
      String primaryAddress = address(report, report.primary());
      out.println("Removing " + id + " from the group...");
      target.client(primaryAddress).admin(wait.toMillis() + 5000).removeMember(RemoveMemberRequest.newBuilder()
          .setId(id).setTimeoutMillis(wait.toMillis()).build());
      out.println(id + " is no longer a member");
      ClusterFile cluster = target.clusterFileOrNull();
      if (cluster != null && cluster.node(id).isPresent()) {
        cluster.withoutNode(id).write();
        out.println("Removed " + id + " from " + cluster.file() + "; its data stays in " + cluster.require(id).dataDir()
            + " (delete it when you no longer need it)");
      }
      if (!node.state().equals("Unreachable")) {
        NodeControl.stop(target, id, address(report, id), true, out);
      }
      return 0;
    }
  }

  /** Refuses a removal that leaves no voter, removes a silent node, or leaves no answering majority, unless forced. */
  static void check(ClusterReport report, ClusterReport.NodeReport node, boolean force) {
    List<ClusterReport.NodeReport> voters = report.nodes().stream()
        .filter(n -> !n.role().equals("Learner") && !n.id().equals(node.id())).toList();
    boolean learner = node.role().equals("Learner");
    if (voters.isEmpty()) {
      throw OmException.failed("removing " + node.id() + " would leave no voting member");
    }
    if (node.state().equals("Unreachable") && !force) {
      throw OmException.failed(node.id() + " does not answer (" + node.problem() + "); to remove a dead node, give"
          + " --force");
    }
    long answering = voters.stream().filter(n -> !n.state().equals("Unreachable")).count();
    int majority = voters.size() / 2 + 1;
    if (!learner && answering < majority && !force) {
      throw OmException.failed("after removing " + node.id() + ", " + answering + " of the " + voters.size()
          + " remaining voters answer, fewer than the majority of " + majority + " that commits and elects; the"
          + " cluster would be unavailable. Bring nodes back first, or give --force");
    }
  }

  /** Moves the primary role off the node being removed, to the most caught-up Normal standby. */
  private ClusterReport handOff(ClusterReport report, Duration wait, PrintStream out) throws InterruptedException {
    ClusterReport.NodeReport successor = report.nodes().stream()
        .filter(n -> n.role().equals("Standby") && n.state().equals("Normal"))
        .max(Comparator.comparingLong(ClusterReport.NodeReport::appliedIndex))
        .orElseThrow(() -> OmException.failed(id + " is the primary and no standby is Normal to take over"));
    out.println(id + " is the primary; handing the role to " + successor.id() + " first...");
    return PrimaryHandOff.to(target, report, successor.id(), wait, out);
  }

  private String address(ClusterReport report, String nodeId) {
    ClusterReport.NodeReport n = report.node(nodeId);
    if (n != null && n.adminPort() > 0) {
      return n.host() + ":" + n.adminPort();
    }
    return target.address(nodeId);
  }
}
