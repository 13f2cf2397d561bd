package io.quorate.om;

import com.beust.jcommander.Parameter;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.AdminServiceGrpc;
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
import java.util.function.Function;

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
    return askAny(admin -> admin.status(StatusRequest.getDefaultInstance()));
  }

  /**
   * {@code call}'s answer from the first seed that gives one; fails naming every seed's
   * problem. A refusal of the request itself (INVALID_ARGUMENT) would be the same on
   * every node, so it is thrown at once.
   */
  <T> T askAny(Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    List<String> problems = new ArrayList<>();
    for (String seed : seeds()) {
      try {
        return call.apply(client(seed).admin(timeoutMillis));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
          throw e;
        }
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
          StatusResponse claimed = client(adminAddress(m)).admin(timeoutMillis).status(StatusRequest.getDefaultInstance());
          // Only a node that says it leads is the primary; the first answer may be stale.
          return claimed.getLeaderId().equals(claimed.getSelfId()) ? claimed : null;
        } catch (StatusRuntimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * One member's own answer, or why there is none; {@code sentMillis} and
   * {@code receivedMillis} are om's clock around the call (-1 when not asked).
   */
  record Reply(Member member, String address, StatusResponse status, String problem, long sentMillis,
      long receivedMillis) {
    Reply(Member member, String address, StatusResponse status, String problem) {
      this(member, address, status, problem, -1, -1);
    }

    boolean reachable() {
      return status != null;
    }
  }

  /** Asks every member of {@code view} for its own status, in parallel. */
  Map<String, Reply> survey(StatusResponse view) {
    Map<String, Reply> replies = new LinkedHashMap<>();
    askEvery(view, admin -> admin.status(StatusRequest.getDefaultInstance())).forEach((id, a) ->
        replies.put(id, new Reply(a.member(), a.address(), a.value(), a.problem(), a.sentMillis(), a.receivedMillis())));
    return replies;
  }

  /** One member's answer to a call, or why there is none, with om's clock around the call. */
  record Answer<T>(Member member, String address, T value, String problem, long sentMillis, long receivedMillis) {}

  /** Makes {@code call} on every member of {@code view} in parallel; answers by member id, in the view's order. */
  <T> Map<String, Answer<T>> askEvery(StatusResponse view, Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    Map<String, Answer<T>> answers = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<String, Future<Answer<T>>> pending = new LinkedHashMap<>();
      for (Member m : view.getMembersList()) {
        pending.put(m.getId(), pool.submit(() -> ask(m, call)));
      }
      for (Map.Entry<String, Future<Answer<T>>> e : pending.entrySet()) {
        try {
          answers.put(e.getKey(), e.getValue().get());
        } catch (Exception ex) {
          throw OmException.failed("asking " + e.getKey() + " failed: " + ex.getMessage());
        }
      }
    }
    return answers;
  }

  private <T> Answer<T> ask(Member m, Function<AdminServiceGrpc.AdminServiceBlockingStub, T> call) {
    String address = adminAddress(m);
    if (address == null) {
      return new Answer<>(m, null, null, "admin address unknown (the member was added without one)", -1, -1);
    }
    long sent = System.currentTimeMillis();
    try {
      T value = call.apply(client(address).admin(timeoutMillis));
      return new Answer<>(m, address, value, null, sent, System.currentTimeMillis());
    } catch (StatusRuntimeException e) {
      return new Answer<>(m, address, null, AdminClient.describe(e), sent, System.currentTimeMillis());
    }
  }

  /** The member called {@code id} in {@code view}; a usage error naming the members when there is none. */
  Member member(StatusResponse view, String id) {
    return view.getMembersList().stream().filter(m -> m.getId().equals(id)).findFirst().orElseThrow(
        () -> OmException.usage("node '" + id + "' is not a member (members: "
            + view.getMembersList().stream().map(Member::getId).toList() + ")"));
  }

  /** The admin client of a member; fails when its admin address is unknown. */
  AdminClient client(Member member) {
    String address = adminAddress(member);
    if (address == null) {
      throw OmException.failed("the admin address of " + member.getId() + " is unknown (it was added without one;"
          + " list it in the cluster file)");
    }
    return client(address);
  }

  @Override
  public void close() {
    clients.values().forEach(AdminClient::close);
    clients.clear();
  }
}
