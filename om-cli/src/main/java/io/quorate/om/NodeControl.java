package io.quorate.om;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.ShutdownRequest;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

/** Starting and stopping single nodes, shared by start, stop, restart and remove-node. */
final class NodeControl {

  static final Duration STOP_WAIT = Duration.ofSeconds(60);

  private NodeControl() {}

  /**
   * Asks the node at {@code address} to stop and waits until it no longer answers and,
   * when it runs on this machine, its process has exited. Returns false if it was not
   * running. With {@code kill}, a local process that does not stop in time gets SIGKILL.
   */
  static boolean stop(Target target, String id, String address, boolean kill, PrintStream progress)
      throws InterruptedException {
    StatusResponse status;
    try {
      status = target.client(address).admin(target.timeoutMillis).status(StatusRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNAVAILABLE) {
        return false;
      }
      throw OmException.failed(id + " at " + address + " does not answer properly (" + AdminClient.describe(e)
          + "); if it hangs, stop its process by hand");
    }
    boolean local = NodeLauncher.isLocal(status.getHost().isEmpty() ? address.substring(0, address.lastIndexOf(':'))
        : status.getHost());
    // Only a process recognised as this node (its command line names its data dir) is waited for or killed.
    Optional<ProcessHandle> process = local ? NodeLauncher.nodeProcess(status.getPid(), status.getDataDir())
        : Optional.empty();
    boolean primary = status.getLeaderId().equals(status.getSelfId());
    progress.println("Stopping " + id + (primary ? " (the primary: it hands leadership off first)" : "") + "...");
    try {
      target.client(address).admin(STOP_WAIT.toMillis()).shutdown(ShutdownRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      // the node may close the connection as it exits; the wait below decides
    }
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (answers(target, address) || process.map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        if (kill && process.isPresent()) {
          progress.println(id + " did not stop in " + STOP_WAIT.toSeconds() + " s; killing pid " + status.getPid());
          process.get().destroyForcibly();
          try {
            process.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw OmException.failed(id + " (pid " + status.getPid() + ") did not exit after SIGKILL");
          }
          return true;
        }
        throw OmException.failed(id + " did not stop in " + STOP_WAIT.toSeconds() + " s"
            + (process.isPresent() ? " (pid " + status.getPid() + "; --kill sends SIGKILL)" : ""));
      }
      Thread.sleep(100); // polling interval while the node exits
    }
    progress.println("Stopped " + id);
    return true;
  }

  static boolean answers(Target target, String address) {
    try {
      target.client(address).admin(1000).status(StatusRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  /**
   * Starts nodes of the cluster file that have data, here or (printing the command) on
   * their hosts, all at once, then waits until each answers. Nodes already running are
   * left alone, also one whose process lives but does not answer yet.
   */
  static void start(Target target, ClusterFile cluster, java.util.List<ClusterFile.Node> nodes, long deadlineNanos,
      PrintStream progress) throws InterruptedException {
    java.util.Map<ClusterFile.Node, Long> started = new java.util.LinkedHashMap<>();
    for (ClusterFile.Node node : nodes) {
      java.util.Optional<ProcessHandle> alive = NodeLauncher.isLocal(node.host()) ? NodeLauncher.process(node)
          : java.util.Optional.empty();
      if (answers(target, node.adminAddress())) {
        progress.println(node.id() + " is already running");
      } else if (alive.isPresent()) {
        // Still starting, or too busy to answer within a second: a second process would only
        // fail on the ports and leave the pid file naming it instead of the live node.
        progress.println(node.id() + " is running (pid " + alive.get().pid() + ") but does not answer yet; waiting");
        started.put(node, alive.get().pid());
      } else if (!NodeLauncher.isLocal(node.host())) {
        progress.println("Start " + node.id() + " on " + node.host() + " with:\n  " + String.join(" ",
            NodeLauncher.command(java.nio.file.Path.of("bin/quorate-node"), cluster, node, false, java.util.List.of())));
        started.put(node, -1L);
      } else if (!Files.isDirectory(node.dataDir().resolve("raft"))) {
        throw OmException.failed(node.id() + " has no data in " + node.dataDir()
            + ": create the cluster with om bootstrap, or add a new node with om add-node");
      } else {
        long pid = NodeLauncher.start(cluster, node, false, java.util.List.of());
        progress.println("Started " + node.id() + " (pid " + pid + ", log " + node.dataDir().resolve(NodeLauncher.LOG)
            + ")");
        started.put(node, pid);
      }
    }
    for (java.util.Map.Entry<ClusterFile.Node, Long> node : started.entrySet()) {
      NodeLauncher.awaitAnswer(target, node.getKey(), node.getValue(), deadlineNanos);
    }
  }
}
