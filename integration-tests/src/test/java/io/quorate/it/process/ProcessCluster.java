package io.quorate.it.process;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.raft.store.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Node processes started from the built distribution ({@code bin/quorate-node}) the way
 * a user starts them: free loopback ports, a temporary directory per cluster, each
 * process's output in its own log file. Processes are stopped by their own pid
 * (SIGTERM through {@link Process#destroy()}, SIGKILL through
 * {@link Process#destroyForcibly()}); closing stops all and deletes the data.
 */
public final class ProcessCluster implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(90);

  /** A node's ports; kept across restarts because the Raft configuration records them. */
  public record NodePorts(String id, int raftPort, int adminPort, int clientPort) {
    public String adminAddress() {
      return "127.0.0.1:" + adminPort;
    }
  }

  /** The superuser every test cluster is created with. */
  public static final String SUPERUSER = "quorate";

  private final Path distribution;
  private final Path root;
  private final String superuserPassword = UUID.randomUUID().toString();
  private final Map<String, NodePorts> nodes = new LinkedHashMap<>();
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();

  private ProcessCluster(Path distribution, Path root) {
    this.distribution = distribution;
    this.root = root;
  }

  /** The unpacked distribution the build made (the integration-tests pom passes its path). */
  public static Path distribution() {
    String dir = System.getProperty("quorate.distribution");
    if (dir == null || !Files.isExecutable(Path.of(dir, "bin", "quorate-node"))) {
      throw new IllegalStateException("No distribution at '" + dir + "'; build it with ./run-tests (package phase)");
    }
    return Path.of(dir);
  }

  /** Starts {@code size} nodes forming one cluster and waits until it has a primary. */
  public static ProcessCluster start(int size) {
    ProcessCluster cluster;
    try {
      cluster = new ProcessCluster(distribution(), Files.createTempDirectory("quorate-it-"));
      Files.writeString(cluster.passwordFile(), cluster.superuserPassword + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (int i = 1; i <= size; i++) {
        String id = "n" + i;
        cluster.nodes.put(id, new NodePorts(id, InJvmCluster.freePort(), InJvmCluster.freePort(), InJvmCluster.freePort()));
      }
      for (String id : cluster.nodes.keySet()) {
        cluster.startNode(id);
      }
      cluster.awaitPrimary();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private Path passwordFile() {
    return root.resolve("superuser-password");
  }

  public String superuserPassword() {
    return superuserPassword;
  }

  /** A pgjdbc URL of one node. */
  public String jdbcUrl(String id) {
    return "jdbc:postgresql://127.0.0.1:" + nodes.get(id).clientPort() + "/quorate";
  }

  /** A pgjdbc URL listing every node, for clients that find the primary themselves. */
  public String multiHostJdbcUrl() {
    StringBuilder hosts = new StringBuilder();
    for (NodePorts node : nodes.values()) {
      hosts.append(hosts.isEmpty() ? "" : ",").append("127.0.0.1:").append(node.clientPort());
    }
    return "jdbc:postgresql://" + hosts + "/quorate";
  }

  /** A URL of Quorate's own driver listing every node's admin (gRPC) address. */
  public String nativeJdbcUrl() {
    StringBuilder hosts = new StringBuilder();
    for (NodePorts node : nodes.values()) {
      hosts.append(hosts.isEmpty() ? "" : ",").append(node.adminAddress());
    }
    return "jdbc:quorate://" + hosts + "/quorate";
  }

  /** A pgjdbc connection to node {@code id} as the superuser. */
  public Connection connect(String id) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(id), SUPERUSER, superuserPassword);
  }

  /** Waits until node {@code id} accepts SQL connections (its catalog and superuser have replicated to it). */
  public void awaitSql(String id) {
    SQLException[] last = new SQLException[1];
    try {
      await("node " + id + " accepts SQL connections", () -> {
        try (Connection connection = connect(id); Statement statement = connection.createStatement()) {
          statement.execute("SELECT 1");
          return true;
        } catch (SQLException e) {
          last[0] = e;
          return false;
        }
      });
    } catch (AssertionError timedOut) {
      throw new AssertionError(timedOut.getMessage() + "; the last attempt failed with " + last[0]
          + "\n" + logTails(20), last[0]);
    }
  }

  public List<String> ids() {
    return List.copyOf(nodes.keySet());
  }

  public NodePorts ports(String id) {
    return nodes.get(id);
  }

  public Path log(String id) {
    return root.resolve(id + ".log");
  }

  /** Starts (or restarts, keeping its data) node {@code id}. */
  public void startNode(String id) {
    List<String> command = new ArrayList<>(List.of(
        distribution.resolve("bin/quorate-node").toString(),
        "--node-id", id,
        "--data-dir", root.resolve(id).toString(),
        "--host", "127.0.0.1",
        "--raft-port", Integer.toString(nodes.get(id).raftPort()),
        "--admin-port", Integer.toString(nodes.get(id).adminPort()),
        "--client-port", Integer.toString(nodes.get(id).clientPort()),
        "--cluster-id", "it",
        "--peers", peersFlag(),
        "--superuser", SUPERUSER,
        "--superuser-password-file", passwordFile().toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()));
    try {
      processes.put(id, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start node " + id, e);
    }
  }

  private String peersFlag() {
    StringBuilder peers = new StringBuilder();
    for (NodePorts node : nodes.values()) {
      peers.append(peers.isEmpty() ? "" : ",").append(node.id()).append("=127.0.0.1:").append(node.raftPort())
          .append(':').append(node.adminPort());
    }
    return peers.toString();
  }

  /** SIGKILL: the process gets no chance to flush or hand anything off. */
  public void kill9(String id) {
    Process process = processes.remove(id);
    if (process != null) {
      process.destroyForcibly();
      waitFor(process, id);
    }
  }

  /** SIGTERM, waiting for a clean exit. */
  public void stop(String id) {
    Process process = processes.remove(id);
    if (process != null) {
      process.destroy();
      waitFor(process, id);
    }
  }

  /**
   * CPU time node {@code id}'s process has used so far (user and system, from the
   * operating system), zero when it is not running or the system does not tell.
   */
  public Duration cpuTime(String id) {
    Process process = processes.get(id);
    return process == null ? Duration.ZERO : process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /**
   * CPU time node {@code id}'s JIT compiler threads have used so far (Linux: their
   * {@code /proc} task statistics, in clock ticks of 10 ms, the kernel's USER_HZ on
   * x86-64 and arm64); zero when it is not running or /proc cannot be read. Tells a
   * benchmark whether the node is still warming up.
   */
  public Duration compilerCpuTime(String id) {
    Process process = processes.get(id);
    if (process == null) {
      return Duration.ZERO;
    }
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path task : tasks) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) { // "C2 CompilerThre", cut at 15
            String stat = Files.readString(task.resolve("stat"));
            // fields after the command's closing parenthesis: state is field 3, utime 14, stime 15
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          }
        } catch (IOException | RuntimeException threadEnded) {
          // a compiler thread that ended (they come and go with the load) used what it used
        }
      }
    } catch (IOException noProc) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ticks * 10);
  }

  public boolean isRunning(String id) {
    Process process = processes.get(id);
    return process != null && process.isAlive();
  }

  private static void waitFor(Process process, String id) {
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted stopping " + id, e);
    }
  }

  public ManagedChannel channel(String id) {
    return channels.computeIfAbsent(id, n -> NettyChannelBuilder
        .forAddress("127.0.0.1", nodes.get(n).adminPort()).usePlaintext().build());
  }

  /** A running node's status, or empty if it does not answer. */
  public Optional<StatusResponse> status(String id) {
    if (!isRunning(id)) {
      return Optional.empty();
    }
    try {
      return Optional.of(AdminServiceGrpc.newBlockingStub(channel(id))
          .withDeadlineAfter(2, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    }
  }

  /** Waits until a running node reports itself as the ready primary; returns its id. */
  public String awaitPrimary() {
    String[] primary = new String[1];
    await("a primary is elected", () -> {
      for (String id : nodes.keySet()) {
        Optional<StatusResponse> status = status(id);
        if (status.isPresent() && status.get().getLeaderId().equals(id) && status.get().getReady()) {
          primary[0] = id;
          return true;
        }
      }
      return false;
    });
    return primary[0];
  }

  /** The last lines of every node's log, for failure messages. */
  public String logTails(int lines) {
    StringBuilder out = new StringBuilder();
    for (String id : nodes.keySet()) {
      out.append("---- ").append(id).append(" ----\n");
      try {
        List<String> all = Files.readAllLines(log(id));
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
      } catch (IOException e) {
        out.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return out.toString();
  }

  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting until " + what);
      }
      try {
        Thread.sleep(100); // polling interval of a condition wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting until " + what, e);
      }
    }
  }




  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (String id : List.copyOf(processes.keySet())) {
      kill9(id);
    }
    Directories.deleteTree(root);
  }
}
