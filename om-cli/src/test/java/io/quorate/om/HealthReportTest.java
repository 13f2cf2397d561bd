package io.quorate.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.om.HealthReport.Result;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.StatusResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Proves each rule of om check and the verdict on statuses alone: what passes, what warns, what fails. */
class HealthReportTest {

  private static final long GIB = 1L << 30;
  private static final long MIB = 1L << 20;
  /** om's clock when it sent every request; answers arrive 10 ms later. */
  private static final long SENT = 1_000_000;

  private static final List<String> IDS = List.of("n1", "n2", "n3");

  /** A healthy node: n1 is the primary, everyone applied 1000 entries, clocks agree, 50 GiB free. */
  private static StatusResponse.Builder healthy(String id) {
    return StatusResponse.newBuilder().setSelfId(id).setLeaderId("n1").setTerm(3).setCommitIndex(1000)
        .setAppliedIndex(1000).setSnapshotIndex(900).setFirstLogIndex(800).setReady(true).setVersion("1.0")
        .setNodeTimeMillis(SENT + 5).setLastCommitTimeMillis(SENT).setDiskFreeBytes(50 * GIB)
        .setDataSizeBytes(100 * MIB).setLogSizeBytes(2 * MIB).setDataDir("/data/" + id);
  }

  private static StatusResponse view() {
    StatusResponse.Builder view = healthy("n1");
    for (String id : IDS) {
      view.addMembers(Member.newBuilder().setId(id).setHost("127.0.0.1").setRole(id.equals("n1") ? Role.ROLE_PRIMARY
          : Role.ROLE_STANDBY));
    }
    return view.build();
  }

  /** The report with n3's status changed by {@code n3} (null: n3 does not answer). */
  private static HealthReport report(UnaryOperator<StatusResponse.Builder> n3, Map<String, Long> thresholds) {
    StatusResponse view = view();
    Map<String, Target.Reply> replies = new LinkedHashMap<>();
    for (Member m : view.getMembersList()) {
      StatusResponse.Builder status = healthy(m.getId());
      if (m.getId().equals("n3")) {
        status = n3 == null ? null : n3.apply(status);
      }
      replies.put(m.getId(), new Target.Reply(m, "127.0.0.1:1", status == null ? null : status.build(),
          status == null ? "node unreachable (Connection refused)" : null, SENT, SENT + 10));
    }
    return HealthReport.of(view, replies, thresholds);
  }

  private static HealthReport report(UnaryOperator<StatusResponse.Builder> n3) {
    return report(n3, Map.of("n1", 50_000L, "n2", 50_000L, "n3", 50_000L));
  }

