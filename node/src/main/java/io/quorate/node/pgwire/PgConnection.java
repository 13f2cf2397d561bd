package io.quorate.node.pgwire;

import io.quorate.node.sql.ClientSession;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.ast.Statement;
import java.io.EOFException;
import java.io.IOException;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, served on its own virtual thread from startup to Terminate:
 * startup and authentication, then the simple and extended query protocols and COPY.
 * An ERROR ends the statement (in the extended protocol, everything up to Sync); a FATAL
 * error, a protocol violation that breaks the framing, or a lost connection ends the
 * session, and closing the session aborts its open transaction.
 */
final class PgConnection {

  private static final Logger LOG = LoggerFactory.getLogger(PgConnection.class);

  /** What PostgreSQL 15 reports with ParameterStatus, at startup and whenever one changes. */
  private static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
      "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
      "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");

  /** The first bytes of HTTP/2's client preface. */
  private static final byte[] HTTP2_START = Arrays.copyOf(io.quorate.protocol.http2.Http2.PREFACE, 4);

  private final PgServer server;
  private final Socket socket;
  private final Map<String, String> reported = new HashMap<>();
  private MessageReader in;
  private MessageWriter out;
  private ClientSession client;
  private Session session;
  private ResultWriter results;
  private ExtendedQuery extended;
  private CopyProtocol copy;
  private int processId = -1;
  private volatile int secretKey;
  private volatile boolean registered;
  private volatile boolean shutDown;
  private boolean countedSession;

  PgConnection(PgServer server, Socket socket) {
    this.server = server;
    this.socket = socket;
  }

  void run() {
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, server.config().authenticationTimeoutMillis()));
      PushbackInputStream input = new PushbackInputStream(socket.getInputStream(), HTTP2_START.length);
      byte[] start = input.readNBytes(HTTP2_START.length);
      input.unread(start);
      PgServer.Http2Connections http2 = server.http2();
      if (http2 != null && Arrays.equals(start, HTTP2_START)) {
        http2.serve(socket, input); // "PRI " read as a startup packet's length would be over 1 GB: never PostgreSQL
        return;
      }
      in = new MessageReader(input, server.config().maxMessageBytes());
      out = new MessageWriter(socket.getOutputStream());
      StartupRequest request = StartupRequest.read(in, socket.getOutputStream());
      if (request.isCancel()) {
        server.cancel(request.cancelProcessId(), request.cancelSecretKey());
        return;
      }
      startSession(request);
      serve();
    } catch (SqlException error) {
      trySend(error);
    } catch (SocketTimeoutException timeout) {
      trySend(new SqlException(SqlState.CANNOT_CONNECT_NOW, "canceling authentication due to timeout").fatal());
    } catch (IOException | UncheckedIOException lost) {
      LOG.debug("PostgreSQL connection lost [process={}, error={}]", processId, lost.toString());
    } catch (RuntimeException bug) {
      LOG.error("PostgreSQL connection failed [process={}]", processId, bug);
      trySend(SqlException.internal("internal error: " + bug, bug).fatal());
    } finally {
      if (client != null) {
        client.close(); // aborts an open transaction of a dropped connection
      }
      server.unregister(processId, countedSession);
      closeSocket();
    }
  }

  /** Whether the last thing sent was ReadyForQuery, so the client is idle (for the idle-in-transaction timeout). */
  private boolean waitingAfterReadyForQuery;

  private void startSession(StartupRequest request) throws IOException {
    if (!server.tryAddSession()) {
      throw new SqlException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already").fatal();
    }
    countedSession = true;
    server.authenticator().authenticate(request.user(), in, out);
    if (!server.config().databases().contains(request.database())) {
      throw new SqlException(SqlState.INVALID_CATALOG_NAME, "database \"" + request.database() + "\" does not exist")
          .fatal();
    }
    client = ClientSession.open(server.engine(), request.user(), server::hotStandby, Map.of(
        "server_version", server.config().serverVersion(),
        "server_version_num", server.config().serverVersionNumber(),
        "port", Integer.toString(server.port())), request.parameters());
    session = client.session();
    results = new ResultWriter(out, session);
    extended = new ExtendedQuery(session, out, results);
    copy = new CopyProtocol(session, in, out);
    processId = server.newProcessId();
    session.setBackendPid(processId);
    secretKey = server.register(this, processId);
    registered = true;
    reportChangedParameters();
    out.backendKeyData(processId, secretKey);
    socket.setSoTimeout(0);
    out.readyForQuery(session.transactionStatus());
  }

  private void serve() throws IOException {
    while (true) {
      MessageBody message = nextMessage();
      if (message == null) {
        return;
      }
      try {
        if (!dispatch(message)) {
          return;
        }
      } catch (UncheckedIOException lost) {
        throw lost.getCause();
      } catch (SqlException error) {
        if (error.severity() == SqlException.Severity.FATAL) {
          throw error;
        }
        out.error(error);
        if (ExtendedQuery.handles(message.type()) && message.type() != 'S') {
          session.failTransaction(); // a Parse or Bind error aborts the transaction too, as in PostgreSQL
          extended.discardUntilSync();
        } else {
          readyForQuery(); // also after a Sync whose commit failed: the session is idle again
        }
      }
    }
  }

  /**
   * The next message, or null when the client closed the connection. In a transaction,
   * waits at most idle_in_transaction_session_timeout (25P03, FATAL).
   */
  private MessageBody nextMessage() throws IOException {
    // As in PostgreSQL the clock runs only once ReadyForQuery has been sent: between an
    // Execute and its Sync the client is not idle, it is still sending its pipeline.
    long idleLimit = !waitingAfterReadyForQuery || session.transactionStatus() == 'I' ? 0
        : session.settings().durationMillis("idle_in_transaction_session_timeout");
    waitingAfterReadyForQuery = false;
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, idleLimit));
    try {
      return in.readMessage();
    } catch (SocketTimeoutException idle) {
      throw new SqlException(SqlState.IDLE_IN_TRANSACTION_SESSION_TIMEOUT,
          "terminating connection due to idle-in-transaction timeout").fatal();
    } catch (EOFException closed) {
      if (shutDown) {
        throw new SqlException(SqlState.ADMIN_SHUTDOWN, "terminating connection due to administrator command")
            .fatal();
      }
      return null;
    } finally {
      if (idleLimit > 0 && !socket.isClosed()) {
        socket.setSoTimeout(0);
      }
    }
  }

  /** Handles one message; false for Terminate. */
  private boolean dispatch(MessageBody message) throws IOException {
    byte type = message.type();
    if (type != 'X') {
      client.endIfNoLongerPrimary();
    }
    if (ExtendedQuery.handles(type)) {
      if (extended.handle(message)) {
        readyForQuery();
      }
      return true;
    }
    switch (type) {
      case 'Q' -> {
        String sql = message.readCString();
        message.end();
        simpleQuery(sql);
        readyForQuery();
      }
      case 'X' -> {
        return false;
      }
      case 'd', 'c', 'f' -> {
        // COPY messages after the COPY ended (e.g. it failed first): PostgreSQL ignores them too
      }
      case 'F' -> throw SqlException.featureNotSupported("fastpath function calls are not supported");
      default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION,
          "invalid frontend message type " + (type & 0xFF)).fatal();
    }
    return true;
  }

  private void simpleQuery(String sql) throws IOException {
    extended.closeUnnamed();
    boolean[] anyStatement = {false};
    session.execute(sql, new Session.StatementHandler() {
      @Override
      public void completed(StatementResult result) {
        anyStatement[0] = true;
        try {
          results.result(result);
        } catch (IOException lost) {
          throw new UncheckedIOException(lost);
        }
      }

      @Override
      public StatementResult copy(Statement.Copy statement) {
        try {
          return copy.run(statement);
        } catch (IOException lost) {
          throw new UncheckedIOException(lost);
        }
      }
    });
    if (!anyStatement[0]) {
      out.empty('I');
    }
  }

  private void readyForQuery() throws IOException {
    char status = session.transactionStatus();
    if (status == 'I') {
      extended.closePortals(); // portals live until the end of their transaction
      client.followNodeRole();
    }
    reportChangedParameters();
    out.readyForQuery(status);
    waitingAfterReadyForQuery = true;
  }

  private void reportChangedParameters() throws IOException {
    for (String name : REPORTED) {
      String value = session.settings().get(name);
      if (!value.equals(reported.put(name, value))) {
        out.parameterStatus(name, value);
      }
    }
  }

  private void trySend(SqlException error) {
    try {
      out.error(error);
      out.flush();
    } catch (IOException | RuntimeException ignored) {
      // the client is gone; nothing more to tell it
    }
  }

  /** A CancelRequest for this session: cancels the running statement when the key matches. Any thread. */
  void cancelIfKey(int key) {
    if (registered && key == secretKey) {
      session.cancel();
    }
  }

  /**
   * Server shutdown, from another thread: cancels what runs and closes the input, so the
   * connection's thread sends 57P01 and ends.
   */
  void shutDown() {
    shutDown = true;
    if (registered) {
      session.cancel();
    }
    try {
      socket.shutdownInput();
    } catch (IOException ignored) {
      closeSocket();
    }
  }

  void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }
}
