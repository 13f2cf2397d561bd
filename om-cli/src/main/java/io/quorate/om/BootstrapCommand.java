package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code om bootstrap}: creates a new cluster from a cluster file, or {@code --local N}
 * nodes on loopback (writing the cluster file itself), starts the nodes on this machine,
 * prints the commands for nodes on other hosts, and waits until a primary serves SQL
 * and every node is Normal. It refuses to touch a node that is running or a data
 * directory that already holds a cluster, unless {@code --force} (which wipes the data
 * of nodes that are not running).
 */
@Parameters(commandDescription = "Create a new cluster: start its nodes, elect a primary, create the superuser")
final class BootstrapCommand implements OmCommand {

  private static final String PASSWORD_FILE = "superuser-password";
  private static final String CLUSTER_FILE = "cluster.conf";

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--local", description = "Create N nodes on 127.0.0.1 (1-9) under --dir, with a cluster file there")
  Integer local;

  @Parameter(names = "--dir", description = "With --local: the directory for the cluster file, data and logs")
  Path dir = Path.of("quorate-cluster");

  @Parameter(names = "--base-port", description = "With --local: pick ports upward from this one (default: any free)")
  int basePort;

  @Parameter(names = "--auth", description = "With --local: scram-sha-256 (default), md5 or trust")
  String auth = "scram-sha-256";

  @Parameter(names = "--cluster-id", description = "With --local: the cluster's name")
  String clusterId = "local";

  @Parameter(names = "--force", description = "Wipe existing data of nodes that are not running")
  boolean force;

  @Parameter(names = "--wait-s", description = "How long to wait for the cluster to become ready")
  int waitSeconds = 120;

  @Parameter(names = "--format", description = "text or json (the final state and connection strings)")
  String format = "text";

  /**
   * Set by {@code om restore}: a checked backup every node starts from. The cluster then
   * keeps the backup's roles and passwords, so no superuser password is made or passed.
   */
  Path restoreFrom;

  @Override
  public String name() {
    return "bootstrap";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    checkUsage();
    PrintStream progress = format.equals("json") ? err : out;
    try (target) {
      ClusterFile cluster = local != null ? localCluster(progress) : target.requireClusterFile(name());
      target.clusterFile = cluster.file();
      if (restoreFrom == null) {
        ensurePassword(cluster, progress);
      } else {
        cluster = cluster.withoutSuperuserPassword();
      }
      refuseExisting(cluster, progress);
      long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      Map<String, Long> pids = new LinkedHashMap<>();
      ClusterReport report;
      try {
        report = startAll(cluster, pids, deadline, progress);
      } catch (RuntimeException | InterruptedException e) {
        stopStarted(pids, progress);
        throw e;
      }
      printReady(cluster, report, out);
      return 0;
    }
  }

  /** Refuses option combinations that cannot work, before anything is touched. */
  void checkUsage() {
    Output.checkFormat(format);
    if ((local == null) == (target.clusterFile == null)) {
      throw OmException.usage("give either --local N or --cluster-file FILE");
    }
    if (!target.nodes.isEmpty()) {
      throw OmException.usage("bootstrap takes its nodes from --local or --cluster-file, not --node");
    }
  }

  private List<String> extraNodeArgs() {
    return restoreFrom == null ? List.of() : List.of("--restore-from", restoreFrom.toString());
  }

