package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads with readFrom and a staleness bound on one node: a standby that is not fresh
 * enough refuses a bounded read (57P03), an unbounded one it serves; a read-only
 * connection that finds no standby reads on the primary, still read-only.
 */
class NativeReadRoutingTest {

  private static NativeAndPgServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new NativeAndPgServer();
    try (Connection c = server.connectNative(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE routed (n integer PRIMARY KEY)");
      s.execute("INSERT INTO routed VALUES (1)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static Connection connect(String options) throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", NativeAndPgServer.USER);
    info.setProperty("password", NativeAndPgServer.PASSWORD);
    return DriverManager.getConnection(server.nativeUrl() + "?" + options, info);
  }

  @Test
  void aReadOnlyConnectionWithNoStandbyReadsOnThePrimaryAndCannotWrite() throws SQLException {
    try (Connection c = connect("readFrom=standby"); Statement s = c.createStatement()) {
      c.setReadOnly(true);
      try (ResultSet rows = s.executeQuery("SELECT count(*) FROM routed")) {
        assertTrue(rows.next());
        assertEquals(1, rows.getInt(1));
      }
      SQLException refused = assertThrows(SQLException.class, () -> s.execute("INSERT INTO routed VALUES (2)"));
      assertEquals("25006", refused.getSQLState(), refused.toString());
      c.setReadOnly(false);
      assertEquals(1, s.executeUpdate("INSERT INTO routed VALUES (3)"), "writable again once not read-only");
      s.executeUpdate("DELETE FROM routed WHERE n = 3");
    }
  }

  @Test
  void aStandbyRefusesABoundedReadItIsTooStaleForAndServesAnUnboundedOne() throws SQLException {
    try (Connection bounded = connect("readFrom=nearest&maxStalenessMillis=500&failoverTimeout=1");
        Connection unbounded = connect("readFrom=nearest&maxStalenessMillis=0");
        Statement b = bounded.createStatement(); Statement u = unbounded.createStatement()) {
      bounded.setReadOnly(true);
      unbounded.setReadOnly(true);
      server.standby.set(true); // a standby that has not heard from a primary lately
      try {
        SQLException refused = assertThrows(SQLException.class, () -> b.executeQuery("SELECT 1"));
        assertTrue(refused.getMessage().contains("500 ms behind the primary"), refused.toString());
        try (ResultSet rows = u.executeQuery("SELECT count(*) FROM routed")) {
          assertTrue(rows.next(), "without a bound the standby serves what it has");
          assertEquals(1, rows.getInt(1));
        }
      } finally {
        server.standby.set(false);
      }
    }
  }
}
