package io.quorate.raft.cluster;

import io.quorate.raft.statemachine.QuorateStateMachine;
import io.quorate.raft.store.AppliedPosition;
import io.quorate.raft.store.Directories;
import io.quorate.raft.store.RocksStore;
import io.quorate.raft.txn.PrimaryTransactionManager;
import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.Replica;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.TransactionManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replica of the replicated store on Apache Ratis: see {@link ReplicatedStore}. The
 * data directory holds {@code raft/} (Ratis log, metadata and snapshots), {@code db/}
 * (the live RocksDB), {@code CLUSTER} (the cluster id, checked at every start), and for
 * a while {@code restore/} (a staged backup, see {@link #stageRestore}) and
 * {@code backups/} (checkpoints being sent as backups, see {@link #backupCheckpoint}).
 */
public final class RatisReplicatedStore implements ReplicatedStore {

  private static final Logger LOG = LoggerFactory.getLogger(RatisReplicatedStore.class);
  private static final String DB = "db";
  private static final String RESTORE = "restore";
  private static final String BACKUPS = "backups";

  private final ReplicaConfig config;
  private final RaftGroupId groupId;
  private final RaftProperties properties;
  private final RaftServer server;
  private final QuorateStateMachine stateMachine;
  private final RatisReplica replica;
  private final PrimaryTransactionManager transactions;
  private final long startedAtMillis = System.currentTimeMillis();
  private volatile boolean closed;
  private final AtomicReference<Consumer<StopCause>> unexpectedStop = new AtomicReference<>();
  private volatile StopCause stoppedBy;

  private RatisReplicatedStore(ReplicaConfig config, RaftProperties properties, RaftServer server,
      QuorateStateMachine stateMachine) {
    this.config = config;
    this.groupId = RaftSettings.groupId(config.groupId());
    this.properties = properties;
    this.server = server;
    this.stateMachine = stateMachine;
    this.replica = new RatisReplica(server, groupId, stateMachine);
    this.transactions = new PrimaryTransactionManager(replica, config.tuning().lockTimeout());
    stateMachine.setCloseListener(this::stateMachineClosed);
  }

  @Override
  public void onUnexpectedStop(Consumer<StopCause> action) {
    unexpectedStop.set(Objects.requireNonNull(action, "action"));
    StopCause cause = stoppedBy;
    if (cause != null) {
      runOnce(cause); // the replica stopped before anyone listened
    }
  }

  private void stateMachineClosed() {
    if (closed) {
      return;
    }
    StopCause cause = isMember() ? StopCause.FAILED : StopCause.REMOVED;
    if (cause == StopCause.REMOVED) {
      LOG.info("The replica stopped: it is not in the group's configuration (removed, or never added) [id={}]",
          config.self().id());
    } else {
      LOG.error("The replica was stopped by Ratis, not by this node (the lines above say why) [id={}]",
          config.self().id());
    }
    stoppedBy = cause;
    runOnce(cause);
  }

  private void runOnce(StopCause cause) {
    Consumer<StopCause> action = unexpectedStop.getAndSet(null);
    if (action != null) {
      Thread.ofPlatform().name("replica-stopped").start(() -> action.accept(cause));
    }
  }

  /**
   * Whether the newest configuration this replica knows includes it. A removed replica
   * never receives the final configuration without it, only the joint one, whose new
   * half (the "current" peers) already leaves it out.
   */
  private boolean isMember() {
    try {
      RaftConfiguration conf = division().getRaftConf();
      String self = config.self().id();
      return Stream.of(RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER)
          .flatMap(role -> conf.getCurrentPeers(role).stream())
          .anyMatch(p -> p.getId().toString().equals(self));
    } catch (RuntimeException e) {
      return true;
    }
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
    // Checkpoints of backups that were being sent when the process stopped.
    Directories.deleteTree(dataDir.resolve(BACKUPS));
    RaftProperties properties = RaftSettings.properties(config.self(), dataDir.resolve("raft"), config.tuning());
    QuorateStateMachine stateMachine =
        new QuorateStateMachine(dataDir.resolve(DB), dataDir.resolve(RESTORE), config.groupId());
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

  /** Whether {@code dataDir} holds a database already (any replica that ever started has one). */
  public static boolean hasDatabase(Path dataDir) {
    return Files.isDirectory(dataDir.resolve(DB));
  }

  /**
   * Prepares a new data directory to start from a checkpoint of another cluster (a
   * backup's files, already verified by the caller): copies the files into
   * {@code restore/}, records {@code clusterId} in them and resets the applied term (see
   * {@link RocksStore#adoptCheckpoint}). The next {@link #start} makes it the replica's
   * first snapshot; every replica of the new cluster must be staged from the same
   * checkpoint. A staging interrupted half-way leaves only {@code restore.tmp}, which the
   * next attempt replaces.
   *
   * @param expectedIndex the index the backup says it holds, checked against the data
   *     (-1: any)
   * @return the position the new group's log continues after (term 1, the checkpoint's index)
   * @throws StoreException {@code STORAGE} if the directory has a database already or
   *     belongs to another cluster, or the files cannot be copied or opened, or hold
   *     another index than expected
   */
  public static AppliedPosition stageRestore(Path dataDir, String clusterId, Path checkpoint, long expectedIndex) {
    if (hasDatabase(dataDir)) {
      throw new StoreException(StoreException.Kind.STORAGE,
          "Data directory " + dataDir + " has a database already; a restore needs a new one");
    }
    checkClusterMarker(dataDir, clusterId);
    Path staging = dataDir.resolve(RESTORE + ".tmp");
    try {
      Directories.deleteTree(staging);
      Files.createDirectories(staging);
      try (Stream<Path> files = Files.list(checkpoint)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, staging.resolve(file.getFileName()));
        }
      }
      AppliedPosition position = RocksStore.adoptCheckpoint(staging, clusterId);
      if (expectedIndex >= 0 && position.index() != expectedIndex) {
        throw new StoreException(StoreException.Kind.STORAGE, "The checkpoint in " + checkpoint + " holds index "
            + position.index() + ", not " + expectedIndex + " as its backup says");
      }
      Directories.deleteTree(dataDir.resolve(RESTORE));
      Files.move(staging, dataDir.resolve(RESTORE), StandardCopyOption.ATOMIC_MOVE);
      LOG.info("Staged a restore [dataDir={}, from={}, index={}]", dataDir, checkpoint, position.index());
      return position;
    } catch (IOException | java.io.UncheckedIOException e) {
      Directories.deleteTree(staging);
      throw new StoreException(StoreException.Kind.STORAGE,
          "Cannot stage the restore from " + checkpoint + " in " + dataDir + ": " + e.getMessage(), e);
    } catch (StoreException e) {
      Directories.deleteTree(staging);
      throw e;
    }
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

  @Override
  public boolean awaitFresh(Duration maxStaleness) {
    RaftServer.Division division = division();
    DivisionInfo info = division.getInfo();
    if (info.isLeader()) {
      return true;
    }
    RoleInfoProto role = info.getRoleInfoProto();
    if (info.getLeaderId() == null || !role.hasFollowerInfo() || !role.getFollowerInfo().hasLeaderInfo()) {
      return false;
    }
    // Read the commit index after the message's age: a newer message can only make it fresher.
    long sincePrimary = role.getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs();
    long knownCommitted = division.getRaftLog().getLastCommittedIndex();
    long budget = maxStaleness.toMillis() - sincePrimary;
    if (budget < 0) {
      return false;
    }
    try {
      stateMachine.awaitApplied(knownCommitted).get(budget, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException tooFarBehindOrStopping) {
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * A consistent point-in-time copy of this replica's database, for a backup: a RocksDB
   * checkpoint (hard links) in {@code backups/} of the data directory, with the applied
   * position it holds. Closing it deletes the copy. Works on any role; a standby's copy
   * is as recent as what it has applied.
   *
   * @throws StoreException {@code NOT_READY} while a snapshot is being installed,
   *     {@code STORAGE} if the checkpoint cannot be written
   */
  public BackupCheckpoint backupCheckpoint() {
    Path dir = config.dataDir().resolve(BACKUPS).resolve(java.util.UUID.randomUUID().toString());
    try {
      Files.createDirectories(dir.getParent());
      stateMachine.store().checkpoint(dir);
      List<BackupCheckpoint.File> files = new ArrayList<>();
      // Listed before the position is read: reading opens the copy, which adds RocksDB's info log.
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path file : entries.filter(Files::isRegularFile).sorted().toList()) {
          files.add(new BackupCheckpoint.File(file.getFileName().toString(), Files.size(file)));
        }
      }
      AppliedPosition position = RocksStore.readApplied(dir);
      return new BackupCheckpoint(dir, files, position);
    } catch (IOException | RuntimeException e) {
      Directories.deleteTree(dir);
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException(StoreException.Kind.STORAGE, "Cannot take a backup checkpoint: " + e.getMessage(), e);
    }
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

  /** The state machine, for tests in this module. */
  QuorateStateMachine stateMachine() {
    return stateMachine;
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
