package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.quorate.driver.CommandTagged;
import io.quorate.node.auth.AuthMethod;
import io.quorate.protocol.v1.CloseResult;
import io.quorate.protocol.v1.Completed;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.Fetch;
import io.quorate.protocol.v1.Open;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results read in batches of a fetch size: the protocol's suspended results (Execute's
 * fetch_size, Fetch, CloseResult) and the native driver's streaming result sets over them.
 */
class NativeStreamingTest {

  private static final int ROWS = 2_500;

  private static NativeAndPgServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new NativeAndPgServer(AuthMethod.TRUST);
    try (Connection c = server.connectNative(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE numbers (n integer PRIMARY KEY, at timestamptz)");
      s.execute("INSERT INTO numbers SELECT i, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 hour'"
          + " FROM generate_series(1, " + ROWS + ") AS g(i)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // ---- the protocol

  @Test
  void aSuspendedResultComesInTheBatchesAsked() throws Exception {
    try (RawSession raw = new RawSession()) {
      Completed first = raw.completed(raw.call(execute("SELECT n FROM numbers WHERE n <= 250 ORDER BY n", 100)));
      long executeId = raw.lastRequestId;
      assertTrue(first.getSuspended());
      assertEquals("", first.getCommandTag(), "the tag waits for the last rows");
      assertEquals(1, first.getResult().getColumnsCount());
      assertEquals(100, first.getResult().getRowsCount());
      assertEquals(1, first.getResult().getRows(0).getValues(0).getInteger());

      Completed second = raw.completed(raw.call(fetch(executeId, 100)));
      assertTrue(second.getSuspended());
      assertEquals(100, second.getResult().getRowsCount());
      assertEquals(101, second.getResult().getRows(0).getValues(0).getInteger());

      Completed rest = raw.completed(raw.call(fetch(executeId, 0)));
      assertFalse(rest.getSuspended());
      assertEquals("SELECT 250", rest.getCommandTag());
      assertEquals(50, rest.getResult().getRowsCount());
      assertEquals(250, rest.getResult().getRows(49).getValues(0).getInteger());

      SessionResponse gone = raw.last(raw.call(fetch(executeId, 10)));
      assertEquals("34000", gone.getError().getSqlstate(), gone.toString());
      assertFalse(gone.getError().getFatal(), "the session goes on");
      assertEquals("SELECT 1", raw.completed(raw.call(execute("SELECT 1", 0))).getCommandTag());
    }
  }

  @Test
  void closingASuspendedResultDropsItsRows() throws Exception {
    try (RawSession raw = new RawSession()) {
      assertTrue(raw.completed(raw.call(execute("SELECT n FROM numbers", 10))).getSuspended());
      long executeId = raw.lastRequestId;
      assertTrue(raw.completed(raw.call(SessionRequest.newBuilder()
          .setCloseResult(CloseResult.newBuilder().setExecuteId(executeId)))).getLast());
      assertEquals("34000", raw.last(raw.call(fetch(executeId, 10))).getError().getSqlstate());
    }
  }

  @Test
  void aFetchSizeAppliesOnlyToARequestOfOneStatement() throws Exception {
    try (RawSession raw = new RawSession()) {
      List<SessionResponse> both = raw.call(execute("SELECT n FROM numbers WHERE n <= 5; SELECT 1", 2));
      Completed firstStatement = both.get(0).getCompleted();
      assertFalse(firstStatement.getSuspended());
      assertEquals(5, firstStatement.getResult().getRowsCount());
      assertEquals("SELECT 1", raw.completed(both).getCommandTag());
    }
  }

  @Test
  void aResultFitsInItsFirstBatchIsNotSuspended() throws Exception {
    try (RawSession raw = new RawSession()) {
      Completed all = raw.completed(raw.call(execute("SELECT n FROM numbers WHERE n <= 100", 100)));
      assertFalse(all.getSuspended());
      assertEquals("SELECT 100", all.getCommandTag());
    }
  }

  // ---- the driver

  @Test
  void aFetchSizeStillReadsEveryRowInOrder() throws SQLException {
    try (Connection c = server.connectNative(); Statement s = c.createStatement()) {
      s.setFetchSize(100);
      try (ResultSet rows = s.executeQuery("SELECT n FROM numbers ORDER BY n")) {
        assertTrue(rows.isBeforeFirst());
        int expected = 0;
        while (rows.next()) {
          expected++;
          assertEquals(expected, rows.getInt(1));
          assertEquals(expected, rows.getRow());
          assertEquals(expected == ROWS, rows.isLast(), "isLast looks ahead across batches");
        }
        assertEquals(ROWS, expected);
        assertTrue(rows.isAfterLast());
        assertEquals("SELECT " + ROWS, s.unwrap(CommandTagged.class).commandTag(), "known once the last rows came");
      }
    }
  }

  @Test
  void maxRowsStopsTheResultEarly() throws SQLException {
    try (Connection c = server.connectNative(); Statement s = c.createStatement()) {
      s.setMaxRows(7);
      s.setFetchSize(3);
      try (ResultSet rows = s.executeQuery("SELECT n FROM numbers ORDER BY n")) {
        List<Integer> seen = new ArrayList<>();
        while (rows.next()) {
          seen.add(rows.getInt(1));
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), seen);
      }
      assertEquals(1, count(s, "SELECT 1"), "the session is usable after the rest was dropped");
    }
  }

  @Test
  void twoOpenResultsOfOneConnectionInterleave() throws SQLException {
    try (Connection c = server.connectNative(); Statement up = c.createStatement();
        Statement down = c.createStatement()) {
      up.setFetchSize(7);
      down.setFetchSize(11);
      try (ResultSet ascending = up.executeQuery("SELECT n FROM numbers ORDER BY n");
          ResultSet descending = down.executeQuery("SELECT n FROM numbers ORDER BY n DESC")) {
        for (int i = 1; i <= ROWS; i++) {
          assertTrue(ascending.next());
          assertTrue(descending.next());
          assertEquals(i, ascending.getInt(1));
          assertEquals(ROWS + 1 - i, descending.getInt(1));
        }
        assertFalse(ascending.next());
        assertFalse(descending.next());
      }
    }
  }

  @Test
  void aResultKeepsWhatItSawThroughCommitsAndARoleChange() throws SQLException {
    try (Connection c = server.connectNative(); Statement s = c.createStatement();
        Statement other = c.createStatement()) {
      c.setAutoCommit(false);
      s.setFetchSize(50);
      try (ResultSet rows = s.executeQuery("SELECT n FROM numbers ORDER BY n")) {
        for (int i = 1; i <= 60; i++) {
          assertTrue(rows.next());
        }
        other.executeUpdate("INSERT INTO numbers VALUES (" + (ROWS + 1) + ", now())");
        c.commit();
        server.standby.set(true); // as after a switchover: the rows were computed on the primary
        try {
          int last = 60;
          while (rows.next()) {
            last = rows.getInt(1);
          }
          assertEquals(ROWS, last, "the result is the statement's snapshot: the later insert is not in it");
        } finally {
          server.standby.set(false);
        }
      } finally {
        c.setAutoCommit(true);
        other.executeUpdate("DELETE FROM numbers WHERE n > " + ROWS);
      }
    }
  }

  @Test
  void laterRowsAreShownInTheTimeZoneTheStatementRanIn() throws SQLException {
    try (Connection c = server.connectNative(); Statement s = c.createStatement();
        Statement other = c.createStatement()) {
      other.execute("SET TIME ZONE 'UTC'");
      s.setFetchSize(1);
      try (ResultSet rows = s.executeQuery("SELECT at FROM numbers WHERE n <= 3 ORDER BY n")) {
        assertTrue(rows.next());
        other.execute("SET TIME ZONE 'Asia/Tokyo'");
        while (rows.next()) {
          assertEquals(0, rows.getObject(1, OffsetDateTime.class).getOffset().getTotalSeconds(), rows.getString(1));
        }
      } finally {
        other.execute("RESET TIME ZONE");
      }
    }
  }

  private static int count(Statement s, String sql) throws SQLException {
    try (ResultSet rows = s.executeQuery(sql)) {
      int n = 0;
      while (rows.next()) {
        n++;
      }
      return n;
    }
  }

  private static SessionRequest.Builder execute(String sql, int fetchSize) {
    return SessionRequest.newBuilder().setExecute(Execute.newBuilder().setSql(sql).setFetchSize(fetchSize));
  }

  private static SessionRequest.Builder fetch(long executeId, int rows) {
    return SessionRequest.newBuilder().setFetch(Fetch.newBuilder().setExecuteId(executeId).setRows(rows));
  }

  /** One Session stream spoken directly, logged in with trust. */
  private static final class RawSession implements AutoCloseable {
    private final ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort())
        .usePlaintext().build();
    private final LinkedBlockingQueue<Object> responses = new LinkedBlockingQueue<>();
    private final StreamObserver<SessionRequest> requests;
    private long lastRequestId;

    RawSession() throws InterruptedException {
      requests = SqlServiceGrpc.newStub(channel).session(new StreamObserver<>() {
        @Override
        public void onNext(SessionResponse response) {
          responses.add(response);
        }

        @Override
        public void onError(Throwable error) {
          responses.add(error);
        }

        @Override
        public void onCompleted() {
          responses.add("completed");
        }
      });
      SessionResponse opened = last(call(SessionRequest.newBuilder()
          .setOpen(Open.newBuilder().setUser(NativeAndPgServer.USER).setDatabase("quorate"))));
      assertTrue(opened.hasOpened(), opened.toString());
    }

    List<SessionResponse> call(SessionRequest.Builder request) throws InterruptedException {
      lastRequestId++;
      requests.onNext(request.setRequestId(lastRequestId).build());
      List<SessionResponse> answer = new ArrayList<>();
      while (true) {
        Object next = responses.poll(30, TimeUnit.SECONDS);
        if (!(next instanceof SessionResponse response)) {
          throw new AssertionError("the stream ended or timed out: " + next);
        }
        assertEquals(lastRequestId, response.getRequestId());
        answer.add(response);
        if (!response.hasResult() && (!response.hasCompleted() || response.getCompleted().getLast())) {
          return answer;
        }
      }
    }

    SessionResponse last(List<SessionResponse> answer) {
      return answer.get(answer.size() - 1);
    }

    Completed completed(List<SessionResponse> answer) {
      SessionResponse end = last(answer);
      assertTrue(end.hasCompleted(), end.toString());
      return end.getCompleted();
    }

    @Override
    public void close() throws InterruptedException {
      requests.onCompleted();
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
