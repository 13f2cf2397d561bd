package io.quorate.raft.cluster;

import io.quorate.raft.statemachine.QuorateStateMachine;
import io.quorate.raft.txn.PrimaryTransactionManager;
import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.Replica;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.TransactionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica of the replicated store on Apache Ratis: see {@link ReplicatedStore}. The
 * data directory holds {@code raft/} (Ratis log, metadata and snapshots), {@code db/}
 * (the live RocksDB) and {@code CLUSTER} (the cluster id, checked at every start).
 */
public final class RatisReplicatedStore implements ReplicatedStore {

  private static final Logger LOG = LoggerFactory.getLogger(RatisReplicatedStore.class);

  private final ReplicaConfig config;
  private final RaftGroupId groupId;
  private final RaftProperties properties;
  private final RaftServer server;
  private final QuorateStateMachine stateMachine;
  private final RatisReplica replica;
  private final PrimaryTransactionManager transactions;
  private final long startedAtMillis = System.currentTimeMillis();
  private volatile boolean closed;

  private RatisReplicatedStore(ReplicaConfig config, RaftProperties properties, RaftServer server,
      QuorateStateMachine stateMachine) {
    this.config = config;
    this.groupId = RaftSettings.groupId(config.groupId());
    this.properties = properties;
    this.server = server;
    this.stateMachine = stateMachine;
    this.replica = new RatisReplica(server, groupId, stateMachine);
    this.transactions = new PrimaryTransactionManager(replica, config.tuning().lockTimeout());
  }

  /**
   * Starts a replica. On first start with {@code initialMembers} it forms the group; with
   * none it waits to be added by the group's leader; on later starts it recovers its
   * log, snapshot and membership from disk.
   *
   * @throws StoreException {@code STORAGE} for a data directory of another cluster or one
   *     that cannot be used; the directory is left as it was
   */
  public static RatisReplicatedStore start(ReplicaConfig config) {
    Path dataDir = config.dataDir();
    checkClusterMarker(dataDir, config.groupId());
    RaftProperties properties = RaftSettings.properties(config.self(), dataDir.resolve("raft"), config.tuning());
    QuorateStateMachine stateMachine = new QuorateStateMachine(dataDir.resolve("db"), config.groupId());
    List<RaftPeer> members = config.initialMembers().stream().map(RaftSettings::toRaftPeer).toList();
    RaftServer server = null;
    try {
      server = RaftServer.newBuilder()
          .setServerId(RaftPeerId.valueOf(config.self().id()))
          .setGroup(RaftGroup.valueOf(RaftSettings.groupId(config.groupId()), members))
          .setProperties(properties)
          .setStateMachine(stateMachine)
          .setOption(RaftStorage.StartupOption.RECOVER)
          .build();
      server.start();
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(StoreException.Kind.STORAGE,
          "Cannot start the replica " + config.self().id() + " in " + dataDir + ": " + rootMessage(e), e);
    }
    RatisReplicatedStore store = new RatisReplicatedStore(config, properties, server, stateMachine);
    LOG.info("Replica started [id={}, raft={}, dataDir={}, members={}]",
        config.self().id(), config.self().address(), dataDir, members.size());
    return store;
  }

