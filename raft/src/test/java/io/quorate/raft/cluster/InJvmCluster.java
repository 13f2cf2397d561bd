package io.quorate.raft.cluster;

import io.quorate.raft.store.Directories;
import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.Transaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Replicas of one cluster in this JVM, on loopback with free ports and temporary data
 * directories, for tests of replication, restarts, snapshots and membership. Tests
 * await conditions with deadlines through {@link #await}, never sleep. Closing stops
 * every replica and deletes the data.
 */
public final class InJvmCluster implements AutoCloseable {

  private static final java.util.Set<Integer> HANDED_OUT_PORTS = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Timeouts sized for a busy 2-core machine. */
  public static final ReplicaConfig.Tuning TUNING = new ReplicaConfig.Tuning(
      Duration.ofMillis(1000), Duration.ofMillis(2000), Duration.ofSeconds(5), 10_000, Duration.ofMinutes(5), 8L << 20);
  public static final Duration WAIT = Duration.ofSeconds(60);

  private final String clusterId = "test-" + UUID.randomUUID();
  private final Path root;
  private final ReplicaConfig.Tuning tuning;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, RatisReplicatedStore> running = new LinkedHashMap<>();
  private final List<Peer> initialMembers = new ArrayList<>();
  private final UUID clientId = UUID.randomUUID();
  private final AtomicLong callIds = new AtomicLong();

  private InJvmCluster(Path root, ReplicaConfig.Tuning tuning) {
    this.root = root;
    this.tuning = tuning;
  }

  /** Starts {@code size} replicas forming one group and waits for a primary. */
  public static InJvmCluster start(int size) {
    return start(size, TUNING);
  }

  public static InJvmCluster start(int size, ReplicaConfig.Tuning tuning) {
    return start(size, tuning, null);
  }

  /**
   * Starts a new cluster of {@code size} replicas, each staged from {@code checkpoint}
   * (the files of another cluster's {@link BackupCheckpoint}), and waits for a primary.
   */
  public static InJvmCluster startRestored(int size, Path checkpoint) {
    return start(size, TUNING, checkpoint);
  }

  private static InJvmCluster start(int size, ReplicaConfig.Tuning tuning, Path restoreFrom) {
    InJvmCluster cluster;
    try {
      cluster = new InJvmCluster(Files.createTempDirectory("quorate-cluster-"), tuning);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (int i = 1; i <= size; i++) {
        Peer peer = new Peer("n" + i, "127.0.0.1", freePort());
        cluster.peers.put(peer.id(), peer);
        cluster.initialMembers.add(peer);
      }
      for (String id : List.copyOf(cluster.peers.keySet())) {
        if (restoreFrom != null) {
          RatisReplicatedStore.stageRestore(cluster.dataDir(id), cluster.clusterId, restoreFrom, -1);
        }
        cluster.startReplica(id);
      }
      cluster.awaitPrimary();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public Path dataDir(String id) {
    return root.resolve(id);
  }

  /** (Re)starts a replica that is a member or was a member, with its data directory. */
  public RatisReplicatedStore startReplica(String id) {
    Peer self = peers.get(id);
    // A replica that joined later restarts as it started: its membership is in its log.
    List<Peer> members = initialMembers.contains(self) ? initialMembers : List.of();
    RatisReplicatedStore store = RatisReplicatedStore.start(
        new ReplicaConfig(self, dataDir(id), clusterId, members, tuning));
    running.put(id, store);
    return store;
  }

  /** Starts a brand-new replica that waits to be added to the group. */
  public RatisReplicatedStore startJoiner(String id) {
    Peer self = new Peer(id, "127.0.0.1", freePort());
    peers.put(id, self);
    RatisReplicatedStore store = RatisReplicatedStore.start(
        new ReplicaConfig(self, dataDir(id), clusterId, List.of(), tuning));
    running.put(id, store);
    return store;
  }

  public Peer peer(String id) {
    return peers.get(id);
  }

  public void stopReplica(String id) {
    RatisReplicatedStore store = running.remove(id);
    if (store != null) {
      store.close();
    }
  }

  /** Stops a replica and deletes its whole data directory. */
  public void wipeReplica(String id) {
    stopReplica(id);
    Directories.deleteTree(dataDir(id));
  }

  public RatisReplicatedStore replica(String id) {
    return running.get(id);
  }

  public List<RatisReplicatedStore> running() {
    return List.copyOf(running.values());
  }

  /** Waits until exactly one running replica is a ready primary, and returns it. */
  public RatisReplicatedStore awaitPrimary() {
    RatisReplicatedStore[] found = new RatisReplicatedStore[1];
    await("a primary is elected", () -> {
      for (RatisReplicatedStore store : running.values()) {
        try {
          if (store.replica().isLeader() && store.division().getInfo().isLeaderReady()) {
            found[0] = store;
            return true;
          }
        } catch (StoreException e) {
          // not serving yet
        }
      }
      return false;
    });
    return found[0];
  }

  /** Commits {@code key = value} on the primary, retrying while a primary is elected. */
  public long put(String key, String value) {
    return write(txn -> txn.put(bytes(key), bytes(value)));
  }

  /** Runs {@code body} in a READ COMMITTED transaction on the primary and commits it. */
  public long write(java.util.function.Consumer<Transaction> body) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      RatisReplicatedStore primary = awaitPrimary();
      try (Transaction txn = primary.transactions().begin(
          IsolationLevel.READ_COMMITTED, false, clientId, callIds.incrementAndGet())) {
        body.accept(txn);
        return txn.commit();
      } catch (StoreException e) {
        if (!(e.kind().retryable() || e.kind() == StoreException.Kind.NOT_PRIMARY) || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** The value of {@code key} in a replica's local applied state, or null. */
  public static String localValue(RatisReplicatedStore store, String key) {
    try (var view = store.openLocalView()) {
      byte[] value = view.get(bytes(key));
      return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** Waits until every running replica has applied {@code index}. */
  public void awaitApplied(long index) {
    for (RatisReplicatedStore store : running.values()) {
      store.waitForApplied(index, WAIT).join();
    }
  }

  public static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Polls {@code condition} until it holds, failing with {@code what} after {@link #WAIT}. */
  public static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long pauseMillis = 5;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out after " + WAIT.toSeconds() + " s waiting until " + what);
      }
      try {
        Thread.sleep(pauseMillis); // polling interval of a condition wait, not a fixed delay
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting until " + what, e);
      }
      pauseMillis = Math.min(100, pauseMillis * 2);
    }
  }

  /**
   * A port nothing listens on, never one this JVM handed out before: the OS may return
   * the same ephemeral port to two probes in a row, and two replicas given one port
   * collide (Ratis ends the whole JVM when its gRPC server cannot bind).
   */
  public static int freePort() {
    while (true) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        socket.setReuseAddress(true);
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (HANDED_OUT_PORTS.add(port)) {
        return port;
      }
    }
  }


  @Override
  public void close() {
    for (String id : List.copyOf(running.keySet())) {
      try {
        stopReplica(id);
      } catch (RuntimeException e) {
        // keep stopping the others
      }
    }
    Directories.deleteTree(root);
  }
}
