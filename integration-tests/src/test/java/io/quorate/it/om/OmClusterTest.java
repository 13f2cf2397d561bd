package io.quorate.it.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Drives {@code bin/om} exactly as a user would, against node processes it starts:
 * bootstrap, status as JSON, adding and removing nodes while a client commits
 * continuously, switchover to every node, stop and start, and the mistakes a user
 * makes (bad cluster files, wrong ports, dead nodes, a removal that would cost the
 * quorum), each refused with a clear message, a non-zero exit and no damage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OmClusterTest {

  private static final Pattern NODE = Pattern.compile(
      "\\{\"id\":\"([^\"]+)\".*?\"client_port\":(\\d+),\"role\":\"([^\"]+)\",\"state\":\"([^\"]+)\"");

  private OmTool om;
  @RegisterExtension
  final TestWatcher keepLogs = OmTool.keepLogsOnFailure(() -> om);
  private Path dir;
  private String clusterFile;
  private String jdbcUrl;

  @BeforeAll
  void bootstrap() {
    om = new OmTool();
    dir = om.root().resolve("c1");
    OmTool.Result result = om.ok("bootstrap", "--local", "3", "--dir", dir.toString(), "--format", "json");
    clusterFile = dir.resolve("cluster.conf").toString();
    assertTrue(result.out().contains("\"jdbc\":\"jdbc:postgresql://"), result.toString());
    assertTrue(result.out().contains("\"cluster_file\":\"" + clusterFile + "\""), result.toString());
    // n1-n3 stay members throughout; pgjdbc finds the primary among them by itself.
    StringBuilder hosts = new StringBuilder();
    for (String[] node : status().values()) {
      hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(node[2]);
    }
    jdbcUrl = "jdbc:postgresql://" + hosts + "/quorate";
  }

  @AfterAll
  void cleanUp() {
    if (om != null) {
      om.close();
    }
  }

  /** The nodes of {@code om status --format json}: id -> {role, state, client port}. */
  private Map<String, String[]> status() {
    String json = om.ok("status", "-c", clusterFile, "--format", "json").out();
    Map<String, String[]> nodes = new TreeMap<>();
    Matcher m = NODE.matcher(json);
    while (m.find()) {
      nodes.put(m.group(1), new String[] {m.group(3), m.group(4), m.group(2)});
    }
    return nodes;
  }

  private String primary() {
    String json = om.ok("status", "-c", clusterFile, "--format", "json").out();
    Matcher m = Pattern.compile("\"primary\":\"([^\"]+)\"").matcher(json);
    assertTrue(m.find(), json);
    return m.group(1);
  }

  private Connection connect() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "quorate");
    p.setProperty("password", Files.readString(dir.resolve("superuser-password")).strip());
    p.setProperty("targetServerType", "primary");
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbcUrl, p);
  }

  @Test
  @Order(1)
  void statusAsJsonShowsThreeNormalNodesAndOnePrimary() {
    Map<String, String[]> nodes = status();
    assertEquals(Set.of("n1", "n2", "n3"), nodes.keySet());
    assertTrue(nodes.values().stream().allMatch(n -> n[1].equals("Normal")), om.ok("status", "-c", clusterFile).out());
    assertEquals(1, nodes.values().stream().filter(n -> n[0].equals("Primary")).count());
    String text = om.ok("status", "-c", clusterFile, "--detail").out();
    assertTrue(text.contains("cluster_state : Normal") && text.contains("uptime"), text);
  }

  @Test
  @Order(2)
  void membershipChangesWhileAClientCommitsContinuously() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE ledger (id int PRIMARY KEY, note text)");
    }
    Writer writer = new Writer();
    Thread thread = Thread.ofPlatform().name("writer").start(writer);
    try {
      writer.awaitCommits(20);
      om.ok("add-node", "-c", clusterFile, "--id", "n4", "--learner");
      om.ok("add-node", "-c", clusterFile, "--id", "n5");
      Map<String, String[]> five = status();
      assertEquals(Set.of("n1", "n2", "n3", "n4", "n5"), five.keySet());
      assertEquals("Learner", five.get("n4")[0], "--learner adds a non-voting standby");
      // All five answer; under the writer on two cores a node may be briefly behind (Catchup).
      assertTrue(five.values().stream().noneMatch(n -> n[1].equals("Unreachable")),
          om.ok("status", "-c", clusterFile, "--detail").out());
      assertTrue(ClusterFileText.lists(dir, "n5"), "add-node records the node in the cluster file");

      OmTool.kill9(dir.resolve("n5"));
      OmTool.Result refused = om.run("remove-node", "-c", clusterFile, "--id", "n5");
      assertEquals(1, refused.code(), refused.toString());
      assertTrue(refused.err().contains("does not answer") && refused.err().contains("--force"), refused.toString());
      assertEquals(5, status().size(), "a refused removal changes nothing");
      om.ok("remove-node", "-c", clusterFile, "--id", "n5", "--force");
      om.ok("remove-node", "-c", clusterFile, "--id", "n4");
      assertTrue(OmTool.process(dir.resolve("n4")).isEmpty(), "a removed node is stopped");
      assertEquals(Set.of("n1", "n2", "n3"), status().keySet());
      assertTrue(!ClusterFileText.lists(dir, "n4") && !ClusterFileText.lists(dir, "n5"));
      int before = writer.acknowledged.size();
      writer.awaitCommits(before + 20);
    } finally {
      writer.stop.set(true);
      thread.join(Duration.ofSeconds(60));
    }
    assertTrue(writer.failure == null, () -> "writer failed: " + writer.failure);
    assertAllAcknowledgedRowsPresent(writer.acknowledged);
  }

  @Test
  @Order(3)
  void switchoverToEachNodeInTurn() {
    for (String to : List.of("n1", "n2", "n3")) {
      if (to.equals(primary())) {
        OmTool.Result already = om.run("switchover", "-c", clusterFile, "--to", to);
        assertEquals(1, already.code(), already.toString());
        assertTrue(already.err().contains("already the primary"), already.toString());
        continue;
      }
      OmTool.Result result = om.ok("switchover", "-c", clusterFile, "--to", to, "--format", "json");
      assertTrue(result.out().matches("(?s)\\{\"from\":\"n\\d\",\"to\":\"" + to + "\",\"elapsed_ms\":\\d+.*"),
          result.toString());
      assertEquals(to, primary());
    }
  }

  @Test
  @Order(4)
  void mistakesAreRefusedClearlyAndChangeNothing() throws Exception {
    Path bad = om.root().resolve("bad.conf");
    Files.writeString(bad, "cluster-id = x\nnode n1 = host=127.0.0.1 raft-port=1 admin-port=2\n");
    OmTool.Result badFile = om.run("status", "-c", bad.toString());
    assertEquals(2, badFile.code(), badFile.toString());
    assertTrue(badFile.err().contains("bad.conf:2") && badFile.err().contains("client-port"), badFile.toString());

    int port = io.quorate.raft.cluster.InJvmCluster.freePort();
    Files.writeString(bad, "node n1 = host=127.0.0.1 raft-port=" + io.quorate.raft.cluster.InJvmCluster.freePort()
        + " admin-port=" + port + " client-port=" + io.quorate.raft.cluster.InJvmCluster.freePort() + " data-dir=d\n");
    OmTool.Result wrongPorts = om.run("status", "-c", bad.toString());
    assertEquals(1, wrongPorts.code(), wrongPorts.toString());
    assertTrue(wrongPorts.err().contains("no node answered") && wrongPorts.err().contains("127.0.0.1:" + port),
        wrongPorts.toString());
    OmTool.Result unreachable = om.run("switchover", "--node", "127.0.0.1:" + port, "--to", "n1");
    assertEquals(1, unreachable.code(), unreachable.toString());
    assertTrue(unreachable.err().contains("unreachable"), unreachable.toString());

    OmTool.Result again = om.run("bootstrap", "--local", "3", "--dir", dir.toString());
    assertEquals(1, again.code(), again.toString());
    assertTrue(again.err().contains("already exists"), again.toString());
    OmTool.Result forcedOverRunning = om.run("bootstrap", "--local", "3", "--dir", dir.toString(), "--force");
    assertEquals(1, forcedOverRunning.code(), forcedOverRunning.toString());
    assertTrue(forcedOverRunning.err().contains("already running"), forcedOverRunning.toString());

    assertEquals(2, om.run("remove-node", "-c", clusterFile, "--id", "n9").code());
    assertEquals(2, om.run("add-node", "-c", clusterFile, "--id", "n1").code());
    assertEquals(2, om.run("switchover", "-c", clusterFile, "--to", "n9").code());
    assertEquals(2, om.run("status", "-c", clusterFile, "--format", "xml").code());
    assertEquals(2, om.run("bootstrap").code());
    assertEquals(0, om.run("bootstrap", "--help").code());

    // With one of three nodes dead, removing another live one would leave 1 of 2: no quorum.
    String standby = status().entrySet().stream().filter(e -> e.getValue()[0].equals("Standby")).findFirst()
        .orElseThrow().getKey();
    String other = status().entrySet().stream().filter(e -> e.getValue()[0].equals("Standby")
        && !e.getKey().equals(standby)).findFirst().orElseThrow().getKey();
    OmTool.kill9(dir.resolve(standby));
    OmTool.Result noQuorum = om.run("remove-node", "-c", clusterFile, "--id", other);
    assertEquals(1, noQuorum.code(), noQuorum.toString());
    assertTrue(noQuorum.err().contains("majority"), noQuorum.toString());
    Map<String, String[]> degraded = status();
    assertEquals(3, degraded.size(), "the refused removal changed nothing");
    assertEquals("Unreachable", degraded.get(standby)[1]);
    om.ok("start", "-c", clusterFile, "--node", standby);
    // om start returned once the node was Normal; a rejoining node can still cause a
    // short election (it is Catchup while it knows no primary). The cluster is whole again soon.
    ProcessCluster.await("every node is Normal again",
        () -> status().values().stream().allMatch(n -> n[1].equals("Normal")));
  }

  @Test
  @Order(5)
  void stopStartAndRollingRestartKeepTheData() throws Exception {
    long rows;
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT count(*) FROM ledger")) {
      r.next();
      rows = r.getLong(1);
    }
    om.ok("stop", "-c", clusterFile);
    for (String id : List.of("n1", "n2", "n3")) {
      assertTrue(OmTool.process(dir.resolve(id)).isEmpty(), id + " stopped");
    }
    OmTool.Result down = om.run("status", "-c", clusterFile);
    assertEquals(1, down.code(), down.toString());
    om.ok("start", "-c", clusterFile);
    long before = OmTool.process(dir.resolve("n1")).orElseThrow().pid();
    om.ok("restart", "-c", clusterFile, "--node", "n1");
    long after = OmTool.process(dir.resolve("n1")).orElseThrow().pid();
    assertTrue(before != after, "restart ran n1 as a new process");
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
        "SELECT count(*) FROM ledger")) {
      r.next();
      assertEquals(rows, r.getLong(1));
    }
  }

  @Test
  @Order(6)
  void bootstrapFromAHandWrittenClusterFile() throws Exception {
    Path other = om.root().resolve("c2");
    Files.createDirectories(other);
    Path file = other.resolve("mine.conf");
    Files.writeString(file, "# one node, as a user would write it\ncluster-id = handmade\nauth = trust\n"
        + "node solo = host=127.0.0.1 raft-port=" + io.quorate.raft.cluster.InJvmCluster.freePort() + " admin-port="
        + io.quorate.raft.cluster.InJvmCluster.freePort() + " client-port=" + io.quorate.raft.cluster.InJvmCluster.freePort()
        + " data-dir=solo-data\n");
    OmTool.Result result = om.ok("bootstrap", "-c", file.toString());
    assertTrue(result.out().contains("The cluster is ready") && result.out().contains("primary       : solo"),
        result.toString());
    assertTrue(Files.isDirectory(other.resolve("solo-data/raft")), "data-dir is relative to the cluster file");
    om.ok("stop", "-c", file.toString());
    assertTrue(OmTool.process(other.resolve("solo-data")).isEmpty());
  }

  private void assertAllAcknowledgedRowsPresent(Set<Integer> acknowledged) throws Exception {
    Set<Integer> present = new HashSet<>();
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id FROM ledger")) {
      while (r.next()) {
        present.add(r.getInt(1));
      }
    }
    Set<Integer> lost = new HashSet<>(acknowledged);
    lost.removeAll(present);
    assertTrue(lost.isEmpty(), "acknowledged commits lost: " + lost);
    assertTrue(acknowledged.size() >= 40, "the writer committed throughout: " + acknowledged.size());
  }

  /** Reads the cluster file as text. */
  private static final class ClusterFileText {
    static boolean lists(Path dir, String id) {
      try {
        return Files.readString(dir.resolve("cluster.conf")).contains("node " + id + " =");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** Inserts rows one autocommit at a time through the primary, reconnecting across changes; bounded. */
  private final class Writer implements Runnable {
    final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<String> errors = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    volatile Throwable failure;

    @Override
    public void run() {
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      int next = 1;
      Connection c = null;
      try {
        while (!stop.get() && next <= 20_000 && System.nanoTime() < deadline) {
          try {
            if (c == null) {
              c = connect();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger VALUES (?, 'row')")) {
              insert.setInt(1, next);
              insert.executeUpdate();
            }
            acknowledged.add(next);
            next++;
            Thread.sleep(10); // paces the load (about 50 commits/s at most); not a wait for a condition
          } catch (SQLException e) {
            // A membership change or a new primary: reconnect; an unacknowledged row is tried with a new id.
            if (errors.size() < 20) {
              errors.add(e.getSQLState() + " " + e.getMessage());
            }
            next++;
            closeQuietly(c);
            c = null;
          }
        }
      } catch (Throwable t) {
        failure = t;
      } finally {
        closeQuietly(c);
      }
    }

    void awaitCommits(int count) {
      try {
        ProcessCluster.await(count + " commits are acknowledged", () -> acknowledged.size() >= count || failure != null);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + " (" + acknowledged.size() + " so far; first errors: " + errors + ")",
            e);
      }
      assertTrue(failure == null, () -> "writer failed: " + failure);
    }

    private void closeQuietly(Connection c) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException e) {
          // already broken
        }
      }
    }
  }
}
