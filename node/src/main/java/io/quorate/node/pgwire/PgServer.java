package io.quorate.node.pgwire;

import io.quorate.node.auth.UserDirectory;
import io.quorate.sql.session.Engine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL v3 protocol server: accepts connections on the configured address and
 * serves each on a virtual thread of its own, with a session of the given engine.
 * {@link #start} binds and returns; {@link #close} stops accepting, ends every session
 * (an open transaction is aborted) and waits for their threads. Thread-safe.
 */
public final class PgServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final PgServerConfig config;
  private final Engine engine;
  private final Authenticator authenticator;
  private final BooleanSupplier hotStandby;
  private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<PgConnection> open = ConcurrentHashMap.newKeySet();
  private final Map<Integer, PgConnection> byProcessId = new ConcurrentHashMap<>();
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger nextProcessId = new AtomicInteger(new SecureRandom().nextInt(1 << 20) + 1000);
  private final SecureRandom random = new SecureRandom();
  private volatile int maxConnections;
  private volatile ServerSocket listener;
  private volatile boolean closing;
  /** Serves connections that open with HTTP/2's preface instead of a startup packet; null: none are. */
  private volatile Http2Connections http2;

  /** Where a connection that speaks HTTP/2 instead of PostgreSQL's protocol is handed over, on its own thread. */
  @FunctionalInterface
  public interface Http2Connections {
    /** Serves the connection until it ends and closes it; {@code in} still holds the preface. */
    void serve(Socket socket, java.io.InputStream in);
  }

  /**
   * @param hotStandby asked at every session start and before every ReadyForQuery: true
   *     while this node is a standby, which sessions report as {@code in_hot_standby=on}
   *     and {@code default_transaction_read_only=on}
   */
  public PgServer(PgServerConfig config, Engine engine, UserDirectory users, BooleanSupplier hotStandby) {
    this.config = config;
    this.engine = engine;
    this.authenticator = new Authenticator(config.authMethod(), users);
    this.hotStandby = hotStandby;
    this.maxConnections = config.maxConnections();
  }

  /** A server for a node that is always primary. */
  public PgServer(PgServerConfig config, Engine engine, UserDirectory users) {
    this(config, engine, users, () -> false);
  }

  /**
   * Hands connections that open with HTTP/2's client preface (the native driver's
   * sessions, node/DESIGN.md "Sessions on the client port") to {@code handler}; set
   * before {@link #start}.
   */
  public void serveHttp2With(Http2Connections handler) {
    http2 = handler;
  }

  Http2Connections http2() {
    return http2;
  }

  /** Binds the address and starts accepting; throws if the port cannot be bound. */
  public synchronized void start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(config.host(), config.port()), 128);
    listener = socket;
    Thread.ofVirtual().name("pgwire-accept").start(this::acceptLoop);
    LOG.info("PostgreSQL protocol server listening [address={}:{}, auth={}]", config.host(), port(),
        config.authMethod());
  }

  /** The port listened on (the chosen one when the configured port was 0). */
  public int port() {
    return listener.getLocalPort();
  }

  /**
   * Changes the number of sessions served at once, from the next connection on; sessions
   * beyond a lowered limit stay until they end.
   */
  public void setMaxConnections(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("maxConnections " + limit);
    }
    maxConnections = limit;
  }

  /** Sessions now being served. */
  public int sessionCount() {
    return sessions.get();
  }

  private void acceptLoop() {
    while (!closing) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        PgConnection connection = new PgConnection(this, socket);
        open.add(connection);
        try {
          connections.execute(() -> {
            try {
              connection.run();
            } finally {
              open.remove(connection);
            }
          });
        } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
          open.remove(connection);
          socket.close(); // the server closed between accept and hand-off
          throw closedMeanwhile;
        }
      } catch (IOException | java.util.concurrent.RejectedExecutionException error) {
        if (!closing) {
          LOG.warn("Accepting a PostgreSQL connection failed [error={}]", error.toString());
        }
      }
    }
  }

  public PgServerConfig config() {
    return config;
  }

  Engine engine() {
    return engine;
  }

  Authenticator authenticator() {
    return authenticator;
  }

  boolean hotStandby() {
    return hotStandby.getAsBoolean();
  }

  boolean closing() {
    return closing;
  }

  /**
   * Counts a new session in; false (and nothing counted) when the limit is reached. The
   * native driver's sessions count here too, so max-connections bounds both protocols.
   */
  public boolean tryAddSession() {
    if (sessions.incrementAndGet() > maxConnections) {
      sessions.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Registers a started session for CancelRequests; returns its secret key. */
  int register(PgConnection connection, int processId) {
    byProcessId.put(processId, connection);
    return random.nextInt();
  }

  int newProcessId() {
    return nextProcessId.getAndIncrement() & Integer.MAX_VALUE;
  }

  void unregister(int processId, boolean countedSession) {
    byProcessId.remove(processId);
    if (countedSession) {
      sessionEnded();
    }
  }

  /** Counts out a session {@link #tryAddSession} counted in. */
  public void sessionEnded() {
    sessions.decrementAndGet();
  }

  /** A CancelRequest: cancels that session's running statement if the key matches; silent otherwise. */
  void cancel(int processId, int secretKey) {
    PgConnection connection = byProcessId.get(processId);
    if (connection != null) {
      connection.cancelIfKey(secretKey);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(PgConnection::shutDown);
    connections.shutdown();
    try {
      if (!connections.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        connections.shutdownNow(); // interrupts; closing the sockets below unblocks the rest
        open.forEach(PgConnection::closeSocket);
        connections.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    LOG.info("PostgreSQL protocol server stopped [port={}]", listener == null ? config.port() : listener.getLocalPort());
  }
}
