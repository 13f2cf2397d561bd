package io.quorate.om;

import com.beust.jcommander.Parameter;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.StatusRequest;
import io.quorate.protocol.v1.StatusResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Which cluster a command operates on: admin addresses given with {@code --node}, or the
 * nodes of a cluster file. Any one reachable node is enough to find the rest, because
 * every member's admin port travels in the Raft configuration. Holds one gRPC channel
 * per address; close it when the command ends.
 */
final class Target implements AutoCloseable {

  @Parameter(names = "--node", description = "A node: its admin address host:port, or its id with --cluster-file"
      + " (repeat or comma-separate for more)")
  List<String> nodes = new ArrayList<>();

  @Parameter(names = {"--cluster-file", "-c"}, description = "The cluster file (om bootstrap writes one)")
  Path clusterFile;

  @Parameter(names = "--timeout-ms", description = "How long to wait for one node's answer")
  long timeoutMillis = 5000;

  private final Map<String, AdminClient> clients = new ConcurrentHashMap<>();
  private ClusterFile cluster;

  /** The cluster file, or null when only --node was given. */
  ClusterFile clusterFileOrNull() {
    if (cluster == null && clusterFile != null) {
      cluster = ClusterFile.read(clusterFile);
    }
    return cluster;
  }

  ClusterFile requireClusterFile(String command) {
    ClusterFile file = clusterFileOrNull();
    if (file == null) {
      throw OmException.usage(command + " needs --cluster-file: it says how to start each node");
    }
    return file;
  }

  /** The --node values as given (ids or addresses), in order. */
  List<String> named() {
    List<String> named = new ArrayList<>();
    for (String node : nodes) {
      for (String part : node.split(",")) {
        if (!part.isBlank()) {
          named.add(part.strip());
        }
      }
    }
    return named;
  }

  /** An admin address for a --node value: an address as is, an id through the cluster file. */
  String address(String node) {
    if (node.contains(":")) {
      return node;
    }
    ClusterFile file = clusterFileOrNull();
    if (file == null) {
      throw OmException.usage("'" + node + "' is not host:adminPort; a node id needs --cluster-file");
    }
    return file.require(node).adminAddress();
  }

  /** Addresses to ask first: --node, then the cluster file's nodes. */
  List<String> seeds() {
    Set<String> seeds = new LinkedHashSet<>();
    for (String node : named()) {
      seeds.add(address(node));
    }
    ClusterFile file = clusterFileOrNull();
    if (file != null) {
      seeds.addAll(file.adminAddresses());
    }
    if (seeds.isEmpty()) {
      throw OmException.usage("say which cluster: --node host:adminPort (any node) or --cluster-file FILE");
    }
    return List.copyOf(seeds);
  }

  AdminClient client(String address) {
    return clients.computeIfAbsent(address, AdminClient::new);
  }

  /** The status from the first seed that answers; fails naming every seed's problem. */
  StatusResponse anyStatus() {
    List<String> problems = new ArrayList<>();
    for (String seed : seeds()) {
      try {
        return client(seed).admin(timeoutMillis).status(StatusRequest.getDefaultInstance());
      } catch (StatusRuntimeException e) {
        problems.add(seed + ": " + AdminClient.describe(e));
      }
    }
    throw OmException.failed("no node answered (" + String.join("; ", problems) + ")");
  }

  /** A member's admin address, from the Raft configuration or else the cluster file; null if unknown. */
  String adminAddress(Member member) {
    if (member.getAdminPort() > 0) {
      return member.getHost() + ":" + member.getAdminPort();
    }
    ClusterFile file = clusterFileOrNull();
    return file == null ? null : file.node(member.getId()).map(ClusterFile.Node::adminAddress).orElse(null);
  }

  /** The primary's own status, or null when no primary is known or it does not answer. */
  StatusResponse primaryStatus(StatusResponse any) {
    if (any.getLeaderId().isEmpty()) {
      return null;
    }
    if (any.getLeaderId().equals(any.getSelfId())) {
      return any;
    }
    for (Member m : any.getMembersList()) {
      if (m.getId().equals(any.getLeaderId()) && adminAddress(m) != null) {
        try {
          return client(adminAddress(m)).admin(timeoutMillis).status(StatusRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** One member's own answer, or why there is none. */
  record Reply(Member member, String address, StatusResponse status, String problem) {
    boolean reachable() {
      return status != null;
    }
  }

  /** Asks every member of {@code view} for its own status, in parallel. */
  Map<String, Reply> survey(StatusResponse view) {
    Map<String, Reply> replies = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<Reply>> pending = new LinkedHashMap<>();
      for (Member m : view.getMembersList()) {
        pending.put(m.getId(), pool.submit(() -> ask(m)));
      }
      for (Map.Entry<String, Future<Reply>> e : pending.entrySet()) {
        try {
          replies.put(e.getKey(), e.getValue().get());
        } catch (Exception ex) {
          throw OmException.failed("asking " + e.getKey() + " failed: " + ex.getMessage());
        }
      }
    }
    return replies;
  }

  private Reply ask(Member m) {
    String address = adminAddress(m);
    if (address == null) {
      return new Reply(m, null, null, "admin address unknown (the member was added without one)");
    }
    try {
      return new Reply(m, address, client(address).admin(timeoutMillis).status(StatusRequest.getDefaultInstance()), null);
    } catch (StatusRuntimeException e) {
      return new Reply(m, address, null, AdminClient.describe(e));
    }
  }

  @Override
  public void close() {
    clients.values().forEach(AdminClient::close);
    clients.clear();
  }
}
