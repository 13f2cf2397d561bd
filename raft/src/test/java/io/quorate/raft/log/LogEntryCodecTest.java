package io.quorate.raft.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.txn.CommitMetadata;
import io.quorate.raft.txn.DecidedCommit;
import io.quorate.raft.txn.WriteBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proves the log-entry format round-trips, rejects corruption and newer versions, and
 * still decodes bytes saved by earlier builds (the on-disk format never silently changes).
 */
class LogEntryCodecTest {

  static final UUID CLIENT = UUID.fromString("0b7e1a52-8f44-4c1e-9d6a-2f1c3b5a7e90");

  /** The entries whose v1 encodings are saved under src/test/resources/log-entries/v1. */
  static List<Saved> savedV1() {
    return List.of(
        new Saved("put-delete.bin",
            new WriteBatch().put(b("alpha"), b("1")).delete(b("beta")),
            new CommitMetadata(CLIENT, 7, 42, 1_700_000_000_000L)),
        new Saved("range-and-binary.bin",
            new WriteBatch().deleteRange(b("t/1/"), b("t/1~")).put(new byte[] {0, (byte) 0xff, 1}, new byte[0]),
            new CommitMetadata(CLIENT, Long.MAX_VALUE, 1, 0)),
        new Saved("empty.bin", new WriteBatch(), new CommitMetadata(new UUID(0, 0), 0, 0, -1)));
  }

  record Saved(String file, WriteBatch batch, CommitMetadata metadata) {}

  /** The group entry whose v2 encoding is saved under src/test/resources/log-entries/v2: the v1 samples as one group. */
  static final CommitMetadata GROUP = new CommitMetadata(UUID.fromString("5d2c8e41-0a6b-4f3e-b1c7-9e8d7f6a5b4c"), 3, 0,
      1_700_000_000_500L);

  static List<DecidedCommit> groupV2() {
    return savedV1().stream().map(saved -> new DecidedCommit(saved.batch(), saved.metadata())).toList();
  }

  @Test
  void groupRoundTripsAndAppliesInOrder() {
    LogEntryCodec.Entry entry = LogEntryCodec.decode(LogEntryCodec.encodeGroup(GROUP, groupV2()));
    assertEquals(2, entry.formatVersion());
    assertEquals(GROUP, entry.metadata());
    assertEquals(groupV2(), entry.commits());
    WriteBatch expected = new WriteBatch();
    groupV2().forEach(commit -> commit.batch().mutations().forEach(expected::add)); // by hand, not addAll
    assertEquals(expected, entry.batch());
  }

  @Test
  void decodesSavedVersion2Bytes() throws IOException {
    LogEntryCodec.Entry entry = LogEntryCodec.decode(resource("log-entries/v2/group.bin"));
    assertEquals(GROUP, entry.metadata());
    assertEquals(groupV2(), entry.commits());
    assertArrayEquals(resource("log-entries/v2/group.bin"), LogEntryCodec.encodeGroup(GROUP, groupV2()));
  }

  @Test
  void rejectsACommitGroupInAVersion1EntryOrAnEmptyGroup() {
    LogEntryFormatException e = assertThrows(LogEntryFormatException.class, () -> LogEntryCodec.decode(framed(
        io.quorate.raft.log.proto.LogEntry.newBuilder().setFormatVersion(1)
            .setCommitGroup(io.quorate.raft.log.proto.CommitGroup.newBuilder()
                .addCommits(io.quorate.raft.log.proto.GroupedCommit.getDefaultInstance())))));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    e = assertThrows(LogEntryFormatException.class, () -> LogEntryCodec.decode(LogEntryCodec.encodeGroup(GROUP,
        List.of())));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
  }

  private static byte[] framed(io.quorate.raft.log.proto.LogEntry.Builder entry) {
    byte[] payload = entry.setCommit(io.quorate.raft.log.proto.CommitInfo.newBuilder()
        .setClientId(com.google.protobuf.ByteString.copyFrom(new byte[16]))).build().toByteArray();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(payload);
    return io.quorate.raft.log.proto.Frame.newBuilder()
        .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
        .setCrc32C((int) crc.getValue()).build().toByteArray();
  }

  @Test
  void roundTrips() {
    for (Saved saved : savedV1()) {
      LogEntryCodec.Entry entry = LogEntryCodec.decode(LogEntryCodec.encode(saved.batch(), saved.metadata()));
      assertEquals(saved.batch(), entry.batch(), saved.file());
      assertEquals(saved.metadata(), entry.metadata(), saved.file());
      assertEquals(1, entry.formatVersion());
    }
  }

  @Test
  void decodesSavedVersion1Bytes() throws IOException {
    for (Saved saved : savedV1()) {
      LogEntryCodec.Entry entry = LogEntryCodec.decode(resource("log-entries/v1/" + saved.file()));
      assertEquals(saved.batch(), entry.batch(), saved.file());
      assertEquals(saved.metadata(), entry.metadata(), saved.file());
    }
  }

  @Test
  void encodingIsStableForSavedEntries() throws IOException {
    for (Saved saved : savedV1()) {
      assertArrayEquals(resource("log-entries/v1/" + saved.file()),
          LogEntryCodec.encode(saved.batch(), saved.metadata()), saved.file());
    }
  }

  @Test
  void rejectsCorruptBytes() {
    byte[] bytes = LogEntryCodec.encode(new WriteBatch().put(b("k"), b("value")), savedV1().get(0).metadata());
    for (int i = 0; i < bytes.length; i++) {
      byte[] corrupt = bytes.clone();
      corrupt[i] ^= 0x20;
      int position = i;
      try {
        LogEntryCodec.Entry entry = LogEntryCodec.decode(corrupt);
        // A flipped bit in a protobuf length or tag can still parse; it must never yield other data.
        throw new AssertionError("corruption at byte " + position + " decoded to " + entry);
      } catch (LogEntryFormatException expected) {
        assertTrue(expected.getMessage().contains("corrupt") || expected.getMessage().contains("decodable")
            || expected.getMessage().contains("version"), expected.getMessage());
      }
    }
    assertThrows(LogEntryFormatException.class, () -> LogEntryCodec.decode(new byte[0]));
  }

  @Test
  void rejectsNewerFormatVersion() {
    byte[] framed = framed(io.quorate.raft.log.proto.LogEntry.newBuilder()
        .setFormatVersion(LogEntryCodec.FORMAT_VERSION + 1)
        .setWriteBatch(io.quorate.raft.log.proto.WriteBatchBody.getDefaultInstance()));
    LogEntryFormatException e = assertThrows(LogEntryFormatException.class, () -> LogEntryCodec.decode(framed));
    assertTrue(e.getMessage().contains("format version " + (LogEntryCodec.FORMAT_VERSION + 1)), e.getMessage());
  }

  /** Writes the saved files into DIR/v1 and DIR/v2; run with -Dquorate.saveLogEntries=DIR. */
  @Test
  void saveWhenAsked() throws IOException {
    String dir = System.getProperty("quorate.saveLogEntries");
    if (dir == null) {
      System.out.println("Not saving log-entry samples: -Dquorate.saveLogEntries=DIR not given");
      return;
    }
    Files.createDirectories(Path.of(dir, "v1"));
    Files.createDirectories(Path.of(dir, "v2"));
    for (Saved saved : savedV1()) {
      Files.write(Path.of(dir, "v1", saved.file()), LogEntryCodec.encode(saved.batch(), saved.metadata()));
    }
    Files.write(Path.of(dir, "v2", "group.bin"), LogEntryCodec.encodeGroup(GROUP, groupV2()));
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LogEntryCodecTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("Missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
