package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.stub.StreamObserver;
import io.quorate.node.auth.AuthMethod;
import io.quorate.protocol.http2.Http2;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.Open;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.TopologyRequest;
import io.quorate.sql.kv.InMemoryKvStore;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client port's HTTP/2 side ({@link SessionSocket}), spoken to by grpc-java's own
 * client, a second HTTP/2 implementation: a session's requests and answers, both larger
 * than every flow-control window and frame; a cancelled call ending its session and
 * rolling its transaction back; calls other than Session refused; broken HTTP/2 ending
 * the connection with a GOAWAY while PostgreSQL clients go on being served.
 */
class SessionSocketTest {

  private NativeAndPgServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = new NativeAndPgServer(AuthMethod.TRUST, new InMemoryKvStore(), true);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.pgPort()).usePlaintext()
        .maxInboundMessageSize(16 << 20).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  /** The answers of one Session call, as grpc-java's client delivers them. */
  private static final class Answers implements StreamObserver<SessionResponse> {
    final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();

    @Override
    public void onNext(SessionResponse response) {
      received.add(response);
    }

    @Override
    public void onError(Throwable error) {
      received.add(Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      received.add(Status.OK);
    }

    SessionResponse next() throws InterruptedException {
      Object next = received.poll(30, TimeUnit.SECONDS);
      assertTrue(next instanceof SessionResponse, "an answer, not " + next);
      return (SessionResponse) next;
    }

    Status end() throws InterruptedException {
      Object next = received.poll(30, TimeUnit.SECONDS);
      assertTrue(next instanceof Status, "the call's end, not " + next);
      return (Status) next;
    }

    /** Every answer to one Execute, up to its last Completed. */
    List<SessionResponse> statement() throws InterruptedException {
      List<SessionResponse> answers = new ArrayList<>();
      SessionResponse next;
      do {
        next = next();
        answers.add(next);
        assertFalse(next.hasError(), "no error: " + next.getError());
      } while (!(next.hasCompleted() && next.getCompleted().getLast()));
      return answers;
    }
  }

  private static SessionRequest open() {
    return SessionRequest.newBuilder().setRequestId(1)
        .setOpen(Open.newBuilder().setUser(NativeAndPgServer.USER).setDatabase("quorate")).build();
  }

  /** Starts a Session call on the test's channel and logs in (trust). */
  private StreamObserver<SessionRequest> opened(Answers answers) throws InterruptedException {
    StreamObserver<SessionRequest> requests = SqlServiceGrpc.newStub(channel).session(answers);
    requests.onNext(open());
    assertTrue(answers.next().hasOpened());
    return requests;
  }

  private static SessionRequest execute(long id, String sql) {
    return SessionRequest.newBuilder().setRequestId(id).setExecute(Execute.newBuilder().setSql(sql)).build();
  }

  private static String text(List<SessionResponse> answers) {
    StringBuilder values = new StringBuilder();
    for (SessionResponse answer : answers) {
      io.quorate.protocol.v1.Result result = answer.hasResult() ? answer.getResult()
          : answer.getCompleted().getResult();
      result.getRowsList().forEach(row -> row.getValuesList().forEach(value -> values.append(
          value.hasText() ? value.getText() : String.valueOf(value.getInteger()))));
    }
    return values.toString();
  }

  @Test
  void grpcJavasClientRunsASessionWithMessagesLargerThanTheWindows() throws Exception {
    Answers answers = new Answers();
    StreamObserver<SessionRequest> requests = opened(answers);
    requests.onNext(execute(2, "SELECT 40 + 2"));
    assertEquals("42", text(answers.statement()));

    // 3 MiB each way: more than a frame (16 KiB, 1 MiB) and a window (64 KiB, 1 MiB) on either side
    String large = "q".repeat(3 << 20);
    requests.onNext(execute(3, "SELECT '" + large + "'"));
    assertEquals(large, text(answers.statement()));

    requests.onCompleted();
    assertEquals(Status.Code.OK, answers.end().getCode());
    awaitTrue(() -> server.sessionCount() == 0, "the session ended with its call");
  }

  @Test
  void aCancelledCallEndsItsSessionAndRollsItsTransactionBack() throws Exception {
    try (Connection pg = server.connectPgjdbc(); Statement statement = pg.createStatement()) {
      statement.execute("CREATE TABLE t (k integer PRIMARY KEY, v integer)");
      statement.execute("INSERT INTO t VALUES (1, 0)");
    }
    Answers answers = new Answers();
    StreamObserver<SessionRequest> requests = opened(answers);
    requests.onNext(execute(2, "BEGIN"));
    answers.statement();
    requests.onNext(execute(3, "UPDATE t SET v = 7 WHERE k = 1"));
    answers.statement();
    requests.onError(Status.CANCELLED.withDescription("the test gives up").asRuntimeException()); // RST_STREAM
    awaitTrue(() -> server.sessionCount() == 0, "the cancelled session ended");
    try (Connection pg = server.connectPgjdbc(); Statement statement = pg.createStatement()) {
      statement.execute("UPDATE t SET v = v + 1 WHERE k = 1"); // its row lock went with it
      try (ResultSet rows = statement.executeQuery("SELECT v FROM t WHERE k = 1")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1), "the cancelled transaction's update was rolled back");
      }
    }
  }

  @Test
  void theDriversRequestsRunOnTheConnectionsOwnThreadAndMayWait() throws Exception {
    NativeEventLoopReadTest.WatchedStore store = new NativeEventLoopReadTest.WatchedStore();
    try (NativeAndPgServer watched = new NativeAndPgServer(AuthMethod.TRUST, store, true);
        Connection connection = watched.connectNative();
        Statement statement = connection.createStatement();
        java.sql.PreparedStatement point = connection.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
      statement.execute("CREATE TABLE kv (k integer PRIMARY KEY, v bigint NOT NULL)");
      statement.execute("INSERT INTO kv VALUES (1, 10), (2, 20)");
      store.waitingReads.clear();
      for (int key = 1; key <= 2; key++) {
        point.setInt(1, key);
        try (ResultSet rows = point.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(key * 10L, rows.getLong(1));
        }
      }
      statement.executeUpdate("UPDATE kv SET v = v + 1 WHERE k = 1");
      assertTrue(store.noWaitReads.isEmpty(), "nothing runs under NoWait: " + store.noWaitReads);
      assertTrue(!store.waitingReads.isEmpty() && store.waitingReads.stream().allMatch("virtual"::equals),
          "every read on the connection's virtual thread: " + store.waitingReads);
    }
  }

  @Test
  void theDriverUsesTheAdminPortWhenTheSessionPortCannotBeReached() throws Exception {
    NativeEventLoopReadTest.WatchedStore store = new NativeEventLoopReadTest.WatchedStore();
    try (NativeAndPgServer watched = new NativeAndPgServer(AuthMethod.TRUST, store, true)) {
      int closedPort;
      try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
        closedPort = probe.getLocalPort(); // nothing listens there once closed (a firewall, as far as the driver sees)
      }
      watched.reportSessionPort(closedPort);
      try (Connection connection = watched.connectNative(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE kv (k integer PRIMARY KEY, v bigint NOT NULL)");
        store.waitingReads.clear();
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM kv")) {
          assertTrue(rows.next());
          assertEquals(0, rows.getLong(1));
        }
        assertTrue(!store.waitingReads.isEmpty()
                && store.waitingReads.stream().allMatch(thread -> thread.startsWith("sql-session-")),
            "served by grpc-java's server on the admin port: " + store.waitingReads);
      }
    }
  }

  @Test
  void callsOneAfterAnotherOnOneChannelEachGetAConnection() throws Exception {
    for (int call = 0; call < 3; call++) { // the server ends each connection with a GOAWAY after its call
      Answers answers = new Answers();
      StreamObserver<SessionRequest> requests = opened(answers);
      requests.onNext(execute(2, "SELECT " + call));
      assertEquals(String.valueOf(call), text(answers.statement()));
      requests.onCompleted();
      assertEquals(Status.Code.OK, answers.end().getCode());
    }
  }

  @Test
  void aClientGoingAwayGracefullyLetsItsSessionFinish() throws Exception {
    Answers answers = new Answers();
    StreamObserver<SessionRequest> requests = opened(answers);
    channel.shutdown(); // GOAWAY(NO_ERROR): no new calls, the open one goes on
    requests.onNext(execute(2, "SELECT 7"));
    assertEquals("7", text(answers.statement()));
    requests.onCompleted();
    assertEquals(Status.Code.OK, answers.end().getCode());
  }

  @Test
  void aClientThatDoesNotLogInInTimeIsClosedAndLargeLoginsAreRefused() throws Exception {
    try (NativeAndPgServer strict = new NativeAndPgServer(AuthMethod.SCRAM_SHA_256, new InMemoryKvStore(), true, 500)) {
      ManagedChannel toStrict = NettyChannelBuilder.forAddress("127.0.0.1", strict.pgPort()).usePlaintext().build();
      try {
        Answers stalled = new Answers();
        StreamObserver<SessionRequest> requests = SqlServiceGrpc.newStub(toStrict).session(stalled);
        requests.onNext(SessionRequest.newBuilder().setRequestId(1).setOpen(Open.newBuilder()
            .setUser(NativeAndPgServer.USER).setDatabase("quorate").setClientFirst("n,,n=,r=abcdefghijkl")).build());
        assertTrue(stalled.next().hasChallenge(), "the SCRAM exchange began");
        // ... and the client never finishes it: the connection is closed at the login deadline
        assertEquals(Status.Code.UNAVAILABLE, stalled.end().getCode());
        awaitTrue(() -> strict.sessionCount() == 0, "the half-open session was let go");

        Answers large = new Answers();
        SqlServiceGrpc.newStub(toStrict).session(large).onNext(SessionRequest.newBuilder().setRequestId(1)
            .setOpen(Open.newBuilder().setUser("u".repeat(100_000)).setDatabase("quorate")).build());
        Status refused = large.end();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getCode(), refused.toString());
      } finally {
        toStrict.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void callsOtherThanSessionAreRefusedOnTheClientPort() {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
        () -> SqlServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .topology(TopologyRequest.getDefaultInstance()));
    assertEquals(Status.Code.UNIMPLEMENTED, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("admin port"), refused.getStatus().getDescription());
  }

  @Test
  void brokenHttp2EndsTheConnectionWithAGoAwayAndPostgresGoesOn() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.pgPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(Http2.PREFACE);
      out.write(frame(Http2.SETTINGS, 0, 0, new byte[0]));
      byte[] oversized = new byte[Http2.FRAME_HEADER_BYTES]; // a DATA frame announcing 16 MiB
      Http2.frameHeader(oversized, 0, Http2.DATA, 0, 1, (1 << 24) - 1);
      out.write(oversized);
      out.flush();
      List<Frame> frames = framesUntilClosed(socket.getInputStream());
      Frame last = frames.get(frames.size() - 1);
      assertEquals(Http2.GOAWAY, last.type(), "the last frame is a GOAWAY: " + frames);
      assertEquals(Http2.FRAME_SIZE_ERROR, Http2.readInt(last.payload(), 4));
    }
    try (Socket socket = new Socket("127.0.0.1", server.pgPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write("PRI * HTTP/1.1\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertEquals(-1, socket.getInputStream().read(), "not HTTP/2's preface: closed without an answer");
    }
    try (Connection pg = server.connectPgjdbc(); Statement statement = pg.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 1")) {
      assertTrue(rows.next());
    }
    awaitTrue(() -> server.sessionCount() == 0, "no session was left counted");
  }

  @Test
  void aStreamEndingWithinAMessageIsAnsweredWithInternal() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.pgPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(Http2.PREFACE);
      out.write(frame(Http2.SETTINGS, 0, 0, new byte[0]));
      out.write(frame(Http2.HEADERS, Http2.FLAG_END_HEADERS, 1, Http2.requestHeaders("127.0.0.1",
          "/" + SqlServiceGrpc.getSessionMethod().getFullMethodName())));
      // a message announced as 10 bytes, the stream ended after 2 of them
      out.write(frame(Http2.DATA, Http2.FLAG_END_STREAM, 1, new byte[] {0, 0, 0, 0, 10, 1, 2}));
      out.flush();
      DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(true, 1 << 16);
      String status = null;
      for (Frame frame : framesUntilClosed(socket.getInputStream())) {
        if (frame.type() == Http2.HEADERS) {
          Http2Headers fields = hpack.decodeHeaders(frame.streamId(), Unpooled.wrappedBuffer(frame.payload()));
          if (fields.get("grpc-status") != null) {
            status = fields.get("grpc-status") + " " + fields.get("grpc-message");
          }
        }
      }
      assertEquals("13 the request stream ended within a message", status);
    }
    awaitTrue(() -> server.sessionCount() == 0, "no session was left counted");
  }

  private static byte[] frame(int type, int flags, int streamId, byte[] payload) {
    byte[] frame = new byte[Http2.FRAME_HEADER_BYTES + payload.length];
    Http2.frameHeader(frame, 0, type, flags, streamId, payload.length);
    System.arraycopy(payload, 0, frame, Http2.FRAME_HEADER_BYTES, payload.length);
    return frame;
  }

  /** A frame the server sent. */
  private record Frame(int type, int streamId, byte[] payload) {
    @Override
    public String toString() {
      return "type " + type + " on stream " + streamId;
    }
  }

  /** Every frame the server sends until it closes the connection. */
  private static List<Frame> framesUntilClosed(InputStream in) throws Exception {
    byte[] bytes = in.readAllBytes();
    List<Frame> frames = new ArrayList<>();
    for (int at = 0; at + Http2.FRAME_HEADER_BYTES <= bytes.length; ) {
      byte[] header = Arrays.copyOfRange(bytes, at, at + Http2.FRAME_HEADER_BYTES);
      int end = Math.min(bytes.length, at + Http2.FRAME_HEADER_BYTES + Http2.length(header));
      frames.add(new Frame(Http2.type(header), Http2.streamId(header),
          Arrays.copyOfRange(bytes, at + Http2.FRAME_HEADER_BYTES, end)));
      at = end;
    }
    return frames;
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(20); // polling the count: the server offers no event for a session's end
    }
  }
}
