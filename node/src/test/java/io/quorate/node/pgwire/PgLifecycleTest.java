package io.quorate.node.pgwire;

import io.quorate.node.auth.InMemoryUserDirectory;
import static io.quorate.node.pgwire.PgAuthenticationTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Proves the session-ending paths: idle-in-transaction timeout, server close, and the hot-standby hook. */
class PgLifecycleTest {

  @Test
  void idleInTransactionTimeoutEndsTheSessionAndAbortsItsTransaction() throws Exception {
    try (PgTestServer server = new PgTestServer(); Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table idle_t (id int primary key)");
      s.execute("set idle_in_transaction_session_timeout = 200");
      c.setAutoCommit(false);
      s.executeUpdate("insert into idle_t values (1)");
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (server.server.sessionCount() > 0) { // the client stays idle in its transaction meanwhile
        assertTrue(System.nanoTime() < deadline, "the idle session was not ended");
        Thread.sleep(10);
      }
      assertState("25P03", () -> s.executeQuery("select 1"));
      try (Connection other = server.connect(); Statement insert = other.createStatement()) {
        assertEquals(1, insert.executeUpdate("insert into idle_t values (1)")); // the ended transaction left nothing
      }
    }
  }

  @Test
  void closingTheServerEndsSessionsWith57P01() throws Exception {
    PgTestServer server = new PgTestServer();
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("select 1");
      server.close();
      assertEquals(0, server.server.sessionCount());
      assertTrue(c.isClosed() || !c.isValid(1));
    } finally {
      server.close();
    }
  }

  /**
   * A standby session is read-only and says so, carries on as a primary session after a
   * promotion, and ends (57P01) once its node is demoted again.
   */
  @Test
  void hotStandbySessionsAreReadOnlyAndSayWhy() throws Exception {
    AtomicBoolean standby = new AtomicBoolean(true);
    PgServer server = new PgServer(PgServerConfig.defaults("127.0.0.1", 0, "test"),
        new io.quorate.sql.session.Engine(new io.quorate.sql.kv.InMemoryKvStore()),
        new InMemoryUserDirectory().addUser(PgTestServer.ALICE, PgTestServer.ALICE_PASSWORD), standby::get);
    server.start();
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port()
        + "/quorate", PgTestServer.ALICE, PgTestServer.ALICE_PASSWORD); Statement s = c.createStatement()) {
      PGConnection pg = c.unwrap(PGConnection.class);
      assertEquals("on", pg.getParameterStatus("in_hot_standby"));
      assertEquals("on", pg.getParameterStatus("default_transaction_read_only"));
      assertState("25006", () -> s.execute("create table standby_t (id int)"));
      standby.set(false); // promoted: the session follows at its next ReadyForQuery
      s.execute("select 1");
      assertEquals("off", pg.getParameterStatus("in_hot_standby"));
      s.execute("create table standby_t (id int)");
      try (ResultSet rs = s.executeQuery("show transaction_read_only")) {
        rs.next();
        assertEquals("off", rs.getString(1));
      }
      // Demoted: a session the primary served ends rather than read this node's older state.
      standby.set(true);
      assertState("57P01", () -> s.executeQuery("select 1"));
      assertTrue(c.isClosed() || !c.isValid(1), "the session ended");
    } finally {
      server.close();
    }
  }
}
