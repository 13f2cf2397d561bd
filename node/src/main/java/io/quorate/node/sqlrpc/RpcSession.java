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
import io.quorate.protocol.v1.Open;
import io.quorate.protocol.v1.Opened;
import io.quorate.protocol.v1.Pong;
import io.quorate.protocol.v1.Result;
import io.quorate.protocol.v1.Row;
import io.quorate.protocol.v1.SaslChallenge;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.CommitId;
import io.quorate.sql.session.PreparedStatement;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.SqlType;
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
 * PostgreSQL server's users and verifiers), then Execute and Ping, each run on the gRPC
 * thread that delivers it. The session, and its open transaction, ends with the stream.
 */
final class RpcSession implements StreamObserver<SessionRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(RpcSession.class);
  /** Rows per Result message, and the encoded size after which a message is sent early. */
  private static final int BATCH_ROWS = 1000;
  private static final int BATCH_BYTES = 1 << 20;
  /** Prepared statements kept per session, by SQL and declared types (their plans are cached with them). */
  private static final int PREPARED_CACHE = 64;
  /** Reported to the client at login, like PostgreSQL's ParameterStatus. */
  private static final List<String> REPORTED = List.of("application_name", "client_encoding", "DateStyle",
      "default_transaction_read_only", "in_hot_standby", "integer_datetimes", "IntervalStyle", "is_superuser",
      "server_encoding", "server_version", "session_authorization", "standard_conforming_strings", "TimeZone");
  private enum State { AWAIT_OPEN, AWAIT_SASL, OPEN, ENDED }

  private final SqlRpcService service;
  private final ServerCallStreamObserver<SessionResponse> out;
  private final Map<String, PreparedStatement> prepared = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      return size() > PREPARED_CACHE;
    }
  };
  private volatile ClientSession client;
  private State state = State.AWAIT_OPEN;
  private boolean counted;
  /** This session's id and secret for Cancel; the id is 0 until the session has started. */
  private long sessionId;
  private long secret;
  /** During a SCRAM login: the Open being answered and its exchange. */
  private Open opening;
  private ScramExchange exchange;

  RpcSession(SqlRpcService service, ServerCallStreamObserver<SessionResponse> out) {
    this.service = service;
    this.out = out;
    out.setOnCancelHandler(() -> {
      ClientSession open = client;
      if (open != null) {
        open.session().cancel(); // the client went away: stop what it is running (onError follows)
      }
    });
  }

  /**
   * gRPC delivers one stream's requests one at a time and in order, on its executor's
   * threads, so each request runs right here: no hand-off to another thread between the
   * network and the engine.
   */
  @Override
  public void onNext(SessionRequest request) {
    try {
      switch (state) {
        case AWAIT_OPEN -> open(request);
        case AWAIT_SASL -> finishLogin(request);
        case OPEN -> serve(request);
        case ENDED -> {
          // the session is over; a request racing with its end is dropped
        }
      }
    } catch (SqlException fatal) {
      sendQuietly(SessionResponse.newBuilder().setRequestId(request.getRequestId()).setError(error(fatal, true)));
      end();
      completeQuietly();
    } catch (RuntimeException bug) {
      LOG.error("SQL session failed", bug);
      sendQuietly(SessionResponse.newBuilder().setRequestId(request.getRequestId())
          .setError(error(SqlException.internal("internal error: " + bug, bug), true)));
      end();
      completeQuietly();
    }
  }

  @Override
  public void onError(Throwable error) {
    end(); // the client cancelled or vanished
  }

  @Override
  public void onCompleted() {
    boolean wasOpen = state != State.ENDED;
    end();
    if (wasOpen) {
      completeQuietly();
    }
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
        try {
          client.endIfNoLongerPrimary();
          execute(id, request.getExecute());
        } catch (SqlException error) {
          if (error.severity() == SqlException.Severity.FATAL) {
            throw error;
          }
          send(SessionResponse.newBuilder().setRequestId(id).setError(error(error, false)));
        }
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
          completed(id, tag.get(), List.of(), true, true, null);
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
    Sender sender = new Sender(id);
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
    String key = execute.getParameterTypesList() + execute.getSql();
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
    return session.execute(statement, parameters);
  }

  /**
   * Sends one request's results: each statement's rows in batches, the last batch inside
   * its Completed, which is held back until the next statement or the end so that the
   * last one says so.
   */
  private final class Sender {
    private final long id;
    private StatementResult pending;
    private Result pendingRows;

    Sender(long id) {
      this.id = id;
    }

    void add(StatementResult result) {
      if (pending != null) {
        completed(id, pending.commandTag(), pending.notices(), false, false, pendingRows);
      }
      pending = result;
      pendingRows = result.hasRows() ? rows(result) : null;
    }

    void finish() {
      completed(id, pending == null ? "" : pending.commandTag(), pending == null ? List.of() : pending.notices(),
          false, true, pendingRows);
    }

    /** Sends all but the last batch of {@code result}'s rows and returns the last. */
    private Result rows(StatementResult result) {
      ZoneId zone = client.session().settings().zone();
      List<StatementResult.Column> columns = result.columns();
      Result.Builder batch = Result.newBuilder();
      columns.forEach(column -> batch.addColumns(RpcValues.column(column)));
      int bytes = 0;
      for (Object[] values : result.rows()) {
        if (batch.getRowsCount() >= BATCH_ROWS || bytes >= BATCH_BYTES) {
          send(SessionResponse.newBuilder().setRequestId(id).setResult(batch));
          batch.clear();
          bytes = 0;
        }
        Row.Builder row = Row.newBuilder();
        for (int i = 0; i < columns.size(); i++) {
          row.addValues(RpcValues.encode(values[i], columns.get(i).type(), zone));
        }
        Row built = row.build();
        bytes += built.getSerializedSize();
        batch.addRows(built);
      }
      return batch.build();
    }
  }

  private void completed(long id, String tag, List<String> notices, boolean deduplicated, boolean last, Result rows) {
    Session session = client.session();
    if (last && session.transactionStatus() == 'I') {
      client.followNodeRole();
    }
    Completed.Builder completed = Completed.newBuilder()
        .setCommandTag(tag)
        .addAllNotices(ClientSession.visibleNotices(session, notices))
        .setTransactionStatus(String.valueOf(session.transactionStatus()))
        .setDeduplicated(deduplicated)
        .setLast(last)
        .setPrimary(client.onPrimary());
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
