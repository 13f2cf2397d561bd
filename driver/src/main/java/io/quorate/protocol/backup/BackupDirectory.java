package io.quorate.protocol.backup;

import com.google.protobuf.TextFormat;
import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layout of a backup directory, shared by om (which writes and checks it) and the
 * node (which restores from it). {@code db/} holds the database files; {@code MANIFEST}
 * ({@link BackupManifest} in protobuf text format) lists each with its size and SHA-256
 * and is written last, so a directory without it is an interrupted backup.
 */
public final class BackupDirectory {

  /** The newest layout this code writes and reads. */
  public static final int FORMAT_VERSION = 1;
  public static final String MANIFEST = "MANIFEST";
  public static final String DATA = "db";

  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
  private static final String HEADER = "# Quorate backup manifest (quorate.v1.BackupManifest, protobuf text format).\n"
      + "# Written after every file below was received and checked; restore checks them again.\n";

  private BackupDirectory() {}

  /** Where a backup's database files are. */
  public static Path dataDir(Path backup) {
    return backup.resolve(DATA);
  }

  /** Whether {@code name} is a plain file name (no directory part, no dot-dot), as backup files must be. */
  public static boolean isPlainFileName(String name) {
    return FILE_NAME.matcher(name).matches();
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  public static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  /**
   * Reads a backup's manifest.
   *
   * @throws InvalidBackupException if there is none (an interrupted backup), it cannot be
   *     parsed, or it was written by a newer Quorate
   */
  public static BackupManifest readManifest(Path backup) throws InvalidBackupException {
    if (!Files.isDirectory(backup)) {
      throw new InvalidBackupException(backup + " is not a directory");
    }
    String text;
    try {
      text = Files.readString(backup.resolve(MANIFEST), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidBackupException(backup + " is not a complete backup: it has no " + MANIFEST
          + " (om backup writes it last, so an interrupted backup has none)");
    } catch (IOException e) {
      throw new InvalidBackupException("cannot read " + backup.resolve(MANIFEST) + ": " + e.getMessage());
    }
    BackupManifest.Builder manifest = BackupManifest.newBuilder();
    try {
      TextFormat.merge(text, manifest);
    } catch (TextFormat.ParseException e) {
      throw new InvalidBackupException(backup.resolve(MANIFEST) + " is damaged: " + e.getMessage());
    }
    if (manifest.getFormatVersion() > FORMAT_VERSION) {
      throw new InvalidBackupException(backup + " was written by a newer Quorate (backup format "
          + manifest.getFormatVersion() + "; this one reads up to " + FORMAT_VERSION + ")");
    }
    if (manifest.getFormatVersion() < 1 || manifest.getFilesCount() == 0) {
      throw new InvalidBackupException(backup.resolve(MANIFEST) + " is damaged: it has no format version or no files");
    }
    return manifest.build();
  }

  /**
   * Checks a complete backup: its manifest, every file it lists present with its size and
   * SHA-256, and no other file in {@code db/}. Reads every byte once.
   *
   * @return the manifest
   * @throws InvalidBackupException naming the first problem found
   */
  public static BackupManifest verify(Path backup) throws InvalidBackupException {
    BackupManifest manifest = readManifest(backup);
    Path data = dataDir(backup);
    Set<String> listed = new HashSet<>();
    for (BackupFile file : manifest.getFilesList()) {
      if (!isPlainFileName(file.getName()) || !listed.add(file.getName())) {
        throw new InvalidBackupException(backup.resolve(MANIFEST) + " is damaged: bad or repeated file name '"
            + file.getName() + "'");
      }
      verifyFile(data, file);
    }
    for (String present : fileNames(data)) {
      if (!listed.contains(present)) {
        throw new InvalidBackupException(data.resolve(present) + " is not listed in " + MANIFEST
            + "; a backup directory must hold only what om backup wrote");
      }
    }
    return manifest;
  }

  private static void verifyFile(Path data, BackupFile file) throws InvalidBackupException {
    Path path = data.resolve(file.getName());
    MessageDigest digest = sha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(path)) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        size += n;
      }
    } catch (NoSuchFileException e) {
      throw new InvalidBackupException(path + " is missing (it is listed in " + MANIFEST + ")");
    } catch (IOException e) {
      throw new InvalidBackupException("cannot read " + path + ": " + e.getMessage());
    }
    if (size != file.getSizeBytes()) {
      throw new InvalidBackupException(path + " has " + size + " bytes but " + MANIFEST + " says "
          + file.getSizeBytes() + ": the file was truncated or changed");
    }
    if (!hex(digest.digest()).equals(file.getSha256())) {
      throw new InvalidBackupException(path + " is corrupt: its SHA-256 does not match " + MANIFEST);
    }
  }

  private static List<String> fileNames(Path data) throws InvalidBackupException {
    try (Stream<Path> entries = Files.list(data)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new InvalidBackupException("cannot list " + data + ": " + e.getMessage());
    }
  }

  /** Writes the manifest durably and atomically (temporary file, fsync, rename, fsync of the directory). */
  public static void writeManifest(Path backup, BackupManifest manifest) throws IOException {
    Path tmp = backup.resolve(MANIFEST + ".tmp");
    Files.writeString(tmp, HEADER + TextFormat.printer().printToString(manifest), StandardCharsets.UTF_8);
    sync(tmp);
    Files.move(tmp, backup.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE);
    sync(backup);
  }

  /** Forces a file's or a directory's contents to disk. */
  public static void sync(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
