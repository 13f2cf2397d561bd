package io.quorate.it.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the distribution's {@code bin/om config} and {@code bin/om check} against three
 * node processes: a cluster-wide setting set through om is read back on every node (by
 * om and by new JDBC sessions), a node setting changes one node and outlives its
 * restart, bad keys and values exit 2 with a clear message and change nothing, and a
 * killed node turns the check's verdict to FAIL (exit 1).
 */
class OmConfigCheckTest {

  /** What om printed and how it exited. */
  private record Om(int exitCode, String out, String err) {
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @TempDir
  Path dir;

  private ProcessCluster cluster;
  private Path clusterFile;
  private final AtomicInteger runs = new AtomicInteger();

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void configSetAndReadBackOnEveryNodeAndCheckJudgesTheCluster() throws Exception {
    cluster = ProcessCluster.start(3);
    clusterFile = writeClusterFile();
    cluster.ids().forEach(cluster::awaitSql);

    Om healthy = om("check");
    assertEquals(0, healthy.exitCode(), healthy.all());
    assertTrue(healthy.out().contains("reachable        3 of 3 members answered")
        && healthy.out().contains("verdict: OK"), healthy.all());

    Om set = om("config", "set", "statement_timeout", "7s");
    assertEquals(0, set.exitCode(), set.all());
    assertTrue(set.out().startsWith("statement_timeout: 0 -> 7s for the whole cluster"), set.all());
    for (String id : cluster.ids()) {
      assertTrue(set.out().contains("  " + id + ": 7s"), "om read it back on " + id + ": " + set.all());
      assertEquals("7s", show(id, "statement_timeout"), "a new JDBC session on " + id);
    }
    Om each = om("config", "get", "statement_timeout", "--each-node", "--format", "json");
    assertEquals(0, each.exitCode(), each.all());
    assertEquals(3, each.out().split("\"value\":\"7s\"", -1).length - 1, each.all());

    // Refusals change nothing, so they run side by side (each om is a JVM start).
    List<Om> refused = omInParallel(
        List.of("config", "set", "colour", "blue"),
        List.of("config", "set", "statement_timeout", "soon"),
        List.of("config", "set", "default_transaction_isolation", "chaos"),
        List.of("config", "set", "max-connections", "5"),
        List.of("config", "set", "max-connections", "0", "--node-id", "n2"),
        List.of("config", "set", "statement_timeout", "1s", "--node-id", "n2"));
    assertRefused(refused.get(0), "unknown setting 'colour'", "statement_timeout");
    assertRefused(refused.get(1), "invalid value for parameter \"statement_timeout\"", "us\", \"ms\"");
    assertRefused(refused.get(2), "chaos", "serializable");
    assertRefused(refused.get(3), "a setting of each node", "--node-id");
    assertRefused(refused.get(4), "outside 1-10000", "max-connections");
    assertRefused(refused.get(5), "cluster-wide", "drop --node-id");
    Om unchanged = om("config", "get", "statement_timeout");
    assertTrue(unchanged.out().startsWith("statement_timeout = 7s (cluster-wide, set for the cluster, default 0)"), unchanged.all());

    Om local = om("config", "set", "max-connections", "50", "--node-id", "n2");
    assertEquals(0, local.exitCode(), local.all());
    assertTrue(local.out().contains("max-connections on n2: 100 -> 50, in effect now"), local.all());
    Om later = om("config", "set", "snapshot-threshold", "20000", "--node-id", "n2");
    assertTrue(later.out().contains("from the next restart of n2"), later.all());

    cluster.stop("n2");
    cluster.startNode("n2");
    cluster.awaitSql("n2");
    List<Om> afterRestart = omInParallel(List.of("config", "get", "max-connections"),
        List.of("config", "get", "snapshot-threshold", "--node-id", "n2"));
    assertEquals(0, afterRestart.get(0).exitCode(), afterRestart.get(0).all());
    assertTrue(afterRestart.get(0).out().contains("n1: 100 (the default)")
        && afterRestart.get(0).out().contains("n2: 50 (from node.auto.conf, default 100)"), afterRestart.get(0).all());
    assertTrue(afterRestart.get(1).out().contains("n2: 20000 (from node.auto.conf, default 10000)"), afterRestart.get(1).all());
    assertEquals("7s", show("n2", "statement_timeout"), "after n2's restart");

    cluster.kill9("n3");
    Om degraded = om("check", "--timeout-ms", "2000");
    assertEquals(1, degraded.exitCode(), degraded.all());
    assertTrue(degraded.out().contains("FAIL  reachable        2 of 3 members answered")
        && degraded.out().contains("verdict: FAIL"), degraded.all());
  }

  private static void assertRefused(Om om, String... expected) {
    assertEquals(2, om.exitCode(), om.all());
    for (String text : expected) {
      assertTrue(om.err().contains(text), "'" + text + "' in " + om.all());
    }
  }

  private String show(String id, String name) throws SQLException {
    try (Connection connection = cluster.connect(id); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** om's cluster file for the test cluster (the nodes' data dirs are not om's business here). */
  private Path writeClusterFile() throws IOException {
    StringBuilder text = new StringBuilder("cluster-id = it\n");
    for (String id : cluster.ids()) {
      ProcessCluster.NodePorts p = cluster.ports(id);
      text.append("node ").append(id).append(" = host=127.0.0.1 raft-port=").append(p.raftPort())
          .append(" admin-port=").append(p.adminPort()).append(" client-port=").append(p.clientPort())
          .append(" data-dir=").append(id).append('\n');
    }
    Path file = dir.resolve("cluster.conf");
    Files.writeString(file, text);
    return file;
  }

  @SafeVarargs
  private List<Om> omInParallel(List<String>... commands) throws Exception {
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Om>> running = new ArrayList<>();
      for (List<String> command : commands) {
        running.add(pool.submit(() -> om(command.toArray(String[]::new))));
      }
      List<Om> results = new ArrayList<>();
      for (Future<Om> result : running) {
        results.add(result.get());
      }
      return results;
    }
  }

  /** Runs bin/om with the cluster file, bounded in time, stopped by its own pid if it hangs. */
  private Om om(String... args) throws InterruptedException {
    List<String> command = new ArrayList<>(List.of(ProcessCluster.distribution().resolve("bin/om").toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--cluster-file", clusterFile.toString()));
    int run = runs.incrementAndGet();
    Path out = dir.resolve("om-" + run + ".out");
    Path err = dir.resolve("om-" + run + ".err");
    try {
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("om " + String.join(" ", args) + " did not finish in 60 s");
      }
      return new Om(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
