package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code om switchover --to NODE}: a planned move of the primary role. The primary
 * hands over only to a standby that has its whole log, so nothing committed is lost;
 * om then waits until the new primary serves SQL and reports how long it took.
 */
@Parameters(commandDescription = "Move the primary role to another node (planned, no data loss)")
final class SwitchoverCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--to", required = true, description = "The node id to become primary")
  String to;

  @Parameter(names = "--wait-s", description = "How long the handover may take")
  int waitSeconds = 60;

  @Parameter(names = "--format", description = "text or json")
  String format = "text";

  @Override
  public String name() {
    return "switchover";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    Output.checkFormat(format);
    try (target) {
      ClusterReport before = StatusCommand.report(target);
      ClusterReport.NodeReport node = before.node(to);
      if (node == null) {
        throw OmException.usage(to + " is not a member; members: "
            + before.nodes().stream().map(ClusterReport.NodeReport::id).toList());
      }
      if (before.primary() == null) {
        throw OmException.failed("the cluster has no primary now; it elects one by itself (om status shows when)");
      }
      if (to.equals(before.primary())) {
        throw OmException.failed(to + " is already the primary");
      }
      if (node.role().equals("Learner")) {
        throw OmException.failed(to + " is a learner (non-voting) and cannot become primary");
      }
      if (!node.state().equals("Normal")) {
        throw OmException.failed(to + " is " + node.state() + "; it must be Normal (caught up) to take over");
      }
      PrintStream progress = format.equals("json") ? err : out;
      progress.println("Switching the primary from " + before.primary() + " to " + to + "...");
      long started = System.nanoTime();
      ClusterReport after = PrimaryHandOff.to(target, before, to, Duration.ofSeconds(waitSeconds), progress);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (format.equals("json")) {
        out.print(new Json().object().field("from", before.primary()).field("to", to).field("elapsed_ms", millis)
            .field("term", after.term()).end() + "\n");
      } else {
        out.println(to + " is the primary (term " + after.term() + "); the switchover took " + millis + " ms.");
      }
      return 0;
    }
  }
}
