package io.quorate.node.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.node.config.ConfigException;
import io.quorate.node.config.NodeConfig;
import io.quorate.node.config.NodeOptions;
import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.protocol.v1.BackupRequest;
import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.raft.txn.StoreException;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.session.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a node streams a consistent, checksummed backup of its database; that a
 * new node started with restore-from serves exactly the backed-up rows, refuses a damaged
 * backup without creating anything, and ignores restore-from once it has data; and that
 * a cancelled backup leaves no copy behind on the node.
 */
class NodeBackupRestoreTest {

  /** Rows of about 1 KB of hex, which RocksDB cannot compress: about 2 MB, more than one flow-control window. */
  private static final int ROWS = 2000;

  @TempDir
  Path dir;

  @Test
  void backupRestoresIntoANewClusterWithExactlyItsRows() throws Exception {
    Path backup = dir.resolve("backup");
    BackupManifest manifest;
    try (QuorateNode old = start("old", dir.resolve("old"), null)) {
      fill(old);
      manifest = backup(old, backup, 64 << 10);
      assertEquals("old", manifest.getClusterId());
      assertTrue(manifest.getIndex() > 0, "index " + manifest.getIndex());
      assertEquals(manifest, BackupDirectory.verify(backup), "what arrived matches what the node read");
      assertTrue(run(old, "INSERT INTO t VALUES (0, 'after the backup')"));
      assertNoBackupCopies(dir.resolve("old"));
    }
    Path restoredDir = dir.resolve("new");
    try (QuorateNode restored = start("new", restoredDir, backup)) {
      InJvmCluster.await("the restored node takes writes", () -> run(restored, "INSERT INTO t VALUES (-1, 'new')"));
      assertEquals(ROWS + 1, count(restored), "the backup's rows and the new one, not the old cluster's later row");
      assertEquals(0, count(restored, "SELECT count(*) FROM t WHERE a = 0"));
      assertTrue(restored.store().status().commitIndex() > manifest.getIndex(), "the log continues after the backup");
    }
    try (QuorateNode again = start("new", restoredDir, backup)) {
      InJvmCluster.await("the restarted node serves SQL", () -> run(again, "SELECT 1"));
      assertEquals(ROWS + 1, count(again), "restore-from is ignored once the data directory has a database");
    }
  }

