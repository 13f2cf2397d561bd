package io.quorate.om;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What om may delete. A node's data directory holds only what Quorate writes there; om
 * wipes those entries and nothing else, and refuses a directory that holds anything
 * else or that contains the cluster file or another node's directory, so a mistyped
 * {@code data-dir} can never take a user's files with it.
 */
final class DataDirs {

  /** Entries a node and om create in a data directory. */
  private static final List<String> OWNED = List.of("raft", "db", "backups", "restore", "CLUSTER", "node.log", "node.pid",
      "node.auto.conf");

  private DataDirs() {}

  /** Whether a node has run here: a Raft log or a database (a new log must never meet an old database). */
  static boolean holdsCluster(Path dataDir) {
    return Files.isDirectory(dataDir.resolve("raft")) || Files.isDirectory(dataDir.resolve("db"));
  }

  private static boolean owned(String name) {
    return OWNED.contains(name) || name.startsWith("db.") || name.startsWith("restore.");
  }

  /** Refuses a directory om must not treat as a node's own: see the class comment. */
  static void checkOwnable(ClusterFile cluster, ClusterFile.Node node) {
    Path dir = node.dataDir().toAbsolutePath().normalize();
    if (cluster.file().toAbsolutePath().normalize().startsWith(dir)) {
      throw OmException.usage("node " + node.id() + "'s data dir " + dir + " contains the cluster file; give each node"
          + " a directory of its own");
    }
    for (ClusterFile.Node other : cluster.nodes()) {
      Path otherDir = other.dataDir().toAbsolutePath().normalize();
      if (!other.id().equals(node.id()) && other.host().equals(node.host())
          && (otherDir.startsWith(dir) || dir.startsWith(otherDir))) {
        throw OmException.usage("the data dirs of " + node.id() + " and " + other.id() + " overlap (" + dir + ", "
            + otherDir + ")");
      }
    }
    List<String> foreign = foreign(dir);
    if (!foreign.isEmpty()) {
      throw OmException.failed("node " + node.id() + "'s data dir " + dir + " holds files Quorate did not make "
          + foreign.stream().limit(5).toList() + "; give the node an empty or new directory");
    }
  }

  /** Names in {@code dir} that no node or om wrote. */
  private static List<String> foreign(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> foreign = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries.map(p -> p.getFileName().toString()).filter(n -> !owned(n)).sorted().forEach(foreign::add);
    } catch (IOException e) {
      throw OmException.failed("cannot read " + dir + ": " + e.getMessage());
    }
    return foreign;
  }

  /** Deletes what Quorate wrote in the node's data dir (checked with {@link #checkOwnable} first). */
  static void wipe(ClusterFile cluster, ClusterFile.Node node) {
    checkOwnable(cluster, node);
    Path dir = node.dataDir();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.filter(p -> owned(p.getFileName().toString())).toList()) {
        LocalFiles.deleteTree(entry);
      }
    } catch (IOException e) {
      throw OmException.failed("cannot delete the data in " + dir + ": " + e.getMessage());
    }
  }
}
