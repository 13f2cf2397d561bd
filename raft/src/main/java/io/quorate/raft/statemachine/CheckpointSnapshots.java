package io.quorate.raft.statemachine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.quorate.raft.store.Directories;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Snapshots as RocksDB checkpoints, one directory {@code snapshot.<term>_<index>} each,
 * inside Ratis's state-machine directory ({@code <group>/sm}). Ratis streams a snapshot's
 * files to a lagging follower and, on the follower, replaces the whole {@code sm}
 * directory with what it received, which is why the live RocksDB lives elsewhere.
 * Thread-safe.
 */
final class CheckpointSnapshots implements StateMachineStorage {

  private static final Pattern NAME = Pattern.compile("snapshot\\.(\\d+)_(\\d+)");
  private static final int RETAINED = 2;

  private volatile Path smDir;
  private volatile FileListSnapshotInfo latest;

  @Override
  public void init(RaftStorage storage) throws IOException {
    smDir = storage.getStorageDir().getStateMachineDir().toPath();
    Files.createDirectories(smDir);
    reload();
  }

  /** Rescans the directory (after an install replaced it) and returns the newest snapshot. */
  synchronized FileListSnapshotInfo reload() throws IOException {
    latest = null;
    Path newest = newestDir();
    if (newest != null) {
      latest = describe(newest, termIndexOf(newest));
    }
    return latest;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latest;
  }

  /** The newest snapshot's checkpoint directory, or null. */
  Path latestDir() {
    FileListSnapshotInfo info = latest;
    return info == null ? null : dirFor(info.getTermIndex());
  }

  /** Where the snapshot at {@code termIndex} lives. */
  Path dirFor(TermIndex termIndex) {
    return smDir.resolve("snapshot." + termIndex.getTerm() + "_" + termIndex.getIndex());
  }

  /** A scratch path for a checkpoint being written; renamed into place when complete. */
  Path scratchDir(TermIndex termIndex) {
    return smDir.resolve(".writing-" + termIndex.getTerm() + "_" + termIndex.getIndex());
  }

  /** Records a completed checkpoint directory as the newest snapshot. */
  synchronized void publish(Path dir, TermIndex termIndex) throws IOException {
    latest = describe(dir, termIndex);
  }

  @Override
  public void format() {}

  @Override
  public synchronized void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    List<Path> dirs = snapshotDirs();
    dirs.sort(Comparator.comparing(CheckpointSnapshots::termIndexOf).reversed());
    for (int i = RETAINED; i < dirs.size(); i++) {
      Directories.deleteTree(dirs.get(i));
    }
    try (Stream<Path> entries = Files.list(smDir)) {
      for (Path scratch : entries.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
        Directories.deleteTree(scratch);
      }
    }
  }

  private Path newestDir() throws IOException {
    return snapshotDirs().stream().max(Comparator.comparing(CheckpointSnapshots::termIndexOf)).orElse(null);
  }

  private List<Path> snapshotDirs() throws IOException {
    if (!Files.isDirectory(smDir)) {
      return new ArrayList<>();
    }
    try (Stream<Path> entries = Files.list(smDir)) {
      return new ArrayList<>(entries
          .filter(Files::isDirectory)
          .filter(p -> NAME.matcher(p.getFileName().toString()).matches())
          .toList());
    }
  }

  static TermIndex termIndexOf(Path dir) {
    Matcher m = NAME.matcher(dir.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a snapshot directory: " + dir);
    }
    return TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }

  private static FileListSnapshotInfo describe(Path dir, TermIndex termIndex) throws IOException {
    List<FileInfo> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      // Digests are left to Ratis, which computes them while streaming to a follower.
      for (Path file : entries.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md5")).sorted().toList()) {
        files.add(new FileInfo(file.toAbsolutePath(), null));
      }
    }
    return new FileListSnapshotInfo(files, termIndex);
  }

  @Override
  public File getSnapshotDir() {
    return null;
  }

  @Override
  public File getTmpDir() {
    return null;
  }
}
