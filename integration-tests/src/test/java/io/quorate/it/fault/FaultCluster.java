package io.quorate.it.fault;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.it.om.OmTool;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import io.quorate.protocol.v1.TakeSnapshotRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster of real node processes made and operated through {@code bin/om}, as an
 * operator would, plus the faults om does not make: {@code kill -9}, SIGSTOP and
 * SIGCONT, each sent to a node by its own pid. Status comes straight from the nodes'
 * admin API (om would cost a JVM start per question).
 */
final class FaultCluster implements AutoCloseable {

  /** A node as {@code om status} lists it. */
  record Node(String id, int adminPort, int clientPort, Path dataDir) {}

  private static final Pattern NODE = Pattern.compile(
      "\\{\"id\":\"([^\"]+)\",\"host\":\"[^\"]*\",\"raft_port\":\\d+,\"admin_port\":(\\d+),\"client_port\":(\\d+)");

  private final OmTool om;
  private final Path dir;
  private final String clusterFile;
  private final String password;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private int nextNodeNumber;

  private FaultCluster(OmTool om, Path dir) throws IOException {
    this.om = om;
    this.dir = dir;
    this.clusterFile = dir.resolve("cluster.conf").toString();
    this.password = Files.readString(dir.resolve("superuser-password")).strip();
  }

