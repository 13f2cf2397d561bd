package io.quorate.raft.cluster;

import java.util.Objects;

/**
 * A member of the Raft group: its node id, the host:port its Raft service listens on,
 * and the node's admin and client (SQL) ports on the same host, 0 when unknown. The
 * admin and client ports travel in the Raft configuration (Ratis's admin and client
 * addresses), so any member can tell an operator how to reach every other.
 */
public record Peer(String id, String host, int raftPort, int adminPort, int clientPort) {
  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (raftPort <= 0 || raftPort > 65535) {
      throw new IllegalArgumentException("Raft port out of range: " + raftPort);
    }
    if (adminPort < 0 || adminPort > 65535 || clientPort < 0 || clientPort > 65535) {
      throw new IllegalArgumentException("Admin or client port out of range: " + adminPort + ", " + clientPort);
    }
  }

  /** A peer known only by its Raft address. */
  public Peer(String id, String host, int raftPort) {
    this(id, host, raftPort, 0, 0);
  }

  public String address() {
    return host + ":" + raftPort;
  }
}
