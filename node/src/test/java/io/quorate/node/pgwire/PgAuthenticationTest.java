package io.quorate.node.pgwire;

import io.quorate.node.auth.AuthMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** Proves that pgjdbc connects with SCRAM, md5 and trust, and gets PostgreSQL's errors for what it must not. */
class PgAuthenticationTest {

  private static Connection connect(PgTestServer server, String database, String user, String password)
      throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", user);
    info.setProperty("password", password);
    return DriverManager.getConnection(server.url(database), info);
  }

  private static String whoAmI(Connection connection) throws SQLException {
    try (ResultSet rs = connection.createStatement().executeQuery("show session_authorization")) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void scramConnectsAndReportsTheUser() throws Exception {
    try (PgTestServer server = new PgTestServer();
        Connection connection = connect(server, "quorate", PgTestServer.ALICE, PgTestServer.ALICE_PASSWORD)) {
      assertEquals("alice", whoAmI(connection));
      PGConnection pg = connection.unwrap(PGConnection.class);
      assertEquals("on", pg.getParameterStatus("standard_conforming_strings"));
      assertEquals("off", pg.getParameterStatus("in_hot_standby"));
      assertTrue(pg.getParameterStatus("server_version").startsWith("15."));
      assertEquals(15, connection.getMetaData().getDatabaseMajorVersion());
    }
  }

  @Test
  void md5MethodAcceptsMd5AndScramVerifiers() throws Exception {
    try (PgTestServer server = new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test")
        .withAuthMethod("md5"))) {
      try (Connection bob = connect(server, "quorate", PgTestServer.BOB, PgTestServer.BOB_PASSWORD)) {
        assertEquals("bob", whoAmI(bob));
      }
      try (Connection alice = connect(server, "postgres", PgTestServer.ALICE, PgTestServer.ALICE_PASSWORD)) {
        assertEquals("alice", whoAmI(alice));
      }
      assertState("28P01", () -> connect(server, "quorate", PgTestServer.BOB, "wrong"));
    }
  }

  @Test
  void trustNeedsNoPasswordButAKnownUser() throws Exception {
    try (PgTestServer server = new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test")
        .withAuthMethod(AuthMethod.TRUST))) {
      try (Connection connection = connect(server, "quorate", PgTestServer.BOB, "")) {
        assertEquals("bob", whoAmI(connection));
      }
      assertState("28000", () -> connect(server, "quorate", "mallory", ""));
    }
  }

  @Test
  void wrongPasswordUnknownUserAndUnknownDatabaseAreRefused() throws Exception {
    try (PgTestServer server = new PgTestServer()) {
      SQLException wrong = assertState("28P01",
          () -> connect(server, "quorate", PgTestServer.ALICE, "not-secret"));
      assertTrue(wrong.getMessage().contains("password authentication failed for user \"alice\""), wrong.getMessage());
      assertState("28P01", () -> connect(server, "quorate", "mallory", "x"));
      // the md5-only user cannot pass a SCRAM exchange
      assertState("28P01", () -> connect(server, "quorate", PgTestServer.BOB, PgTestServer.BOB_PASSWORD));
      SQLException database = assertState("3D000",
          () -> connect(server, "nope", PgTestServer.ALICE, PgTestServer.ALICE_PASSWORD));
      assertTrue(database.getMessage().contains("database \"nope\" does not exist"), database.getMessage());
    }
  }

  @Test
  void connectionsBeyondTheLimitGet53300() throws Exception {
    try (PgTestServer server = new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test")
        .withMaxConnections(2))) {
      List<Connection> open = new ArrayList<>();
      try {
        open.add(server.connect());
        open.add(server.connect());
        SQLException refused = assertState("53300", server::connect);
        assertTrue(refused.getMessage().contains("sorry, too many clients already"));
        open.removeFirst().close();
        open.add(server.connect()); // a freed slot is usable again
      } finally {
        for (Connection connection : open) {
          connection.close();
        }
      }
    }
  }

  interface Attempt {
    Object run() throws Exception;
  }

  static SQLException assertState(String sqlState, Attempt attempt) {
    SQLException error = assertThrows(SQLException.class, attempt::run);
    assertEquals(sqlState, error.getSQLState(), error.getMessage());
    return error;
  }
}
