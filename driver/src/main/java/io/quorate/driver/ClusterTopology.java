package io.quorate.driver;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.SqlMember;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.TopologyRequest;
import io.quorate.protocol.v1.TopologyResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the primary, and the nodes to read from: asks the nodes it knows (the URL's, then
 * every member any of them reported) for the cluster's members and primary, until one
 * names a primary. Members
 * learned are kept, so a connection finds the new primary after a failover even when
 * the URL named only nodes that are down. Thread-safe.
 */
final class ClusterTopology {

  static final long ASK_TIMEOUT_MILLIS = 2000;
  private static final long RETRY_PAUSE_MILLIS = 100;

  private final ConnectionUrl url;
  private final Set<ConnectionUrl.HostAndPort> known = new LinkedHashSet<>();

  ClusterTopology(ConnectionUrl url) {
    this.url = url;
    known.addAll(url.hosts());
  }

  /**
   * The primary's address, asking until {@code deadlineNanos} (System.nanoTime); 08001
   * when no node named one by then.
   *
   * @param avoid a node just found not to be the primary (or unreachable), asked last
   */
  ConnectionUrl.HostAndPort primary(long deadlineNanos, ConnectionUrl.HostAndPort avoid) throws SQLException {
    return address(current(deadlineNanos, avoid), null);
  }

  /** Where reads may go: {@code preferred} in the order to try them, and the primary to fall back on. */
  record ReadTargets(List<ConnectionUrl.HostAndPort> preferred, ConnectionUrl.HostAndPort primary) {}

  /**
   * The nodes to read from, by the topology a node gives now: the standbys in random
   * order (so that connections spread over them), or for {@code NEAREST} every member by
   * the round trip of a Topology call, those within half again of the fastest in random
   * order. 08001 when no node names a primary by {@code deadlineNanos}.
   */
  ReadTargets readTargets(ConnectionUrl.ReadFrom readFrom, long deadlineNanos) throws SQLException {
    TopologyResponse topology = current(deadlineNanos, null);
    ConnectionUrl.HostAndPort primary = address(topology, null);
    List<ConnectionUrl.HostAndPort> members = new ArrayList<>();
    for (SqlMember member : topology.getMembersList()) {
      members.add(address(topology, member));
    }
    Collections.shuffle(members);
    if (readFrom != ConnectionUrl.ReadFrom.NEAREST) {
      members.remove(primary);
      return new ReadTargets(members, primary);
    }
    Map<ConnectionUrl.HostAndPort, Long> roundTrips = new HashMap<>();
    for (ConnectionUrl.HostAndPort node : members) {
      long start = System.nanoTime();
      if (ask(node, new ArrayList<>()) != null) {
        roundTrips.put(node, System.nanoTime() - start);
      }
    }
    long fastest = roundTrips.values().stream().mapToLong(Long::longValue).min().orElse(0);
    List<ConnectionUrl.HostAndPort> near = new ArrayList<>(roundTrips.keySet().stream()
        .filter(node -> roundTrips.get(node) <= fastest * 3 / 2).toList());
    Collections.shuffle(near);
    roundTrips.keySet().stream().filter(node -> !near.contains(node))
        .sorted(Comparator.comparingLong(roundTrips::get)).forEach(near::add);
    return new ReadTargets(near, primary);
  }

  /** A node's answer to Topology within the ask timeout, or null (and why, added to {@code failures}). */
  private TopologyResponse ask(ConnectionUrl.HostAndPort node, List<String> failures) {
    try {
      return SqlServiceGrpc.newBlockingStub(Channels.to(node, url.connectTimeoutSeconds()))
          .withDeadlineAfter(ASK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
          .topology(TopologyRequest.getDefaultInstance());
    } catch (StatusRuntimeException unreachable) {
      failures.add(node + ": " + unreachable.getStatus().getCode());
      return null;
    }
  }

  /** The address of {@code member}, or of the primary when it is null. */
  private static ConnectionUrl.HostAndPort address(TopologyResponse topology, SqlMember member) {
    SqlMember chosen = member;
    if (chosen == null) {
      chosen = topology.getMembersList().stream().filter(m -> m.getId().equals(topology.getPrimaryId()))
          .findFirst().orElseThrow();
    }
    return new ConnectionUrl.HostAndPort(chosen.getHost(), chosen.getPort());
  }

  /** The first topology, asking the nodes known, that names a primary among its members. */
  private TopologyResponse current(long deadlineNanos, ConnectionUrl.HostAndPort avoid) throws SQLException {
    List<String> failures = new ArrayList<>();
    while (true) {
      for (ConnectionUrl.HostAndPort node : candidates(avoid)) {
        TopologyResponse topology = ask(node, failures);
        if (topology != null && learn(topology)) {
          return topology;
        }
        if (topology != null) {
          failures.add(node + ": no primary yet");
        }
      }
      if (System.nanoTime() - deadlineNanos >= 0) {
        throw new SQLException("no primary found: " + String.join("; ", last(failures)), "08001");
      }
      try {
        Thread.sleep(RETRY_PAUSE_MILLIS); // elections take about a second; ask again shortly
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while looking for the primary", "08001", interrupted);
      }
    }
  }

  private synchronized List<ConnectionUrl.HostAndPort> candidates(ConnectionUrl.HostAndPort avoid) {
    List<ConnectionUrl.HostAndPort> order = new ArrayList<>(known);
    if (avoid != null && order.remove(avoid)) {
      order.add(avoid);
    }
    return order;
  }

  /** Keeps every member's address; whether the topology names a primary among them. */
  private synchronized boolean learn(TopologyResponse topology) {
    boolean primaryListed = false;
    for (SqlMember member : topology.getMembersList()) {
      known.add(new ConnectionUrl.HostAndPort(member.getHost(), member.getPort()));
      primaryListed |= member.getId().equals(topology.getPrimaryId());
    }
    return primaryListed;
  }

  private static List<String> last(List<String> failures) {
    return failures.subList(Math.max(0, failures.size() - 6), failures.size());
  }
}