  private static HealthReport.Check check(HealthReport report, String name) {
    return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private static HealthReport.Finding n3(HealthReport report, String name) {
    return check(report, name).findings().stream().filter(f -> "n3".equals(f.node())).findFirst().orElseThrow();
  }

  @Test
  void aHealthyClusterPassesEveryCheck() {
    HealthReport report = report(s -> s);
    assertEquals(Result.OK, report.verdict(), CheckCommand.text(report));
    assertEquals(List.of("reachable", "primary", "versions", "clock skew", "disk space", "raft log",
        "replication lag"), report.checks().stream().map(HealthReport.Check::name).toList());
    assertTrue(CheckCommand.text(report).contains("verdict: OK, every check passed"), CheckCommand.text(report));
    assertEquals("+0 ms (±5 ms)", n3(report, "clock skew").detail(), "node time minus the middle of the round trip");
  }

  @Test
  void anUnreachableMemberFailsAndIsJudgedNowhereElse() {
    HealthReport report = report(null);
    assertEquals(Result.FAIL, report.verdict());
    assertEquals("2 of 3 members answered", check(report, "reachable").summary());
    assertEquals(Result.OK, check(report, "clock skew").result(), "only answers are judged");
    assertEquals(Result.OK, check(report, "replication lag").result());
    String text = CheckCommand.text(report);
    assertTrue(text.contains("FAIL n3: node unreachable") && text.contains("verdict: FAIL, 1 check failed"), text);
    String json = CheckCommand.json(report);
    assertTrue(json.startsWith("{\"verdict\":\"FAIL\",\"failures\":1,\"warnings\":0,"), json);
  }

  @Test
  void withoutAPrimaryTheVerdictFails() {
    StatusResponse view = view().toBuilder().setLeaderId("").build();
    Map<String, Target.Reply> replies = new LinkedHashMap<>();
    for (Member m : view.getMembersList()) {
      replies.put(m.getId(), new Target.Reply(m, "a", healthy(m.getId()).setLeaderId("").build(), null, SENT,
          SENT + 10));
    }
    HealthReport report = HealthReport.of(view, replies, Map.of());
    assertEquals(Result.FAIL, check(report, "primary").result());
    assertEquals(Result.WARN, check(report, "replication lag").result(), "lag cannot be judged without a primary");
  }

  @Test
  void differentVersionsWarn() {
    HealthReport report = report(s -> s.setVersion("1.1"));
    assertEquals(Result.WARN, report.verdict());
    assertTrue(check(report, "versions").summary().contains("[1.0, 1.1]"), check(report, "versions").summary());
    assertTrue(CheckCommand.text(report).contains("verdict: OK with 1 warning (no failures)"));
  }

  @Test
  void clockSkewCountsOnlyBeyondTheRoundTripsUncertainty() {
    assertEquals(Result.OK, n3(report(s -> s.setNodeTimeMillis(SENT + 5 + 500)), "clock skew").result());
    HealthReport ahead = report(s -> s.setNodeTimeMillis(SENT + 5 + 506));
    assertEquals(Result.WARN, n3(ahead, "clock skew").result(), "506 ms off, at most 5 of it the measurement's");
    assertEquals("+506 ms (±5 ms)", n3(ahead, "clock skew").detail());
    assertEquals(Result.FAIL, n3(report(s -> s.setNodeTimeMillis(SENT - 6000)), "clock skew").result());

    Member m = view().getMembers(2);
    Target.Reply slow = new Target.Reply(m, "a", healthy("n3").setNodeTimeMillis(SENT + 1500).build(), null, SENT,
        SENT + 2000);
    assertEquals(Result.OK, HealthReport.clock(slow).result(), "a 2 s round trip cannot tell 500 ms of skew");
  }

  @Test
  void diskSpaceFailsBelowOneGibOrTheDatabasesSizeAndWarnsBelowFiveOrTwiceTheData() {
    assertEquals(Result.FAIL, n3(report(s -> s.setDiskFreeBytes(900 * MIB)), "disk space").result());
    assertEquals(Result.WARN, n3(report(s -> s.setDiskFreeBytes(3 * GIB)), "disk space").result());
    assertEquals(Result.FAIL, n3(report(s -> s.setDiskFreeBytes(10 * GIB).setDataSizeBytes(12 * GIB)),
        "disk space").result(), "no room for a snapshot of the database");
    assertEquals(Result.WARN, n3(report(s -> s.setDiskFreeBytes(10 * GIB).setDataSizeBytes(6 * GIB)),
        "disk space").result());
    assertEquals(Result.WARN, n3(report(s -> s.setDiskFreeBytes(-1)), "disk space").result());
    HealthReport.Finding ok = n3(report(s -> s), "disk space");
    assertEquals("50.0 GiB free, data 100.0 MiB, log 2.0 MiB (/data/n3)", ok.detail());
  }

  @Test
  void theRaftLogWarnsWhenSnapshotsOrPurgingFallBehind() {
    HealthReport noSnapshot = report(s -> s.setSnapshotIndex(-1).setFirstLogIndex(0).setAppliedIndex(120_000)
        .setCommitIndex(120_000));
    assertTrue(n3(noSnapshot, "raft log").detail().startsWith("no snapshot yet although the log holds 120001 entries"),
        n3(noSnapshot, "raft log").detail());
    assertEquals(Result.OK, n3(report(s -> s.setSnapshotIndex(-1).setFirstLogIndex(0)), "raft log").result(),
        "a young log without a snapshot is fine");

    HealthReport oldSnapshot = report(s -> s.setSnapshotIndex(10).setFirstLogIndex(0).setAppliedIndex(200_000));
    assertTrue(n3(oldSnapshot, "raft log").detail().startsWith("last snapshot 199990 entries ago"));
    assertTrue(n3(report(s -> s.setSnapshotIndex(10).setFirstLogIndex(0).setAppliedIndex(200_000), Map.of()),
        "raft log").detail().contains("threshold 10000, assumed"), "a node that does not tell gets the default");
    assertEquals(Result.OK, n3(report(s -> s.setSnapshotIndex(10).setFirstLogIndex(0).setAppliedIndex(200_000),
        Map.of("n3", 1_000_000L)), "raft log").result(), "judged against the node's own threshold");

    HealthReport preserved = report(s -> s.setFirstLogIndex(10_000).setSnapshotIndex(60_000).setAppliedIndex(100_000)
        .setLogSizeBytes(500 * MIB));
    assertEquals(Result.OK, n3(preserved, "raft log").result(), "a threshold of entries before the snapshot is kept on purpose");
    HealthReport unpurged = report(s -> s.setFirstLogIndex(0).setSnapshotIndex(90_000).setAppliedIndex(100_000)
        .setLogSizeBytes(200 * MIB));
    assertEquals(Result.WARN, n3(unpurged, "raft log").result());
    assertTrue(n3(unpurged, "raft log").detail().contains("purging is behind"), n3(unpurged, "raft log").detail());
  }

  @Test
  void aStandbyCatchingUpWarns() {
    HealthReport report = report(s -> s.setAppliedIndex(990).setLastCommitTimeMillis(SENT - 6000));
    assertEquals(Result.WARN, n3(report, "replication lag").result());
    assertEquals("Catchup, 10 entries, 6000 ms behind the primary", n3(report, "replication lag").detail());
  }
}