  /** Starts the local nodes, prints how to start the others, and waits until the cluster is ready. */
  private ClusterReport startAll(ClusterFile cluster, Map<String, Long> pids, long deadline, PrintStream progress)
      throws InterruptedException {
    for (ClusterFile.Node node : cluster.nodes()) {
      if (NodeLauncher.isLocal(node.host())) {
        long pid = NodeLauncher.start(cluster, node, false, extraNodeArgs());
        pids.put(node.id(), pid);
        progress.println("Started " + node.id() + " (pid " + pid + ", log " + node.dataDir().resolve(NodeLauncher.LOG)
            + ")");
      } else {
        progress.println("Start " + node.id() + " on " + node.host() + " with:\n  "
            + String.join(" ", NodeLauncher.command(Path.of("bin/quorate-node"), cluster, node, false, extraNodeArgs()))
            + (cluster.superuserPasswordFile() == null ? ""
                : "\n  (copy " + cluster.superuserPasswordFile() + " there first)")
            + (restoreFrom == null ? "" : "\n  (copy the backup " + restoreFrom + " to the same path there first)"));
      }
    }
    for (ClusterFile.Node node : cluster.nodes()) {
      NodeLauncher.awaitAnswer(target, node, pids.getOrDefault(node.id(), -1L), deadline);
    }
    progress.println("Waiting for the primary to be elected and every node to be Normal...");
    return ClusterWait.until(target, ClusterWait::ready, "the cluster is ready",
        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), progress);
  }

  /** After a failed bootstrap: stops the nodes it started (SIGTERM, by pid), so nothing is left half-formed. */
  private static void stopStarted(Map<String, Long> pids, PrintStream progress) throws InterruptedException {
    for (Map.Entry<String, Long> started : pids.entrySet()) {
      java.util.Optional<ProcessHandle> process = ProcessHandle.of(started.getValue());
      if (process.isPresent() && process.get().isAlive()) {
        process.get().destroy();
        try {
          process.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          process.get().destroyForcibly();
        }
        progress.println("Stopped " + started.getKey() + " (pid " + started.getValue() + "), which this bootstrap"
            + " started; its data and log stay for inspection (--force wipes them on the next try)");
      }
    }
  }

  private ClusterFile localCluster(PrintStream progress) {
    if (local < 1 || local > 9) {
      throw OmException.usage("--local takes 1 to 9 nodes, not " + local);
    }
    if (!List.of("scram-sha-256", "md5", "trust").contains(auth)) {
      throw OmException.usage("--auth must be scram-sha-256, md5 or trust, not '" + auth + "'");
    }
    Path root = dir.toAbsolutePath().normalize();
    Path file = root.resolve(CLUSTER_FILE);
    if (Files.exists(file)) {
      ClusterFile existing = ClusterFile.read(file);
      if (!force) {
        throw OmException.failed("a cluster already exists in " + root + " (start it with om start -c " + file
            + ", or give --force to delete it and create a new one)");
      }
      refuseRunning(existing);
      progress.println("Deleting the cluster in " + root + " (--force)");
      for (ClusterFile.Node node : existing.nodes()) {
        DataDirs.wipe(existing, node);
      }
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw OmException.failed("cannot delete " + file + ": " + e.getMessage());
      }
    }
    List<ClusterFile.Node> nodes = new ArrayList<>();
    Set<Integer> taken = new HashSet<>();
    int next = basePort;
    for (int i = 1; i <= local; i++) {
      int[] ports = new int[3];
      for (int k = 0; k < 3; k++) {
        ports[k] = basePort > 0 ? Ports.freeFrom(next, taken) : Ports.free(taken);
        next = ports[k] + 1;
      }
      nodes.add(new ClusterFile.Node("n" + i, "127.0.0.1", ports[0], ports[1], ports[2], root.resolve("n" + i)));
    }
    ClusterFile cluster = new ClusterFile(file, clusterId, auth, "quorate",
        auth.equals("trust") || restoreFrom != null ? null : root.resolve(PASSWORD_FILE), nodes);
    cluster.write();
    progress.println("Wrote " + file + " (" + local + " nodes on 127.0.0.1)");
    return ClusterFile.read(file);
  }

  /** Creates the superuser's password file when the cluster file names one that does not exist yet. */
  private static void ensurePassword(ClusterFile cluster, PrintStream progress) {
    Path file = cluster.superuserPasswordFile();
    if (file == null) {
      if (!cluster.auth().equals("trust")) {
        throw OmException.usage(cluster.file() + " needs superuser-password-file: the superuser logs in with "
            + cluster.auth());
      }
      return;
    }
    if (Files.exists(file)) {
      return;
    }
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    try {
      Files.createDirectories(file.getParent());
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OmException.failed("cannot write the superuser password to " + file + ": " + e.getMessage());
    }
    progress.println("Generated the superuser's password in " + file + " (readable only by you)");
  }

  /** Refuses running nodes, taken ports, foreign files and existing data (the latter wiped with --force). */
  private void refuseExisting(ClusterFile cluster, PrintStream progress) {
    refuseRunning(cluster);
    for (ClusterFile.Node node : cluster.nodes()) {
      if (!NodeLauncher.isLocal(node.host())) {
        continue;
      }
      DataDirs.checkOwnable(cluster, node);
      if (DataDirs.holdsCluster(node.dataDir())) {
        if (!force) {
          throw OmException.failed("node " + node.id() + "'s data dir " + node.dataDir() + " already holds a cluster;"
              + " start it with om start, or give --force to delete its data");
        }
        progress.println("Deleting the data of " + node.id() + " in " + node.dataDir() + " (--force)");
        DataDirs.wipe(cluster, node);
      }
    }
  }

  /**
   * Refuses when any node may be running: it answers (or answers too slowly to tell),
   * its pid file names a live node process, or one of its local ports is taken.
   */
  private void refuseRunning(ClusterFile cluster) {
    for (ClusterFile.Node node : cluster.nodes()) {
      try {
        StatusResponse running = target.client(node.adminAddress()).admin(2000).status(StatusRequest.getDefaultInstance());
        throw OmException.failed("node " + node.id() + " is already running at " + node.adminAddress()
            + " (cluster " + running.getClusterId() + "); stop it first with om stop");
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != io.grpc.Status.Code.UNAVAILABLE) {
          throw OmException.failed("node " + node.id() + " at " + node.adminAddress() + " may be running ("
              + AdminClient.describe(e) + "); stop it first with om stop");
        }
      }
      if (!NodeLauncher.isLocal(node.host())) {
        continue;
      }
      NodeLauncher.process(node).ifPresent(p -> {
        throw OmException.failed("node " + node.id() + " is still running as pid " + p.pid() + " (starting or"
            + " stopping); wait for it, or stop it first with om stop");
      });
      for (int port : new int[] {node.raftPort(), node.adminPort(), node.clientPort()}) {
        if (!Ports.isFree(node.host(), port)) {
          throw OmException.failed("node " + node.id() + "'s port " + node.host() + ":" + port
              + " is in use (a node still running, or another program); stop it or choose another port in "
              + cluster.file());
        }
      }
    }
  }

  private void printReady(ClusterFile cluster, ClusterReport report, PrintStream out) {
    ClusterFile.Node primary = cluster.require(report.primary());
    String hosts = cluster.nodes().stream().map(ClusterFile.Node::clientAddress).collect(Collectors.joining(","));
    String password = cluster.superuserPasswordFile() == null ? "" : "PGPASSWORD=$(cat " + cluster.superuserPasswordFile()
        + ") ";
    String psql = password + "psql -h " + primary.host() + " -p " + primary.clientPort() + " -U " + cluster.superuser()
        + " quorate";
    String jdbc = "jdbc:postgresql://" + hosts + "/quorate?targetServerType=primary";
    if (format.equals("json")) {
      out.print(new Json().object()
          .field("cluster_file", cluster.file().toString())
          .field("primary", report.primary())
          .field("psql", psql)
          .field("jdbc", jdbc)
          .field("superuser", cluster.superuser())
          .field("superuser_password_file",
              cluster.superuserPasswordFile() == null ? null : cluster.superuserPasswordFile().toString())
          .end() + "\n");
      return;
    }
    out.println();
    out.print(StatusCommand.text(report, false));
    out.println();
    if (restoreFrom == null) {
      out.println("The cluster is ready. Connect as " + cluster.superuser()
          + (cluster.superuserPasswordFile() == null ? "" : " (password in " + cluster.superuserPasswordFile() + ")")
          + ":");
    } else {
      out.println("The restored cluster is ready. Its roles and passwords are those of the backup:");
    }
    out.println("  psql:  " + psql + "   (the primary, " + report.primary() + ")");
    out.println("  JDBC:  " + jdbc);
    out.println("Operate it with om and the cluster file, for example:");
    out.println("  om status -c " + cluster.file());
    out.println("  om stop -c " + cluster.file() + "      (om start -c ... starts it again)");
  }
}
