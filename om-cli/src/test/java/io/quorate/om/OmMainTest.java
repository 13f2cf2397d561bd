package io.quorate.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.Setting;
import io.quorate.protocol.v1.SettingScope;
import io.quorate.protocol.v1.StatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves om's exit codes and messages, and how it judges and prints a cluster's state. */
class OmMainTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = OmMain.run(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpAndUsageErrors() {
    Outcome help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("status"), help.out());
    assertEquals(2, run().code(), "no command is a usage error");
    Outcome unknown = run("frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("om: "), unknown.err());
    assertEquals(2, run("status").code(), "--node is required");
    assertEquals(2, run("status", "--node", "no-port").code());
    assertEquals(2, run("status", "--node", "127.0.0.1:1", "--format", "xml").code());
  }

  @Test
  void configAndCheckRefuseBadUsageBeforeAskingAnyNode() {
    Outcome help = run("--help");
    assertTrue(help.out().contains("config") && help.out().contains("check"), help.out());
    Outcome none = run("config", "--node", "127.0.0.1:1");
    assertEquals(2, none.code());
    assertTrue(none.err().contains("say what to do: get KEY, set KEY VALUE, reset KEY or list"), none.err());
    Outcome unknown = run("config", "frob", "--node", "127.0.0.1:1");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown action 'frob'"), unknown.err());
    Outcome arity = run("config", "set", "statement_timeout", "--node", "127.0.0.1:1");
    assertEquals(2, arity.code());
    assertTrue(arity.err().contains("set takes KEY VALUE, got [statement_timeout]"), arity.err());
    assertEquals(2, run("config", "list", "--node", "127.0.0.1:1", "--format", "yaml").code());
    assertEquals(2, run("check").code(), "which cluster must be said");
    assertEquals(0, run("config", "--help").code());
    assertEquals(0, run("check", "--help").code());
  }

  @Test
  void aSettingSaysWhereItsValueComesFrom() {
    Setting.Builder timeout = Setting.newBuilder().setName("statement_timeout").setValue("0").setDefaultValue("0")
        .setSource("default").setScope(SettingScope.SETTING_SCOPE_CLUSTER);
    assertEquals("statement_timeout = 0 (cluster-wide, the default)", ConfigCommand.describe(timeout.build()));
    assertEquals("statement_timeout = 7s (cluster-wide, set for the cluster, default 0)",
        ConfigCommand.describe(timeout.setValue("7s").setSource("cluster").build()));
    Setting threshold = Setting.newBuilder().setName("snapshot-threshold").setValue("50000").setDefaultValue("50000")
        .setSource("/etc/quorate/node.conf").setPendingValue("2000").setScope(SettingScope.SETTING_SCOPE_NODE).build();
    assertEquals("snapshot-threshold = 50000 (node, from /etc/quorate/node.conf, default 50000); 2000 from the next"
        + " restart", ConfigCommand.describe(threshold));
    String json = ConfigCommand.settingsJson(List.of(new ConfigCommand.NodeSetting("n2", threshold)));
    assertTrue(json.contains("\"node\":\"n2\"") && json.contains("\"pending_value\":\"2000\""), json);
  }

  @Test
  void unreachableNodeFailsWithOneSentence() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    for (String[] command : new String[][] {{"status"}, {"check"}, {"config", "get", "statement_timeout"}}) {
      List<String> args = new ArrayList<>(List.of(command));
      args.addAll(List.of("--node", "127.0.0.1:" + port, "--timeout-ms", "2000"));
      Outcome o = run(args.toArray(String[]::new));
      assertEquals(1, o.code(), args.toString());
      // On a loaded machine the first channel's set-up can outlast the deadline: either sentence is right.
      assertTrue(o.err().contains("127.0.0.1:" + port)
          && (o.err().contains("unreachable") || o.err().contains("did not answer in time")), o.err());
    }
  }

  @Test
  void clusterStateFollowsPrimaryAndEveryNodesOwnAnswer() {
    StatusResponse p = status("n1", "n1", 100, 100, 1_000_000).build();
    StatusResponse s2 = status("n2", "n1", 100, 100, 1_000_000).build();
    StatusResponse s3 = status("n3", "n1", 100, 98, 999_000).build();
    StatusResponse view = p.toBuilder().addMembers(member("n1", Role.ROLE_PRIMARY))
        .addMembers(member("n2", Role.ROLE_STANDBY)).addMembers(member("n3", Role.ROLE_STANDBY)).build();

    ClusterReport normal = ClusterReport.of(view, replies(view, p, s2, s3));
    assertEquals("Normal", normal.clusterState());
    assertEquals("n1", normal.primary());
    ClusterReport.NodeReport n3 = normal.nodes().get(2);
    assertEquals("Standby", n3.role());
    assertEquals(2, n3.lagEntries());
    assertEquals(1000, n3.lagMillis(), "lag in time compares commit times, both on the primary's clock");

    ClusterReport degraded = ClusterReport.of(view, replies(view, p, s2, null));
    assertEquals("Degraded", degraded.clusterState());
    assertEquals("Unreachable", degraded.nodes().get(2).state());
    assertEquals("Down", degraded.nodes().get(2).role());

    StatusResponse busy = status("n1", "n1", 5000, 5000, 1_000_000).build();
    StatusResponse behind = status("n3", "n1", 5000, 5000 - ClusterReport.CATCHUP_ENTRIES - 1, 999_999).build();
    assertEquals("Catchup", ClusterReport.of(view, replies(view, busy, s2, behind)).nodes().get(2).state());
    StatusResponse purged = p.toBuilder().setFirstLogIndex(50).build();
    StatusResponse empty = status("n3", "n1", 0, 0, 0).build();
    assertEquals("Installing snapshot", ClusterReport.of(view, replies(view, purged, s2, empty)).nodes().get(2).state());

    StatusResponse lost = status("n2", "", 100, 100, 1).build();
    assertEquals("Unavailable", ClusterReport.of(view, replies(view, null, lost, null)).clusterState());

    String text = StatusCommand.text(degraded, true);
    assertTrue(text.contains("n1*") && text.contains("Primary") && text.contains("Unreachable"), text);
    String json = StatusCommand.json(degraded);
    assertTrue(json.contains("\"cluster_state\":\"Degraded\"") && json.contains("\"problem\":\"down\""), json);
  }

  @Test
  void clusterFileRoundTripsAndReportsMistakesWithTheirLine() throws IOException {
    Path dir = Files.createTempDirectory("om-test-");
    try {
      Path file = dir.resolve("cluster.conf");
      Files.writeString(file, """
          # three nodes
          cluster-id = prod
          superuser-password-file = pw
          node n1 = host=127.0.0.1 raft-port=7100 admin-port=7200 client-port=5432 data-dir=n1
          node n2 = host=127.0.0.1 raft-port=7101 admin-port=7201 client-port=5433 data-dir=/abs/n2
          """);
      ClusterFile c = ClusterFile.read(file);
      assertEquals("prod", c.clusterId());
      assertEquals(dir.resolve("n1"), c.require("n1").dataDir());
      assertEquals(dir.resolve("pw"), c.superuserPasswordFile());
      assertEquals("n1=127.0.0.1:7100:7200,n2=127.0.0.1:7101:7201", c.peers());
      c.withoutNode("n2").write();
      assertEquals(1, ClusterFile.read(file).nodes().size());
      assertEquals(dir.resolve("n1"), ClusterFile.read(file).require("n1").dataDir(), "relative paths stay relative");

      Files.writeString(file, "cluster-id = x\nnode n1 = host=h raft-port=7100 admin-port=7100 client-port=1 data-dir=d\n");
      OmException same = assertThrows(OmException.class, () -> ClusterFile.read(file));
      assertTrue(same.getMessage().contains("three different ports"), same.getMessage());
      Files.writeString(file, "cluster-id = x\nnode n1 = host=h raft-port=70000 admin-port=1 client-port=2 data-dir=d\n");
      OmException range = assertThrows(OmException.class, () -> ClusterFile.read(file));
      assertTrue(range.getMessage().contains(":2: node n1: raft-port"), range.getMessage());
      Files.writeString(file, "colour = blue\n");
      assertTrue(assertThrows(OmException.class, () -> ClusterFile.read(file)).getMessage().contains("unknown key"));
      assertEquals(2, run("status", "--cluster-file", file.toString()).code(), "a bad cluster file is a usage error");
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theHigherTermsClaimIsThePrimaryAndRestartKeepsAMajority() {
    StatusResponse deposed = status("n1", "n1", 90, 90, 1).setTerm(5).build();
    StatusResponse current = status("n2", "n2", 100, 100, 2).setTerm(6).build();
    StatusResponse s3 = status("n3", "n2", 100, 100, 2).setTerm(6).build();
    StatusResponse view = current.toBuilder().addMembers(member("n1", Role.ROLE_STANDBY))
        .addMembers(member("n2", Role.ROLE_PRIMARY)).addMembers(member("n3", Role.ROLE_STANDBY)).build();
    ClusterReport report = ClusterReport.of(view, replies(view, deposed, current, s3));
    assertEquals("n2", report.primary());
    assertEquals("Standby", report.node("n1").role());

    ClusterReport oneDown = ClusterReport.of(view, replies(view, null, current, s3));
    RestartCommand.checkQuorumWithout(report, "n3");
    OmException refused = assertThrows(OmException.class, () -> RestartCommand.checkQuorumWithout(oneDown, "n3"));
    assertTrue(refused.getMessage().contains("majority of 2"), refused.getMessage());

    StatusResponse idle = status("n3", "n2", 99, 99, 2 - 3_600_000).setTerm(6).build();
    assertEquals("Normal", ClusterReport.of(view, replies(view, deposed, current, idle)).node("n3").state(),
        "one entry behind after an idle hour is not Catchup");
  }

  @Test
  void dataDirsAreWipedOnlyOfWhatQuorateWrote() throws IOException {
    Path dir = Files.createTempDirectory("om-dirs-");
    try {
      Path n1 = dir.resolve("n1");
      Files.createDirectories(n1.resolve("raft"));
      Files.writeString(n1.resolve("node.log"), "log");
      ClusterFile.Node node = new ClusterFile.Node("n1", "127.0.0.1", 1, 2, 3, n1);
      ClusterFile cluster = new ClusterFile(dir.resolve("cluster.conf"), "c", "trust", "quorate", null, List.of(node));
      DataDirs.wipe(cluster, node);
      assertTrue(Files.isDirectory(n1) && !Files.exists(n1.resolve("raft")) && !Files.exists(n1.resolve("node.log")));

      Files.writeString(n1.resolve("thesis.tex"), "years of work");
      OmException foreign = assertThrows(OmException.class, () -> DataDirs.wipe(cluster, node));
      assertTrue(foreign.getMessage().contains("thesis.tex"), foreign.getMessage());
      assertTrue(Files.exists(n1.resolve("thesis.tex")));

      ClusterFile.Node home = new ClusterFile.Node("n1", "127.0.0.1", 1, 2, 3, dir);
      ClusterFile holdsFile = new ClusterFile(dir.resolve("cluster.conf"), "c", "trust", "quorate", null, List.of(home));
      assertThrows(OmException.class, () -> DataDirs.wipe(holdsFile, home), "never the cluster file's own directory");
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void jsonNestsAndEscapes() {
    String json = new Json().object().field("a", "x\"y").array("b").object().field("c", 1).end().element("d").end()
        .field("e", (String) null).end().toString();
    assertEquals("{\"a\":\"x\\\"y\",\"b\":[{\"c\":1},\"d\"],\"e\":null}", json);
  }

  @Test
  void backupNeedsAnEmptyTargetAndATarget() throws IOException {
    assertEquals(2, run("backup", "--node", "127.0.0.1:1").code(), "--to is required");
    assertEquals(0, run("backup", "--help").code());
    Path dir = Files.createTempDirectory("om-backup-");
    try {
      Files.writeString(dir.resolve("old"), "x");
      Outcome o = run("backup", "--node", "127.0.0.1:1", "--to", dir.toString());
      assertEquals(1, o.code());
      assertTrue(o.err().startsWith("om backup: ") && o.err().contains("is not empty"), o.err());
      assertEquals("x", Files.readString(dir.resolve("old")));
      Path fresh = dir.resolve("fresh");
      assertEquals(1, run("backup", "--node", "127.0.0.1:1", "--timeout-ms", "500", "--to", fresh.toString()).code());
      assertTrue(Files.notExists(fresh), "an unreachable node leaves no directory behind");
    } finally {
      LocalFiles.deleteTree(dir);
    }
  }

  @Test
  void restoreChecksItsOptionsAndTheBackupBeforeCreatingAnything() throws IOException {
    Outcome help = run("restore", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("--from") && help.out().contains("--local"), help.out());
    assertEquals(2, run("restore", "--local", "3").code(), "--from is required");
    Path dir = Files.createTempDirectory("om-restore-");
    try {
      Path cluster = dir.resolve("cluster");
      Outcome noNodes = run("restore", "--from", dir.toString());
      assertEquals(2, noNodes.code());
      assertTrue(noNodes.err().contains("--local N or --cluster-file"), noNodes.err());
      Outcome incomplete = run("restore", "--from", dir.toString(), "--local", "3", "--dir", cluster.toString());
      assertEquals(1, incomplete.code());
      assertTrue(incomplete.err().startsWith("om restore: ") && incomplete.err().contains("has no MANIFEST")
          && incomplete.err().contains("nothing was created"), incomplete.err());
      assertTrue(Files.notExists(cluster), "no cluster directory was made");
    } finally {
      LocalFiles.deleteTree(dir);
    }
  }

  @Test
  void failoverExplainsThatItIsAutomatic() {
    Outcome o = run("failover");
    assertEquals(2, o.code());
    assertTrue(o.err().contains("automatic") && o.err().contains("switchover"), o.err());
  }

  private static StatusResponse.Builder status(String self, String leader, long commit, long applied, long commitTime) {
    return StatusResponse.newBuilder().setSelfId(self).setLeaderId(leader).setCommitIndex(commit)
        .setAppliedIndex(applied).setLastCommitTimeMillis(commitTime).setReady(true).setClusterId("c");
  }

  private static Map<String, Target.Reply> replies(StatusResponse view, StatusResponse... statuses) {
    Map<String, Target.Reply> replies = new LinkedHashMap<>();
    for (int i = 0; i < view.getMembersCount(); i++) {
      Member m = view.getMembers(i);
      replies.put(m.getId(), new Target.Reply(m, "127.0.0.1:1", statuses[i], statuses[i] == null ? "down" : null));
    }
    return replies;
  }

  private static Member member(String id, Role role) {
    return Member.newBuilder().setId(id).setHost("127.0.0.1").setRaftPort(7100).setRole(role)
        .setCommitIndex(5).setLastContactMillis(-1).build();
  }
}