  private static void checkClusterMarker(Path dataDir, String clusterId) {
    Path marker = dataDir.resolve("CLUSTER");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(marker)) {
        String stored = Files.readString(marker, StandardCharsets.UTF_8).trim();
        if (!stored.equals(clusterId)) {
          throw new StoreException(StoreException.Kind.STORAGE, "Data directory " + dataDir
              + " belongs to cluster '" + stored + "', not '" + clusterId + "'; refusing to touch it");
        }
      } else {
        Files.writeString(marker, clusterId + "\n", StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot use data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String selfId() {
    return config.self().id();
  }

  @Override
  public TransactionManager transactions() {
    return transactions;
  }

  @Override
  public ReadView openLocalView() {
    return stateMachine.store().openView();
  }

  @Override
  public void addLeadershipListener(Replica.LeadershipListener listener) {
    stateMachine.addLeadershipListener(listener, true);
  }

  @Override
  public CompletableFuture<Void> waitForApplied(long index, Duration timeout) {
    return stateMachine.awaitApplied(index).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Milliseconds since this replica started. */
  public long uptimeMillis() {
    return System.currentTimeMillis() - startedAtMillis;
  }

  /** Bytes the local RocksDB holds, approximately. */
  public long dataSizeBytes() {
    return stateMachine.store().approximateSizeBytes();
  }

  /** Bytes of the Raft log's segment files on disk (snapshots not included). */
  public long logSizeBytes() {
    Path raftDir = config.dataDir().resolve("raft");
    try (java.util.stream.Stream<Path> files = Files.walk(raftDir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("log_"))
          .mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1; // a segment rolled away while being counted; the next status call counts again
    }
  }

  /** Usable bytes on the data directory's file system, -1 when it cannot be read. */
  public long diskFreeBytes() {
    try {
      return Files.getFileStore(config.dataDir()).getUsableSpace();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public ReplicaStatus status() {
    return ClusterStatusReader.read(division(), stateMachine);
  }

  @Override
  public void addMember(Peer peer, boolean learner, Duration timeout) {
    RaftServer.Division division = division();
    List<RaftPeer> voters = new ArrayList<>(division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER));
    List<RaftPeer> listeners = new ArrayList<>(division.getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
    boolean present = voters.stream().anyMatch(p -> p.getId().toString().equals(peer.id()))
        || listeners.stream().anyMatch(p -> p.getId().toString().equals(peer.id()));
    if (present) {
      throw new StoreException(StoreException.Kind.STORAGE, "Node " + peer.id() + " is already a member");
    }
    (learner ? listeners : voters).add(RaftSettings.toRaftPeer(peer));
    setConfiguration(voters, listeners, timeout, "add " + peer.id());
    LOG.info("Member added [id={}, address={}, learner={}]", peer.id(), peer.address(), learner);
  }

  @Override
  public void removeMember(String nodeId, Duration timeout) {
    RaftServer.Division division = division();
    List<RaftPeer> voters = new ArrayList<>(division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER));
    List<RaftPeer> listeners = new ArrayList<>(division.getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
    boolean removed = voters.removeIf(p -> p.getId().toString().equals(nodeId))
        | listeners.removeIf(p -> p.getId().toString().equals(nodeId));
    if (!removed) {
      throw new StoreException(StoreException.Kind.STORAGE, "Node " + nodeId + " is not a member");
    }
    if (voters.isEmpty()) {
      throw new StoreException(StoreException.Kind.STORAGE, "Removing " + nodeId + " would leave no voting member");
    }
    setConfiguration(voters, listeners, timeout, "remove " + nodeId);
    LOG.info("Member removed [id={}]", nodeId);
  }

  private void setConfiguration(List<RaftPeer> voters, List<RaftPeer> listeners, Duration timeout, String what) {
    // The List overload: the array overload of 3.3.0 drops the voters (ratis.md pitfall 1).
    try (RaftClient client = newClient(timeout)) {
      RaftClientReply reply = client.admin().setConfiguration(voters, listeners);
      check(reply, what);
    } catch (IOException e) {
      throw RatisReplica.translate(e, false);
    }
  }

  @Override
  public void transferLeadership(String nodeId, Duration timeout) {
    try (RaftClient client = newClient(timeout)) {
      check(client.admin().transferLeadership(RaftPeerId.valueOf(nodeId), timeout.toMillis()), "transfer leadership to " + nodeId);
    } catch (IOException e) {
      throw RatisReplica.translate(e, false);
    }
  }

  @Override
  public long takeSnapshot(Duration timeout) {
    try (RaftClient client = newClient(timeout)) {
      RaftClientReply reply = client.getSnapshotManagementApi(server.getId()).create(timeout.toMillis());
      check(reply, "take a snapshot");
      return reply.getLogIndex();
    } catch (IOException e) {
      throw RatisReplica.translate(e, false);
    }
  }

  private static void check(RaftClientReply reply, String what) {
    if (!reply.isSuccess()) {
      throw new StoreException(StoreException.Kind.STORAGE, "Could not " + what + ": " + rootMessage(reply.getException()),
          reply.getException());
    }
  }

  private RaftClient newClient(Duration timeout) {
    return RaftClient.newBuilder()
        .setProperties(properties)
        .setRaftGroup(division().getGroup())
        .setLeaderId(division().getInfo().getLeaderId())
        .setRetryPolicy(org.apache.ratis.retry.RetryPolicies.retryUpToMaximumCountWithFixedSleep(
            Math.max(1, (int) (timeout.toMillis() / 200)), RaftSettings.millis(200)))
        .build();
  }

  RaftServer.Division division() {
    try {
      return server.getDivision(groupId);
    } catch (IOException e) {
      throw new StoreException(StoreException.Kind.NOT_READY, "This replica is not serving its group: " + e.getMessage(), e);
    }
  }

  /** The transaction manager's replica, for tests and benchmarks in this module. */
  RatisReplica replica() {
    return replica;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    handOffLeadership();
    closeQuietly(server);
    LOG.info("Replica stopped [id={}]", config.self().id());
  }

  /** A primary that stops hands leadership to a caught-up standby first, so clients wait less. */
  private void handOffLeadership() {
    try {
      RaftServer.Division division = division();
      if (!division.getInfo().isLeader() || division.getRaftConf().getCurrentPeers().size() < 2) {
        return;
      }
      String self = config.self().id();
      java.util.Set<String> voters = new java.util.HashSet<>();
      division.getRaftConf().getCurrentPeers(RaftPeerRole.FOLLOWER).forEach(p -> voters.add(p.getId().toString()));
      String target = division.getCommitInfos().stream()
          .filter(c -> !c.getServer().getId().toStringUtf8().equals(self))
          .filter(c -> voters.contains(c.getServer().getId().toStringUtf8()))
          .max(java.util.Comparator.comparingLong(c -> c.getCommitIndex()))
          .map(c -> c.getServer().getId().toStringUtf8())
          .orElse(null);
      if (target == null) {
        return;
      }
      Duration timeout = config.tuning().electionTimeoutMax().multipliedBy(2);
      try (RaftClient client = newClient(timeout)) {
        // The most caught-up voter takes over at once, instead of after an election timeout.
        client.admin().transferLeadership(RaftPeerId.valueOf(target), timeout.toMillis());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not hand off leadership before stopping [id={}, reason={}]", config.self().id(), rootMessage(e));
    }
  }

  private static void closeQuietly(RaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Error while stopping the Raft server [reason={}]", rootMessage(e));
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == null ? "unknown" : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
