package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** {@code om status}: the cluster's state, every node asked for its own. */
@Parameters(commandDescription = "Show the cluster state and every node's role, state and replication progress")
final class StatusCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--detail", description = "Also show ports, term, indexes, uptime and sizes")
  boolean detail;

  @Parameter(names = "--format", description = "text or json")
  String format = "text";

  @Override
  public String name() {
    return "status";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) {
    Output.checkFormat(format);
    try (target) {
      ClusterReport report = report(target);
      out.print(format.equals("json") ? json(report) : text(report, detail));
      return 0;
    }
  }

  /** Asks any node for the membership, then every member for its own state. */
  static ClusterReport report(Target target) {
    StatusResponse view = target.anyStatus();
    StatusResponse primary = target.primaryStatus(view);
    // The primary's membership is the authoritative one; a lagging standby may not know
    // of nodes added lately. When the first node asked knew no primary but the survey
    // finds one, ask again with that primary's membership.
    StatusResponse members = primary != null ? primary : view;
    Map<String, Target.Reply> replies = target.survey(members);
    ClusterReport report = ClusterReport.of(members, replies);
    if (report.primary() != null && !report.primary().equals(members.getSelfId())) {
      StatusResponse found = replies.get(report.primary()).status();
      if (!found.getMembersList().equals(members.getMembersList())) {
        report = ClusterReport.of(found, target.survey(found));
      }
    }
    return report;
  }

  static String text(ClusterReport r, boolean detail) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "cluster_state : %s%n", r.clusterState()));
    b.append(String.format(Locale.ROOT, "cluster_id    : %s%n", r.clusterId()));
    b.append(String.format(Locale.ROOT, "primary       : %s%n", r.primary() == null ? "(none)" : r.primary()));
    b.append(String.format(Locale.ROOT, "term          : %d%n", r.term()));
    if (detail) {
      b.append(String.format(Locale.ROOT, "version       : %s%n", r.version()));
    }
    b.append('\n');
    if (detail) {
      b.append(String.format(Locale.ROOT, "%-8s %-15s %6s %6s %6s %-9s %-19s %6s %9s %9s %9s %9s %10s %10s %10s%n",
          "node", "host", "raft", "admin", "sql", "role", "state", "term", "commit", "applied", "lag", "lag_ms",
          "uptime", "data", "log"));
    } else {
      b.append(String.format(Locale.ROOT, "%-8s %-21s %-9s %-19s %9s %9s%n", "node", "sql_address", "role", "state",
          "lag", "lag_ms"));
    }
    for (ClusterReport.NodeReport n : r.nodes()) {
      String id = n.id() + (n.id().equals(r.primary()) ? "*" : "");
      if (detail) {
        b.append(String.format(Locale.ROOT, "%-8s %-15s %6d %6s %6s %-9s %-19s %6s %9s %9s %9s %9s %10s %10s %10s%n",
            id, n.host(), n.raftPort(), port(n.adminPort()), port(n.clientPort()), n.role(), n.state(), num(n.term()),
            num(n.commitIndex()), num(n.appliedIndex()), num(n.lagEntries()), num(n.lagMillis()),
            n.uptimeMillis() < 0 ? "-" : Output.duration(n.uptimeMillis()), Output.bytes(n.dataSizeBytes()),
            Output.bytes(n.logSizeBytes())));
      } else {
        b.append(String.format(Locale.ROOT, "%-8s %-21s %-9s %-19s %9s %9s%n", id,
            n.clientPort() > 0 ? n.host() + ":" + n.clientPort() : "-", n.role(), n.state(), num(n.lagEntries()),
            num(n.lagMillis())));
      }
    }
    for (ClusterReport.NodeReport n : r.nodes()) {
      if (n.problem() != null) {
        b.append(String.format(Locale.ROOT, "%n%s: %s", n.id(), n.problem()));
      }
    }
    if (r.nodes().stream().anyMatch(n -> n.problem() != null)) {
      b.append('\n');
    }
    return b.toString();
  }

  private static String port(int port) {
    return port > 0 ? Integer.toString(port) : "-";
  }

  private static String num(long n) {
    return n < 0 ? "-" : Long.toString(n);
  }

  static String json(ClusterReport r) {
    Json j = new Json().object()
        .field("cluster_state", r.clusterState())
        .field("cluster_id", r.clusterId())
        .field("primary", r.primary())
        .field("term", r.term())
        .field("version", r.version())
        .field("sql_ready", r.sqlReady())
        .array("nodes");
    for (ClusterReport.NodeReport n : r.nodes()) {
      j.object()
          .field("id", n.id())
          .field("host", n.host())
          .field("raft_port", n.raftPort())
          .field("admin_port", n.adminPort())
          .field("client_port", n.clientPort())
          .field("role", n.role())
          .field("state", n.state())
          .field("term", n.term())
          .field("commit_index", n.commitIndex())
          .field("applied_index", n.appliedIndex())
          .field("lag_entries", n.lagEntries())
          .field("lag_ms", n.lagMillis())
          .field("uptime_ms", n.uptimeMillis())
          .field("data_size_bytes", n.dataSizeBytes())
          .field("log_size_bytes", n.logSizeBytes())
          .field("disk_free_bytes", n.diskFreeBytes())
          .field("version", n.version())
          .field("problem", n.problem())
          .end();
    }
    return j.end().end() + "\n";
  }
}
