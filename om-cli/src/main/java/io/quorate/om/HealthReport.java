package io.quorate.om;

import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.StatusResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code om check}'s verdict, judged from every member's own status. Pure: built from
 * answers, so each rule is tested without a cluster. The thresholds and the reasons for
 * them are in om-cli/DESIGN.md.
 *
 * @param checks in the order they are printed
 */
record HealthReport(List<Check> checks) {

  /** How one check, or one node in it, came out; ordered from best to worst. */
  enum Result { OK, WARN, FAIL }

  /** What one check found on one node ({@code node} is null for a finding about the cluster). */
  record Finding(String node, Result result, String detail) {}

  /** One check: its worst finding's result, a one-line summary, and what it found on each node. */
  record Check(String name, Result result, String summary, List<Finding> findings) {}

  /** Skew of a node's clock from om's beyond which timestamps visibly disagree (see DESIGN). */
  static final long CLOCK_WARN_MILLIS = 500;
  /** Skew beyond which a clock is not synchronised at all. */
  static final long CLOCK_FAIL_MILLIS = 5000;
  /** Free space below which a node may not fit a snapshot of the database, whatever its size. */
  static final long DISK_FAIL_BYTES = 1L << 30;
  /** Free space below which a disk is getting full, whatever the database's size. */
  static final long DISK_WARN_BYTES = 5L << 30;
  /** Snapshot threshold assumed for a node that does not say its own (the node's default). */
  static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;
  /**
   * Log kept from before the last snapshot, beyond the threshold's worth of entries nodes
   * keep on purpose, above which purging is behind: eight default 8 MiB segments.
   */
  static final long PURGE_BEHIND_BYTES = 64L << 20;

  Result verdict() {
    return checks.stream().map(Check::result).max(Enum::compareTo).orElse(Result.OK);
  }

  long count(Result result) {
    return checks.stream().filter(c -> c.result() == result).count();
  }

  /**
   * Judges the cluster.
   *
   * @param view the membership (the primary's view when there is one)
   * @param replies every member's own status, with om's clock around each call
   * @param snapshotThresholds each node's snapshot-threshold, where it told it
   */
  static HealthReport of(StatusResponse view, Map<String, Target.Reply> replies, Map<String, Long> snapshotThresholds) {
    ClusterReport cluster = ClusterReport.of(view, replies);
    List<Check> checks = new ArrayList<>();
    checks.add(reachable(view, replies));
    checks.add(primary(cluster));
    checks.add(versions(replies));
    checks.add(perNode("clock skew", replies, HealthReport::clock, "every clock within " + CLOCK_WARN_MILLIS
        + " ms of om's"));
    checks.add(perNode("disk space", replies, HealthReport::disk, "enough free space on every data dir"));
    checks.add(perNode("raft log", replies, r -> log(r.status(), snapshotThresholds.get(r.member().getId())),
        "every log within its snapshot threshold"));
    checks.add(lag(cluster));
    return new HealthReport(List.copyOf(checks));
  }

  private static Check reachable(StatusResponse view, Map<String, Target.Reply> replies) {
    List<Finding> findings = new ArrayList<>();
    for (Member m : view.getMembersList()) {
      Target.Reply r = replies.get(m.getId());
      findings.add(r != null && r.reachable()
          ? new Finding(m.getId(), Result.OK, "answered in " + (r.receivedMillis() - r.sentMillis()) + " ms")
          : new Finding(m.getId(), Result.FAIL, r == null ? "not asked" : r.problem()));
    }
    long answered = findings.stream().filter(f -> f.result() == Result.OK).count();
    return new Check("reachable", worst(findings), answered + " of " + findings.size() + " members answered",
        List.copyOf(findings));
  }

  private static Check primary(ClusterReport cluster) {
    Finding finding = cluster.primary() == null
        ? new Finding(null, Result.FAIL, "no primary: writes stop until a majority of voters are up and in contact")
        : new Finding(cluster.primary(), Result.OK, cluster.primary() + " (term " + cluster.term() + ")");
    return new Check("primary", finding.result(), finding.detail(), List.of(finding));
  }

  private static Check versions(Map<String, Target.Reply> replies) {
    TreeSet<String> versions = new TreeSet<>();
    List<Finding> findings = new ArrayList<>();
    for (Target.Reply r : replies.values()) {
      if (r.reachable()) {
        versions.add(r.status().getVersion());
        findings.add(new Finding(r.member().getId(), Result.OK, r.status().getVersion()));
      }
    }
    if (versions.size() <= 1) {
      return check("versions", versions.isEmpty() ? "no node answered" : "every node runs " + versions.first(),
          findings);
    }
    List<Finding> mixed = findings.stream().map(f -> new Finding(f.node(), Result.WARN, f.detail())).toList();
    return new Check("versions", Result.WARN, "nodes run different versions " + versions
        + ": finish the rolling upgrade, an older node may not read what a newer primary writes", mixed);
  }

  /**
   * How far a node's clock is from om's: its time when it answered minus the middle of
   * the round trip. The answer can have been made anywhere in the round trip, so half of
   * it is the measurement's error, and only skew beyond that error counts.
   */
  static Finding clock(Target.Reply r) {
    long halfRoundTrip = (r.receivedMillis() - r.sentMillis() + 1) / 2;
    long skew = r.status().getNodeTimeMillis() - (r.sentMillis() + r.receivedMillis()) / 2;
    long beyondError = Math.max(0, Math.abs(skew) - halfRoundTrip);
    Result result = beyondError > CLOCK_FAIL_MILLIS ? Result.FAIL
        : beyondError > CLOCK_WARN_MILLIS ? Result.WARN : Result.OK;
    return new Finding(r.member().getId(), result, String.format(Locale.ROOT, "%+d ms (±%d ms)", skew,
        halfRoundTrip));
  }

