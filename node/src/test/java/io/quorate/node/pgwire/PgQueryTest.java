package io.quorate.node.pgwire;

import static io.quorate.node.pgwire.PgAuthenticationTest.assertState;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/** Proves that pgjdbc's query paths work against the server: simple, prepared (text and binary), batches, portals, transactions, COPY, errors. */
class PgQueryTest {

  static PgTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> column(ResultSet rs) throws SQLException {
    List<String> values = new ArrayList<>();
    while (rs.next()) {
      values.add(rs.getString(1));
    }
    return values;
  }

  @Test
  void simpleQueriesAndMultiStatementStrings() throws Exception {
    try (Connection c = server.connect("preferQueryMode", "simple"); Statement s = c.createStatement()) {
      assertFalse(s.execute("create table simple_t (id int primary key, name text)"));
      assertEquals(2, s.executeUpdate("insert into simple_t values (1, 'a'), (2, 'b')"));
      assertTrue(s.execute("select name from simple_t order by id; select count(*) from simple_t"));
      assertEquals(List.of("a", "b"), column(s.getResultSet()));
      assertTrue(s.getMoreResults());
      assertEquals(List.of("2"), column(s.getResultSet()));
      // the failing second statement rolls back the first: one implicit transaction
      assertState("23505", () -> s.execute("insert into simple_t values (3, 'c'); insert into simple_t values (1, 'x')"));
      assertEquals(List.of("2"), column(s.executeQuery("select count(*) from simple_t")));
      assertEquals(1, s.executeUpdate("update simple_t set name = 'z' where id = 2"));
      assertEquals(1, s.executeUpdate("delete from simple_t where id = 2"));
    }
  }

  @Test
  void preparedStatementsSwitchToBinaryAndKeepWorking() throws Exception {
    try (Connection c = server.connect("prepareThreshold", "2"); Statement s = c.createStatement()) {
      s.execute("create table prep_t (id bigint primary key, amount numeric(12,2), at timestamptz, flag boolean)");
      try (PreparedStatement insert = c.prepareStatement("insert into prep_t values (?, ?, now(), ?)");
          PreparedStatement select = c.prepareStatement("select id, amount, flag from prep_t where id = ?")) {
        for (int i = 1; i <= 10; i++) {
          insert.setLong(1, i);
          insert.setBigDecimal(2, new java.math.BigDecimal(i + ".25"));
          insert.setBoolean(3, i % 2 == 0);
          assertEquals(1, insert.executeUpdate());
          select.setLong(1, i);
          try (ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(i, rs.getLong(1));
            assertEquals(new java.math.BigDecimal(i + ".25"), rs.getBigDecimal(2));
            assertEquals(i % 2 == 0, rs.getBoolean(3));
            assertFalse(rs.next());
          }
        }
      }
    }
  }

