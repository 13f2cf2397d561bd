package io.quorate.raft.cluster;

import java.util.Objects;

/** A member of the Raft group: its node id and the host:port its Raft service listens on. */
public record Peer(String id, String host, int raftPort) {
  public Peer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (raftPort <= 0 || raftPort > 65535) {
      throw new IllegalArgumentException("Raft port out of range: " + raftPort);
    }
  }

  public String address() {
    return host + ":" + raftPort;
  }
}
