package io.quorate.node.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.quorate.node.admin.AdminServiceImpl;
import io.quorate.node.config.LocalSettings;
import io.quorate.node.config.NodeConfig;
import io.quorate.node.kv.KvServiceImpl;
import io.quorate.node.pgwire.PgServer;
import io.quorate.node.pgwire.PgServerConfig;
import io.quorate.node.sql.SqlService;
import io.quorate.node.sqlrpc.NetworkLoops;
import io.quorate.node.sqlrpc.SqlRpcService;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.raft.cluster.ReplicatedStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: the replica of the replicated store, the SQL engine on it, the
 * PostgreSQL protocol server on the client port, and the gRPC server with the admin and
 * KV services. {@link #close()} stops the SQL sessions and the services, then the
 * replica (which hands leadership off first when it is the primary).
 */
public final class QuorateNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QuorateNode.class);
  private static final Duration KV_IDLE_TIMEOUT = Duration.ofSeconds(60);
  /**
   * The largest gRPC request accepted (gRPC's default is 4 MiB): a statement or parameters
   * of up to PostgreSQL's 1 GB limit are not useful here, since a transaction commits at
   * most 64 MiB of changes; 80 MiB leaves room for a statement that writes that much.
   */
  private static final int MAX_REQUEST_BYTES = 80 << 20;
  /** The exit status of a node whose replica Ratis stopped for a failure. */
  public static final int REPLICA_FAILED_EXIT = 3;

  private final NodeConfig config;
  private final RatisReplicatedStore store;
  private final KvServiceImpl kv;
  private final Server grpc;
  private final NetworkLoops networkLoops;
  private final SqlRpcService sqlRpc;
  private final SqlService sql;
  private final PgServer pg;
  private boolean closed;

  private QuorateNode(NodeConfig config, RatisReplicatedStore store, KvServiceImpl kv, Server grpc,
      NetworkLoops networkLoops, SqlRpcService sqlRpc, SqlService sql, PgServer pg) {
    this.config = config;
    this.store = store;
    this.kv = kv;
    this.grpc = grpc;
    this.networkLoops = networkLoops;
    this.sqlRpc = sqlRpc;
    this.sql = sql;
    this.pg = pg;
  }

  /**
   * Starts the replica and the services; an admin Shutdown request, or the replica
   * stopping by itself, closes the node. The configuration was validated by its loader.
   */
  public static QuorateNode start(NodeConfig config) {
    AtomicReference<QuorateNode> started = new AtomicReference<>();
    return start(config, status -> {
      QuorateNode node = started.get();
      if (node != null) {
        node.close();
      }
    }, started);
  }

  /**
   * Starts the node; {@code exit} ends the process (whose shutdown hook closes the node):
   * with status 0 after an admin Shutdown request or when the node finds it is no longer
   * a member, with {@link #REPLICA_FAILED_EXIT} when Ratis stopped the replica for a
   * failure (systemd's unit does not restart on it: a restart would repeat it).
   */
  public static QuorateNode start(NodeConfig config, IntConsumer exit) {
    return start(config, exit, new AtomicReference<>());
  }

  private static QuorateNode start(NodeConfig config, IntConsumer exit, AtomicReference<QuorateNode> started) {
    RestoreFromBackup.prepare(config);
    RatisReplicatedStore store = RatisReplicatedStore.start(config.replicaConfig());
    KvServiceImpl kv = new KvServiceImpl(store, KV_IDLE_TIMEOUT);
    SqlService sql = SqlService.start(store, config.client());
    PgServer pg = new PgServer(PgServerConfig.defaults(config.host(), config.clientPort(), version())
        .withAuthMethod(config.client().auth())
        .withMaxConnections(config.client().maxConnections()), sql.engine(), sql.users(), () -> !sql.isPrimary());
    LocalSettings localSettings = new LocalSettings(config);
    localSettings.whenChanged("max-connections", value -> pg.setMaxConnections(Integer.parseInt(value)));
    SqlRpcService sqlRpc = new SqlRpcService(new SqlRpcService.Context(config.nodeId(), sql.engine(), sql.users(),
        pg.config().authMethod(), pg.config().databases(), () -> !sql.isPrimary(), Map.of(
            "server_version", pg.config().serverVersion(),
            "server_version_num", pg.config().serverVersionNumber(),
            "port", Integer.toString(config.clientPort())),
        pg::tryAddSession, pg::sessionEnded, store::status, store::awaitFresh));
    pg.serveHttp2With((socket, in) -> sqlRpc.serveConnection(socket, in, MAX_REQUEST_BYTES));
    NetworkLoops networkLoops = NetworkLoops.perCore();
    Server grpc = networkLoops.serve(NettyServerBuilder.forAddress(new InetSocketAddress(config.host(),
            config.adminPort())))
        .maxInboundMessageSize(MAX_REQUEST_BYTES)
        .callExecutor(sqlRpc.callExecutors())
        // No HTTP/2 keepalive pings from the node: the JDBC driver's session connections
        // are read only while a request is out, so an idle pooled connection would never
        // answer one and be closed after 2 h. The kernel's TCP keepalive finds vanished
        // clients instead, without the client's help.
        .keepAliveTime(Long.MAX_VALUE, TimeUnit.NANOSECONDS)
        .withChildOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.SO_KEEPALIVE, true)
        .addService(sqlRpc)
        .addService(new AdminServiceImpl(store, config, version(), sql::isPrimaryReady, () -> exit.accept(0),
            sql.engine().databaseSettings(), localSettings))
        .addService(kv)
        .build();
    try {
      grpc.start();
    } catch (IOException e) {
      networkLoops.close();
      sqlRpc.close();
      sql.close();
      kv.close();
      store.close();
      throw new UncheckedIOException("Cannot serve the admin API on " + config.host() + ":" + config.adminPort()
          + ": " + e.getMessage(), e);
    }
    try {
      pg.start();
    } catch (IOException e) {
      grpc.shutdownNow();
      networkLoops.close();
      sqlRpc.close();
      sql.close();
      kv.close();
      store.close();
      throw new UncheckedIOException("Cannot serve SQL clients on " + config.host() + ":" + config.clientPort()
          + ": " + e.getMessage(), e);
    }
    sqlRpc.setSessionPort(pg.port());
    LOG.info("Node started [id={}, raft={}:{}, admin={}:{}, sql={}:{}, cluster={}, version={}]", config.nodeId(),
        config.host(), config.raftPort(), config.host(), config.adminPort(), config.host(), config.clientPort(),
        config.clusterId(), version());
    QuorateNode node = new QuorateNode(config, store, kv, grpc, networkLoops, sqlRpc, sql, pg);
    started.set(node);
    store.onUnexpectedStop(cause -> {
      if (cause == ReplicatedStore.StopCause.REMOVED) {
        LOG.info("The node stops: it is not in the cluster's configuration (removed, or never added) [id={}]",
            config.nodeId());
        exit.accept(0);
      } else {
        LOG.error("The node stops: its replica failed and serves nothing; restarting repeats the failure until"
            + " its cause (in the lines above) is dealt with [id={}, exitStatus={}]", config.nodeId(), REPLICA_FAILED_EXIT);
        exit.accept(REPLICA_FAILED_EXIT);
      }
    });
    return node;
  }

  public NodeConfig config() {
    return config;
  }

  public RatisReplicatedStore store() {
    return store;
  }

  public SqlService sql() {
    return sql;
  }

  /** This build's version, from the packaged version resource. */
  public static String version() {
    try (InputStream in = QuorateNode.class.getResourceAsStream("/io/quorate/node/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("Node stopping [id={}]", config.nodeId());
    pg.close();
    grpc.shutdown();
    sql.close();
    kv.close();
    try {
      if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
        grpc.shutdownNow();
        grpc.awaitTermination(5, TimeUnit.SECONDS); // its transports close on the loops
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      grpc.shutdownNow();
    }
    networkLoops.close();
    sqlRpc.close();
    store.close();
    LOG.info("Node stopped [id={}]", config.nodeId());
  }
}
