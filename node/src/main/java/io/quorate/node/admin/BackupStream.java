package io.quorate.node.admin;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quorate.node.config.NodeConfig;
import io.quorate.node.server.StoreErrors;
import io.quorate.protocol.backup.BackupDirectory;
import io.quorate.protocol.v1.BackupChunk;
import io.quorate.protocol.v1.BackupData;
import io.quorate.protocol.v1.BackupFile;
import io.quorate.protocol.v1.BackupManifest;
import io.quorate.protocol.v1.BackupRequest;
import io.quorate.protocol.v1.BackupStart;
import io.quorate.raft.cluster.BackupCheckpoint;
import io.quorate.raft.cluster.RatisReplicatedStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Backup call: a checkpoint of the local database, its files streamed in chunks,
 * then the manifest with each file's size and SHA-256 (computed here, as the bytes are
 * read; the receiver computes its own and compares). It runs on its own virtual thread
 * and sends only while the client keeps up (gRPC flow control), so the node holds one
 * chunk at a time whatever the database's size. The checkpoint is deleted when the
 * stream ends, fails or is cancelled.
 */
final class BackupStream {

  private static final Logger LOG = LoggerFactory.getLogger(BackupStream.class);
  static final int DEFAULT_CHUNK_BYTES = 1 << 20;
  static final int MAX_CHUNK_BYTES = 2 << 20;
  /** Longest wait for the client before looking at the call's state again. */
  private static final long READY_RECHECK_MILLIS = 1000;

  private final RatisReplicatedStore store;
  private final NodeConfig config;
  private final String version;
  private final int chunkBytes;
  private final ServerCallStreamObserver<BackupChunk> call;
  private final Object readiness = new Object();
  private volatile boolean cancelled;

  private BackupStream(RatisReplicatedStore store, NodeConfig config, String version, int chunkBytes,
      ServerCallStreamObserver<BackupChunk> call) {
    this.store = store;
    this.config = config;
    this.version = version;
    this.chunkBytes = chunkBytes;
    this.call = call;
  }

  /** Starts sending; returns at once (called on a gRPC thread, which must not block). */
  static void start(RatisReplicatedStore store, NodeConfig config, String version, BackupRequest request,
      StreamObserver<BackupChunk> out) {
    int chunkBytes = request.getChunkBytes() == 0 ? DEFAULT_CHUNK_BYTES : request.getChunkBytes();
    if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("chunk_bytes must be 1 to " + MAX_CHUNK_BYTES + ", not "
          + request.getChunkBytes()).asRuntimeException());
      return;
    }
    ServerCallStreamObserver<BackupChunk> call = (ServerCallStreamObserver<BackupChunk>) out;
    BackupStream stream = new BackupStream(store, config, version, chunkBytes, call);
    call.setOnReadyHandler(stream::wakeUp);
    call.setOnCancelHandler(() -> {
      stream.cancelled = true;
      stream.wakeUp();
    });
    Thread.ofVirtual().name("backup-stream").start(stream::run);
  }

  private void run() {
    long started = System.nanoTime();
    try (BackupCheckpoint checkpoint = store.backupCheckpoint()) {
      send(BackupChunk.newBuilder().setStart(BackupStart.newBuilder()
          .setClusterId(config.clusterId())
          .setNodeId(config.nodeId())
          .setTerm(checkpoint.position().term())
          .setIndex(checkpoint.position().index())
          .setFileCount(checkpoint.files().size())
          .setTotalBytes(checkpoint.totalBytes())).build());
      BackupManifest.Builder manifest = BackupManifest.newBuilder()
          .setFormatVersion(BackupDirectory.FORMAT_VERSION)
          .setClusterId(config.clusterId())
          .setNodeId(config.nodeId())
          .setTerm(checkpoint.position().term())
          .setIndex(checkpoint.position().index())
          .setVersion(version)
          .setCreatedMillis(System.currentTimeMillis());
      for (BackupCheckpoint.File file : checkpoint.files()) {
        manifest.addFiles(sendFile(checkpoint, file));
      }
      send(BackupChunk.newBuilder().setManifest(manifest).build());
      call.onCompleted();
      LOG.info("Backup sent [index={}, files={}, bytes={}, millis={}]", checkpoint.position().index(),
          checkpoint.files().size(), checkpoint.totalBytes(), (System.nanoTime() - started) / 1_000_000);
    } catch (CancelledException e) {
      LOG.info("Backup cancelled by the client [millis={}]", (System.nanoTime() - started) / 1_000_000);
    } catch (IOException e) {
      fail(Status.INTERNAL.withDescription("Cannot read the backup copy: " + e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      fail(StoreErrors.toStatus(e));
    }
  }

  /** Sends one file, at least one chunk even when it is empty; returns its manifest entry. */
  private BackupFile sendFile(BackupCheckpoint checkpoint, BackupCheckpoint.File file)
      throws IOException, CancelledException {
    MessageDigest digest = BackupDirectory.sha256();
    byte[] buffer = new byte[chunkBytes];
    long offset = 0;
    try (InputStream in = Files.newInputStream(checkpoint.dir().resolve(file.name()))) {
      int n;
      do {
        n = in.readNBytes(buffer, 0, chunkBytes);
        digest.update(buffer, 0, n);
        send(BackupChunk.newBuilder().setData(BackupData.newBuilder()
            .setFile(file.name())
            .setOffset(offset)
            .setData(ByteString.copyFrom(buffer, 0, n))).build());
        offset += n;
      } while (n == chunkBytes);
    }
    if (offset != file.sizeBytes()) {
      throw new IOException(file.name() + " changed while it was sent (" + offset + " bytes, "
          + file.sizeBytes() + " when the copy was made)");
    }
    return BackupFile.newBuilder().setName(file.name()).setSizeBytes(offset)
        .setSha256(BackupDirectory.hex(digest.digest())).build();
  }

  /** Sends when the client can take more, waiting until it can. */
  private void send(BackupChunk chunk) throws CancelledException {
    synchronized (readiness) {
      while (!call.isReady() && !cancelled) {
        try {
          readiness.wait(READY_RECHECK_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new CancelledException();
        }
      }
    }
    if (cancelled) {
      throw new CancelledException();
    }
    call.onNext(chunk);
  }

  private void wakeUp() {
    synchronized (readiness) {
      readiness.notifyAll();
    }
  }

  private void fail(RuntimeException status) {
    if (cancelled) {
      return;
    }
    try {
      call.onError(status);
    } catch (IllegalStateException e) {
      // The call closed meanwhile (the client went away): there is no one left to tell.
    }
  }

  /** The client went away; nothing more is sent. */
  private static final class CancelledException extends Exception {
    CancelledException() {
      super(null, null, false, false);
    }
  }
}
