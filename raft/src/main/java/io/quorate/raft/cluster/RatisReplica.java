package io.quorate.raft.cluster;

import io.quorate.raft.log.LogEntryCodec;
import io.quorate.raft.statemachine.QuorateStateMachine;
import io.quorate.raft.txn.CommitMetadata;
import io.quorate.raft.txn.DecidedCommit;
import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.Replica;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.WriteBatch;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.protocol.exceptions.ReadException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ResourceUnavailableException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The {@link Replica} the primary's transaction manager runs on: the local Ratis server
 * and its state machine. Requests go straight into the group's division
 * ({@code submitClientRequestAsync}), without a network client, on the caller's thread.
 * (The server's own {@code submitClientRequestAsync} hands each request to a pool
 * thread and blocks the caller until that thread has submitted it: two thread switches
 * per read barrier and per commit, for no use here.) Ratis failures are translated into
 * {@link StoreException} kinds here, once. Thread-safe.
 */
final class RatisReplica implements Replica {

  /**
   * Reads use their own client id, so they never collide with commit call ids. Each
   * replica has its own ids (never shared by replicas in one JVM, never reused after a
   * restart): every replica's retry cache remembers the entries it applied, so a new
   * primary proposing under an id and call number an earlier one used would be answered
   * from that cache and its entry dropped.
   */
  private final ClientId readClient = ClientId.randomId();
  /** Group entries (several commits, each with its own ids inside) are proposed under this id. */
  private final ClientId groupClient = ClientId.randomId();

  private final RaftServer server;
  private final RaftGroupId groupId;
  private final QuorateStateMachine stateMachine;
  private final AtomicLong readCallIds = new AtomicLong();
  private final AtomicLong groupCallIds = new AtomicLong();

  RatisReplica(RaftServer server, RaftGroupId groupId, QuorateStateMachine stateMachine) {
    this.server = server;
    this.groupId = groupId;
    this.stateMachine = stateMachine;
  }

  private RaftServer.Division division() {
    try {
      return server.getDivision(groupId);
    } catch (IOException e) {
      throw new StoreException(StoreException.Kind.NOT_READY, "This replica is not serving its group: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isLeader() {
    return division().getInfo().isLeader();
  }

  @Override
  public long currentTerm() {
    return division().getInfo().getCurrentTerm();
  }

  @Override
  public long appliedIndex() {
    return stateMachine.store().applied().index();
  }

  @Override
  public ReadView openReadView() {
    return stateMachine.store().openView();
  }

  @Override
  public CompletableFuture<Void> readBarrier() {
    RaftClientRequest request = request(readClient, readCallIds.incrementAndGet(),
        Message.EMPTY, RaftClientRequest.readRequestType());
    return submit(request).thenApply(reply -> null);
  }

  @Override
  public CompletableFuture<Long> propose(WriteBatch batch, CommitMetadata metadata) {
    return propose(LogEntryCodec.encode(batch, metadata), ClientId.valueOf(metadata.clientId()), metadata.callId());
  }

  @Override
  public CompletableFuture<Long> proposeGroup(List<DecidedCommit> commits) {
    long callId = groupCallIds.incrementAndGet();
    CommitMetadata group = new CommitMetadata(groupClient.getUuid(), callId, 0, System.currentTimeMillis());
    return propose(LogEntryCodec.encodeGroup(group, commits), groupClient, callId);
  }

  private CompletableFuture<Long> propose(byte[] entry, ClientId clientId, long callId) {
    RaftClientRequest request = request(clientId, callId,
        Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)), RaftClientRequest.writeRequestType());
    return submit(request).thenApply(RaftClientReply::getLogIndex);
  }

  @Override
  public void addLeadershipListener(LeadershipListener listener) {
    stateMachine.addLeadershipListener(listener);
  }

  private RaftClientRequest request(ClientId clientId, long callId, Message message, RaftClientRequest.Type type) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(server.getId())
        .setGroupId(groupId)
        .setCallId(callId)
        .setMessage(message)
        .setType(type)
        .build();
  }

  private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) {
    boolean write = request.is(org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase.WRITE);
    RaftServer.Division division;
    try {
      division = division();
    } catch (StoreException notServing) {
      return CompletableFuture.failedFuture(notServing); // nothing was submitted
    }
    CompletableFuture<RaftClientReply> submitted;
    try {
      // Ratis 3.3.0's division (RaftServerImpl) takes client requests itself; were a later
      // version's not to, the server's own path still works, one thread switch slower.
      submitted = division instanceof RaftClientAsynchronousProtocol direct
          ? direct.submitClientRequestAsync(request)
          : server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      // Ratis throws some failures on the calling thread (a closed log, a refused entry)
      return CompletableFuture.failedFuture(translate(e, write));
    }
    return submitted.handle((reply, error) -> {
      if (error != null) {
        throw new CompletionException(translate(unwrap(error), write));
      }
      if (!reply.isSuccess()) {
        throw new CompletionException(translate(reply.getException(), write));
      }
      return reply;
    });
  }

  private static Throwable unwrap(Throwable error) {
    while (error instanceof CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /**
   * Maps a Ratis failure to what the caller must do. A write that failed after it may
   * have reached the log (the leader stepped down or closed with it in flight) has an
   * unknown outcome; one refused before it was appended did not happen.
   */
  static StoreException translate(Throwable error, boolean write) {
    if (error instanceof StoreException se) {
      return se;
    }
    String message = error == null ? "unknown failure" : error.getMessage();
    if (error instanceof NotLeaderException) {
      // A leader that steps down answers NotLeader to requests it had already appended,
      // which a new leader may still commit: for a commit that is an unknown outcome.
      return write
          ? new StoreException(StoreException.Kind.OUTCOME_UNKNOWN,
              "The primary changed while the commit was in flight; it may or may not have been applied", error)
          : new StoreException(StoreException.Kind.NOT_PRIMARY, "This node is not the primary", error);
    }
    if (error instanceof LeaderNotReadyException || error instanceof ReadIndexException
        || error instanceof ReadException) {
      return new StoreException(StoreException.Kind.NOT_READY, "The primary is not ready yet: " + message, error);
    }
    if (error instanceof LeaderSteppingDownException || error instanceof AlreadyClosedException) {
      return new StoreException(write ? StoreException.Kind.OUTCOME_UNKNOWN : StoreException.Kind.LEADERSHIP_LOST,
          "Leadership changed while the request was in flight: " + message, error);
    }
    if (error instanceof ResourceUnavailableException) {
      // Ratis refuses such a request before appending anything, so nothing was committed.
      return new StoreException(StoreException.Kind.NOT_READY, "The primary is too busy to take the request: " + message,
          error);
    }
    if (error instanceof RaftException || error instanceof IOException) {
      return new StoreException(write ? StoreException.Kind.OUTCOME_UNKNOWN : StoreException.Kind.NOT_READY,
          "Replication failed: " + message, error);
    }
    return new StoreException(StoreException.Kind.STORAGE, "Unexpected failure: " + message, error);
  }
}
