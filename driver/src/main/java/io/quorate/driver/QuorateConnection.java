package io.quorate.driver;

import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.CancelRequest;
import io.quorate.protocol.v1.CloseResult;
import io.quorate.protocol.v1.Error;
import io.quorate.protocol.v1.Fetch;
import io.quorate.protocol.v1.Open;
import io.quorate.protocol.v1.Opened;
import io.quorate.protocol.v1.Ping;
import io.quorate.protocol.v1.SaslContinue;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A connection to a Quorate cluster: one SQL session on the primary over a Session
 * stream, moved to the new primary when the primary changes.
 *
 * <p>Failover. Every request outside a transaction block that is one statement names
 * its commit with this connection's client id and a new call id. When the answer is lost
 * (the primary died or stepped down), the connection finds the new primary and sends the
 * request again marked as a resend: a commit the first send made is found there and not
 * made again, so every acknowledged autocommit statement is applied exactly once and none
 * twice. A COMMIT is resent the same way. A transaction block interrupted before its
 * COMMIT was lost with its session: the statement fails with 40001 and the application
 * runs the transaction again, as after a serialization failure.
 *
 * <p>One thread at a time, as JDBC connections are used; {@link #close} and
 * {@link #isClosed} from any.
 */
public final class QuorateConnection implements Connection {

  private static final SecureRandom RANDOM = new SecureRandom();
  /** How long a statement waits for a primary that is not ready yet before asking again. */
  private static final long NOT_READY_PAUSE_MILLIS = 50;

  private final ConnectionUrl url;
  private final ClusterTopology topology;
  /** This connection's random client id, which names its commits. */
  private final byte[] clientId;
  private long lastCallId;
  private volatile SessionStream stream;
  /**
   * Reads' session while the connection is read-only and readFrom is not primary: on a
   * standby (nearest node) or, when none is fresh enough, a read-only one on the primary.
   */
  private volatile SessionStream readStream;
  /** Nodes that refused a read as too stale, and until when (System.nanoTime) they are passed over. */
  private final Map<ConnectionUrl.HostAndPort, Long> staleUntil = new HashMap<>();
  /** The settings the node reported when the session opened (server_version, TimeZone, ...). */
  private Map<String, String> serverParameters = Map.of();
  private boolean autoCommit = true;
  /** 'I' idle, 'T' in a transaction block, 'E' in a failed block, as the node last reported. */
  private char transactionStatus = 'I';
  private int isolation = TRANSACTION_READ_COMMITTED;
  private boolean readOnly;
  private int networkTimeoutMillis;
  private int savepoints;
  private volatile boolean closed;
  private SQLWarning warnings;

  QuorateConnection(ConnectionUrl url) throws SQLException {
    this.url = url;
    this.topology = new ClusterTopology(url);
    this.networkTimeoutMillis = (int) TimeUnit.SECONDS.toMillis(url.socketTimeoutSeconds());
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    clientId = id;
    int loginSeconds = url.loginTimeoutSeconds() > 0 ? url.loginTimeoutSeconds() : url.failoverTimeoutSeconds();
    stream(System.nanoTime() + TimeUnit.SECONDS.toNanos(loginSeconds));
  }

  /**
   * The settings (server_version, TimeZone, ...) the node reported when this connection
   * last opened its session: after a failover, the new primary's. Unmodifiable.
   */
  Map<String, String> serverParameters() {
    return serverParameters;
  }

  // ---- the session and failover

  /** The session on the primary, logging in to the primary first when there is none. */
  private SessionStream stream(long deadlineNanos) throws SQLException {
    if (stream != null && !stream.broken()) {
      return stream;
    }
    ConnectionUrl.HostAndPort avoid = stream == null ? null : stream.node();
    if (stream != null) {
      stream.close(); // broken: its socket goes too
    }
    stream = null;
    String lastFailure = null;
    while (true) {
      if (lastFailure != null && System.nanoTime() - deadlineNanos >= 0) {
        throw new SQLTransientConnectionException("could not connect to the primary: " + lastFailure, "08001");
      }
      ConnectionUrl.HostAndPort primary = topology.primary(deadlineNanos, avoid);
      SessionStream candidate = SessionStream.open(primary, url.connectTimeoutSeconds());
      try {
        Opened opened = login(candidate);
        if (opened.getPrimary()) {
          serverParameters = Map.copyOf(opened.getParametersMap());
          stream = candidate;
          return candidate;
        }
        lastFailure = primary + " is no longer the primary";
      } catch (SessionStream.Lost lost) {
        lastFailure = lost.getMessage();
      }
      candidate.close();
      avoid = primary;
    }
  }

  private Opened login(SessionStream candidate) throws SQLException, SessionStream.Lost {
    return login(candidate, Map.of());
  }

  /** Logs in on {@code candidate} with the URL's settings and {@code settings} over them. */
  private Opened login(SessionStream candidate, Map<String, String> settings) throws SQLException,
      SessionStream.Lost {
    Open.Builder open = Open.newBuilder().setUser(url.user()).setDatabase(url.database())
        .putAllParameters(url.otherOptions())
        .putParameters("application_name", url.applicationName())
        .putAllParameters(settings);
    ScramClient scram = url.password() == null ? null : new ScramClient(url.user(), url.password());
    if (scram != null) {
      open.setClientFirst(scram.clientFirst());
    }
    SessionResponse answer = message(last(candidate.call(SessionRequest.newBuilder().setOpen(open),
        loginWaitMillis())));
    if (answer.hasChallenge()) {
      if (scram == null) {
        candidate.close();
        throw Errors.of("the server requested password-based authentication, but no password was provided",
            "28P01");
      }
      String clientFinal = scram.clientFinal(answer.getChallenge().getServerFirst());
      answer = message(last(candidate.call(SessionRequest.newBuilder()
          .setSaslContinue(SaslContinue.newBuilder().setClientFinal(clientFinal)), loginWaitMillis())));
    }
    if (answer.hasError()) {
      candidate.close();
      throw Errors.of(answer.getError());
    }
    if (!answer.hasOpened()) {
      candidate.close();
      throw Errors.of("unexpected answer to login: " + (answer.getKindCase() == SessionResponse.KindCase.KIND_NOT_SET
          ? "a result" : answer.getKindCase()), "08P01");
    }
    if (scram != null && !answer.getOpened().getServerFinal().isEmpty()) {
      scram.verifyServerFinal(answer.getOpened().getServerFinal());
    }
    candidate.opened(answer.getOpened().getSessionId(), answer.getOpened().getSecret());
    return answer.getOpened();
  }

  // ---- reads on standbys

  /** How long a node that refused a read as too stale is passed over. */
  private static final long STALE_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** Whether statements go to the reads' session: the connection is read-only and readFrom is not primary. */
  private boolean readsElsewhere() {
    return readOnly && url.readFrom() != ConnectionUrl.ReadFrom.PRIMARY;
  }

  /**
   * The reads' session: on a standby (readFrom=standby, in random order so that
   * connections spread over them) or the nearest node (readFrom=nearest), passing over
   * nodes that lately refused as too stale; when none answers, a session on the primary.
   * Every reads' session is read-only, so a write on it fails (25006) wherever it is.
   */
  private SessionStream readStream(long deadlineNanos) throws SQLException {
    if (readStream != null && !readStream.broken()) {
      return readStream;
    }
    if (readStream != null) {
      readStream.close(); // broken: its socket goes too
    }
    readStream = null;
    ClusterTopology.ReadTargets targets = topology.readTargets(url.readFrom(), deadlineNanos);
    List<ConnectionUrl.HostAndPort> order = new ArrayList<>(targets.preferred());
    long now = System.nanoTime();
    staleUntil.values().removeIf(until -> until - now <= 0);
    order.removeAll(staleUntil.keySet());
    if (!order.contains(targets.primary())) {
      order.add(targets.primary());
    }
    for (ConnectionUrl.HostAndPort node : order) {
      SessionStream candidate = SessionStream.open(node, url.connectTimeoutSeconds());
      try {
        login(candidate, Map.of("default_transaction_read_only", "on"));
        readStream = candidate;
        return candidate;
      } catch (SessionStream.Lost | SQLException unreachable) {
        candidate.close();
      }
    }
    throw new SQLTransientConnectionException("no node answered for reads (tried " + order + ")", "08001");
  }

  /**
   * Sends one request on the reads' session. A refusal as too stale (57P03 from a
   * standby) or a lost session sends a request outside a block to another node: it only
   * reads, so running it again is safe. A block lost with its session fails with 40001,
   * except at its COMMIT: a read-only block has nothing to lose.
   */
  private List<StatementOutcome> readRequest(ExecuteRequest execute, boolean inBlock, boolean commit)
      throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(url.failoverTimeoutSeconds());
    execute.maxStalenessMillis((int) Math.min(url.maxStalenessMillis(), Integer.MAX_VALUE));
    while (true) {
      SessionStream session = readStream(deadline);
      boolean timeLeft = System.nanoTime() - deadline < 0;
      try {
        List<Response> responses = session.call(execute, networkTimeoutMillis);
        if (last(responses) instanceof Response.Done done) {
          transactionStatus = done.transactionStatus();
          return outcomes(responses, session);
        }
        Error error = error(last(responses), session);
        if (error.getFatal()) {
          dropReadStream();
          transactionStatus = 'I';
          if (!inBlock && timeLeft) {
            continue; // the node is stopping: read elsewhere
          }
        } else if (error.getSqlstate().equals("57P03") && !inBlock && timeLeft) {
          staleUntil.put(session.node(), System.nanoTime() + STALE_PAUSE_NANOS);
          dropReadStream();
          pause(); // when only the primary is left and it is not ready yet, it will be in a moment
          continue;
        } else if (!error.getTransactionStatus().isEmpty()) {
          transactionStatus = status(error.getTransactionStatus());
        }
        throw Errors.of(error);
      } catch (SessionStream.Lost lost) {
        dropReadStream();
        if (inBlock) {
          transactionStatus = 'I';
          if (commit) {
            return List.of(); // a read-only block wrote nothing: there was nothing to commit
          }
          throw new SQLTransactionRollbackException("the connection to " + session.node() + " was lost during the"
              + " read-only transaction (" + lost.getMessage() + "); run it again", "40001", lost);
        }
        if (!timeLeft) {
          throw new SQLTransientConnectionException("no node answered the read within "
              + url.failoverTimeoutSeconds() + " s: " + lost.getMessage(), "08006", lost);
        }
      }
    }
  }

  private void dropReadStream() {
    SessionStream session = readStream;
    if (session != null) {
      session.close();
    }
  }

  private long loginWaitMillis() {
    return TimeUnit.SECONDS.toMillis(Math.max(url.connectTimeoutSeconds(), 1));
  }

  private static Response last(List<Response> responses) {
    return responses.get(responses.size() - 1);
  }

  /**
   * The error that ended a request. Any other final response that is not a statement's
   * end breaks the protocol: the session is closed (its transaction with it) and the
   * request fails with 08P01.
   */
  private Error error(Response end, SessionStream session) throws SQLException {
    SessionResponse message = message(end);
    if (message.hasError()) {
      return message.getError();
    }
    session.close();
    transactionStatus = 'I';
    throw Errors.of("the node answered a request with an unexpected " + message.getKindCase() + " response",
        "08P01");
  }

  /**
   * The protocol message of a response that is not a result (login, ping, an error); for a
   * result, an empty message, which has no error and is no answer to a login or ping.
   */
  private static SessionResponse message(Response response) {
    return response instanceof Response.Other other ? other.message() : SessionResponse.getDefaultInstance();
  }

  /**
   * Runs {@code sql} (with {@code parameters} when not null: one statement, prepared and
   * cached on the node) and returns what each statement produced. A request of one
   * statement returns at most {@code firstRows} rows (0: all); the rest stay on the node,
   * in the outcome's {@link RemainingRows}.
   */
  List<StatementOutcome> execute(String sql, List<TextValues.Parameter> parameters, int firstRows)
      throws SQLException {
    checkOpen();
    if (!autoCommit && transactionStatus == 'I') {
      begin();
    }
    ExecuteRequest execute = new ExecuteRequest(sql, parameters, firstRows);
    boolean outsideBlock = transactionStatus == 'I';
    boolean named = outsideBlock && (parameters != null || SqlText.statementCount(sql) == 1);
    return request(execute, named, !outsideBlock, false);
  }

  private void begin() throws SQLException {
    StringBuilder begin = new StringBuilder("BEGIN ISOLATION LEVEL ").append(switch (isolation) {
      case TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
      case TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
      default -> "READ COMMITTED";
    });
    if (readOnly) {
      begin.append(" READ ONLY");
    }
    request(new ExecuteRequest(begin.toString(), null, 0), false, false, false);
  }

  /**
   * Sends one request, through failovers.
   *
   * @param named give it a commit id, so that it can be resent when its answer is lost
   * @param inBlock it runs inside a transaction block, which a lost session takes with it
   * @param commit it is the COMMIT ending that block (named, so it can be resent)
   */
  private List<StatementOutcome> request(ExecuteRequest execute, boolean named, boolean inBlock, boolean commit)
      throws SQLException {
    if (readsElsewhere()) {
      return readRequest(execute, inBlock, commit);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(url.failoverTimeoutSeconds());
    if (named) {
      execute.commitId(clientId, ++lastCallId);
    }
    boolean mayHaveRun = false;
    while (true) {
      SessionStream session;
      try {
        session = stream(deadline);
      } catch (SQLException noPrimary) {
        if (inBlock) {
          transactionStatus = 'I';
        }
        throw noPrimary;
      }
      try {
        execute.resend(named && mayHaveRun);
        List<Response> responses = session.call(execute, networkTimeoutMillis);
        if (last(responses) instanceof Response.Done done) {
          transactionStatus = done.transactionStatus();
          return outcomes(responses, session);
        }
        Error error = error(last(responses), session);
        if (!inBlock && named && retryable(session, error, deadline)) {
          mayHaveRun |= error.getSqlstate().equals("40003");
          continue;
        }
        if (error.getFatal()) {
          dropStream();
          if (error.getSqlstate().equals("57P01")) { // refused before running: the node stepped down
            SQLException failure = lost(inBlock, commit, named, new SessionStream.Lost(error.getMessage(), null),
                deadline);
            if (failure == null) {
              continue;
            }
            throw failure;
          }
          transactionStatus = 'I';
        } else if (!error.getTransactionStatus().isEmpty()) {
          transactionStatus = status(error.getTransactionStatus());
        }
        throw Errors.of(error);
      } catch (SessionStream.Lost lostAnswer) {
        dropStream();
        mayHaveRun = true;
        SQLException failure = lost(inBlock, commit, named, lostAnswer, deadline);
        if (failure != null) {
          throw failure;
        }
      }
    }
  }

  /**
   * What a lost session means for the request: null when it is to be sent again (named,
   * outside a block or the block's COMMIT, time left), else the error to throw.
   */
  private SQLException lost(boolean inBlock, boolean commit, boolean named, SessionStream.Lost lost, long deadline) {
    if (inBlock && !commit) {
      transactionStatus = 'I';
      return new SQLTransactionRollbackException("the connection to the primary was lost during the transaction,"
          + " which was rolled back (" + lost.getMessage() + "); run the transaction again", "40001", lost);
    }
    if (!named) {
      transactionStatus = 'I';
      return new SQLTransientConnectionException("the connection to the primary was lost and the outcome of"
          + " this request of several statements is unknown: " + lost.getMessage(), "08006", lost);
    }
    if (System.nanoTime() - deadline >= 0) {
      transactionStatus = 'I';
      return new SQLTransientConnectionException("the connection to the primary was lost and no new primary"
          + " answered within " + url.failoverTimeoutSeconds() + " s; the outcome is unknown: " + lost.getMessage(),
          "08006", lost);
    }
    return null;
  }

  /**
   * Whether an autocommit request that failed with {@code error} should be sent again: the
   * node is no longer the primary (the request was refused or rolled back without being
   * committed), the primary is not ready yet, or the commit's outcome was lost in a change
   * of primary (the resend finds out).
   */
  private boolean retryable(SessionStream session, Error error, long deadline) {
    if (System.nanoTime() - deadline >= 0) {
      return false;
    }
    switch (error.getSqlstate()) {
      case "40003":
        dropStream();
        return true;
      case "57P03":
        pause();
        return true;
      case "25006", "40001", "57P01":
        if (error.getFatal() || !stillPrimary(session)) {
          dropStream();
          return true;
        }
        return false;
      default:
        return false;
    }
  }

  private boolean stillPrimary(SessionStream session) {
    try {
      SessionResponse pong = message(last(session.call(SessionRequest.newBuilder()
          .setPing(Ping.getDefaultInstance()), loginWaitMillis())));
      return pong.hasPong() && pong.getPong().getPrimary();
    } catch (SessionStream.Lost lost) {
      return false;
    }
  }

  /**
   * Asks the node to cancel the statement this connection is running (it fails with
   * 57014); from any thread, silent when nothing runs or the node is gone.
   */
  void cancelRunning() {
    SessionStream session = readsElsewhere() ? readStream : stream;
    if (session == null || session.broken()) {
      return;
    }
    try {
      SqlServiceGrpc.newBlockingStub(Channels.to(session.node(), url.connectTimeoutSeconds()))
          .withDeadlineAfter(loginWaitMillis(), TimeUnit.MILLISECONDS)
          .cancel(CancelRequest.newBuilder().setSessionId(session.sessionId()).setSecret(session.secret()).build());
    } catch (StatusRuntimeException unreachable) {
      // the node is gone, and the statement with it
    }
  }

  private static void pause() {
    try {
      Thread.sleep(NOT_READY_PAUSE_MILLIS); // a new primary becomes ready within moments; nothing to wait on here
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void dropStream() {
    if (stream != null) {
      stream.close();
    }
  }

  private static char status(String status) {
    return status.isEmpty() ? 'I' : status.charAt(0);
  }

  /** Rows per batch of a result whose statement sets no fetch size (0: all at once). */
  int defaultRowFetchSize() {
    return url.defaultRowFetchSize();
  }

  /**
   * The next at most {@code rows} rows (0: all) of the suspended result of request
   * {@code executeId} on {@code session}, which holds them. They are gone once that
   * session is (a failover, a lost connection): the read fails with 08006 then, or with
   * 40001 when a transaction block went with the session.
   */
  StatementOutcome fetchRows(SessionStream session, long executeId, int rows) throws SQLException {
    checkOpen();
    if ((session != stream && session != readStream) || session.broken()) {
      throw rowsLost(session, null);
    }
    List<Response> responses;
    try {
      responses = session.call(SessionRequest.newBuilder()
          .setFetch(Fetch.newBuilder().setExecuteId(executeId).setRows(rows)), networkTimeoutMillis);
    } catch (SessionStream.Lost lost) {
      session.close();
      throw rowsLost(session, lost);
    }
    if (!(last(responses) instanceof Response.Done done)) {
      throw Errors.of(error(last(responses), session));
    }
    transactionStatus = done.transactionStatus();
    return outcomes(responses, session).get(0);
  }

  private SQLException rowsLost(SessionStream session, SessionStream.Lost cause) {
    String why = "the rest of the result was lost with the session on " + session.node()
        + (cause == null ? "" : " (" + cause.getMessage() + ")");
    if (transactionStatus != 'I') {
      transactionStatus = 'I';
      return new SQLTransactionRollbackException(why + ", and the transaction with it; run the transaction again",
          "40001", cause);
    }
    return new SQLTransientConnectionException(why + "; run the query again", "08006", cause);
  }

  /** Lets {@code session} drop the unread rows of request {@code executeId}; quiet when the session is gone. */
  void closeRows(SessionStream session, long executeId) {
    if (closed || (session != stream && session != readStream) || session.broken()) {
      return;
    }
    try {
      session.call(SessionRequest.newBuilder().setCloseResult(CloseResult.newBuilder().setExecuteId(executeId)),
          networkTimeoutMillis);
    } catch (SessionStream.Lost lost) {
      session.close(); // the next statement finds a node again
    }
  }

  private List<StatementOutcome> outcomes(List<Response> responses, SessionStream session) {
    List<StatementOutcome> outcomes = new ArrayList<>(1);
    List<ResultColumn> columns = null;
    List<Object[]> rows = null;
    for (Response response : responses) {
      Response.Rows batch = switch (response) {
        case Response.Rows result -> result;
        case Response.Done done -> done.result();
        case Response.Other other -> null; // no other response belongs to an Execute
      };
      if (batch != null) {
        if (rows == null) {
          columns = batch.columns();
          rows = batch.rows();
        } else {
          rows.addAll(batch.rows());
        }
      }
      if (response instanceof Response.Done done) {
        RemainingRows remaining = done.suspended() ? new RemainingRows(this, session, done.requestId()) : null;
        outcomes.add(new StatementOutcome(columns, rows, done.commandTag(), done.notices(), remaining));
        columns = null;
        rows = null;
      }
    }
    return outcomes;
  }

  // ---- transactions

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    checkOpen();
    if (autoCommit && !this.autoCommit && transactionStatus != 'I') {
      commit(); // JDBC: changing to autocommit commits the transaction in progress
    }
    this.autoCommit = autoCommit;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw Errors.of("cannot commit when autocommit is on", "25000");
    }
    if (transactionStatus == 'I') {
      return;
    }
    request(new ExecuteRequest("COMMIT", null, 0), true, true, true);
    savepoints = 0;
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw Errors.of("cannot roll back when autocommit is on", "25000");
    }
    if (transactionStatus == 'I') {
      return;
    }
    savepoints = 0;
    SessionStream session = readsElsewhere() ? readStream : stream;
    if (session == null || session.broken()) {
      transactionStatus = 'I'; // the session, and its transaction, is gone already
      return;
    }
    try {
      request(new ExecuteRequest("ROLLBACK", null, 0), false, true, false);
    } catch (SQLTransactionRollbackException lostWithTheSession) {
      transactionStatus = 'I'; // rolled back either way
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return setSavepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw Errors.of("cannot set a savepoint when autocommit is on", "25000");
    }
    QuorateSavepoint savepoint = new QuorateSavepoint(++savepoints, name);
    execute("SAVEPOINT " + savepoint.sqlName(), null, 0);
    return savepoint;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    execute("ROLLBACK TO SAVEPOINT " + QuorateSavepoint.of(savepoint).sqlName(), null, 0);
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    execute("RELEASE SAVEPOINT " + QuorateSavepoint.of(savepoint).sqlName(), null, 0);
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    if (transactionStatus != 'I') {
      throw Errors.of("cannot change the isolation level in the middle of a transaction", "25001");
    }
    isolation = switch (level) {
      case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED -> TRANSACTION_READ_COMMITTED;
      case TRANSACTION_REPEATABLE_READ, TRANSACTION_SERIALIZABLE -> level;
      default -> throw Errors.of("unknown transaction isolation level " + level, "22023");
    };
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return isolation;
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    if (transactionStatus != 'I' && readOnly != this.readOnly) {
      throw Errors.of("cannot change read-only mode in the middle of a transaction", "25001");
    }
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  // ---- statements

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return new QuorateStatement(this);
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    checkResultSetKind(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return createStatement();
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    checkResultSetKind(resultSetType, resultSetConcurrency, resultSetHoldability);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    return new QuoratePreparedStatement(this, sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys == Statement.RETURN_GENERATED_KEYS) {
      throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
    }
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    checkResultSetKind(resultSetType, resultSetConcurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return prepareStatement(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    checkResultSetKind(resultSetType, resultSetConcurrency, resultSetHoldability);
    return prepareStatement(sql);
  }

  private void checkResultSetKind(int type, int concurrency, int holdability) throws SQLException {
    checkOpen();
    if (type != ResultSet.TYPE_FORWARD_ONLY) {
      throw Errors.unsupported("scrollable result sets");
    }
    if (concurrency != ResultSet.CONCUR_READ_ONLY) {
      throw Errors.unsupported("updatable result sets");
    }
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT && holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
      throw Errors.of("unknown result set holdability " + holdability, "22023");
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw Errors.unsupported("CallableStatement");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    throw Errors.unsupported("CallableStatement");
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    throw Errors.unsupported("CallableStatement");
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    checkOpen();
    return sql;
  }

  // ---- connection state

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stream != null) {
      stream.close(); // the node rolls back an open transaction with the session
    }
    dropReadStream();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  /**
   * Whether the session answers a ping within {@code timeout} seconds; a lost session is
   * not re-established here (the next statement does that), so this stays cheap.
   */
  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw Errors.of("isValid timeout must not be negative: " + timeout, "22023");
    }
    if (closed) {
      return false;
    }
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout == 0 ? url.connectTimeoutSeconds() : timeout);
      SessionStream session = stream(deadline);
      SessionResponse pong = message(last(session.call(SessionRequest.newBuilder()
          .setPing(Ping.getDefaultInstance()), TimeUnit.SECONDS.toMillis(timeout == 0 ? url.connectTimeoutSeconds()
          : timeout))));
      return pong.hasPong();
    } catch (SessionStream.Lost | SQLException unreachable) {
      dropStream();
      return false;
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new QuorateDatabaseMetaData(this, url);
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen(); // JDBC: a driver without catalogs ignores this
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return url.database();
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen();
    try (QuoratePreparedStatement set = new QuoratePreparedStatement(this,
        "SELECT set_config('search_path', $1, false)")) {
      set.setString(1, schema);
      set.execute();
    }
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    try (Statement statement = createStatement(); ResultSet current = statement.executeQuery("SELECT current_schema()")) {
      return current.next() ? current.getString(1) : null;
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return Collections.emptyMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    throw Errors.unsupported("custom type maps");
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkResultSetKind(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.HOLD_CURSORS_OVER_COMMIT; // results are complete when a statement returns
  }

  @Override
  public Clob createClob() throws SQLException {
    throw Errors.unsupported("Clob");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw Errors.unsupported("Blob");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw Errors.unsupported("NClob");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw Errors.unsupported("SQLXML");
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    throw Errors.unsupported("createArrayOf");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    throw Errors.unsupported("createStruct");
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    if (!"ApplicationName".equals(name)) {
      throw new SQLClientInfoException("unknown client info property " + name, "0A000", Map.of());
    }
    try {
      try (QuoratePreparedStatement set = new QuoratePreparedStatement(this,
          "SELECT set_config('application_name', $1, false)")) {
        set.setString(1, value == null ? "" : value);
        set.execute();
      }
    } catch (SQLException e) {
      throw new SQLClientInfoException(e.getMessage(), e.getSQLState(), Map.of(), e);
    }
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    for (String name : properties.stringPropertyNames()) {
      setClientInfo(name, properties.getProperty(name));
    }
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    if (!"ApplicationName".equals(name)) {
      return null;
    }
    try (Statement statement = createStatement();
        ResultSet value = statement.executeQuery("SELECT current_setting('application_name')")) {
      return value.next() ? value.getString(1) : null;
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    Properties info = new Properties();
    String application = getClientInfo("ApplicationName");
    if (application != null) {
      info.setProperty("ApplicationName", application);
    }
    return info;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw Errors.of("abort needs an executor", "22023");
    }
    close();
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen();
    if (milliseconds < 0) {
      throw Errors.of("network timeout must not be negative: " + milliseconds, "22023");
    }
    networkTimeoutMillis = milliseconds;
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return networkTimeoutMillis;
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return Errors.unwrap(this, type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw Errors.closed("connection");
    }
  }

  @Override
  public String toString() {
    return "QuorateConnection[" + url + (stream == null ? "" : ", on " + stream.node()) + "]";
  }
}
