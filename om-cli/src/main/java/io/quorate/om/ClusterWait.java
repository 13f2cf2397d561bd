package io.quorate.om;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Predicate;

/** Waits for a cluster condition, printing each change of the nodes' states as progress. */
final class ClusterWait {

  private static final long POLL_MILLIS = 250;

  private ClusterWait() {}

  /** Normal, with the primary's SQL catalog in place: ready for clients. */
  static boolean ready(ClusterReport r) {
    return r.clusterState().equals("Normal") && r.sqlReady();
  }

  /**
   * Polls the cluster's report until {@code done} holds and returns that report; fails
   * after {@code timeout} naming what was last seen.
   */
  static ClusterReport until(Target target, Predicate<ClusterReport> done, String what, Duration timeout,
      PrintStream progress) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (true) {
      String seen;
      try {
        ClusterReport report = StatusCommand.report(target);
        if (done.test(report)) {
          return report;
        }
        seen = report.clusterState() + ": " + report.summary();
      } catch (OmException e) {
        seen = e.getMessage();
      }
      if (!seen.equals(last)) {
        progress.println("  " + seen);
        last = seen;
      }
      if (System.nanoTime() > deadline) {
        throw OmException.failed("timed out after " + timeout.toSeconds() + " s waiting until " + what
            + "; last seen: " + seen);
      }
      Thread.sleep(POLL_MILLIS); // polling interval; the condition above decides
    }
  }
}
