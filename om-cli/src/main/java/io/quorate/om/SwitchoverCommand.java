package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.TransferLeadershipRequest;
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

  /** Hand-offs tried before giving up, each from the primary of the moment. */
  private static final int ATTEMPTS = 3;

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
      transfer(before, progress);
      ClusterReport after = ClusterWait.until(target, r -> to.equals(r.primary()) && r.sqlReady(),
          to + " is the primary and serves SQL", Duration.ofSeconds(waitSeconds), progress);
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

  /**
   * Asks the primary to hand its role to {@code to}. Under load another node can win the
   * election the hand-off starts (Ratis answers DIFFERENT_LEADER) or the primary can change
   * meanwhile; then the new primary is asked, up to {@link #ATTEMPTS} times in all. A refusal
   * by a primary that stays primary is final.
   */
  private void transfer(ClusterReport before, PrintStream progress) throws InterruptedException {
    ClusterReport report = before;
    for (int attempt = 1; ; attempt++) {
      String primary = report.primary();
      ClusterReport.NodeReport current = report.node(primary);
      String primaryAddress = current.adminPort() > 0 ? current.host() + ":" + current.adminPort()
          : target.adminAddress(memberOf(target, primary));
      if (primaryAddress == null) {
        throw OmException.failed("the primary " + primary + "'s admin address is unknown; give it with --node");
      }
      try {
        target.client(primaryAddress).admin(Duration.ofSeconds(waitSeconds).toMillis() + 5000).transferLeadership(
            TransferLeadershipRequest.newBuilder().setToId(to).setTimeoutMillis(Duration.ofSeconds(waitSeconds).toMillis())
                .build());
        return;
      } catch (StatusRuntimeException e) {
        report = ClusterWait.until(target, r -> r.primary() != null, "a primary", Duration.ofSeconds(waitSeconds),
            progress);
        if (to.equals(report.primary())) {
          return; // the hand-off completed although the answer did not say so
        }
        if (primary.equals(report.primary()) || attempt == ATTEMPTS) {
          throw OmException.failed("the primary role did not move to " + to + " (attempt " + attempt + " of " + ATTEMPTS + ": "
              + AdminClient.describe(e) + "); " + report.primary() + " is the primary now. Run om switchover again.");
        }
        progress.println("The hand-off from " + primary + " did not reach " + to + " (" + AdminClient.describe(e)
            + "); " + report.primary() + " is the primary now, asking it...");
      }
    }
  }

  private static io.quorate.protocol.v1.Member memberOf(Target target, String id) {
    return target.anyStatus().getMembersList().stream().filter(m -> m.getId().equals(id)).findFirst()
        .orElseThrow(() -> OmException.failed(id + " left the membership"));
  }
}
