package io.quorate.protocol.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a backup directory round-trips its manifest and that every kind of damage
 * (missing manifest, missing, truncated, changed or extra file, unreadable or newer
 * manifest) is refused with a sentence naming the problem.
 */
class BackupDirectoryTest {

  @TempDir
  Path backup;

  private BackupManifest manifest;

  @BeforeEach
  void writeBackup() throws IOException {
    Files.createDirectories(BackupDirectory.dataDir(backup));
    BackupManifest.Builder builder = BackupManifest.newBuilder().setFormatVersion(BackupDirectory.FORMAT_VERSION)
        .setClusterId("prod").setNodeId("n2").setTerm(3).setIndex(1234).setVersion("0.1.0").setCreatedMillis(1);
    for (String name : new String[] {"000008.sst", "CURRENT"}) {
      byte[] content = ("content of " + name).getBytes(StandardCharsets.UTF_8);
      Files.write(BackupDirectory.dataDir(backup).resolve(name), content);
      builder.addFiles(BackupFile.newBuilder().setName(name).setSizeBytes(content.length)
          .setSha256(BackupDirectory.hex(BackupDirectory.sha256().digest(content))));
    }
    manifest = builder.build();
    BackupDirectory.writeManifest(backup, manifest);
  }

  @Test
  void aCompleteBackupVerifiesAndItsManifestRoundTrips() throws Exception {
    assertEquals(manifest, BackupDirectory.verify(backup));
    String text = Files.readString(backup.resolve(BackupDirectory.MANIFEST));
    assertTrue(text.startsWith("# Quorate backup manifest") && text.contains("index: 1234"), text);
    assertFalse(Files.exists(backup.resolve("MANIFEST.tmp")));
  }

  @Test
  void aChangedByteIsCorruption() throws IOException {
    Path file = BackupDirectory.dataDir(backup).resolve("000008.sst");
    byte[] bytes = Files.readAllBytes(file);
    bytes[3] ^= 1;
    Files.write(file, bytes);
    assertRefused("000008.sst is corrupt: its SHA-256 does not match MANIFEST");
  }

  @Test
  void aTruncatedFileIsNamedWithItsSize() throws IOException {
    Files.write(BackupDirectory.dataDir(backup).resolve("CURRENT"), new byte[3]);
    assertRefused("CURRENT has 3 bytes but MANIFEST says");
  }

  @Test
  void missingAndExtraFilesAreRefused() throws IOException {
    Files.write(BackupDirectory.dataDir(backup).resolve("stray.log"), new byte[1]);
    assertRefused("stray.log is not listed in MANIFEST");
    Files.delete(BackupDirectory.dataDir(backup).resolve("stray.log"));
    Files.delete(BackupDirectory.dataDir(backup).resolve("CURRENT"));
    assertRefused("CURRENT is missing");
  }

  @Test
  void anInterruptedBackupHasNoManifest() throws IOException {
    Files.delete(backup.resolve(BackupDirectory.MANIFEST));
    assertRefused("is not a complete backup: it has no MANIFEST");
  }

  @Test
  void damagedOrNewerManifestsAreRefused() throws IOException {
    Files.writeString(backup.resolve(BackupDirectory.MANIFEST), "index: twelve\n");
    assertRefused("MANIFEST is damaged");
    BackupDirectory.writeManifest(backup, manifest.toBuilder().setFormatVersion(BackupDirectory.FORMAT_VERSION + 1).build());
    assertRefused("written by a newer Quorate");
    BackupDirectory.writeManifest(backup, manifest.toBuilder().setFiles(0, manifest.getFiles(0).toBuilder()
        .setName("../etc")).build());
    assertRefused("bad or repeated file name '../etc'");
  }

  @Test
  void plainFileNamesOnly() {
    assertTrue(BackupDirectory.isPlainFileName("OPTIONS-000007"));
    for (String bad : new String[] {"", ".", "..", "../x", "a/b", "/abs", ".hidden"}) {
      assertFalse(BackupDirectory.isPlainFileName(bad), bad);
    }
  }

  private void assertRefused(String expected) {
    InvalidBackupException e = assertThrows(InvalidBackupException.class, () -> BackupDirectory.verify(backup));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