  /** {@code om bootstrap --local size}; the nodes are n1..n{size}. */
  static FaultCluster bootstrap(int size) {
    OmTool om = new OmTool();
    boolean started = false;
    try {
      Path dir = om.root().resolve("cluster");
      om.ok("bootstrap", "--local", Integer.toString(size), "--dir", dir.toString());
      FaultCluster cluster = new FaultCluster(om, dir);
      cluster.nextNodeNumber = size + 1;
      cluster.refreshNodes();
      started = true;
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!started) {
        om.keepLogs();
        om.close();
      }
    }
  }

  OmTool om() {
    return om;
  }

  String clusterFile() {
    return clusterFile;
  }

  /** Re-reads the members from {@code om status} (after a membership change). */
  void refreshNodes() {
    String json = om.ok("status", "-c", clusterFile, "--format", "json").out();
    Matcher m = NODE.matcher(json);
    Map<String, Node> found = new TreeMap<>();
    while (m.find()) {
      found.put(m.group(1), new Node(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          dir.resolve(m.group(1))));
    }
    if (found.isEmpty()) {
      throw new AssertionError("om status listed no nodes:\n" + json);
    }
    nodes.keySet().retainAll(found.keySet());
    nodes.putAll(found);
  }

  List<String> ids() {
    return new ArrayList<>(new TreeMap<>(nodes).keySet());
  }

  /** A pgjdbc URL listing every node; pgjdbc finds the primary itself. */
  String jdbcUrl() {
    StringBuilder hosts = new StringBuilder();
    for (Node node : new TreeMap<>(nodes).values()) {
      hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(node.clientPort());
    }
    return "jdbc:postgresql://" + hosts + "/quorate";
  }

  /**
   * A connection to the primary. Timeouts are short so that a client notices a dead or
   * paused primary quickly: it then reconnects, which finds the new one.
   */
  Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "quorate");
    p.setProperty("password", password);
    p.setProperty("targetServerType", "primary");
    p.setProperty("connectTimeout", "2");
    p.setProperty("loginTimeout", "4");
    p.setProperty("socketTimeout", "10");
    p.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(jdbcUrl(), p);
  }

  private ManagedChannel channel(String id) {
    Node node = nodes.get(id);
    return channels.computeIfAbsent(id, n -> NettyChannelBuilder
        .forAddress("127.0.0.1", node.adminPort()).usePlaintext().build());
  }

  /** The node's status, if it answers within a second. */
  Optional<StatusResponse> status(String id) {
    if (!nodes.containsKey(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AdminServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(1, TimeUnit.SECONDS)
          .status(StatusRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Asks node {@code id} for a snapshot now and returns the first index its log still
   * holds afterwards (-1 if it does not answer).
   */
  long snapshotAndFirstLogIndex(String id) {
    try {
      AdminServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(30, TimeUnit.SECONDS)
          .takeSnapshot(TakeSnapshotRequest.newBuilder().setTimeoutMillis(20_000).build());
    } catch (StatusRuntimeException e) {
      return -1;
    }
    return status(id).map(StatusResponse::getFirstLogIndex).orElse(-1L);
  }

  /**
   * Commits about {@code bytes} of filler rows to a table of their own (one row of 1 MiB
   * per transaction), so that the Raft log fills and rolls its segments.
   */
  void writeBallast(int bytes) {
    String row = "x".repeat(1 << 20);
    try (Connection c = connect(); java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS fault_ballast (id bigserial PRIMARY KEY, filler text)");
      try (java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO fault_ballast (filler) VALUES (?)")) {
        for (int written = 0; written < bytes; written += row.length()) {
          insert.setString(1, row);
          insert.executeUpdate();
        }
      }
      s.execute("DELETE FROM fault_ballast");
    } catch (SQLException e) {
      System.out.println("[nemesis] ballast not written: " + e.getMessage());
    }
  }

  /**
   * Sets every node's snapshot threshold (a node setting, through {@code om config set
   * --node-id}) and restarts the nodes one by one so that it takes effect.
   */
  void setSnapshotThreshold(long entries) {
    for (String id : ids()) {
      om.ok("config", "set", "snapshot-threshold", Long.toString(entries), "--node-id", id, "-c", clusterFile);
    }
    om.ok("restart", "-c", clusterFile);
  }

  /** The node that reports itself as the ready primary now, if any. */
  Optional<String> primary() {
    for (String id : ids()) {
      if (isRunning(id) && !paused.contains(id)) {
        Optional<StatusResponse> s = status(id);
        if (s.isPresent() && s.get().getLeaderId().equals(id) && s.get().getReady() && s.get().getSqlPrimaryReady()) {
          return Optional.of(id);
        }
      }
    }
    return Optional.empty();
  }

  boolean isRunning(String id) {
    Node node = nodes.get(id);
    return node != null && OmTool.process(node.dataDir()).isPresent();
  }

  void kill9(String id) {
    OmTool.kill9(nodes.get(id).dataDir());
  }

  /** SIGSTOP: the process keeps its sockets but does nothing, like a long GC pause or a hung VM. */
  void pause(String id) {
    signal(id, "STOP");
    paused.add(id);
  }

  void resume(String id) {
    signal(id, "CONT");
    paused.remove(id);
  }

  private void signal(String id, String signal) {
    long pid = OmTool.process(nodes.get(id).dataDir())
        .orElseThrow(() -> new AssertionError(id + " does not run")).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code om start} for every stopped node; returns once all are Normal. */
  void startStopped() {
    om.ok("start", "-c", clusterFile);
  }

  void restart(String id) {
    om.ok("restart", "-c", clusterFile, "--node", id);
  }

  /** {@code om stop} then {@code om start} of the whole cluster. */
  void restartAll() {
    om.ok("stop", "-c", clusterFile);
    om.ok("start", "-c", clusterFile);
  }

  void switchover(String to) {
    om.ok("switchover", "-c", clusterFile, "--to", to);
  }

  /** {@code om add-node} of a new voter; returns its id. */
  String addNode() {
    String id = "n" + nextNodeNumber++;
    om.ok("add-node", "-c", clusterFile, "--id", id);
    refreshNodes();
    return id;
  }

  void removeNode(String id) {
    om.ok("remove-node", "-c", clusterFile, "--id", id);
    refreshNodes();
    channels.computeIfPresent(id, (k, c) -> {
      c.shutdownNow();
      return null;
    });
  }

  /** Keep the node logs when closing: the run failed. */
  void keepLogs() {
    om.keepLogs();
  }

  @Override
  public void close() {
    for (String id : List.copyOf(paused)) {
      try {
        resume(id);
      } catch (RuntimeException | AssertionError e) {
        // it may have been killed meanwhile; close() stops it either way
      }
    }
    channels.values().forEach(ManagedChannel::shutdownNow);
    om.close();
  }
}
