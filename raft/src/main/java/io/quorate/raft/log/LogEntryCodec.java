package io.quorate.raft.log;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quorate.raft.log.proto.CommitInfo;
import io.quorate.raft.log.proto.Frame;
import io.quorate.raft.log.proto.LogEntry;
import io.quorate.raft.log.proto.Mutation;
import io.quorate.raft.log.proto.WriteBatchBody;
import io.quorate.raft.txn.CommitMetadata;
import io.quorate.raft.txn.WriteBatch;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes log entries. An entry is a {@code Frame} holding a {@code LogEntry}
 * (see {@code log_entry.proto}) and the CRC32C of its bytes; the checksum is computed on
 * encode and verified on decode, so corruption between the primary and any replica's
 * apply is caught rather than applied. Stateless and thread-safe.
 */
public final class LogEntryCodec {

  /** The version this code writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  /** A decoded entry. */
  public record Entry(int formatVersion, CommitMetadata metadata, WriteBatch batch) {}

  private LogEntryCodec() {}

  public static byte[] encode(WriteBatch batch, CommitMetadata metadata) {
    WriteBatchBody.Builder body = WriteBatchBody.newBuilder();
    for (WriteBatch.Mutation mutation : batch.mutations()) {
      body.addMutations(toProto(mutation));
    }
    byte[] payload =
        LogEntry.newBuilder()
            .setFormatVersion(FORMAT_VERSION)
            .setCommit(toProto(metadata))
            .setWriteBatch(body)
            .build()
            .toByteArray();
    return Frame.newBuilder()
        .setPayload(ByteString.copyFrom(payload))
        .setCrc32C(crc32c(payload))
        .build()
        .toByteArray();
  }

  /**
   * Decodes an entry.
   *
   * @throws LogEntryFormatException if the bytes are corrupt or of a newer format version
   */
  public static Entry decode(byte[] bytes) {
    LogEntry entry = parse(bytes);
    if (entry.getFormatVersion() < 1 || entry.getFormatVersion() > FORMAT_VERSION) {
      throw new LogEntryFormatException(
          "Log entry has format version " + entry.getFormatVersion()
              + "; this Quorate reads versions 1 to " + FORMAT_VERSION
              + " (upgrade every node before the primary)");
    }
    if (entry.getBodyCase() != LogEntry.BodyCase.WRITE_BATCH) {
      throw new LogEntryFormatException("Log entry has no body this version knows: " + entry.getBodyCase());
    }
    WriteBatch batch = new WriteBatch();
    for (Mutation mutation : entry.getWriteBatch().getMutationsList()) {
      batch.add(fromProto(mutation));
    }
    return new Entry(entry.getFormatVersion(), fromProto(entry.getCommit()), batch);
  }

  private static LogEntry parse(byte[] bytes) {
    try {
      Frame frame = Frame.parseFrom(bytes);
      byte[] payload = frame.getPayload().toByteArray();
      if (payload.length == 0 || crc32c(payload) != frame.getCrc32C()) {
        throw new LogEntryFormatException(
            "Log entry checksum mismatch (" + bytes.length + " bytes): the entry is corrupt");
      }
      return LogEntry.parseFrom(payload);
    } catch (InvalidProtocolBufferException e) {
      throw new LogEntryFormatException("Log entry is not decodable (" + bytes.length + " bytes)", e);
    }
  }

  private static Mutation toProto(WriteBatch.Mutation mutation) {
    return switch (mutation) {
      case WriteBatch.Put put ->
          Mutation.newBuilder()
              .setPut(
                  io.quorate.raft.log.proto.Put.newBuilder()
                      .setKey(ByteString.copyFrom(put.key()))
                      .setValue(ByteString.copyFrom(put.value())))
              .build();
      case WriteBatch.Delete delete ->
          Mutation.newBuilder()
              .setDelete(
                  io.quorate.raft.log.proto.Delete.newBuilder().setKey(ByteString.copyFrom(delete.key())))
              .build();
      case WriteBatch.DeleteRange range ->
          Mutation.newBuilder()
              .setDeleteRange(
                  io.quorate.raft.log.proto.DeleteRange.newBuilder()
                      .setStartInclusive(ByteString.copyFrom(range.startInclusive()))
                      .setEndExclusive(ByteString.copyFrom(range.endExclusive())))
              .build();
    };
  }

  private static WriteBatch.Mutation fromProto(Mutation mutation) {
    return switch (mutation.getKindCase()) {
      case PUT ->
          new WriteBatch.Put(
              mutation.getPut().getKey().toByteArray(), mutation.getPut().getValue().toByteArray());
      case DELETE -> new WriteBatch.Delete(mutation.getDelete().getKey().toByteArray());
      case DELETE_RANGE ->
          new WriteBatch.DeleteRange(
              mutation.getDeleteRange().getStartInclusive().toByteArray(),
              mutation.getDeleteRange().getEndExclusive().toByteArray());
      case KIND_NOT_SET ->
          throw new LogEntryFormatException("Log entry holds a mutation of a kind this version does not know");
    };
  }

  private static CommitInfo toProto(CommitMetadata metadata) {
    ByteBuffer id = ByteBuffer.allocate(16);
    id.putLong(metadata.clientId().getMostSignificantBits());
    id.putLong(metadata.clientId().getLeastSignificantBits());
    return CommitInfo.newBuilder()
        .setClientId(ByteString.copyFrom(id.array()))
        .setCallId(metadata.callId())
        .setTransactionId(metadata.transactionId())
        .setCommitTimeMillis(metadata.commitTimeMillis())
        .build();
  }

  private static CommitMetadata fromProto(CommitInfo info) {
    byte[] id = info.getClientId().toByteArray();
    if (id.length != 16) {
      throw new LogEntryFormatException("Log entry's client id has " + id.length + " bytes, not 16");
    }
    ByteBuffer buffer = ByteBuffer.wrap(id);
    UUID clientId = new UUID(buffer.getLong(), buffer.getLong());
    return new CommitMetadata(
        clientId, info.getCallId(), info.getTransactionId(), info.getCommitTimeMillis());
  }

  private static int crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
