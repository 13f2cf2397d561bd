package io.quorate.driver;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.SqlMember;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.TopologyRequest;
import io.quorate.protocol.v1.TopologyResponse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds the primary: asks the nodes it knows (the URL's, then every member any of them
 * reported) for the cluster's members and primary, until one names a primary. Members
 * learned are kept, so a connection finds the new primary after a failover even when
 * the URL named only nodes that are down. Thread-safe.
 */
final class ClusterTopology {

  private static final long ASK_TIMEOUT_MILLIS = 2000;
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
    List<String> failures = new ArrayList<>();
    while (true) {
      for (ConnectionUrl.HostAndPort node : candidates(avoid)) {
        try {
          TopologyResponse topology = SqlServiceGrpc.newBlockingStub(Channels.to(node, url.connectTimeoutSeconds()))
              .withDeadlineAfter(ASK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
              .topology(TopologyRequest.getDefaultInstance());
          ConnectionUrl.HostAndPort primary = learn(topology);
          if (primary != null) {
            return primary;
          }
          failures.add(node + ": no primary yet");
        } catch (StatusRuntimeException unreachable) {
          failures.add(node + ": " + unreachable.getStatus().getCode());
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

  private synchronized ConnectionUrl.HostAndPort learn(TopologyResponse topology) {
    ConnectionUrl.HostAndPort primary = null;
    for (SqlMember member : topology.getMembersList()) {
      ConnectionUrl.HostAndPort address = new ConnectionUrl.HostAndPort(member.getHost(), member.getPort());
      known.add(address);
      if (member.getId().equals(topology.getPrimaryId())) {
        primary = address;
      }
    }
    return primary;
  }

  private static List<String> last(List<String> failures) {
    return failures.subList(Math.max(0, failures.size() - 6), failures.size());
  }
}
