package io.quorate.raft.statemachine;

import io.quorate.raft.log.LogEntryCodec;
import io.quorate.raft.store.AppliedPosition;
import io.quorate.raft.store.Directories;
import io.quorate.raft.store.RocksStore;
import io.quorate.raft.txn.Replica;
import io.quorate.raft.txn.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.Preconditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quorate's Ratis state machine. Applying an entry decodes its write batch and writes it,
 * with the entry's term and index, in one atomic RocksDB batch; it decides nothing.
 *
 * <p>Restart: Ratis replays the log from the newest snapshot (checkpoint) onwards; entries
 * the RocksDB already holds (index at or below its recorded position) are skipped, so
 * nothing is applied twice and nothing is missed. Snapshots flush RocksDB first, so the
 * recorded position is durable before Ratis purges the log up to it.
 *
 * <p>Snapshot installation: Ratis pauses this machine, replaces the {@code sm} directory
 * with the leader's checkpoint, and calls {@link #reinitialize()}, which swaps the live
 * database for a copy of that checkpoint.
 *
 * <p>Restore: a replica that has neither a database nor a snapshot but a staged restore
 * directory (a backup's checkpoint adopted for this cluster) makes it its first snapshot,
 * at term 1 and the backup's index. Ratis then starts the new group's log right after
 * that index, so the log applies on top of the restored data, and a member added later
 * gets the data by snapshot installation (the log below cannot give it).
 */
public final class QuorateStateMachine extends BaseStateMachine {

  private static final Logger LOG = LoggerFactory.getLogger(QuorateStateMachine.class);

  private final Path dbDir;
  private final Path restoreDir;
  private final String clusterId;
  private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
  private final AppliedIndexWaiters waiters = new AppliedIndexWaiters();
  private final List<Replica.LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  /** Serialises leadership notifications with listener registration. */
  private final Object leadershipChanges = new Object();
  private volatile RocksStore store;
  private volatile boolean leader;
  private volatile long lastCommitTimeMillis;
  private volatile Runnable closeListener = () -> {};

  /**
   * @param dbDir where the live RocksDB lives (outside Ratis's storage directory)
   * @param restoreDir a staged checkpoint to start from when there is no database and no
   *     snapshot yet; it is moved into place as the first snapshot
   * @param clusterId the cluster identity recorded in, and checked against, the database
   */
  public QuorateStateMachine(Path dbDir, Path restoreDir, String clusterId) {
    this.dbDir = Objects.requireNonNull(dbDir, "dbDir");
    this.restoreDir = Objects.requireNonNull(restoreDir, "restoreDir");
    this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    super.initialize(server, groupId, raftStorage);
    snapshots.init(raftStorage);
    getLifeCycle().startAndTransition(this::openStore);
  }

  private void openStore() throws IOException {
    Path snapshot = snapshots.latestDir();
    if (!Files.isDirectory(dbDir) && snapshot == null && Files.isDirectory(restoreDir)) {
      snapshot = seedFromRestore();
    }
    if (!Files.isDirectory(dbDir) && snapshot != null) {
      restoreDatabase(snapshot);
    }
    store = RocksStore.open(dbDir, clusterId);
    SnapshotInfo latest = snapshots.getLatestSnapshot();
    if (latest != null) {
      setLastAppliedTermIndex(latest.getTermIndex());
    }
    AppliedPosition position = store.applied();
    waiters.advance(latest == null ? -1 : latest.getIndex());
    LOG.info("Opened local store [dir={}, appliedIndex={}, snapshotIndex={}]",
        dbDir, position.index(), latest == null ? -1 : latest.getIndex());
  }

  /** Makes the staged restore this replica's first snapshot; returns its directory. */
  private Path seedFromRestore() throws IOException {
    AppliedPosition position = RocksStore.readApplied(restoreDir);
    Preconditions.assertTrue(position.term() == RocksStore.ADOPTED_TERM && position.index() >= 0,
        () -> "a staged restore is adopted at term " + RocksStore.ADOPTED_TERM + " with data, not at " + position);
    TermIndex seed = TermIndex.valueOf(position.term(), position.index());
    Path target = snapshots.dirFor(seed);
    Files.move(restoreDir, target);
    snapshots.publish(target, seed);
    LOG.info("Seeded from a restored backup [index={}]", seed.getIndex());
    return target;
  }

  /** Replaces the live database directory with a copy of a checkpoint. */
  private void restoreDatabase(Path checkpoint) throws IOException {
    Path staging = dbDir.resolveSibling(dbDir.getFileName() + ".installing");
    Directories.deleteTree(staging);
    Files.createDirectories(staging);
    try (Stream<Path> files = Files.list(checkpoint)) {
      for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md5")).toList()) {
        Files.copy(file, staging.resolve(file.getFileName()));
      }
    }
    Directories.deleteTree(dbDir);
    Files.move(staging, dbDir);
    LOG.info("Restored local store from snapshot [checkpoint={}]", checkpoint.getFileName());
  }

  /** The live store; changes only while a snapshot is installed. */
  public RocksStore store() {
    RocksStore current = store;
    if (current == null) {
      throw new StoreException(StoreException.Kind.NOT_READY, "The local store is not open yet");
    }
    return current;
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return snapshots.getLatestSnapshot();
  }

  /** Refuses, on the leader, anything that is not a well-formed entry, before it is logged. */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    byte[] bytes = request.getMessage().getContent().toByteArray();
    LogEntryCodec.decode(bytes);
    return super.startTransaction(request);
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    RocksStore current = store();
    if (index > current.applied().index()) {
      byte[] bytes = entry.getStateMachineLogEntry().getLogData().toByteArray();
      // A corrupt or unknown entry throws: the replica must stop rather than skip it.
      LogEntryCodec.Entry decoded = LogEntryCodec.decode(bytes);
      current.apply(entry.getTerm(), index, decoded.batch());
      lastCommitTimeMillis = decoded.metadata().commitTimeMillis();
    }
    updateLastAppliedTermIndex(entry.getTerm(), index);
    waiters.advance(index);
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    super.notifyTermIndexUpdated(term, index);
    waiters.advance(index);
  }

  /** Read barrier target: the read itself happens on a RocksDB view afterwards. */
  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || last.getIndex() < 0) {
      return -1;
    }
    SnapshotInfo latest = snapshots.getLatestSnapshot();
    if (latest != null && latest.getIndex() >= last.getIndex()) {
      return latest.getIndex();
    }
    RocksStore current = store();
    current.recordApplied(last.getTerm(), last.getIndex());
    current.flush();
    Path scratch = snapshots.scratchDir(last);
    Directories.deleteTree(scratch);
    current.checkpoint(scratch);
    Path target = snapshots.dirFor(last);
    Files.move(scratch, target);
    snapshots.publish(target, last);
    LOG.info("Took snapshot [term={}, index={}]", last.getTerm(), last.getIndex());
    return last.getIndex();
  }

  @Override
  public void pause() {
    LifeCycle lifeCycle = getLifeCycle();
    if (lifeCycle.getCurrentState() == LifeCycle.State.RUNNING) {
      lifeCycle.transition(LifeCycle.State.PAUSING);
      lifeCycle.transition(LifeCycle.State.PAUSED);
    }
  }

  @Override
  public void reinitialize() throws IOException {
    getLifeCycle().startAndTransition(() -> {
      SnapshotInfo installed = snapshots.reload();
      if (installed != null && installed.getIndex() > store().applied().index()) {
        LOG.info("Installing snapshot [term={}, index={}]", installed.getTerm(), installed.getIndex());
        store.close();
        restoreDatabase(snapshots.latestDir());
        openStore();
      }
    });
  }

  /**
   * The primary's clock at the commit of the last entry this replica applied since it
   * started, 0 before the first; comparing two replicas' values tells how far behind in
   * time one is, free of clock skew between them.
   */
  public long lastCommitTimeMillis() {
    return lastCommitTimeMillis;
  }

  public CompletableFuture<Void> awaitApplied(long index) {
    return waiters.await(index);
  }

  public void addLeadershipListener(Replica.LeadershipListener listener) {
    addLeadershipListener(listener, false);
  }

  /**
   * Registers {@code listener}; with {@code tellIfLeader} it also hears {@code becameLeader}
   * at once when this replica is the ready primary. Registering and that check are atomic
   * with the notifications, so the listener cannot miss a change or hear a stale one.
   */
  public void addLeadershipListener(Replica.LeadershipListener listener, boolean tellIfLeader) {
    synchronized (leadershipChanges) {
      listeners.add(listener);
      if (tellIfLeader && leader) {
        listener.becameLeader(currentTerm());
      }
    }
  }

  @Override
  public void notifyLeaderReady() {
    synchronized (leadershipChanges) {
      if (!leader) {
        leader = true;
        long term = currentTerm();
        LOG.info("Became primary [term={}, appliedIndex={}]", term, store().applied().index());
        listeners.forEach(l -> l.becameLeader(term));
      }
    }
  }

  @Override
  public void notifyNotLeader(java.util.Collection<TransactionContext> pendingEntries) {
    stepDown("stepped down");
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId memberId, RaftPeerId newLeaderId) {
    if (!memberId.getPeerId().equals(newLeaderId)) {
      stepDown("new leader " + newLeaderId);
    }
  }

  private void stepDown(String reason) {
    synchronized (leadershipChanges) {
      if (leader) {
        leader = false;
        long term = currentTerm();
        LOG.info("Lost primary role [term={}, reason={}]", term, reason);
        listeners.forEach(l -> l.lostLeadership(term));
      }
    }
  }

  private long currentTerm() {
    try {
      return getServer().get().getDivision(getGroupId()).getInfo().getCurrentTerm();
    } catch (Exception e) {
      TermIndex last = getLastAppliedTermIndex();
      return last == null ? 0 : last.getTerm();
    }
  }

  /**
   * Runs {@code listener} when Ratis closes this machine: on the closing thread, which
   * belongs to Ratis, so the listener must not block.
   */
  public void setCloseListener(Runnable listener) {
    closeListener = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void close() throws IOException {
    closeListener.run();
    stepDown("closing");
    waiters.failAll(new StoreException(StoreException.Kind.NOT_READY, "The replica is shutting down"));
    RocksStore current = store;
    if (current != null) {
      current.close();
    }
    super.close();
  }
}
