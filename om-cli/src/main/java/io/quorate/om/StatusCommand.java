package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.util.Locale;

/** {@code om status}: the cluster's state as one reachable node reports it. */
@Parameters(commandDescription = "Show the cluster state, roles and replication progress")
final class StatusCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @Parameter(names = "--node", required = true, description = "Admin address host:port of any node")
  String node;

  @Parameter(names = "--format", description = "text or json")
  String format = "text";

  @Parameter(names = "--timeout-ms", description = "How long to wait for the node")
  long timeoutMillis = 5000;

  int run(PrintStream out) {
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("--format must be text or json, not '" + format + "'");
    }
    try (AdminClient client = new AdminClient(node)) {
      StatusResponse status = client.admin(timeoutMillis).status(StatusRequest.getDefaultInstance());
      out.print(format.equals("json") ? json(status) : text(status));
      return 0;
    }
  }

  /** Normal: a primary and every voter known; Degraded: a primary but not all; Unavailable: none. */
  static String clusterState(StatusResponse s) {
    if (s.getLeaderId().isEmpty()) {
      return "Unavailable";
    }
    boolean allKnown = s.getMembersList().stream().allMatch(m -> m.getRole() != Role.ROLE_UNKNOWN);
    return allKnown ? "Normal" : "Degraded";
  }

  static String text(StatusResponse s) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "cluster_state : %s%n", clusterState(s)));
    b.append(String.format(Locale.ROOT, "cluster_id    : %s%n", s.getClusterId()));
    b.append(String.format(Locale.ROOT, "primary       : %s%n", s.getLeaderId().isEmpty() ? "(none)" : s.getLeaderId()));
    b.append(String.format(Locale.ROOT, "term          : %d%n", s.getTerm()));
    b.append(String.format(Locale.ROOT, "answered_by   : %s (commit %d, applied %d, snapshot %d)%n",
        s.getSelfId(), s.getCommitIndex(), s.getAppliedIndex(), s.getSnapshotIndex()));
    b.append(String.format(Locale.ROOT, "%n%-10s %-22s %-9s %12s %14s%n", "node", "raft_address", "role", "commit", "last_contact"));
    for (Member m : s.getMembersList()) {
      b.append(String.format(Locale.ROOT, "%-10s %-22s %-9s %12s %14s%n",
          m.getId() + (m.getId().equals(s.getLeaderId()) ? "*" : ""),
          m.getHost() + ":" + m.getRaftPort(),
          role(m.getRole()),
          m.getCommitIndex() < 0 ? "-" : Long.toString(m.getCommitIndex()),
          m.getLastContactMillis() < 0 ? "-" : m.getLastContactMillis() + " ms"));
    }
    return b.toString();
  }

  static String role(Role role) {
    return switch (role) {
      case ROLE_PRIMARY -> "Primary";
      case ROLE_STANDBY -> "Standby";
      case ROLE_LEARNER -> "Learner";
      case ROLE_CANDIDATE -> "Candidate";
      default -> "Unknown";
    };
  }

  static String json(StatusResponse s) {
    StringBuilder b = new StringBuilder("{");
    b.append("\"cluster_state\":").append(quote(clusterState(s)))
        .append(",\"cluster_id\":").append(quote(s.getClusterId()))
        .append(",\"primary\":").append(s.getLeaderId().isEmpty() ? "null" : quote(s.getLeaderId()))
        .append(",\"term\":").append(s.getTerm())
        .append(",\"answered_by\":").append(quote(s.getSelfId()))
        .append(",\"commit_index\":").append(s.getCommitIndex())
        .append(",\"applied_index\":").append(s.getAppliedIndex())
        .append(",\"snapshot_index\":").append(s.getSnapshotIndex())
        .append(",\"version\":").append(quote(s.getVersion()))
        .append(",\"nodes\":[");
    for (int i = 0; i < s.getMembersCount(); i++) {
      Member m = s.getMembers(i);
      b.append(i == 0 ? "" : ",").append("{\"id\":").append(quote(m.getId()))
          .append(",\"host\":").append(quote(m.getHost()))
          .append(",\"raft_port\":").append(m.getRaftPort())
          .append(",\"role\":").append(quote(role(m.getRole())))
          .append(",\"commit_index\":").append(m.getCommitIndex())
          .append(",\"last_contact_ms\":").append(m.getLastContactMillis())
          .append('}');
    }
    return b.append("]}\n").toString();
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
