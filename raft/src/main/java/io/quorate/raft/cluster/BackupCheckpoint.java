package io.quorate.raft.cluster;

import io.quorate.raft.store.AppliedPosition;
import io.quorate.raft.store.Directories;
import java.nio.file.Path;
import java.util.List;

/**
 * A point-in-time copy of one replica's database, taken for a backup: the RocksDB
 * checkpoint's files (immutable while this is open) and the applied position they hold.
 * {@link #close()} deletes the copy.
 *
 * @param dir the checkpoint directory; its files are read by name from here
 * @param files every file of the checkpoint, sorted by name
 * @param position the last log entry whose effects the copy holds
 */
public record BackupCheckpoint(Path dir, List<File> files, AppliedPosition position) implements AutoCloseable {

  /** One file of the checkpoint and its size. */
  public record File(String name, long sizeBytes) {}

  public BackupCheckpoint {
    files = List.copyOf(files);
  }

  public long totalBytes() {
    return files.stream().mapToLong(File::sizeBytes).sum();
  }

  @Override
  public void close() {
    Directories.deleteTree(dir);
  }
}
