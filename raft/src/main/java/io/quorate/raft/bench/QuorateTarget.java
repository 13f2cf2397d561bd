package io.quorate.raft.bench;

import io.quorate.raft.cluster.Peer;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.raft.cluster.ReplicaConfig;
import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.Transaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Quorate's full commit path: a transaction on the primary, one put, commit, applied to RocksDB on every replica. */
final class QuorateTarget implements CommitTarget {

  private final List<RatisReplicatedStore> replicas = new ArrayList<>();
  private volatile RatisReplicatedStore primary;

  QuorateTarget(List<Peer> peers, Path root, ReplicaConfig.Tuning tuning) {
    for (Peer peer : peers) {
      replicas.add(RatisReplicatedStore.start(
          new ReplicaConfig(peer, root.resolve(peer.id()), "bench", peers, tuning)));
    }
    primary = BenchCluster.await("a Quorate primary", () -> replicas.stream()
        .filter(r -> r.status().leaderId() != null && r.status().leaderId().equals(r.selfId()) && r.status().ready())
        .findFirst().orElse(null));
  }

  @Override
  public String name() {
    return "quorate";
  }

  @Override
  public void commit(int writer, long sequence, byte[] value) {
    try (Transaction txn = primary.transactions().begin(IsolationLevel.READ_COMMITTED, false)) {
      txn.put(("w" + writer + "/" + sequence).getBytes(StandardCharsets.UTF_8), value);
      txn.commit();
    }
  }

  @Override
  public void close() {
    replicas.forEach(RatisReplicatedStore::close);
  }
}
