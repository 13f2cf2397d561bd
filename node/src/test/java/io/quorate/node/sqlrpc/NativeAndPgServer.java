package io.quorate.node.sqlrpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.quorate.node.auth.AuthMethod;
import io.quorate.node.auth.InMemoryUserDirectory;
import io.quorate.node.pgwire.PgServer;
import io.quorate.node.pgwire.PgServerConfig;
import io.quorate.raft.cluster.MemberStatus;
import io.quorate.raft.cluster.Peer;
import io.quorate.raft.cluster.ReplicaStatus;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.session.Engine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-memory engine served both ways on free loopback ports: the native driver's SQL
 * service (a one-member cluster whose primary is this process) and the PostgreSQL
 * protocol, so the native driver and pgjdbc see the same database. User {@code alice},
 * password {@code secret} (SCRAM, or trust when asked). {@link #standby} makes the node
 * report itself a standby, as after a switchover. Close it to stop both.
 */
final class NativeAndPgServer implements AutoCloseable {

  static final String USER = "alice";
  static final String PASSWORD = "secret";
  /** What server_version reports, distinct from a real node's to show where the driver reads it. */
  static final String SERVER_VERSION = "15.0 (Quorate native-metadata-test)";
  private static final String NODE_ID = "n1";

  /** While set, the node is a hot standby: sessions follow the role as on a node that lost the primary's. */
  final AtomicBoolean standby = new AtomicBoolean();
  private final PgServer pg;
  private final Server grpc;
  private final NetworkLoops networkLoops = NetworkLoops.perCore();
  private final SqlRpcService service;

  NativeAndPgServer() throws IOException {
    this(AuthMethod.SCRAM_SHA_256);
  }

  NativeAndPgServer(AuthMethod authMethod) throws IOException {
    this(authMethod, new InMemoryKvStore());
  }

  /** Serves an engine over {@code store}, for tests that watch or perturb what the engine asks of it. */
  NativeAndPgServer(AuthMethod authMethod, KvStore store) throws IOException {
    this(authMethod, store, true);
  }

  /**
   * @param sessionsOnClientPort whether the PostgreSQL port also serves native sessions on
   *     their own threads (as a node does, {@link SessionSocket}); if not, the driver's
   *     sessions go to grpc-java's server on the admin port
   */
  NativeAndPgServer(AuthMethod authMethod, KvStore store, boolean sessionsOnClientPort) throws IOException {
    this(authMethod, store, sessionsOnClientPort, PgServerConfig.DEFAULT_AUTHENTICATION_TIMEOUT_MILLIS);
  }

  /** @param authenticationTimeoutMillis how long a connection of either protocol may take to log in */
  NativeAndPgServer(AuthMethod authMethod, KvStore store, boolean sessionsOnClientPort,
      long authenticationTimeoutMillis) throws IOException {
    Engine engine = new Engine(store);
    InMemoryUserDirectory users = new InMemoryUserDirectory().addUser(USER, PASSWORD);
    PgServerConfig config = PgServerConfig.defaults("127.0.0.1", 0, "test")
        .withAuthenticationTimeoutMillis(authenticationTimeoutMillis);
    pg = new PgServer(config, engine, users);
    pg.start();
    AtomicInteger grpcPort = new AtomicInteger(); // known once the server listens, before any client asks
    service = new SqlRpcService(new SqlRpcService.Context(NODE_ID, engine, users,
        authMethod, config.databases(), standby::get,
        Map.of("server_version", SERVER_VERSION, "server_version_num", "150000"),
        pg::tryAddSession, pg::sessionEnded, () -> primaryIsMe(grpcPort.get()), staleness -> !standby.get()));
    try {
      grpc = networkLoops.serve(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)))
          .callExecutor(service.callExecutors())
          .addService(service)
          .build()
          .start();
    } catch (IOException | RuntimeException e) {
      networkLoops.close();
      pg.close();
      throw e;
    }
    grpcPort.set(grpc.getPort());
    if (sessionsOnClientPort) {
      pg.serveHttp2With((socket, in) -> service.serveConnection(socket, in, 64 << 20));
      service.setSessionPort(pg.port());
    }
  }

  /** The topology the driver asks for first: this process is the only member and the primary. */
  private static ReplicaStatus primaryIsMe(int port) {
    MemberStatus me = new MemberStatus(new Peer(NODE_ID, "127.0.0.1", 1, port), MemberStatus.Role.PRIMARY, 1, 0, 0,
        0, -1);
    return new ReplicaStatus(NODE_ID, NODE_ID, 1, 0, 0, 0, 0, true, 0, List.of(me));
  }

  int pgPort() {
    return pg.port();
  }

  /** Sessions of either protocol now counted against max-connections. */
  int sessionCount() {
    return pg.sessionCount();
  }

  /** Tells drivers (Topology) that sessions are served at {@code port}, which may be wrong on purpose. */
  void reportSessionPort(int port) {
    service.setSessionPort(port);
  }

  int grpcPort() {
    return grpc.getPort();
  }

  String nativeUrl() {
    return "jdbc:quorate://127.0.0.1:" + grpc.getPort() + "/quorate";
  }

  Connection connectNative() throws SQLException {
    return DriverManager.getConnection(nativeUrl(), credentials());
  }

  Connection connectPgjdbc() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/quorate", credentials());
  }

  private static Properties credentials() {
    Properties info = new Properties();
    info.setProperty("user", USER);
    info.setProperty("password", PASSWORD);
    return info;
  }

  @Override
  public void close() throws InterruptedException {
    grpc.shutdownNow();
    try {
      grpc.awaitTermination(10, TimeUnit.SECONDS);
    } finally {
      networkLoops.close();
      service.close();
      pg.close();
    }
  }
}
