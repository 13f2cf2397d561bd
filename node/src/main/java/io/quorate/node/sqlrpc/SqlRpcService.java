package io.quorate.node.sqlrpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quorate.node.auth.AuthMethod;
import io.quorate.node.auth.UserDirectory;
import io.quorate.protocol.v1.CancelRequest;
import io.quorate.protocol.v1.CancelResponse;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlMember;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.TopologyRequest;
import io.quorate.protocol.v1.TopologyResponse;
import io.quorate.raft.cluster.MemberStatus;
import io.quorate.raft.cluster.ReplicaStatus;
import io.quorate.sql.session.Engine;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The native driver's SQL service: sessions over bidirectional streams
 * ({@link RpcSession}) and the topology a driver routes by. Sessions count against the
 * node's max-connections together with PostgreSQL connections.
 */
public final class SqlRpcService extends SqlServiceGrpc.SqlServiceImplBase {

  /**
   * Where a session gets what it needs from the node. {@code freshWithin} tells whether
   * this node's data is at most that far behind the primary's (waiting up to that long
   * for it to catch up), for reads with a staleness bound.
   */
  public record Context(String nodeId, Engine engine, UserDirectory users, AuthMethod authMethod, Set<String> databases,
      BooleanSupplier hotStandby, Map<String, String> serverSettings, BooleanSupplier trySessionStart,
      Runnable sessionEnded, Supplier<ReplicaStatus> status, Predicate<Duration> freshWithin) {}

  private final Context context;
  /**
   * Runs sessions' work that may wait (commits, scans, logins): a session's requests
   * arrive on the network event loop ({@link #callExecutors}), which runs short reads
   * itself and hands the rest here, in order ({@link SessionWork}).
   */
  private final ExecutorService workers = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
      .name("sql-session-", 1).factory());
  private final java.util.concurrent.ConcurrentHashMap<Long, RpcSession> sessions =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.security.SecureRandom random = new java.security.SecureRandom();
  /** Where this node serves sessions on connections of their own, reported by Topology; 0 while nowhere. */
  private volatile int sessionPort;

  public SqlRpcService(Context context) {
    this.context = context;
  }

  /**
   * Where gRPC runs each call's callbacks: a Session stream's on the network event loop
   * that delivers them (RpcSession decides what runs there), every other call on the
   * server's default executor.
   */
  public ServerCallExecutorSupplier callExecutors() {
    return new ServerCallExecutorSupplier() {
      @Override
      public <ReqT, RespT> Executor getExecutor(ServerCall<ReqT, RespT> call, Metadata headers) {
        return call.getMethodDescriptor().getFullMethodName().equals(SqlServiceGrpc.getSessionMethod()
            .getFullMethodName()) ? Runnable::run : null;
      }
    };
  }

  /**
   * Lets the workers end once the server has stopped: statements still running finish,
   * and a session that ends after this runs its end on the thread that reports it.
   */
  public void close() {
    workers.shutdown();
  }

  @Override
  public StreamObserver<SessionRequest> session(StreamObserver<SessionResponse> responses) {
    return RpcSession.onGrpcStream(this, (ServerCallStreamObserver<SessionResponse>) responses);
  }

  /**
   * Serves a connection that opened with HTTP/2's preface on the client port: one Session
   * call, run on this thread ({@link SessionSocket}); returns when the connection has
   * ended, closed. {@code in} is the socket's input, the preface unread.
   */
  public void serveConnection(java.net.Socket socket, java.io.InputStream in, int maxRequestBytes) {
    SessionSocket.serve(this, socket, in, maxRequestBytes);
  }

  /** Reports {@code port} to drivers as where this node serves sessions on connections of their own. */
  public void setSessionPort(int port) {
    sessionPort = port;
  }

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> responses) {
    ReplicaStatus status = context.status().get();
    TopologyResponse.Builder topology = TopologyResponse.newBuilder()
        .setSelfId(status.selfId())
        .setPrimaryId(status.leaderId() == null ? "" : status.leaderId())
        .setTerm(status.term())
        .setSessionPort(sessionPort);
    for (MemberStatus member : status.members()) {
      topology.addMembers(SqlMember.newBuilder()
          .setId(member.peer().id())
          .setHost(member.peer().host())
          .setPort(member.peer().adminPort())
          .setVoter(member.role() != MemberStatus.Role.LEARNER));
    }
    responses.onNext(topology.build());
    responses.onCompleted();
  }

  @Override
  public void cancel(CancelRequest request, StreamObserver<CancelResponse> responses) {
    RpcSession session = sessions.get(request.getSessionId());
    if (session != null) {
      session.cancelIfSecret(request.getSecret());
    }
    responses.onNext(CancelResponse.getDefaultInstance());
    responses.onCompleted();
  }

  /** Registers a started session for Cancel requests; returns its id. */
  long register(RpcSession session) {
    while (true) {
      long id = random.nextLong() & Long.MAX_VALUE;
      if (sessions.putIfAbsent(id, session) == null) {
        return id;
      }
    }
  }

  long newSecret() {
    return random.nextLong();
  }

  void unregister(long id) {
    sessions.remove(id);
  }

  Executor workers() {
    return workers;
  }

  Engine engine() {
    return context.engine();
  }

  UserDirectory users() {
    return context.users();
  }

  AuthMethod authMethod() {
    return context.authMethod();
  }

  Set<String> databases() {
    return context.databases();
  }

  BooleanSupplier hotStandby() {
    return context.hotStandby();
  }

  Map<String, String> serverSettings() {
    return context.serverSettings();
  }

  String nodeId() {
    return context.nodeId();
  }

  boolean trySessionStart() {
    return context.trySessionStart().getAsBoolean();
  }

  void sessionEnded() {
    context.sessionEnded().run();
  }

  boolean freshWithin(Duration maxStaleness) {
    return context.freshWithin().test(maxStaleness);
  }
}
