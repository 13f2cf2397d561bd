package io.quorate.raft.cluster;

import io.quorate.raft.txn.Transaction;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * How Quorate configures Ratis, in one place, for the real store and for the trivial
 * state machine the commit benchmark compares it with. raft/DESIGN.md gives the reasons.
 */
public final class RaftSettings {

  /** Room for a log entry's header (commit metadata, Ratis's own fields) beyond its changes. */
  private static final long ENTRY_HEADER_SLACK_BYTES = 1L << 20;
  /** Room for the log file's per-entry length and checksum around the largest entry. */
  private static final long WRITE_BUFFER_FRAMING_BYTES = 64L << 10;
  /** Room for an append request's own fields around the largest entry. */
  private static final long GRPC_FRAMING_BYTES = 1L << 20;

  private RaftSettings() {}

  /** The Ratis group id of a cluster: a name-based UUID of the cluster id. */
  public static RaftGroupId groupId(String clusterId) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(clusterId.getBytes(StandardCharsets.UTF_8)));
  }

  public static RaftPeer toRaftPeer(Peer peer) {
    RaftPeer.Builder builder = RaftPeer.newBuilder().setId(RaftPeerId.valueOf(peer.id())).setAddress(peer.address());
    if (peer.adminPort() > 0) {
      // Ratis's DataStream is disabled here, so its address field is free to carry the
      // node's admin endpoint with the configuration. (Ratis's own client and admin
      // address fields would redirect Ratis's RPCs to that port.)
      builder.setDataStreamAddress(peer.host() + ":" + peer.adminPort());
    }
    return builder.build();
  }

  public static RaftProperties properties(Peer self, Path raftDir, ReplicaConfig.Tuning tuning) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
    GrpcConfigKeys.Server.setHost(p, self.host());
    GrpcConfigKeys.Server.setPort(p, self.raftPort());

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(tuning.electionTimeoutMin().toMillis()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(tuning.electionTimeoutMax().toMillis()));
    // A request to a peer that is down must fail well within an election timeout.
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(Math.max(3000, tuning.electionTimeoutMax().toMillis() * 2)));

    // Reads on the primary are linearizable: ReadIndex, skipping the heartbeat round
    // while the leader lease (a fraction of the minimum election timeout) holds.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);

    // Snapshots bound the log; purge up to the snapshot even if a member is down, so a
    // long-dead member cannot make the log grow without bound (it gets the snapshot).
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, tuning.snapshotThresholdEntries());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    // "Snapshot now" (om, tests) must cover everything applied, not return an older one.
    RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    // ...but keep one threshold's worth of entries before the snapshot, so that a standby
    // that was down briefly catches up from the log instead of receiving the whole database.
    RaftServerConfigKeys.Log.setPurgePreservationLogNum(p, tuning.snapshotThresholdEntries());
    // The log is purged by whole closed segments, at most every purge gap entries.
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(1024, tuning.snapshotThresholdEntries()));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(tuning.logSegmentSizeBytes()));

    // One transaction is one log entry, up to Transaction.MAX_WRITE_BYTES of changes plus
    // its header. Every buffer an entry passes through must hold the largest one: the
    // appender batch (Ratis refuses a bigger entry outright), the log's write buffer and
    // queues, and the gRPC messages that carry it to the standbys.
    long entryMax = Transaction.MAX_WRITE_BYTES + ENTRY_HEADER_SLACK_BYTES;
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryMax));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf(entryMax + WRITE_BUFFER_FRAMING_BYTES));
    RaftServerConfigKeys.Log.setQueueByteLimit(p, SizeInBytes.valueOf(2 * entryMax));
    RaftServerConfigKeys.Write.setByteLimit(p, SizeInBytes.valueOf(2 * entryMax));
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(entryMax + GRPC_FRAMING_BYTES));

    // A commit whose reply was lost is retried with the same client and call id; the
    // retry cache must remember it for longer than any client keeps retrying.
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, millis(tuning.retryCacheExpiry().toMillis()));
    // Ratis 3.3.0 chains a follower's log appends on one future by default ("compose").
    // One failed append (a race when an old primary's unacknowledged entries are
    // truncated) fails that chain, and with it every later append: the standby then
    // refuses the primary's entries until it restarts. Appending on the request's own
    // thread, the older path, fails only the request that raced; the primary resends it.
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
    // After each AppendEntries to a standby, Ratis's appender waits at least this long
    // before the next (1 ms by default), so a commit arriving just after a send waited for
    // it; group commit above Ratis batches instead. Measured on the project's 2-core
    // machine (bench/commit-path, raft/DESIGN.md): one writer's p50 commit 2.03 -> 0.72 ms,
    // 8 writers 2,933 -> 5,250 commits/s, 64 writers 22,183 -> 28,192.
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
    // A restarted node rejoins with its old id; it should not have to wait 10 s before
    // it may campaign after having stepped down.
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, millis(tuning.electionTimeoutMax().toMillis()));
    return p;
  }

  static TimeDuration millis(long millis) {
    return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
  }

  static File raftDirOf(Path dataDir) {
    return dataDir.resolve("raft").toFile();
  }
}
