package io.quorate.it.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.TransferLeadershipRequest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Quorate's own JDBC driver against a three-node cluster started from the distribution:
 * login with the cluster's users, statements and prepared statements with every common
 * type, transactions and savepoints, PostgreSQL's SQLSTATEs, and switchovers that the
 * application does not notice, between statements and in the middle of a result read in
 * batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeDriverTest {

  private ProcessCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = ProcessCluster.start(3);
    cluster.ids().forEach(cluster::awaitSql);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(cluster.nativeJdbcUrl(), ProcessCluster.SUPERUSER, cluster.superuserPassword());
  }

  @Test
  void statementsTypesAndUpdateCounts() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertFalse(statement.execute("CREATE TABLE typed (id int PRIMARY KEY, big bigint, name text, price numeric(10,2),"
          + " ok boolean, at timestamptz, day date, data bytea, tag uuid)"));
      assertEquals(0, statement.getUpdateCount());
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO typed VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        insert.setInt(1, 1);
        insert.setLong(2, 9_000_000_000L);
        insert.setString(3, "it's \"quoted\"; -- not a comment");
        insert.setBigDecimal(4, new BigDecimal("12.50"));
        insert.setBoolean(5, true);
        insert.setObject(6, OffsetDateTime.of(2026, 11, 23, 12, 30, 0, 123_456_000, ZoneOffset.UTC));
        insert.setObject(7, LocalDate.of(2024, 2, 29));
        insert.setBytes(8, new byte[] {0, 1, (byte) 0xFF});
        insert.setObject(9, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        assertEquals(1, insert.executeUpdate());
        insert.setInt(1, 2);
        for (int i = 2; i <= 9; i++) {
          insert.setNull(i, java.sql.Types.NULL);
        }
        assertEquals(1, insert.executeUpdate());
      }
      try (ResultSet rows = statement.executeQuery("SELECT * FROM typed ORDER BY id")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt("id"));
        assertEquals(9_000_000_000L, rows.getLong("big"));
        assertEquals("it's \"quoted\"; -- not a comment", rows.getString("name"));
        assertEquals(new BigDecimal("12.50"), rows.getBigDecimal("price"));
        assertTrue(rows.getBoolean("ok"));
        assertEquals(OffsetDateTime.of(2026, 11, 23, 12, 30, 0, 123_456_000, ZoneOffset.UTC).toInstant(),
            rows.getObject("at", OffsetDateTime.class).toInstant());
        assertEquals(LocalDate.of(2024, 2, 29), rows.getObject("day", LocalDate.class));
        assertArrayEquals(new byte[] {0, 1, (byte) 0xFF}, rows.getBytes("data"));
        assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rows.getObject("tag"));
        assertEquals("numeric", rows.getMetaData().getColumnTypeName(4));
        assertTrue(rows.next());
        assertEquals(0, rows.getLong("big"));
        assertTrue(rows.wasNull());
        assertNull(rows.getString("name"));
        assertFalse(rows.next());
      }
      assertEquals(2, statement.executeUpdate("UPDATE typed SET ok = NOT coalesce(ok, false)"));
      assertFalse(statement.execute("DELETE FROM typed WHERE id = 2; DELETE FROM typed WHERE id = 1"));
      assertEquals(1, statement.getUpdateCount());
      assertFalse(statement.getMoreResults());
      assertEquals(1, statement.getUpdateCount(), "the second statement's count");
    }
  }

  @Test
  void errorsCarryPostgresSqlStates() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE unique_keys (id int PRIMARY KEY)");
      statement.execute("INSERT INTO unique_keys VALUES (1)");
      assertEquals("23505", assertThrows(SQLException.class,
          () -> statement.execute("INSERT INTO unique_keys VALUES (1)")).getSQLState());
      assertEquals("42P01", assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM no_such_table")).getSQLState());
      assertEquals("42601", assertThrows(SQLException.class,
          () -> statement.execute("SELEC 1")).getSQLState());
      assertEquals("22012", assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT 1/0")).getSQLState());
      try (ResultSet one = statement.executeQuery("SELECT 1")) {
        assertTrue(one.next(), "the session carries on after errors");
      }
    }
    assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(
        cluster.nativeJdbcUrl(), ProcessCluster.SUPERUSER, "wrong password")).getSQLState());
    Properties badDatabase = new Properties();
    badDatabase.setProperty("user", ProcessCluster.SUPERUSER);
    badDatabase.setProperty("password", cluster.superuserPassword());
    assertEquals("3D000", assertThrows(SQLException.class, () -> DriverManager.getConnection(
        cluster.nativeJdbcUrl().replace("/quorate", "/nosuchdb"), badDatabase)).getSQLState());
  }

  @Test
  void transactionsAndSavepoints() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE ledger (id int PRIMARY KEY, amount int)");
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO ledger VALUES (1, 10)");
      Savepoint beforeSecond = connection.setSavepoint();
      statement.execute("INSERT INTO ledger VALUES (2, 20)");
      connection.rollback(beforeSecond);
      statement.execute("INSERT INTO ledger VALUES (3, 30)");
      connection.commit();
      statement.execute("INSERT INTO ledger VALUES (4, 40)");
      connection.rollback();
      connection.setAutoCommit(true);
      try (ResultSet sum = statement.executeQuery("SELECT count(*), sum(amount) FROM ledger")) {
        assertTrue(sum.next());
        assertEquals(2, sum.getInt(1));
        assertEquals(40, sum.getInt(2));
      }
      connection.setAutoCommit(false);
      assertThrows(SQLException.class, () -> statement.execute("INSERT INTO ledger VALUES (1, 0)"));
      assertEquals("25P02", assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1")).getSQLState(),
          "a failed transaction refuses statements until it ends");
      connection.rollback();
      try (ResultSet one = statement.executeQuery("SELECT 1")) {
        assertTrue(one.next());
      }
      connection.commit();
    }
  }

  @Test
  void aSwitchoverBetweenStatementsIsInvisible() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE moves (id int PRIMARY KEY)");
      statement.execute("INSERT INTO moves VALUES (1)");
      String primary = cluster.awaitPrimary();
      String next = cluster.ids().stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();
      AdminServiceGrpc.newBlockingStub(cluster.channel(primary)).withDeadlineAfter(60, TimeUnit.SECONDS)
          .transferLeadership(TransferLeadershipRequest.newBuilder().setToId(next).setTimeoutMillis(30_000).build());
      assertEquals(next, cluster.awaitPrimary());
      assertEquals(1, statement.executeUpdate("INSERT INTO moves VALUES (2)"), "the next write goes to the new primary");
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM moves")) {
        assertTrue(count.next());
        assertEquals(2, count.getInt(1));
      }
      connection.setAutoCommit(false);
      statement.execute("INSERT INTO moves VALUES (3)");
      AdminServiceGrpc.newBlockingStub(cluster.channel(next)).withDeadlineAfter(60, TimeUnit.SECONDS)
          .transferLeadership(TransferLeadershipRequest.newBuilder().setToId(primary).setTimeoutMillis(30_000).build());
      assertEquals(primary, cluster.awaitPrimary());
      SQLException lost = assertThrows(SQLException.class, () -> statement.execute("INSERT INTO moves VALUES (4)"));
      assertEquals("40001", lost.getSQLState(), "a transaction cut by a change of primary is to be retried: " + lost);
      connection.rollback();
      statement.execute("INSERT INTO moves VALUES (3)");
      statement.execute("INSERT INTO moves VALUES (4)");
      connection.commit();
      connection.setAutoCommit(true);
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM moves")) {
        assertTrue(count.next());
        assertEquals(4, count.getInt(1));
      }
    }
  }

  /**
   * A result read in batches keeps coming from the node that ran the query after that
   * node hands the primary's role to another: its rows were computed when it was the
   * primary. The next statement goes to the new primary.
   */
  @Test
  void aSwitchoverInTheMiddleOfALongResultStream() throws SQLException {
    int rows = 20_000;
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE stream_rows (n int PRIMARY KEY, pad text)");
      statement.execute("INSERT INTO stream_rows SELECT i, repeat('x', 100) FROM generate_series(1, " + rows
          + ") AS g(i)");
      String primary = cluster.awaitPrimary();
      String next = cluster.ids().stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();
      statement.setFetchSize(500);
      int seen = 0;
      try (ResultSet stream = statement.executeQuery("SELECT n, pad FROM stream_rows ORDER BY n")) {
        while (seen < rows / 4 && stream.next()) {
          assertEquals(++seen, stream.getInt(1));
        }
        AdminServiceGrpc.newBlockingStub(cluster.channel(primary)).withDeadlineAfter(60, TimeUnit.SECONDS)
            .transferLeadership(TransferLeadershipRequest.newBuilder().setToId(next).setTimeoutMillis(30_000).build());
        assertEquals(next, cluster.awaitPrimary());
        while (stream.next()) {
          assertEquals(++seen, stream.getInt(1), "no row skipped or repeated across the switchover");
        }
      }
      assertEquals(rows, seen);
      assertEquals(1, statement.executeUpdate("DELETE FROM stream_rows WHERE n = 1"),
          "the next statement goes to the new primary");
    }
  }

  @Test
  void aQueryTimeoutCancelsTheStatementAndTheSessionGoesOn() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException cancelled = assertThrows(SQLException.class, () -> statement.executeQuery(
          "SELECT count(*) FROM generate_series(1, 50000) AS a, generate_series(1, 50000) AS b"));
      assertEquals("57014", cancelled.getSQLState(), cancelled.toString());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "cancelled long before it could finish");
      statement.setQueryTimeout(0);
      try (ResultSet one = statement.executeQuery("SELECT 1")) {
        assertTrue(one.next(), "the session answers after a cancelled statement");
      }
    }
  }

  @Test
  void isValidIsCheap() throws SQLException {
    try (Connection connection = connect()) {
      assertTrue(connection.isValid(5));
      connection.close();
      assertFalse(connection.isValid(5));
    }
  }
}
