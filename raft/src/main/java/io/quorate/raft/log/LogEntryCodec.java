package io.quorate.raft.log;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.quorate.raft.log.proto.CommitGroup;
import io.quorate.raft.log.proto.CommitInfo;
import io.quorate.raft.log.proto.Frame;
import io.quorate.raft.log.proto.GroupedCommit;
import io.quorate.raft.log.proto.LogEntry;
import io.quorate.raft.log.proto.Mutation;
import io.quorate.raft.log.proto.WriteBatchBody;
import io.quorate.raft.txn.CommitMetadata;
import io.quorate.raft.txn.DecidedCommit;
import io.quorate.raft.txn.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes log entries. An entry is a {@code Frame} holding a {@code LogEntry}
 * (see {@code log_entry.proto}) and the CRC32C of its bytes; the checksum is computed on
 * encode and verified on decode, so corruption between the primary and any replica's
 * apply is caught rather than applied. Stateless and thread-safe.
 */
public final class LogEntryCodec {

  /** The newest version this code reads, and the one it writes group entries in. */
  public static final int FORMAT_VERSION = 2;
  /** The version of an entry of one commit: unchanged since the first, so such entries still read everywhere. */
  public static final int SINGLE_COMMIT_VERSION = 1;

  /**
   * A decoded entry: its metadata (for a group, the group's own) and its commits, in the
   * order they apply.
   */
  public record Entry(int formatVersion, CommitMetadata metadata, List<DecidedCommit> commits) {
    /** Every commit's writes, in order: what applying the entry writes, as one batch. */
    public WriteBatch batch() {
      if (commits.size() == 1) {
        return commits.get(0).batch();
      }
      WriteBatch all = new WriteBatch();
      commits.forEach(commit -> all.addAll(commit.batch()));
      return all;
    }
  }

  private LogEntryCodec() {}

  /** Encodes an entry of one commit (format version 1). */
  public static byte[] encode(WriteBatch batch, CommitMetadata metadata) {
    return frame(LogEntry.newBuilder()
        .setFormatVersion(SINGLE_COMMIT_VERSION)
        .setCommit(toProto(metadata))
        .setWriteBatch(toProto(batch))
        .build()
        .toByteArray());
  }

  /**
   * Encodes a group entry (format version 2): {@code commits}, applied in order, under
   * {@code groupMetadata}, the id the group is proposed under.
   */
  public static byte[] encodeGroup(CommitMetadata groupMetadata, List<DecidedCommit> commits) {
    CommitGroup.Builder group = CommitGroup.newBuilder();
    for (DecidedCommit commit : commits) {
      group.addCommits(GroupedCommit.newBuilder()
          .setCommit(toProto(commit.metadata()))
          .setWriteBatch(toProto(commit.batch())));
    }
    return frame(LogEntry.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .setCommit(toProto(groupMetadata))
        .setCommitGroup(group)
        .build()
        .toByteArray());
  }

  private static WriteBatchBody toProto(WriteBatch batch) {
    WriteBatchBody.Builder body = WriteBatchBody.newBuilder();
    for (WriteBatch.Mutation mutation : batch.mutations()) {
      body.addMutations(toProto(mutation));
    }
    return body.build();
  }

  private static byte[] frame(byte[] payload) {
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
    CommitMetadata metadata = fromProto(entry.getCommit());
    return switch (entry.getBodyCase()) {
      case WRITE_BATCH -> new Entry(entry.getFormatVersion(), metadata,
          List.of(new DecidedCommit(fromProto(entry.getWriteBatch()), metadata)));
      case COMMIT_GROUP -> {
        if (entry.getFormatVersion() < 2 || entry.getCommitGroup().getCommitsCount() == 0) {
          throw new LogEntryFormatException("Log entry of version " + entry.getFormatVersion() + " holds a commit group of "
              + entry.getCommitGroup().getCommitsCount() + " commits: the entry is malformed");
        }
        List<DecidedCommit> commits = new ArrayList<>(entry.getCommitGroup().getCommitsCount());
        for (GroupedCommit commit : entry.getCommitGroup().getCommitsList()) {
          commits.add(new DecidedCommit(fromProto(commit.getWriteBatch()), fromProto(commit.getCommit())));
        }
        yield new Entry(entry.getFormatVersion(), metadata, List.copyOf(commits));
      }
      case BODY_NOT_SET -> throw new LogEntryFormatException("Log entry has no body this version knows");
    };
  }

  private static WriteBatch fromProto(WriteBatchBody body) {
    WriteBatch batch = new WriteBatch();
    for (Mutation mutation : body.getMutationsList()) {
      batch.add(fromProto(mutation));
    }
    return batch;
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