  /**
   * Fails when free space is under {@link #DISK_FAIL_BYTES} or under the database's size
   * (a node that falls behind receives a whole snapshot next to its old data); warns
   * under {@link #DISK_WARN_BYTES} or twice the data and log together.
   */
  static Finding disk(Target.Reply r) {
    StatusResponse s = r.status();
    long free = s.getDiskFreeBytes();
    long data = Math.max(0, s.getDataSizeBytes());
    long log = Math.max(0, s.getLogSizeBytes());
    String facts = Output.bytes(free) + " free, data " + Output.bytes(data) + ", log " + Output.bytes(log)
        + " (" + s.getDataDir() + ")";
    if (free < 0) {
      return new Finding(r.member().getId(), Result.WARN, "free space unknown (" + s.getDataDir() + ")");
    }
    Result result = free < Math.max(DISK_FAIL_BYTES, data) ? Result.FAIL
        : free < Math.max(DISK_WARN_BYTES, 2 * (data + log)) ? Result.WARN : Result.OK;
    return new Finding(r.member().getId(), result, facts);
  }

  /**
   * Warns when snapshots or purging have fallen behind: no snapshot yet with more than
   * twice the threshold of entries in the log, the last snapshot more than twice the
   * threshold old, or more than {@link #PURGE_BEHIND_BYTES} of log kept from before the
   * last snapshot beyond the threshold's worth of entries a node keeps before it
   * (estimated from the share of entries, since only the total size is known).
   */
  static Finding log(StatusResponse s, Long threshold) {
    long t = threshold == null ? DEFAULT_SNAPSHOT_THRESHOLD : threshold;
    String assumed = threshold == null ? ", assumed" : "";
    long first = Math.max(0, s.getFirstLogIndex());
    long kept = Math.max(0, s.getAppliedIndex() - first + 1);
    long snapshot = s.getSnapshotIndex();
    boolean hasSnapshot = snapshot >= 0;
    String facts = kept + " entries, " + Output.bytes(s.getLogSizeBytes()) + (hasSnapshot
        ? ", snapshot at " + snapshot : ", no snapshot") + " (threshold " + t + assumed + ")";
    if (!hasSnapshot && kept > 2 * t) {
      return new Finding(s.getSelfId(), Result.WARN, "no snapshot yet although the log holds " + facts);
    }
    long sinceSnapshot = s.getAppliedIndex() - snapshot;
    if (hasSnapshot && sinceSnapshot > 2 * t) {
      return new Finding(s.getSelfId(), Result.WARN, "last snapshot " + sinceSnapshot + " entries ago: " + facts);
    }
    long beforeSnapshot = Math.max(0, Math.min(snapshot, s.getAppliedIndex()) - first + 1 - t);
    long bytesBefore = kept == 0 ? 0 : (long) ((double) s.getLogSizeBytes() * beforeSnapshot / kept);
    if (hasSnapshot && bytesBefore > PURGE_BEHIND_BYTES) {
      return new Finding(s.getSelfId(), Result.WARN, "about " + Output.bytes(bytesBefore)
          + " of log kept from before the snapshot (purging is behind): " + facts);
    }
    return new Finding(s.getSelfId(), Result.OK, facts);
  }

  private static Check lag(ClusterReport cluster) {
    List<Finding> findings = new ArrayList<>();
    for (ClusterReport.NodeReport n : cluster.nodes()) {
      if (n.state().equals("Unreachable")) {
        continue; // the reachable check has failed it already
      }
      String detail = n.state() + ", " + (n.lagEntries() < 0 ? "lag unknown" : n.lagEntries() + " entries"
          + (n.lagMillis() < 0 ? "" : ", " + n.lagMillis() + " ms") + " behind the primary");
      Result result = cluster.primary() == null ? Result.WARN : n.state().equals("Normal") ? Result.OK : Result.WARN;
      findings.add(new Finding(n.id(), result, cluster.primary() == null ? "lag unknown without a primary" : detail));
    }
    return check("replication lag", "every reachable standby within " + ClusterReport.CATCHUP_ENTRIES
        + " entries and " + ClusterReport.CATCHUP_MILLIS + " ms of the primary", findings);
  }

  private static Check perNode(String name, Map<String, Target.Reply> replies,
      java.util.function.Function<Target.Reply, Finding> judge, String okSummary) {
    List<Finding> findings = new ArrayList<>();
    for (Target.Reply r : replies.values()) {
      if (r.reachable()) {
        findings.add(judge.apply(r));
      }
    }
    return check(name, okSummary, findings);
  }

  /** A check whose result is its worst finding's; the summary names the nodes that are not OK. */
  private static Check check(String name, String okSummary, List<Finding> findings) {
    Result worst = worst(findings);
    if (worst == Result.OK) {
      return new Check(name, worst, okSummary, List.copyOf(findings));
    }
    List<String> bad = findings.stream().filter(f -> f.result() != Result.OK).map(Finding::node).toList();
    String summary = (worst == Result.FAIL ? "failed on " : "warning on ") + String.join(", ", bad);
    return new Check(name, worst, summary, List.copyOf(findings));
  }

  private static Result worst(List<Finding> findings) {
    return findings.stream().map(Finding::result).max(Enum::compareTo).orElse(Result.OK);
  }
}
