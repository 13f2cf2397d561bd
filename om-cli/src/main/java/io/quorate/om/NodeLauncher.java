package io.quorate.om;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Starts node processes on this machine from the distribution om belongs to
 * ({@code $QUORATE_HOME/bin/quorate-node}, set by {@code bin/om}). A node runs in its
 * own session ({@code setsid}), so it outlives om and the terminal; its output goes to
 * {@code node.log} and its pid to {@code node.pid} in its data directory. Nodes on other
 * hosts are not started over the network: om prints the command to run there.
 */
final class NodeLauncher {

  static final String LOG = "node.log";
  static final String PID = "node.pid";

  private NodeLauncher() {}

  /** The distribution's root directory. */
  static Path home() {
    String home = System.getenv("QUORATE_HOME");
    if (home == null) {
      home = System.getProperty("quorate.home");
    }
    if (home == null || !Files.isExecutable(Path.of(home, "bin", "quorate-node"))) {
      throw OmException.failed("cannot find bin/quorate-node: run om from the distribution's bin/ (QUORATE_HOME is "
          + (home == null ? "unset" : "'" + home + "'") + ")");
    }
    return Path.of(home);
  }

  /** Whether {@code host} names this machine (loopback or one of its interfaces' addresses). */
  static boolean isLocal(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress() || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }

  /** The node's command line, as om runs it here or tells the operator to run it elsewhere. */
  static List<String> command(Path launcher, ClusterFile cluster, ClusterFile.Node node, boolean join,
      List<String> extraArgs) {
    List<String> command = new ArrayList<>(List.of(launcher.toString(),
        "--node-id", node.id(),
        "--data-dir", node.dataDir().toString(),
        "--host", node.host(),
        "--raft-port", Integer.toString(node.raftPort()),
        "--admin-port", Integer.toString(node.adminPort()),
        "--client-port", Integer.toString(node.clientPort()),
        "--cluster-id", cluster.clusterId(),
        "--auth", cluster.auth(),
        "--superuser", cluster.superuser()));
    if (cluster.superuserPasswordFile() != null) {
      command.addAll(List.of("--superuser-password-file", cluster.superuserPasswordFile().toString()));
    }
    if (join) {
      command.addAll(List.of("--join", "true"));
    } else {
      command.addAll(List.of("--peers", cluster.peers()));
    }
    command.addAll(extraArgs);
    return command;
  }

  /** Starts {@code node} here, detached; returns its pid. */
  static long start(ClusterFile cluster, ClusterFile.Node node, boolean join, List<String> extraArgs) {
    Path launcher = home().resolve("bin/quorate-node");
    List<String> command = new ArrayList<>();
    Path setsid = setsid();
    if (setsid == null) {
      throw OmException.failed("setsid (util-linux) is not on PATH; om needs it to start nodes that outlive it");
    }
    command.add(setsid.toString()); // execs in place: the pid stays the node's
    command.addAll(command(launcher, cluster, node, join, extraArgs));
    try {
      Files.createDirectories(node.dataDir());
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dataDir().resolve(LOG).toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .start();
      Files.writeString(node.dataDir().resolve(PID), process.pid() + "\n", StandardCharsets.UTF_8);
      return process.pid();
    } catch (IOException e) {
      throw OmException.failed("cannot start node " + node.id() + ": " + e.getMessage());
    }
  }

  private static Path setsid() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "setsid");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The running node process recorded in the node's pid file, if any. */
  static Optional<ProcessHandle> process(ClusterFile.Node node) {
    try {
      String text = Files.readString(node.dataDir().resolve(PID), StandardCharsets.UTF_8).strip();
      return nodeProcess(Long.parseLong(text), node.dataDir().toString());
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The live process {@code pid} if it is a node serving {@code dataDir}: its command line
   * names that directory. A pid file can outlive its process and the pid be reused, and a
   * pid a node reports may belong to another machine or namespace; om signals only a
   * process it has recognised.
   */
  static Optional<ProcessHandle> nodeProcess(long pid, String dataDir) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains(dataDir)).orElse(false));
  }

  /** The last lines of a local node's log, for failure messages. */
  static String logTail(ClusterFile.Node node, int lines) {
    Path log = node.dataDir().resolve(LOG);
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
  }

  /**
   * Waits until the node at {@code address} answers its admin API; fails early with its
   * log's tail when the local process {@code pid} (if >= 0) exits first.
   */
  static StatusResponse awaitAnswer(Target target, ClusterFile.Node node, long pid, long deadlineNanos)
      throws InterruptedException {
    while (true) {
      try {
        return target.client(node.adminAddress()).admin(2000).status(StatusRequest.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        if (pid >= 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == false) {
          throw OmException.failed("node " + node.id() + " exited while starting; the end of its log ("
              + node.dataDir().resolve(LOG) + "):\n" + logTail(node, 15));
        }
        if (System.nanoTime() > deadlineNanos) {
          throw OmException.failed("node " + node.id() + " did not answer at " + node.adminAddress() + " in time ("
              + AdminClient.describe(e) + ")");
        }
      }
      Thread.sleep(200); // polling interval while the node starts; the answer above decides
    }
  }
}
