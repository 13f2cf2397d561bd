package io.quorate.raft.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.txn.CommitMetadata;
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
    byte[] payload = io.quorate.raft.log.proto.LogEntry.newBuilder()
        .setFormatVersion(LogEntryCodec.FORMAT_VERSION + 1)
        .setWriteBatch(io.quorate.raft.log.proto.WriteBatchBody.getDefaultInstance())
        .build().toByteArray();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(payload);
    byte[] framed = io.quorate.raft.log.proto.Frame.newBuilder()
        .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
        .setCrc32C((int) crc.getValue()).build().toByteArray();
    LogEntryFormatException e = assertThrows(LogEntryFormatException.class, () -> LogEntryCodec.decode(framed));
    assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
  }

  /** Writes the saved files; run once per format version with -Dquorate.saveLogEntries=DIR. */
  @Test
  void saveWhenAsked() throws IOException {
    String dir = System.getProperty("quorate.saveLogEntries");
    if (dir == null) {
      System.out.println("Not saving log-entry samples: -Dquorate.saveLogEntries=DIR not given");
      return;
    }
    for (Saved saved : savedV1()) {
      Files.write(Path.of(dir, saved.file()), LogEntryCodec.encode(saved.batch(), saved.metadata()));
    }
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
