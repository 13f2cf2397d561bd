package io.quorate.raft.cluster;

import java.util.Objects;

/**
 * A member of the Raft group: its node id, the host:port its Raft service listens on,
 * and the node's admin port on the same host (0 when unknown). The admin port travels
 * in the Raft configuration, so any member can tell an operator how to reach every
 * other; each node reports its own SQL port through the admin API.
 */
public record Peer(String id, String host, int raftPort, int adminPort) {
  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (raftPort <= 0 || raftPort > 65535) {
      throw new IllegalArgumentException("Raft port out of range: " + raftPort);
    }
    if (adminPort < 0 || adminPort > 65535) {
      throw new IllegalArgumentException("Admin port out of range: " + adminPort);
    }
  }

  /** A peer known only by its Raft address. */
  public Peer(String id, String host, int raftPort) {
    this(id, host, raftPort, 0);
  }

  public String address() {
    return host + ":" + raftPort;
  }
}
