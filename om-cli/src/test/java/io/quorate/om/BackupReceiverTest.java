package io.quorate.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupData;
import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.protocol.v1.BackupStart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that om writes a backup stream into a directory that restore accepts, refuses a
 * non-empty directory without touching it, and that a stream out of order or with bytes
 * that do not match the node's digests fails and leaves nothing behind.
 */
class BackupReceiverTest {

  @TempDir
  Path root;

  @Test
  void aCompleteStreamBecomesAVerifiedBackup() throws Exception {
    Path dir = root.resolve("new");
    BackupReceiver receiver = BackupReceiver.into(dir);
    for (BackupChunk chunk : stream(manifest())) {
      receiver.accept(chunk);
    }
    assertEquals(manifest(), receiver.manifest());
    assertEquals(manifest(), BackupDirectory.verify(dir), "restore accepts what was written");
    assertEquals("", Files.readString(BackupDirectory.dataDir(dir).resolve("EMPTY")));
    assertEquals(14, receiver.receivedBytes());
    assertTrue(BackupCommand.text(receiver, 1500).contains("index   : 42 (term 3)"));
    assertTrue(BackupCommand.json(receiver, 1500).contains("\"index\":42,\"files\":3,\"bytes\":14"));
  }

  @Test
  void aNonEmptyDirectoryOrAFileIsRefusedUntouched() throws IOException {
    Files.writeString(root.resolve("keep"), "mine");
    OmException e = assertThrows(OmException.class, () -> BackupReceiver.into(root));
    assertEquals(OmException.FAILED, e.exitCode());
    assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("nothing was changed"), e.getMessage());
    assertEquals(List.of(root.resolve("keep")), list(root));
    OmException file = assertThrows(OmException.class, () -> BackupReceiver.into(root.resolve("keep")));
    assertTrue(file.getMessage().contains("is not a directory"), file.getMessage());
    assertEquals("mine", Files.readString(root.resolve("keep")));
  }

  @Test
  void bytesThatDoNotMatchTheNodesDigestFailAndAreRemoved() throws Exception {
    Path dir = root.resolve("existing-empty");
    Files.createDirectory(dir);
    BackupManifest lying = manifest().toBuilder().setFiles(0, manifest().getFiles(0).toBuilder()
        .setSha256(sha256("something else"))).build();
    BackupReceiver receiver = BackupReceiver.into(dir);
    OmException e = assertThrows(OmException.class, () -> {
      for (BackupChunk chunk : stream(lying)) {
        receiver.accept(chunk);
      }
    });
    assertTrue(e.getMessage().contains("000001.sst arrived with 10 bytes") && e.getMessage().contains("damaged"),
        e.getMessage());
    receiver.discard();
    assertEquals(List.of(), list(dir), "an empty directory given by the user stays, empty");

    Path created = root.resolve("created");
    BackupReceiver other = BackupReceiver.into(created);
    other.accept(stream(manifest()).get(0));
    other.accept(stream(manifest()).get(1));
    other.discard();
    assertFalse(Files.exists(created), "a directory om made is removed with what it held");
  }

  @Test
  void messagesOutOfOrderAreRefused() throws IOException {
    List<BackupChunk> good = stream(manifest());
    assertRefused(List.of(good.get(1)), "data before the start");
    assertRefused(List.of(good.get(0), good.get(2)), "000001.sst at offset 4 after 0 bytes");
    assertRefused(List.of(good.get(0), data("../x", 0, "a")), "a bad or repeated file name '../x'");
    assertRefused(List.of(good.get(0), good.get(1), good.get(2), good.get(3), good.get(1)),
        "a bad or repeated file name '000001.sst'");
    assertRefused(List.of(good.get(0), good.get(1), good.get(2), good.getLast()), "3 files in the manifest, 1 received");
  }

  private void assertRefused(List<BackupChunk> chunks, String expected) throws IOException {
    Path dir = Files.createTempDirectory(root, "refused");
    BackupReceiver receiver = BackupReceiver.into(dir);
    OmException e = assertThrows(OmException.class, () -> {
      for (BackupChunk chunk : chunks) {
        receiver.accept(chunk);
      }
    });
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    receiver.discard();
    assertEquals(List.of(), list(dir));
  }

  /** Three files: one in two chunks, one empty, one small. */
  private static BackupManifest manifest() {
    return BackupManifest.newBuilder().setFormatVersion(1).setClusterId("prod").setNodeId("n2").setTerm(3)
        .setIndex(42).setVersion("0.1.0").setCreatedMillis(7)
        .addFiles(file("000001.sst", "0123456789"))
        .addFiles(file("EMPTY", ""))
        .addFiles(file("CURRENT", "abcd"))
        .build();
  }

  private static List<BackupChunk> stream(BackupManifest manifest) {
    List<BackupChunk> chunks = new ArrayList<>();
    chunks.add(BackupChunk.newBuilder().setStart(BackupStart.newBuilder().setClusterId("prod").setNodeId("n2")
        .setTerm(3).setIndex(42).setFileCount(3).setTotalBytes(14)).build());
    chunks.add(data("000001.sst", 0, "0123"));
    chunks.add(data("000001.sst", 4, "456789"));
    chunks.add(data("EMPTY", 0, ""));
    chunks.add(data("CURRENT", 0, "abcd"));
    chunks.add(BackupChunk.newBuilder().setManifest(manifest).build());
    return chunks;
  }

  private static BackupChunk data(String file, long offset, String content) {
    return BackupChunk.newBuilder().setData(BackupData.newBuilder().setFile(file).setOffset(offset)
        .setData(ByteString.copyFromUtf8(content))).build();
  }

  private static BackupFile file(String name, String content) {
    return BackupFile.newBuilder().setName(name).setSizeBytes(content.length()).setSha256(sha256(content)).build();
  }

  private static String sha256(String content) {
    return BackupDirectory.hex(BackupDirectory.sha256().digest(content.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.toList();
    }
  }
}
