package io.quorate.it.fault;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.it.om.OmTool;
import io.quorate.it.process.ProcessCluster;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
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
 * SIGCONT, each sent to a node by its own pid, and network partitions. Status comes
 * straight from the nodes' admin API (om would cost a JVM start per question).
 *
 * <p>Either every node listens on loopback ({@link #bootstrap}), or each node {@code nK}
 * runs in network namespace {@code K} of a {@link Netns} with an address of its own
 * ({@link #bootstrapInNamespaces}); only the latter can be partitioned. om treats those
 * nodes as nodes on other hosts: it prints the command that starts each and waits for it,
 * and this class runs that command inside the node's namespace, as an operator would on
 * the other host.
 */
final class FaultCluster implements AutoCloseable {

  /** A node as {@code om status} lists it. */
  record Node(String id, String host, int adminPort, int clientPort, Path dataDir) {}

  private static final Pattern NODE = Pattern.compile(
      "\\{\"id\":\"([^\"]+)\",\"host\":\"([^\"]*)\",\"raft_port\":\\d+,\"admin_port\":(\\d+),\"client_port\":(\\d+)");
  /** om's line before the command that starts a node on another host. */
  private static final Pattern START_ELSEWHERE = Pattern.compile("Start (\\S+) on (\\S+) with:");
  /** Every namespaced node has the namespace's ports to itself. */
  private static final int RAFT_PORT = 7100;
  private static final int ADMIN_PORT = 7200;
  private static final int CLIENT_PORT = 5432;
  /** How long a node of another host that om wants started again may take to exit first. */
  private static final Duration PREVIOUS_PROCESS_EXIT = Duration.ofSeconds(30);

  private final OmTool om;
  private final Netns netns;
  private final Path dir;
  private final String clusterFile;
  private String password;
  private final Map<String, Node> nodes = new ConcurrentHashMap<>();
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  /** With namespaces: each node's slot in {@link #netns}; a removed node's slot is reused. */
  private final Map<String, Integer> slots = new ConcurrentHashMap<>();
  private int nextNodeNumber;

  private FaultCluster(OmTool om, Netns netns, Path dir, int size) {
    this.om = om;
    this.netns = netns;
    this.dir = dir;
    this.clusterFile = dir.resolve("cluster.conf").toString();
    this.nextNodeNumber = size + 1;
  }

  /** {@code om bootstrap --local size}; the nodes are n1..n{size}, on loopback. */
  static FaultCluster bootstrap(int size) {
    OmTool om = new OmTool();
    FaultCluster cluster = new FaultCluster(om, null, om.root().resolve("cluster"), size);
    return cluster.started(
        () -> cluster.om("bootstrap", "--local", Integer.toString(size), "--dir", cluster.dir.toString()));
  }

  /**
   * {@code om bootstrap -c FILE} of nodes n1..n{size}, node {@code nK} in namespace
   * {@code K} of a new {@link Netns} with {@code spare} more namespaces for nodes added
   * later. Needs root ({@link Netns#unavailable()}).
   */
  static FaultCluster bootstrapInNamespaces(int size, int spare) {
    OmTool om = new OmTool();
    Netns netns;
    try {
      netns = Netns.create(size + spare);
    } catch (RuntimeException e) {
      om.close();
      throw e;
    }
    FaultCluster cluster = new FaultCluster(om, netns, om.root().resolve("cluster"), size);
    return cluster.started(() -> {
      StringBuilder file = new StringBuilder("cluster-id = fault\nauth = scram-sha-256\nsuperuser = quorate\n"
          + "superuser-password-file = superuser-password\n");
      for (int k = 1; k <= size; k++) {
        cluster.slots.put("n" + k, k);
        file.append("node n").append(k).append(" = host=").append(netns.address(k)).append(" raft-port=")
            .append(RAFT_PORT).append(" admin-port=").append(ADMIN_PORT).append(" client-port=").append(CLIENT_PORT)
            .append(" data-dir=n").append(k).append('\n');
      }
      try {
        Files.createDirectories(cluster.dir);
        Files.writeString(Path.of(cluster.clusterFile), file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cluster.om("bootstrap", "-c", cluster.clusterFile);
    });
  }

  /** Runs the bootstrap, then learns the password and the members; cleans everything up if that fails. */
  private FaultCluster started(Runnable bootstrap) {
    boolean started = false;
    try {
      bootstrap.run();
      password = Files.readString(dir.resolve("superuser-password")).strip();
      refreshNodes();
      started = true;
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!started) {
        om.keepLogs();
        close();
      }
    }
  }

  /**
   * Runs an om command that must succeed. When om prints the command that starts a node
   * on another host, that command is run in the node's namespace.
   */
  private OmTool.Result om(String... args) {
    String[] pending = new String[1];
    return om.ok(line -> {
      Matcher start = START_ELSEWHERE.matcher(line);
      if (start.matches()) {
        pending[0] = start.group(1);
      } else if (pending[0] != null && line.startsWith("  ")) {
        launchElsewhere(pending[0], line.strip());
        pending[0] = null;
      }
    }, args);
  }

  /**
   * Starts node {@code id} in its namespace with the command om printed for it. om prints
   * it for a node that does not answer; for a node on another host it cannot tell one
   * that is still stopping (it stops answering before it exits) or too busy to answer
   * from one that is gone. So a process still running there is given time to exit, and
   * if it does not, it is left to answer instead of a second one failing on its ports.
   */
  private void launchElsewhere(String id, String commandLine) {
    if (netns == null) {
      throw new AssertionError("om asked for " + id + " to be started on another host, but this cluster is local");
    }
    List<String> command = new ArrayList<>(List.of(commandLine.split(" ")));
    // om names the launcher relative to the distribution on that host: this one's.
    command.set(0, ProcessCluster.distribution().resolve(command.get(0)).toString());
    Path dataDir = Path.of(command.get(command.indexOf("--data-dir") + 1));
    if (!awaitGone(id, dataDir)) {
      System.out.println("[cluster] " + id + " still runs; not starting a second process");
      return;
    }
    try {
      Files.createDirectories(dataDir);
      Process process = new ProcessBuilder(netns.inside(slot(id), command))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      // ip netns exec and the launcher exec in place: the pid is the node's.
      Files.writeString(dataDir.resolve("node.pid"), process.pid() + "\n");
      System.out.println("[cluster] started " + id + " in namespace " + netns.namespace(slot(id)) + " (pid "
          + process.pid() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether node {@code id}'s process is gone (then it may be started, or its namespace
   * reused): waits up to {@link #PREVIOUS_PROCESS_EXIT} for a running one to exit, and
   * gives up at once when it answers as a member (it was only busy).
   */
  private boolean awaitGone(String id, Path dataDir) {
    long deadline = System.nanoTime() + PREVIOUS_PROCESS_EXIT.toNanos();
    while (OmTool.process(dataDir).isPresent()) {
      if (status(id).isPresent() || System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(200); // polling interval while an old process stops
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
    return true;
  }

  private int slot(String id) {
    Integer slot = slots.get(id);
    if (slot == null) {
      throw new IllegalArgumentException(id + " has no namespace");
    }
    return slot;
  }

  OmTool om() {
    return om;
  }

  String clusterFile() {
    return clusterFile;
  }

  /** Re-reads the members from {@code om status} (after a membership change). */
  void refreshNodes() {
    String json = om("status", "-c", clusterFile, "--format", "json").out();
    Matcher m = NODE.matcher(json);
    Map<String, Node> found = new TreeMap<>();
    while (m.find()) {
      found.put(m.group(1), new Node(m.group(1), m.group(2), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), dir.resolve(m.group(1))));
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
      hosts.append(hosts.isEmpty() ? "" : ",").append(node.host()).append(':').append(node.clientPort());
    }
    return "jdbc:postgresql://" + hosts + "/quorate";
  }

  /** A URL of Quorate's own driver listing every node's admin address, with {@code options} appended. */
  String nativeJdbcUrl(String options) {
    StringBuilder hosts = new StringBuilder();
    for (Node node : new TreeMap<>(nodes).values()) {
      hosts.append(hosts.isEmpty() ? "" : ",").append(node.host()).append(':').append(node.adminPort());
    }
    return "jdbc:quorate://" + hosts + "/quorate?user=quorate&password="
        + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8)
        + (options.isEmpty() ? "" : "&" + options);
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
        .forAddress(node.host(), node.adminPort()).usePlaintext().build());
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
      om("config", "set", "snapshot-threshold", Long.toString(entries), "--node-id", id, "-c", clusterFile);
    }
    om("restart", "-c", clusterFile);
  }

  /** The ready primary, once there is one; fails after {@code timeout}. */
  String awaitPrimary(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> primary = primary();
      if (primary.isPresent()) {
        return primary.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no primary within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(100); // polling interval of the primary check
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
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
    om("start", "-c", clusterFile);
  }

  void restart(String id) {
    om("restart", "-c", clusterFile, "--node", id);
  }

  /** {@code om stop} then {@code om start} of the whole cluster. */
  void restartAll() {
    om("stop", "-c", clusterFile);
    om("start", "-c", clusterFile);
  }

  void switchover(String to) {
    om("switchover", "-c", clusterFile, "--to", to);
  }

  /** {@code om add-node} of a new voter; returns its id. */
  String addNode() {
    String id = "n" + nextNodeNumber++;
    if (netns == null) {
      om("add-node", "-c", clusterFile, "--id", id);
    } else {
      int free = java.util.stream.IntStream.rangeClosed(1, netns.slots()).filter(k -> !slots.containsValue(k))
          .findFirst().orElseThrow(() -> new AssertionError("no namespace left for another node"));
      slots.put(id, free);
      try {
        om("add-node", "-c", clusterFile, "--id", id, "--host", netns.address(free),
            "--raft-port", Integer.toString(RAFT_PORT), "--admin-port", Integer.toString(ADMIN_PORT),
            "--client-port", Integer.toString(CLIENT_PORT), "--data-dir", dir.resolve(id).toString());
      } catch (RuntimeException | AssertionError e) {
        if (!OmTool.process(dir.resolve(id)).isPresent()) {
          slots.remove(id);
        }
        throw e;
      }
    }
    refreshNodes();
    return id;
  }

  void removeNode(String id) {
    om("remove-node", "-c", clusterFile, "--id", id);
    refreshNodes();
    // A removed node exits by itself; its namespace is free for another once it has.
    if (awaitGone(id, dir.resolve(id))) {
      slots.remove(id);
    }
    channels.computeIfPresent(id, (k, c) -> {
      c.shutdownNow();
      return null;
    });
  }

  /** Whether the network between nodes can be cut: the nodes run in namespaces. */
  boolean canPartition() {
    return netns != null;
  }

  /** Cuts the network between the nodes of {@code side} and those of {@code other}; clients reach all. */
  void partition(Collection<String> side, Collection<String> other) {
    if (netns == null) {
      throw new IllegalStateException("a loopback cluster cannot be partitioned");
    }
    netns.partition(side.stream().map(this::slot).toList(), other.stream().map(this::slot).toList());
  }

  void heal() {
    if (netns != null) {
      netns.heal();
    }
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
    try {
      om.close();
    } finally {
      if (netns != null) {
        netns.close();
      }
    }
  }
}
