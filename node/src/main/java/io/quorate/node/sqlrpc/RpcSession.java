package io.quorate.node.sqlrpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quorate.node.auth.AuthMethod;
import io.quorate.node.auth.ScramExchange;
import io.quorate.node.auth.UserDirectory;
import io.quorate.node.pgwire.WireTypes;
import io.quorate.node.sql.ClientSession;
import io.quorate.protocol.v1.Completed;
import io.quorate.protocol.v1.Error;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.Fetch;
import io.quorate.protocol.v1.Open;
import io.quorate.protocol.v1.Opened;
import io.quorate.protocol.v1.Pong;
import io.quorate.protocol.v1.Result;
import io.quorate.protocol.v1.Row;
import io.quorate.protocol.v1.SaslChallenge;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.raft.txn.NoWait;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.CommitId;
import io.quorate.sql.session.PreparedStatement;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.SqlType;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQL session over one Session stream. Login first (trust or SCRAM-SHA-256, with the
 * PostgreSQL server's users and verifiers), then Execute and Ping, one at a time. On a
 * connection of its own ({@link SessionSocket}) every request runs on that connection's
 * thread; on a stream of grpc-java's server, a short read runs on the network thread that
 * delivers it and anything else on a worker thread ({@link SessionWork}). The session, and
 * its open transaction, ends with the stream.
 */
final class RpcSession implements StreamObserver<SessionRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(RpcSession.class);
  /** Rows per Result message, and the encoded size after which a message is sent early. */
  private static final int BATCH_ROWS = 1000;
  private static final int BATCH_BYTES = 1 << 20;
  /**
   * Suspended results kept per session. A request that would suspend one more gets all its
   * rows at once instead: its statement has run (and may have committed), so it must not fail.
   */
  private static final int MAX_SUSPENDED = 64;
  /** Prepared statements kept per session, by SQL and declared types (their plans are cached with them). */
  private static final int PREPARED_CACHE = 64;
  /** Reported to the client at login, like PostgreSQL's ParameterStatus. */
  private static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
      "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
      "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
  private enum State { AWAIT_OPEN, AWAIT_SASL, OPEN, ENDED }

  private final SqlRpcService service;
  private final ServerCallStreamObserver<SessionResponse> out;
  /** Where this session's requests run: here on the event loop when short, else on a worker, in order. */
  private final SessionWork work;
  /** Whether every request runs on the thread that delivers it ({@link #onOwnThread}). */
  private final boolean ownThread;
  /** A prepared statement's key: its text and the parameter types the client declared. */
  private record PreparedKey(String sql, List<Integer> declaredTypes) {}

  private final Map<PreparedKey, PreparedStatement> prepared = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<PreparedKey, PreparedStatement> eldest) {
      return size() > PREPARED_CACHE;
    }
  };
  private volatile ClientSession client;
  /** Volatile: also read when the session goes idle, to ask for the next request. */
  private volatile State state = State.AWAIT_OPEN;
  private boolean counted;
  /** This session's id and secret for Cancel; the id is 0 until the session has started. */
  private long sessionId;
  private long secret;
  /** Results whose rows are not all sent yet, by the request_id of the Execute that produced them. */
  private final Map<Long, ResultCursor> suspended = new HashMap<>();
  /** During a SCRAM login: the Open being answered and its exchange. */
  private Open opening;
  private ScramExchange exchange;

  /** A session on a stream of grpc-java's server: short reads on its event loop, the rest on the service's workers. */
  static RpcSession onGrpcStream(SqlRpcService service, ServerCallStreamObserver<SessionResponse> out) {
    return new RpcSession(service, out, false);
  }

  /**
   * A session whose requests all run on the thread that delivers them, which may wait:
   * a {@link SessionSocket}'s, which reads the next request only when this one is done.
   */
  static RpcSession onOwnThread(SqlRpcService service, ServerCallStreamObserver<SessionResponse> out) {
    return new RpcSession(service, out, true);
  }

  private RpcSession(SqlRpcService service, ServerCallStreamObserver<SessionResponse> out, boolean ownThread) {
    this.service = service;
    this.out = out;
    this.ownThread = ownThread;
    this.work = new SessionWork(ownThread ? Runnable::run : service.workers(), () -> {
      if (state != State.ENDED) {
        out.request(1); // the next request, now that this session is idle
      }
    });
    out.disableAutoRequest();
    out.request(1);
    out.setOnCancelHandler(() -> {
      ClientSession open = client;
      if (open != null) {
        open.session().cancel(); // the client went away: stop what it is running (onError follows)
      }
    });
  }

  /**
   * gRPC delivers a stream's requests one at a time, in order, on the network event loop
   * of its connection (SqlRpcService#callExecutors), and asks for the next only when this
   * one is done, so a session never has more than one request waiting. A short read runs
   * right here, with no hand-off between the network and the engine; anything else, and
   * a short read whose read barrier would wait, goes to the session's worker.
   */
  @Override
  public void onNext(SessionRequest request) {
    if (ownThread) {
      work.submit(() -> handle(request)); // runs now, on this thread
      return;
    }
    if (!work.tryRunHere(() -> tryHere(request))) {
      work.submit(() -> handle(request));
    }
  }

  /** Runs {@code request} on this network thread if it is short, else hands it to the worker. */
  private void tryHere(SessionRequest request) {
    if (!runsOnNetworkThread(request)) {
      work.submit(() -> handle(request));
      return;
    }
    try {
      NoWait.call(() -> {
        handle(request);
        return null;
      });
    } catch (MustWait refused) {
      work.submit(() -> handle(request)); // nothing was read or sent: run it where waiting is allowed
    }
  }

  /**
   * Whether {@code request} is sure to finish quickly without waiting, apart from a read
   * barrier (refused under {@link NoWait}): a ping, the close of a suspended result, or a
   * prepared point read outside a transaction block, on the primary or without a
   * staleness bound to wait for. A Fetch may ask for every remaining row, so it does not
   * run here.
   */
  private boolean runsOnNetworkThread(SessionRequest request) {
    if (state != State.OPEN) {
      return false;
    }
    return switch (request.getKindCase()) {
      case PING, CLOSE_RESULT -> true;
      case EXECUTE -> {
        Execute execute = request.getExecute();
        if (execute.getResend() || (execute.getParametersCount() == 0 && execute.getParameterTypesCount() == 0)
            || client.session().transactionStatus() != 'I'
            || (execute.getMaxStalenessMillis() > 0 && !client.onPrimary())) {
          yield false;
        }
        PreparedStatement statement = prepared.get(new PreparedKey(execute.getSql(), execute.getParameterTypesList()));
        yield statement != null && client.session().isPointRead(statement);
      }
      default -> false;
    };
  }

  /** Runs one request; the session asks for the next once idle (SessionWork's whenIdle). */
  private void handle(SessionRequest request) {
    try {
      switch (state) {
        case AWAIT_OPEN -> open(request);
        case AWAIT_SASL -> finishLogin(request);
        case OPEN -> serve(request);
        case ENDED -> {
          // the session is over; a request racing with its end is dropped
        }
      }
    } catch (MustWait refused) {
      throw refused;
    } catch (SqlException fatal) {
      sendQuietly(SessionResponse.newBuilder().setRequestId(request.getRequestId()).setError(error(fatal, true)));
      end();
      completeQuietly();
    } catch (RuntimeException | java.lang.Error bug) {
      LOG.error("SQL session failed", bug);
      sendQuietly(SessionResponse.newBuilder().setRequestId(request.getRequestId())
          .setError(error(SqlException.internal("internal error: " + bug, bug), true)));
      end();
      completeQuietly();
    }
  }

  @Override
  public void onError(Throwable error) {
    work.submit(this::end); // the client cancelled or vanished
  }

  @Override
  public void onCompleted() {
    work.submit(() -> {
      boolean wasOpen = state != State.ENDED;
      end();
      if (wasOpen) {
        completeQuietly();
      }
    });
  }

  /** Whether the session has logged in and not ended. */
  boolean isOpen() {
    return state == State.OPEN;
  }

  /** A Cancel for this session, from another thread: cancels the running statement when the secret matches. */
  void cancelIfSecret(long given) {
    ClientSession open = client;
    if (open != null && given == secret) {
      open.session().cancel();
    }
  }

  /** Ends the session: rolls back its open transaction and frees its connection slot. */
  private void end() {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    if (sessionId != 0) {
      service.unregister(sessionId);
    }
    if (client != null) {
      client.close();
    }
    if (counted) {
      service.sessionEnded();
    }
  }

  private void open(SessionRequest request) {
    if (request.getKindCase() != SessionRequest.KindCase.OPEN) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "the first request of a session must be Open").fatal();
    }
    if (!service.trySessionStart()) {
      throw new SqlException(SqlState.TOO_MANY_CONNECTIONS, "sorry, too many clients already").fatal();
    }
    counted = true;
    Open open = request.getOpen();
    String user = open.getUser();
    UserDirectory.User found = service.users().find(user).orElse(null);
    if (service.authMethod() == AuthMethod.TRUST) {
      if (found == null) {
        throw new SqlException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist")
            .fatal();
      }
      start(open, request.getRequestId(), "");
      return;
    }
    String verifier = found == null ? null : found.passwordVerifier();
    if (verifier != null && !verifier.startsWith(ScramExchange.MECHANISM + "$")) {
      throw ScramExchange.passwordFailed(user)
          .withHint("The native driver logs in with SCRAM-SHA-256 only; this user's password is stored as MD5."
              + " Set it again with ALTER ROLE ... PASSWORD while password_encryption is scram-sha-256.");
    }
    if (open.getClientFirst().isEmpty()) {
      throw new SqlException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"")
          .withDetail("No password was supplied.").fatal();
    }
    exchange = new ScramExchange(verifier);
    String serverFirst = exchange.serverFirst(open.getClientFirst());
    opening = open;
    state = State.AWAIT_SASL;
    send(SessionResponse.newBuilder().setRequestId(request.getRequestId())
        .setChallenge(SaslChallenge.newBuilder().setServerFirst(serverFirst)));
  }

  private void finishLogin(SessionRequest request) {
    if (request.getKindCase() != SessionRequest.KindCase.SASL_CONTINUE) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "expected the SCRAM client-final-message").fatal();
    }
    String serverFinal = exchange.serverFinal(request.getSaslContinue().getClientFinal(), opening.getUser());
    Open open = opening;
    opening = null;
    exchange = null;
    start(open, request.getRequestId(), serverFinal);
  }

  /** Opens the SQL session of an authenticated user and answers Opened. */
  private void start(Open open, long requestId, String serverFinal) {
    if (!service.databases().contains(open.getDatabase())) {
      throw new SqlException(SqlState.INVALID_CATALOG_NAME, "database \"" + open.getDatabase() + "\" does not exist")
          .fatal();
    }
    client = ClientSession.open(service.engine(), open.getUser(), service.hotStandby(), service.serverSettings(),
        open.getParametersMap());
    state = State.OPEN;
    secret = service.newSecret();
    sessionId = service.register(this);
    Opened.Builder opened = Opened.newBuilder().setServerFinal(serverFinal).setNodeId(service.nodeId())
        .setPrimary(client.onPrimary()).setSessionId(sessionId).setSecret(secret);
    for (String name : REPORTED) {
      opened.putParameters(name, client.session().settings().get(name));
    }
    send(SessionResponse.newBuilder().setRequestId(requestId).setOpened(opened));
  }

  private void serve(SessionRequest request) {
    long id = request.getRequestId();
    switch (request.getKindCase()) {
      case PING -> send(SessionResponse.newBuilder().setRequestId(id)
          .setPong(Pong.newBuilder().setPrimary(client.onPrimary())));
      case EXECUTE -> {
        if (NoWait.onThisThread() && request.getExecute().getMaxStalenessMillis() > 0 && !client.onPrimary()) {
          throw new MustWait(); // the node became a standby since the check: the bound may mean waiting
        }
        try {
          client.endIfNoLongerPrimary();
          if (client.session().transactionStatus() == 'I') {
            // read-only on a standby, writable again on a node that is the primary once more
            client.followNodeRole();
            refuseIfStale(request.getExecute().getMaxStalenessMillis());
          }
          execute(id, request.getExecute());
        } catch (SqlException error) {
          if (NoWait.refused(error) || error.getCause() instanceof Session.NotAPointRead) {
            throw new MustWait();
          }
          if (error.severity() == SqlException.Severity.FATAL) {
            throw error;
          }
          send(SessionResponse.newBuilder().setRequestId(id).setError(error(error, false)));
        }
      }
      // The rows were computed when the statement ran, on the primary; they stay valid
      // whatever the node's role is now, so a standby still serves them.
      case FETCH -> fetch(id, request.getFetch());
      case CLOSE_RESULT -> {
        suspended.remove(request.getCloseResult().getExecuteId());
        completed(id, "", List.of(), false, true, null, false);
      }
      default -> throw new SqlException(SqlState.PROTOCOL_VIOLATION, "unexpected request "
          + request.getKindCase() + " in an open session").fatal();
    }
  }

  private void execute(long id, Execute execute) {
    Session session = client.session();
    CommitId commitId = null;
    if (execute.hasCommitId()) {
      commitId = commitId(execute);
      if (execute.getResend() && session.transactionStatus() == 'I') {
        Optional<String> tag = session.committedAs(commitId);
        if (tag.isPresent()) {
          LOG.info("Resent request answered from its recorded commit, not run again [commit={}, tag={}]", commitId,
              tag.get());
          completed(id, tag.get(), List.of(), true, true, null, false);
          return;
        }
        if (isCommit(execute.getSql())) {
          // the block it was to end lived in a session that is gone: nothing of it was committed
          throw new SqlException(SqlState.SERIALIZATION_FAILURE, "the transaction was lost before its COMMIT took"
              + " effect: nothing of it was committed").withHint("Run the whole transaction again.");
        }
      }
    }
    session.nameNextCommit(commitId);
    Sender sender = new Sender(id, execute.getFetchSize());
    try {
      if (execute.getParametersCount() == 0 && execute.getParameterTypesCount() == 0) {
        session.execute(execute.getSql(), new Session.StatementHandler() {
          @Override
          public void completed(StatementResult result) {
            sender.add(result);
          }

          @Override
          public StatementResult copy(Statement.Copy copy) {
            throw SqlException.featureNotSupported("COPY is not supported by the native driver's protocol yet;"
                + " use psql or pgjdbc's CopyManager");
          }
        });
      } else {
        sender.add(executePrepared(session, execute));
      }
    } finally {
      session.nameNextCommit(null);
    }
    sender.finish();
  }

  /** Refuses a read with a staleness bound on a standby whose data is further behind the primary's than that. */
  private void refuseIfStale(long maxStalenessMillis) {
    if (maxStalenessMillis > 0 && !client.onPrimary() && !service.freshWithin(Duration.ofMillis(maxStalenessMillis))) {
      throw new SqlException(SqlState.CANNOT_CONNECT_NOW, "this standby is more than " + maxStalenessMillis
          + " ms behind the primary").withHint("Read from another node, or allow more staleness.");
    }
  }

  private static boolean isCommit(String sql) {
    try {
      List<Statement> statements = Parser.parse(sql);
      return statements.size() == 1 && statements.get(0) instanceof Statement.Commit;
    } catch (SqlException syntax) {
      return false;
    }
  }

  private static CommitId commitId(Execute execute) {
    try {
      return new CommitId(execute.getCommitId().getClientId().toByteArray(), execute.getCommitId().getCallId());
    } catch (IllegalArgumentException invalid) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid commit id: " + invalid.getMessage());
    }
  }

  private StatementResult executePrepared(Session session, Execute execute) {
    PreparedKey key = new PreparedKey(execute.getSql(), execute.getParameterTypesList());
    PreparedStatement statement = prepared.get(key);
    if (statement == null) {
      Map<Integer, SqlType> declared = new HashMap<>();
      for (int i = 0; i < execute.getParameterTypesCount(); i++) {
        SqlType type = WireTypes.parameterType(execute.getParameterTypes(i));
        if (type != null) {
          declared.put(i + 1, type);
        }
      }
      statement = session.prepare(execute.getSql(), declared);
      session.describe(statement); // infers the types of the parameters left to the server
      prepared.put(key, statement);
    }
    Map<Integer, SqlType> types = statement.parameterTypes();
    int expected = types.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (execute.getParametersCount() != expected) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "the statement has " + expected + " parameters but "
          + execute.getParametersCount() + " were sent");
    }
    ZoneId zone = session.settings().zone();
    Object[] parameters = new Object[expected];
    for (int i = 0; i < expected; i++) {
      SqlType type = types.getOrDefault(i + 1, SqlType.TEXT);
      parameters[i] = RpcValues.decode(execute.getParameters(i), type, zone, i);
    }
    // on the network thread only as the point read it was planned as (a schema change may make it a scan)
    return NoWait.onThisThread() ? session.executePointRead(statement, parameters)
        : session.execute(statement, parameters);
  }

  /**
   * Sends one request's results: each statement's rows in batches, the last batch inside
   * its Completed, which is held back until the next statement or the end so that the
   * last one says so. A request of one statement with more rows than its fetch size is
   * suspended after that many.
   */
  private final class Sender {
    private final long id;
    private final int fetchSize;
    private StatementResult pending;
    /** The session's time zone when {@code pending} ran: its rows are shown in it, as if sent then. */
    private ZoneId pendingZone;
    private int statements;

    Sender(long id, int fetchSize) {
      this.id = id;
      this.fetchSize = fetchSize;
    }

    void add(StatementResult result) {
      if (pending != null) {
        sendAll(false);
      }
      pending = result;
      pendingZone = client.session().settings().zone();
      statements++;
    }

    void finish() {
      if (pending == null) {
        completed(id, "", List.of(), false, true, null, false);
      } else if (statements == 1 && fetchSize > 0 && pending.hasRows() && pending.rows().size() > fetchSize
          && suspended.size() < MAX_SUSPENDED) {
        ResultCursor rest = new ResultCursor(pending, pendingZone);
        Result first = rows(id, rest, fetchSize, true);
        suspended.put(id, rest);
        completed(id, "", pending.notices(), false, true, first, true);
      } else {
        sendAll(true);
      }
    }

    private void sendAll(boolean last) {
      Result rows = pending.hasRows() ? rows(id, new ResultCursor(pending, pendingZone), pending.rows().size(), true)
          : null;
      completed(id, pending.commandTag(), pending.notices(), false, last, rows, false);
    }
  }

  /** A statement's result and how many of its rows have been sent: a cursor over rows already computed. */
  private static final class ResultCursor {
    final StatementResult result;
    final ZoneId zone;
    int sent;

    ResultCursor(StatementResult result, ZoneId zone) {
      this.result = result;
      this.zone = zone;
    }

    boolean done() {
      return sent == result.rows().size();
    }
  }

  private void fetch(long id, Fetch fetch) {
    ResultCursor rest = suspended.get(fetch.getExecuteId());
    if (rest == null) {
      send(SessionResponse.newBuilder().setRequestId(id).setError(error(new SqlException(SqlState.INVALID_CURSOR_NAME,
          "request " + fetch.getExecuteId() + " has no suspended result: it was read to its end or closed"), false)));
      return;
    }
    int count = fetch.getRows() == 0 ? rest.result.rows().size() : fetch.getRows();
    Result batch = rows(id, rest, count, false);
    if (rest.done()) {
      suspended.remove(fetch.getExecuteId());
    }
    completed(id, rest.done() ? rest.result.commandTag() : "", List.of(), false, true, batch, !rest.done());
  }

  /**
   * Sends up to {@code count} more of {@code from}'s rows in Result messages of at most
   * {@link #BATCH_ROWS} rows or about {@link #BATCH_BYTES}, all but the last, which it
   * returns for the Completed to carry (with the columns when {@code withColumns} and it
   * is the only one).
   */
  private Result rows(long id, ResultCursor from, int count, boolean withColumns) {
    List<StatementResult.Column> columns = from.result.columns();
    List<Object[]> all = from.result.rows();
    int end = (int) Math.min(all.size(), (long) from.sent + count);
    Result.Builder batch = Result.newBuilder();
    if (withColumns) {
      columns.forEach(column -> batch.addColumns(RpcValues.column(column)));
    }
    int bytes = 0;
    for (; from.sent < end; from.sent++) {
      if (batch.getRowsCount() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
        send(SessionResponse.newBuilder().setRequestId(id).setResult(batch));
        batch.clear();
        bytes = 0;
      }
      Object[] values = all.get(from.sent);
      Row.Builder row = Row.newBuilder();
      for (int i = 0; i < columns.size(); i++) {
        row.addValues(RpcValues.encode(values[i], columns.get(i).type(), from.zone));
      }
      Row built = row.build();
      bytes += built.getSerializedSize();
      batch.addRows(built);
    }
    return batch.build();
  }

  private void completed(long id, String tag, List<String> notices, boolean deduplicated, boolean last, Result rows,
      boolean suspendedRows) {
    Session session = client.session();
    Completed.Builder completed = Completed.newBuilder()
        .setCommandTag(tag)
        .addAllNotices(ClientSession.visibleNotices(session, notices))
        .setTransactionStatus(String.valueOf(session.transactionStatus()))
        .setDeduplicated(deduplicated)
        .setLast(last)
        .setPrimary(client.onPrimary())
        .setSuspended(suspendedRows);
    if (rows != null) {
      completed.setResult(rows);
    }
    send(SessionResponse.newBuilder().setRequestId(id).setCompleted(completed));
  }

  private Error error(SqlException error, boolean fatal) {
    Error.Builder built = Error.newBuilder()
        .setSqlstate(error.state().code())
        .setMessage(error.getMessage() == null ? "" : error.getMessage())
        .setFatal(fatal || error.severity() == SqlException.Severity.FATAL)
        .setPosition(Math.max(0, error.position()));
    if (error.detail() != null) {
      built.setDetail(error.detail());
    }
    if (error.hint() != null) {
      built.setHint(error.hint());
    }
    if (client != null) {
      built.setTransactionStatus(String.valueOf(client.session().transactionStatus()));
    }
    return built.build();
  }

  /** A statement tried on the event loop would have waited for its read barrier; it runs again on the worker. */
  private static final class MustWait extends RuntimeException {
    MustWait() {
      super(null, null, false, false);
    }
  }

  private void send(SessionResponse.Builder response) {
    synchronized (out) {
      out.onNext(response.build());
    }
  }

  private void completeQuietly() {
    try {
      out.onCompleted();
    } catch (RuntimeException alreadyClosed) {
      // cancelled by the client meanwhile
    }
  }

  private void sendQuietly(SessionResponse.Builder response) {
    try {
      send(response);
    } catch (RuntimeException gone) {
      // the client is gone; nothing more to tell it
    }
  }
}
