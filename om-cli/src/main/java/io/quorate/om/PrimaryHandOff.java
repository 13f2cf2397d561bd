package io.quorate.om;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.TransferLeadershipRequest;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Moves the primary role to a given node and waits until it serves SQL; used by
 * {@code om switchover} and by {@code om remove-node} for a primary. Under load the
 * election the hand-off starts can be lost (Ratis answers DIFFERENT_LEADER): another node,
 * or the old primary itself, wins it, because commits went on while the target was being
 * elected and it no longer had the newest log. Then the primary of the moment is asked
 * again, up to {@link #ATTEMPTS} times in all; so it is when the primary changed meanwhile.
 * Any other refusal by a primary that stays primary is final. The whole hand-off,
 * retries and waits included, is bounded by one deadline.
 */
final class PrimaryHandOff {

  /** Hand-offs tried before giving up, each from the primary of the moment. */
  static final int ATTEMPTS = 3;

  private PrimaryHandOff() {}

  /** Returns the report once {@code to} is the primary and serves SQL; fails with an OmException. */
  static ClusterReport to(Target target, ClusterReport before, String to, Duration wait, PrintStream progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    ClusterReport report = before;
    for (int attempt = 1; ; attempt++) {
      String primary = report.primary();
      try {
        long millis = remaining(deadline).toMillis();
        target.client(address(target, report, primary)).admin(millis + 5000).transferLeadership(
            TransferLeadershipRequest.newBuilder().setToId(to).setTimeoutMillis(millis).build());
        break;
      } catch (StatusRuntimeException e) {
        report = ClusterWait.until(target, r -> r.primary() != null, "a primary", remaining(deadline), progress);
        if (to.equals(report.primary())) {
          break; // the hand-off completed although the answer did not say so
        }
        boolean electionLost = AdminClient.describe(e).contains("DIFFERENT_LEADER");
        if ((primary.equals(report.primary()) && !electionLost) || attempt == ATTEMPTS) {
          throw OmException.failed("the primary role did not move to " + to + " (attempt " + attempt + " of "
              + ATTEMPTS + ": " + AdminClient.describe(e) + "); " + report.primary() + " is the primary now. Try again.");
        }
        progress.println("The hand-off from " + primary + " did not reach " + to + " (" + AdminClient.describe(e)
            + "); " + report.primary() + " is the primary now, asking it" + (primary.equals(report.primary())
            ? " again..." : "..."));
      }
    }
    return ClusterWait.until(target, r -> to.equals(r.primary()) && r.sqlReady(),
        to + " is the primary and serves SQL", remaining(deadline), progress);
  }

  /** What is left until {@code deadline}, at least a second so a last check still runs. */
  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(Duration.ofSeconds(1).toNanos(), deadline - System.nanoTime()));
  }

  private static String address(Target target, ClusterReport report, String nodeId) {
    ClusterReport.NodeReport node = report.node(nodeId);
    String address = node != null && node.adminPort() > 0 ? node.host() + ":" + node.adminPort()
        : target.adminAddress(memberOf(target, nodeId));
    if (address == null) {
      throw OmException.failed(nodeId + "'s admin address is unknown; give it with --node");
    }
    return address;
  }

  private static Member memberOf(Target target, String id) {
    return target.anyStatus().getMembersList().stream().filter(m -> m.getId().equals(id)).findFirst()
        .orElseThrow(() -> OmException.failed(id + " left the membership"));
  }
}