  @Test
  void aDamagedBackupStopsTheNodeBeforeItCreatesAnything() throws Exception {
    Path backup = dir.resolve("backup");
    try (QuorateNode old = start("old", dir.resolve("old"), null)) {
      InJvmCluster.await("the node serves SQL", () -> run(old, "CREATE TABLE t (a int PRIMARY KEY)"));
      backup(old, backup, 0);
    }
    Path sst;
    try (Stream<Path> files = Files.list(BackupDirectory.dataDir(backup))) {
      sst = files.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(sst);
    bytes[bytes.length / 2] ^= 0x40;
    Files.write(sst, bytes);

    Path dataDir = dir.resolve("new");
    StoreException e = assertThrows(StoreException.class, () -> start("new", dataDir, backup));
    assertTrue(e.getMessage().startsWith("Cannot restore: ") && e.getMessage().contains("is corrupt"), e.getMessage());
    assertFalse(Files.exists(dataDir), "nothing was created");

    Files.delete(backup.resolve(BackupDirectory.MANIFEST));
    StoreException incomplete = assertThrows(StoreException.class, () -> start("new", dataDir, backup));
    assertTrue(incomplete.getMessage().contains("not a complete backup"), incomplete.getMessage());
  }

  @Test
  void aCancelledBackupLeavesNoCopyOnTheNode() throws Exception {
    Path dataDir = dir.resolve("old");
    try (QuorateNode node = start("old", dataDir, null)) {
      fill(node);
      ManagedChannel channel = channel(node);
      try (Context.CancellableContext context = Context.current().withCancellation()) {
        context.run(() -> {
          Iterator<BackupChunk> stream = AdminServiceGrpc.newBlockingStub(channel)
              .backup(BackupRequest.newBuilder().setChunkBytes(16 << 10).build());
          assertTrue(stream.next().hasStart());
          assertTrue(stream.next().hasData());
          assertFalse(copies(dataDir).isEmpty(), "the node holds its copy while the backup is sent");
        });
        context.cancel(null);
      } finally {
        channel.shutdownNow();
      }
      InJvmCluster.await("the node deleted its copy", () -> copies(dataDir).isEmpty());
    }
  }

  private static QuorateNode start(String clusterId, Path dataDir, Path restoreFrom) throws ConfigException {
    NodeOptions options = new NodeOptions();
    options.nodeId = "n1";
    options.dataDir = dataDir.toString();
    options.raftPort = InJvmCluster.freePort();
    options.adminPort = InJvmCluster.freePort();
    options.clientPort = InJvmCluster.freePort();
    options.clusterId = clusterId;
    options.peers = "n1=127.0.0.1:" + options.raftPort;
    options.auth = "trust";
    options.electionTimeoutMinMillis = 300;
    options.electionTimeoutMaxMillis = 600;
    options.restoreFrom = restoreFrom == null ? null : restoreFrom.toString();
    return QuorateNode.start(NodeConfig.load(options));
  }

  private static void fill(QuorateNode node) {
    InJvmCluster.await("the node serves SQL", () -> run(node, "CREATE TABLE t (a int PRIMARY KEY, b text)"));
    Random random = new Random(42);
    for (int first = 1; first <= ROWS; first += 200) {
      StringBuilder insert = new StringBuilder("INSERT INTO t VALUES ");
      for (int a = first; a < first + 200; a++) {
        byte[] value = new byte[500];
        random.nextBytes(value);
        insert.append(a == first ? "" : ", ").append('(').append(a).append(", '")
            .append(java.util.HexFormat.of().formatHex(value)).append("')");
      }
      assertTrue(run(node, insert.toString()));
    }
  }

  /** Receives a backup the plain way (om's receiver is in om-cli) and writes its manifest. */
  private static BackupManifest backup(QuorateNode node, Path backup, int chunkBytes) throws IOException {
    ManagedChannel channel = channel(node);
    try {
      Files.createDirectories(BackupDirectory.dataDir(backup));
      Iterator<BackupChunk> stream = AdminServiceGrpc.newBlockingStub(channel)
          .backup(BackupRequest.newBuilder().setChunkBytes(chunkBytes).build());
      while (stream.hasNext()) {
        BackupChunk chunk = stream.next();
        if (chunk.hasData()) {
          try (OutputStream out = Files.newOutputStream(BackupDirectory.dataDir(backup).resolve(chunk.getData().getFile()),
              StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            chunk.getData().getData().writeTo(out);
          }
        } else if (chunk.hasManifest()) {
          BackupDirectory.writeManifest(backup, chunk.getManifest());
          return chunk.getManifest();
        }
      }
      throw new AssertionError("the stream ended without a manifest");
    } finally {
      channel.shutdownNow();
    }
  }

  private static ManagedChannel channel(QuorateNode node) {
    return NettyChannelBuilder.forAddress("127.0.0.1", node.config().adminPort()).usePlaintext().build();
  }

  private static List<Path> copies(Path dataDir) {
    Path backups = dataDir.resolve("backups");
    if (!Files.isDirectory(backups)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(backups)) {
      return entries.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertNoBackupCopies(Path dataDir) {
    assertEquals(List.of(), copies(dataDir));
  }

  private static boolean run(QuorateNode node, String sql) {
    try (Session session = node.sql().engine().openSession()) {
      session.execute(sql);
      return true;
    } catch (SqlException e) {
      return false;
    }
  }

  private static long count(QuorateNode node) {
    return count(node, "SELECT count(*) FROM t");
  }

  private static long count(QuorateNode node, String sql) {
    try (Session session = node.sql().engine().openSession()) {
      return ((Number) session.execute(sql).getFirst().rows().getFirst()[0]).longValue();
    }
  }
}