  @Test
  void parameterTypesAreInferred() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table infer_t (d date, ts timestamp, n int)");
      try (PreparedStatement insert = c.prepareStatement("insert into infer_t values (?, ?, ?)")) {
        insert.setDate(1, java.sql.Date.valueOf("2024-02-03"));
        insert.setTimestamp(2, java.sql.Timestamp.valueOf("2024-02-03 04:05:06.789"));
        insert.setInt(3, 42);
        insert.executeUpdate();
        assertEquals(3, insert.getParameterMetaData().getParameterCount());
        assertEquals(java.sql.Types.DATE, insert.getParameterMetaData().getParameterType(1));
      }
      try (ResultSet rs = s.executeQuery("select d, ts, n from infer_t")) {
        assertTrue(rs.next());
        assertEquals(java.sql.Date.valueOf("2024-02-03"), rs.getDate(1));
        assertEquals(java.sql.Timestamp.valueOf("2024-02-03 04:05:06.789"), rs.getTimestamp(2));
        assertEquals(42, rs.getInt(3));
      }
    }
  }

  @Test
  void batchesRunEveryStatement() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table batch_t (id int primary key, v text)");
      try (PreparedStatement insert = c.prepareStatement("insert into batch_t values (?, ?)")) {
        for (int i = 0; i < 100; i++) {
          insert.setInt(1, i);
          insert.setString(2, "v" + i);
          insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        assertEquals(100, counts.length);
        assertEquals(1, counts[99]);
      }
      s.addBatch("update batch_t set v = 'x' where id < 10");
      s.addBatch("delete from batch_t where id >= 90");
      assertArrayEquals(new int[] {10, 10}, s.executeBatch());
      assertEquals(List.of("90"), column(s.executeQuery("select count(*) from batch_t")));
    }
  }

  @Test
  void aBatchIsOneTransactionEvenInAutocommit() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table atomic_t (id int primary key)");
      try (PreparedStatement insert = c.prepareStatement("insert into atomic_t values (?)")) {
        for (int id : new int[] {1, 2, 3, 2, 4}) {
          insert.setInt(1, id);
          insert.addBatch();
        }
        java.sql.BatchUpdateException failed = assertThrows(java.sql.BatchUpdateException.class, insert::executeBatch);
        assertEquals("23505", failed.getNextException() == null ? failed.getSQLState()
            : failed.getNextException().getSQLState());
      }
      assertEquals(List.of("0"), column(s.executeQuery("select count(*) from atomic_t")),
          "the Executes before one Sync commit or roll back together, as in PostgreSQL");
      s.execute("insert into atomic_t values (1)");
      assertEquals(List.of("1"), column(s.executeQuery("select count(*) from atomic_t")), "the session is usable");
    }
  }

  @Test
  void fetchSizeSuspendsThePortal() throws Exception {
    try (Connection c = server.connect()) {
      c.setAutoCommit(false);
      try (PreparedStatement select = c.prepareStatement("select g from generate_series(1, 1000) as g order by g")) {
        select.setFetchSize(7);
        long sum = 0;
        int rows = 0;
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            sum += rs.getLong(1);
            rows++;
          }
        }
        assertEquals(1000, rows);
        assertEquals(500_500, sum);
      }
      c.commit();
    }
  }

  @Test
  void transactionsCommitRollBackAndReportIsolation() throws Exception {
    try (Connection c = server.connect(); Connection other = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table tx_t (id int primary key)");
      c.setAutoCommit(false);
      s.executeUpdate("insert into tx_t values (1)");
      assertEquals(List.of("0"), column(other.createStatement().executeQuery("select count(*) from tx_t")));
      c.commit();
      s.executeUpdate("insert into tx_t values (2)");
      c.rollback();
      assertEquals(List.of("1"), column(other.createStatement().executeQuery("select count(*) from tx_t")));
      // an error fails the block until rollback
      assertState("23505", () -> s.executeUpdate("insert into tx_t values (1)"));
      assertState("25P02", () -> s.executeQuery("select 1"));
      c.rollback();
      c.setAutoCommit(true);
      assertEquals(Connection.TRANSACTION_READ_COMMITTED, c.getTransactionIsolation());
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertEquals(Connection.TRANSACTION_SERIALIZABLE, c.getTransactionIsolation());
      c.setReadOnly(true);
      c.setAutoCommit(false);
      assertState("25006", () -> s.executeUpdate("insert into tx_t values (3)"));
      c.rollback();
    }
  }

  @Test
  void errorsCarrySqlStatePositionAndDetail() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      PSQLException syntax = (PSQLException) assertState("42601", () -> s.executeQuery("select 1 form x"));
      assertEquals(15, syntax.getServerErrorMessage().getPosition());
      assertState("42P01", () -> s.executeQuery("select * from no_such_table"));
      assertState("22012", () -> s.executeQuery("select 1 / 0"));
      s.execute("create table err_t (id int primary key)");
      s.execute("insert into err_t values (1)");
      PSQLException duplicate = (PSQLException) assertState("23505", () -> s.execute("insert into err_t values (1)"));
      assertEquals("Key (id)=(1) already exists.", duplicate.getServerErrorMessage().getDetail());
      assertEquals("ERROR", duplicate.getServerErrorMessage().getSeverity());
      // the connection is still good
      assertEquals(List.of("1"), column(s.executeQuery("select count(*) from err_t")));
    }
  }

  @Test
  void noticesArriveAsWarnings() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("commit");
      SQLWarning warning = s.getWarnings();
      assertTrue(warning != null && warning.getMessage().contains("there is no transaction in progress"),
          String.valueOf(warning));
      s.clearWarnings();
      s.execute("drop table if exists no_such_table");
      assertTrue(s.getWarnings() != null && s.getWarnings().getMessage().contains("does not exist, skipping"));
      s.clearWarnings();
      s.execute("set client_min_messages = warning");
      s.execute("drop table if exists no_such_table");
      assertNull(s.getWarnings(), "client_min_messages = warning holds NOTICEs back");
      s.execute("commit");
      assertTrue(s.getWarnings() != null, "WARNINGs still arrive");
    }
  }

  @Test
  void copyInAndOutInTextAndCsv() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_t (id int primary key, name text, note text)");
      CopyManager copy = c.unwrap(BaseConnection.class).getCopyAPI();
      StringBuilder data = new StringBuilder();
      for (int i = 1; i <= 500; i++) {
        data.append(i).append('\t').append("name ").append(i).append('\t').append(i % 10 == 0 ? "\\N" : "tab\\there")
            .append('\n');
      }
      assertEquals(500, copy.copyIn("COPY copy_t FROM STDIN", new StringReader(data.toString())));
      assertEquals(2, copy.copyIn("COPY copy_t (id, name) FROM STDIN (FORMAT csv)",
          new StringReader("501,\"with, comma\"\n502,\"two\nlines\"\n")));
      StringWriter out = new StringWriter();
      assertEquals(502, copy.copyOut("COPY copy_t TO STDOUT", out));
      String text = out.toString();
      assertTrue(text.startsWith("1\tname 1\ttab\\there\n"), text.substring(0, 40));
      assertTrue(text.contains("10\tname 10\t\\N\n"));
      assertTrue(text.contains("502\ttwo\\nlines\t\\N\n"));
      StringWriter csv = new StringWriter();
      copy.copyOut("COPY copy_t (id, name) TO STDOUT WITH (FORMAT csv, HEADER)", csv);
      assertTrue(csv.toString().startsWith("id,name\n1,name 1\n"));
      assertTrue(csv.toString().contains("501,\"with, comma\"\n"));
      // a bad row fails the whole COPY and keeps the connection usable
      assertState("22P02", () -> copy.copyIn("COPY copy_t FROM STDIN", new StringReader("x\ty\tz\n")));
      assertState("42P01", () -> copy.copyIn("COPY nope FROM STDIN", new StringReader("1\n")));
      assertEquals(List.of("502"), column(s.executeQuery("select count(*) from copy_t")));
    }
  }

  @Test
  void queryTimeoutCancelsTheRunningStatement() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException cancelled = assertState("57014", () -> s.executeQuery(
          "select count(*) from generate_series(1, 100000) a, generate_series(1, 100000) b"));
      assertTrue(cancelled.getMessage().contains("canceling statement due to user request"), cancelled.getMessage());
      s.setQueryTimeout(0);
      assertEquals(List.of("1"), column(s.executeQuery("select 1")));
    }
  }

  @Test
  void setReportsChangedParameters() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("set application_name = 'reporter'");
      assertEquals("reporter", c.unwrap(org.postgresql.PGConnection.class).getParameterStatus("application_name"));
      s.execute("set timezone = 'Europe/Paris'");
      assertEquals("Europe/Paris", c.unwrap(org.postgresql.PGConnection.class).getParameterStatus("TimeZone"));
      assertNull(s.getWarnings());
    }
  }
}
