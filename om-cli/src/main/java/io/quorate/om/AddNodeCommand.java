package io.quorate.om;

import com.beust.jcommander.Parameter;
import com.beust.jcommander.Parameters;
import com.beust.jcommander.ParametersDelegate;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.AddMemberRequest;
import io.quorate.protocol.v1.MembershipResponse;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code om add-node}: starts a node with empty storage (on this machine, or prints the
 * command for its host), adds it to the group, where it catches up by snapshot and log
 * before it votes, shows its progress, and records it in the cluster file.
 */
@Parameters(commandDescription = "Add a node: start it empty, let it catch up, make it a voter (or --learner)")
final class AddNodeCommand implements OmCommand {

  @Parameter(names = {"--help", "-h"}, help = true, description = "Print this command's help")
  boolean help;

  @ParametersDelegate
  final Target target = new Target();

  @Parameter(names = "--id", required = true, description = "The new node's id")
  String id;

  @Parameter(names = "--host", description = "The new node's host (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Parameter(names = "--raft-port", description = "Its Raft port (default: a free one, on this machine)")
  int raftPort;

  @Parameter(names = "--admin-port", description = "Its admin port (default: a free one, on this machine)")
  int adminPort;

  @Parameter(names = "--client-port", description = "Its SQL port (default: a free one, on this machine)")
  int clientPort;

  @Parameter(names = "--data-dir", description = "Its data directory (default: the node id, beside the cluster file)")
  Path dataDir;

  @Parameter(names = "--learner", description = "Add it as a non-voting standby")
  boolean learner;

  @Parameter(names = "--wait-s", description = "How long it may take to catch up and join")
  int waitSeconds = 600;

  @Override
  public String name() {
    return "add-node";
  }

  @Override
  public boolean help() {
    return help;
  }

  @Override
  public int run(PrintStream out, PrintStream err) throws Exception {
    try (target) {
      ClusterFile cluster = target.requireClusterFile("add-node");
      StatusResponse view = target.anyStatus();
      if (view.getMembersList().stream().anyMatch(m -> m.getId().equals(id)) || cluster.node(id).isPresent()) {
        throw OmException.usage(id + " is already a member (or in " + cluster.file() + ")");
      }
      boolean local = NodeLauncher.isLocal(host);
      if (!local && (raftPort == 0 || adminPort == 0 || clientPort == 0 || dataDir == null)) {
        throw OmException.usage("a node on another host needs --raft-port, --admin-port, --client-port and --data-dir");
      }
      Set<Integer> taken = new HashSet<>();
      cluster.nodes().forEach(n -> taken.addAll(List.of(n.raftPort(), n.adminPort(), n.clientPort())));
      ClusterFile.Node node = new ClusterFile.Node(id, host, port(raftPort, taken), port(adminPort, taken),
          port(clientPort, taken), dataDir != null ? dataDir.toAbsolutePath().normalize()
              : cluster.file().getParent().resolve(id));
      ClusterFile grown = cluster.withNode(node);
      long deadline = System.nanoTime() + Duration.ofSeconds(waitSeconds).toNanos();
      long pid = -1;
      if (local) {
        if (Files.isDirectory(node.dataDir().resolve("raft"))) {
          throw OmException.failed(node.dataDir() + " already holds data; a new node starts empty (delete it or"
              + " choose another --data-dir)");
        }
        for (int port : new int[] {node.raftPort(), node.adminPort(), node.clientPort()}) {
          if (!Ports.isFree(node.host(), port)) {
            throw OmException.failed("port " + node.host() + ":" + port + " is in use");
          }
        }
        pid = NodeLauncher.start(grown, node, true, List.of());
        out.println("Started " + id + " empty (pid " + pid + ", log " + node.dataDir().resolve(NodeLauncher.LOG) + ")");
      } else {
        out.println("Start " + id + " on " + host + " with:\n  " + String.join(" ",
            NodeLauncher.command(Path.of("bin/quorate-node"), grown, node, true, List.of())));
      }
      NodeLauncher.awaitAnswer(target, node, pid, deadline);
      try {
        join(node, deadline, out);
      } catch (RuntimeException | InterruptedException e) {
        if (isMember()) {
          // The change committed although om did not see it finish (a timeout, an interrupt):
          // the node is a member, so keep it running and record it.
          grown.write();
          throw OmException.failed("om lost track of adding " + id + ", but it is a member now; it was recorded in "
              + cluster.file() + " (check it with om status). Cause: " + e.getMessage());
        }
        if (pid >= 0) {
          out.println("Adding " + id + " failed; stopping it (its data stays in " + node.dataDir() + ")");
          NodeControl.stop(target, id, node.adminAddress(), true, out);
        }
        throw e;
      }
      grown.write();
      out.println("Recorded " + id + " in " + cluster.file());
      StartCommand.awaitNormal(target, List.of(node), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), out);
      return 0;
    }
  }

  private boolean isMember() {
    try {
      StatusResponse view = target.anyStatus();
      StatusResponse primary = target.primaryStatus(view);
      return (primary != null ? primary : view).getMembersList().stream().anyMatch(m -> m.getId().equals(id));
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Asks the primary to add the node, printing its catch-up progress until the change commits. */
  private void join(ClusterFile.Node node, long deadline, PrintStream out) throws InterruptedException {
    StatusResponse primary = target.primaryStatus(target.anyStatus());
    if (primary == null) {
      throw OmException.failed("the cluster has no primary now; try again when om status shows one");
    }
    String primaryAddress = primary.getHost() + ":" + primary.getAdminPort();
    long timeoutMillis = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
    out.println("Adding " + id + " as a " + (learner ? "learner" : "voter") + "; it catches up first...");
    CompletableFuture<MembershipResponse> added = CompletableFuture.supplyAsync(() -> target.client(primaryAddress)
        .admin(timeoutMillis + 5000).addMember(AddMemberRequest.newBuilder().setId(id).setHost(node.host())
            .setRaftPort(node.raftPort()).setAdminPort(node.adminPort())
            .setLearner(learner).setTimeoutMillis(timeoutMillis).build()));
    long lastShown = -2;
    while (true) {
      try {
        added.get(1, TimeUnit.SECONDS);
        out.println(id + " is a " + (learner ? "learner" : "voting member") + " now");
        return;
      } catch (TimeoutException e) {
        lastShown = showProgress(node, primaryAddress, lastShown, out);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof StatusRuntimeException s) {
          throw OmException.failed("the primary could not add " + id + ": " + AdminClient.describe(s));
        }
        throw OmException.failed("adding " + id + " failed: " + cause);
      }
    }
  }

  private long showProgress(ClusterFile.Node node, String primaryAddress, long lastShown, PrintStream out) {
    try {
      StatusResponse mine = target.client(node.adminAddress()).admin(2000).status(StatusRequest.getDefaultInstance());
      StatusResponse primary = target.client(primaryAddress).admin(2000).status(StatusRequest.getDefaultInstance());
      long applied = Math.max(0, mine.getAppliedIndex());
      if (applied != lastShown) {
        long commit = Math.max(1, primary.getCommitIndex());
        out.printf(java.util.Locale.ROOT, "  %s applied %d of %d entries (%d%%), %s of data%n", id, applied, commit,
            Math.min(100, applied * 100 / commit), Output.bytes(mine.getDataSizeBytes()));
      }
      return applied;
    } catch (StatusRuntimeException e) {
      return lastShown; // a node installing a snapshot may answer slowly; try again next second
    }
  }

  private static int port(int given, Set<Integer> taken) {
    return given > 0 ? given : Ports.free(taken);
  }
}
