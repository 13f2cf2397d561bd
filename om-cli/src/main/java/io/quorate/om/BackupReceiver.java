package io.quorate.om;

import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupData;
import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.protocol.v1.BackupStart;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes one backup stream into a backup directory: each file as its chunks arrive, in
 * order, with its own SHA-256, and the {@code MANIFEST} last, only after every file
 * matched the size and digest the node reported. Anything out of order or not matching
 * fails the backup, and {@link #discard()} removes what was written, so a directory
 * either holds a complete, checked backup or nothing of it. Not thread-safe.
 */
final class BackupReceiver {

  /** A file received completely: its size and digest. */
  private record Received(long sizeBytes, String sha256) {}

  private final Path dir;
  private final boolean createdDir;
  private final Map<String, Received> received = new LinkedHashMap<>();
  private BackupStart start;
  private String currentName;
  private FileChannel current;
  private MessageDigest currentDigest;
  private long currentBytes;
  private long receivedBytes;
  private BackupManifest manifest;

  private BackupReceiver(Path dir, boolean createdDir) {
    this.dir = dir;
    this.createdDir = createdDir;
  }

  /**
   * A receiver writing into {@code dir}, which must not exist or be empty (it is created
   * if missing).
   *
   * @throws OmException failed, if {@code dir} is a file or a non-empty directory; nothing is changed then
   */
  static BackupReceiver into(Path dir) {
    Path target = dir.toAbsolutePath().normalize();
    boolean created = false;
    try {
      if (Files.exists(target) && !Files.isDirectory(target)) {
        throw OmException.failed(target + " exists and is not a directory; nothing was changed");
      }
      if (Files.isDirectory(target)) {
        try (Stream<Path> entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw OmException.failed(target + " is not empty; a backup goes into a new or empty directory"
                + " (nothing was changed)");
          }
        }
      } else {
        Files.createDirectories(target);
        created = true;
      }
      Files.createDirectory(BackupDirectory.dataDir(target));
    } catch (IOException e) {
      throw OmException.failed("cannot prepare " + target + ": " + e.getMessage());
    }
    return new BackupReceiver(target, created);
  }

  Path dir() {
    return dir;
  }

  /** What the node said is coming; null before the first message. */
  BackupStart start() {
    return start;
  }

  long receivedBytes() {
    return receivedBytes;
  }

  /** The checked manifest, once the backup is complete; null before. */
  BackupManifest manifest() {
    return manifest;
  }

  /**
   * Takes the next message of the stream.
   *
   * @throws OmException failed, for a message out of order or not matching what came before
   */
  void accept(BackupChunk chunk) throws IOException {
    if (manifest != null) {
      throw protocol("a message after the manifest");
    }
    switch (chunk.getPartCase()) {
      case START -> {
        if (start != null) {
          throw protocol("a second start");
        }
        start = chunk.getStart();
      }
      case DATA -> data(chunk.getData());
      case MANIFEST -> finish(chunk.getManifest());
      case PART_NOT_SET -> throw protocol("an empty message");
    }
  }

  private void data(BackupData data) throws IOException {
    if (start == null) {
      throw protocol("data before the start");
    }
    if (!data.getFile().equals(currentName)) {
      closeCurrent();
      if (!BackupDirectory.isPlainFileName(data.getFile()) || received.containsKey(data.getFile())) {
        throw protocol("a bad or repeated file name '" + data.getFile() + "'");
      }
      currentName = data.getFile();
      current = FileChannel.open(BackupDirectory.dataDir(dir).resolve(currentName),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      currentDigest = BackupDirectory.sha256();
      currentBytes = 0;
    }
    if (data.getOffset() != currentBytes) {
      throw protocol(currentName + " at offset " + data.getOffset() + " after " + currentBytes + " bytes");
    }
    ByteBuffer bytes = data.getData().asReadOnlyByteBuffer();
    currentDigest.update(bytes.duplicate());
    while (bytes.hasRemaining()) {
      current.write(bytes);
    }
    currentBytes += data.getData().size();
    receivedBytes += data.getData().size();
  }

  /** Ends the current file: durable on disk, its size and digest recorded. */
  private void closeCurrent() throws IOException {
    if (current == null) {
      return;
    }
    current.force(true);
    current.close();
    current = null;
    received.put(currentName, new Received(currentBytes, BackupDirectory.hex(currentDigest.digest())));
  }

  private void finish(BackupManifest offered) throws IOException {
    if (start == null) {
      throw protocol("a manifest before the start");
    }
    closeCurrent();
    if (offered.getIndex() != start.getIndex() || !offered.getClusterId().equals(start.getClusterId())) {
      throw protocol("a manifest for index " + offered.getIndex() + " after a start at " + start.getIndex());
    }
    if (offered.getFilesCount() != received.size() || offered.getFilesCount() != start.getFileCount()) {
      throw protocol(offered.getFilesCount() + " files in the manifest, " + received.size() + " received, "
          + start.getFileCount() + " announced");
    }
    for (BackupFile file : offered.getFilesList()) {
      Received got = received.get(file.getName());
      if (got == null) {
        throw protocol("the manifest lists " + file.getName() + ", which was not sent");
      }
      if (got.sizeBytes() != file.getSizeBytes() || !got.sha256().equals(file.getSha256())) {
        throw OmException.failed(file.getName() + " arrived with " + got.sizeBytes() + " bytes and SHA-256 "
            + got.sha256() + ", but the node read " + file.getSizeBytes() + " bytes with SHA-256 " + file.getSha256()
            + ": the copy was damaged on the way");
      }
    }
    BackupDirectory.sync(BackupDirectory.dataDir(dir));
    BackupDirectory.writeManifest(dir, offered);
    manifest = offered;
  }

  private static OmException protocol(String what) {
    return OmException.failed("the node sent " + what + "; the backup is not usable");
  }

  /** Removes everything this receiver wrote (and the directory, if it made it). */
  void discard() {
    try {
      if (current != null) {
        current.close();
      }
      LocalFiles.deleteTree(createdDir ? dir : BackupDirectory.dataDir(dir));
      // The directory was empty before, so a manifest in it is this receiver's.
      Files.deleteIfExists(dir.resolve(BackupDirectory.MANIFEST + ".tmp"));
      Files.deleteIfExists(dir.resolve(BackupDirectory.MANIFEST));
    } catch (IOException e) {
      throw OmException.failed("the backup failed and its files in " + dir + " could not all be removed: "
          + e.getMessage());
    }
  }
}
