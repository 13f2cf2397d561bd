package io.quorate.raft.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start one replica.
 *
 * @param self this replica's id and Raft address
 * @param dataDir where the Raft log, snapshots and RocksDB live; created if absent
 * @param groupId the cluster's identity, the same on every member; a data dir written
 *     for another group is refused
 * @param initialMembers the group's voters when it is first formed (including
 *     {@code self}); empty to join an existing group, which then adds this replica
 * @param tuning timeouts and thresholds
 */
public record ReplicaConfig(
    Peer self, Path dataDir, String groupId, List<Peer> initialMembers, Tuning tuning) {

  public ReplicaConfig {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(groupId, "groupId");
    initialMembers = List.copyOf(initialMembers);
    Objects.requireNonNull(tuning, "tuning");
  }

  /**
   * Raft and storage knobs. The defaults are what a 3-node cluster on a busy 2-core
   * machine needs; raft/DESIGN.md gives the reasons and measurements.
   */
  public record Tuning(
      Duration electionTimeoutMin,
      Duration electionTimeoutMax,
      Duration lockTimeout,
      long snapshotThresholdEntries,
      Duration retryCacheExpiry,
      long logSegmentSizeBytes) {

    public static Tuning defaults() {
      return new Tuning(
          Duration.ofMillis(1000),
          Duration.ofMillis(2000),
          Duration.ofSeconds(10),
          10_000,
          Duration.ofMinutes(5),
          8L << 20);
    }
  }
}
