package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** {@code om start}: starts the cluster file's nodes (or those named) that are not running, keeping their data. */
@Parameters(commandDescription = "Start the cluster's stopped nodes (all, or those given with --node)")
final class StartCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--wait-s", description = "How long to wait for the nodes to be Normal")
  int waitSeconds = 120;

  @Override
  public String name() {
    return "start";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      ClusterFile cluster = target.requireClusterFile("start");
      List<ClusterFile.Node> nodes = NodeSelection.of(target, cluster);
      Duration wait = Duration.ofSeconds(waitSeconds);
      long deadline = System.nanoTime() + wait.toNanos();
      NodeControl.start(target, cluster, nodes, deadline, out);
      awaitNormal(target, nodes, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), out);
      return 0;
    }
  }

  /** Waits until a primary serves SQL and every node in {@code nodes} is Normal; prints the status. */
  static ClusterReport awaitNormal(Target target, List<ClusterFile.Node> nodes, Duration wait, PrintStream out)
      throws InterruptedException {
    out.println("Waiting for " + (nodes.size() == 1 ? nodes.get(0).id() : "the nodes") + " to be Normal...");
    ClusterReport report = ClusterWait.until(target, r -> r.sqlReady() && nodes.stream()
        .allMatch(n -> r.node(n.id()) != null && r.node(n.id()).state().equals("Normal")), "the nodes are Normal",
        wait, out);
    out.println();
    out.print(StatusCommand.text(report, false));
    return report;
  }
}
