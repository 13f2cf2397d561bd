package io.quorate.om;

import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.StatusResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster's state judged from every member's own answer. Pure: built from statuses,
 * so the judgement is tested without a cluster.
 *
 * <p>A node is Unreachable when it does not answer, Installing snapshot when it has
 * applied less than the primary still keeps in its log (it can only catch up from a
 * snapshot), Catchup when it is more than {@link #CATCHUP_ENTRIES} entries or
 * {@link #CATCHUP_MILLIS} behind the primary or does not know the primary yet, and
 * Normal otherwise. The cluster is
 * Normal with a primary and every node Normal, Degraded with a primary and some node
 * not, Unavailable without a primary.
 */
record ClusterReport(String clusterState, String clusterId, String primary, long term, String version,
    boolean sqlReady, List<NodeReport> nodes) {

  static final long CATCHUP_ENTRIES = 1000;
  static final long CATCHUP_MILLIS = 5000;
  /**
   * Lag in time is judged only beyond this many entries: after an idle hour, a standby
   * one entry behind for a millisecond compares commit times an hour apart.
   */
  static final long TIME_JUDGED_ENTRIES = 5;

  /** One member. Numbers a node could not tell are -1. */
  record NodeReport(String id, String host, int raftPort, int adminPort, int clientPort, String role, String state,
      long term, long commitIndex, long appliedIndex, long lagEntries, long lagMillis, long uptimeMillis,
      long dataSizeBytes, long logSizeBytes, long diskFreeBytes, String version, String problem) {}

  NodeReport node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
  }

  /** One line per node: "n1 Primary Normal, n2 Standby Catchup (lag 120)". */
  String summary() {
    StringBuilder b = new StringBuilder();
    for (NodeReport n : nodes) {
      b.append(b.isEmpty() ? "" : ", ").append(n.id()).append(' ').append(n.role()).append(' ').append(n.state());
      if (n.lagEntries() > 0) {
        b.append(" (lag ").append(n.lagEntries()).append(')');
      }
    }
    return b.toString();
  }

  static ClusterReport of(StatusResponse view, Map<String, Target.Reply> replies) {
    StatusResponse primary = null;
    // Two nodes can both claim the role for a moment (a deposed primary that has not yet
    // heard of the new term); the claim of the higher term is the real one.
    for (Target.Reply r : replies.values()) {
      if (r.reachable() && r.status().getLeaderId().equals(r.status().getSelfId())
          && (primary == null || r.status().getTerm() > primary.getTerm())) {
        primary = r.status();
      }
    }
    List<NodeReport> nodes = new ArrayList<>();
    boolean allNormal = true;
    for (Member m : view.getMembersList()) {
      Target.Reply r = replies.get(m.getId());
      NodeReport node = node(m, r == null ? null : r.status(), r == null ? "not asked" : r.problem(), primary);
      allNormal &= node.state().equals("Normal");
      nodes.add(node);
    }
    String state = primary == null ? "Unavailable" : allNormal ? "Normal" : "Degraded";
    StatusResponse source = primary != null ? primary : view;
    return new ClusterReport(state, source.getClusterId(), primary == null ? null : primary.getSelfId(),
        source.getTerm(), source.getVersion(), primary != null && primary.getSqlPrimaryReady(), nodes);
  }

  private static NodeReport node(Member m, StatusResponse s, String problem, StatusResponse primary) {
    if (s == null) {
      return new NodeReport(m.getId(), m.getHost(), m.getRaftPort(), m.getAdminPort(), 0,
          m.getRole() == Role.ROLE_LEARNER ? "Learner" : "Down", "Unreachable", -1, -1, -1, -1, -1, -1, -1, -1, -1, "",
          problem);
    }
    String role;
    if (primary != null && primary.getSelfId().equals(s.getSelfId())) {
      role = "Primary";
    } else if (m.getRole() == Role.ROLE_LEARNER) {
      role = "Learner";
    } else if (s.getLeaderId().isEmpty()) {
      role = "Candidate";
    } else {
      role = "Standby";
    }
    long lagEntries = -1;
    long lagMillis = -1;
    String state = "Normal";
    if (primary != null) {
      lagEntries = Math.max(0, primary.getCommitIndex() - s.getAppliedIndex());
      if (lagEntries == 0) {
        lagMillis = 0;
      } else if (primary.getLastCommitTimeMillis() > 0 && s.getLastCommitTimeMillis() > 0) {
        lagMillis = Math.max(0, primary.getLastCommitTimeMillis() - s.getLastCommitTimeMillis());
      }
      if (s.getAppliedIndex() < primary.getFirstLogIndex() - 1) {
        state = "Installing snapshot";
      } else if (lagEntries > CATCHUP_ENTRIES || (lagEntries > TIME_JUDGED_ENTRIES && lagMillis > CATCHUP_MILLIS)
          || s.getLeaderId().isEmpty()) {
        state = "Catchup";
      }
    } else if (!s.getReady()) {
      state = "Catchup";
    }
    return new NodeReport(m.getId(), m.getHost(), m.getRaftPort(), s.getAdminPort(), s.getClientPort(), role, state,
        s.getTerm(), s.getCommitIndex(), s.getAppliedIndex(), lagEntries, lagMillis, s.getUptimeMillis(),
        s.getDataSizeBytes(), s.getLogSizeBytes(), s.getDiskFreeBytes(), s.getVersion(), null);
  }
}
