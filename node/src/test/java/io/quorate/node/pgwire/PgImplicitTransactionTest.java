package io.quorate.node.pgwire;

import io.quorate.node.auth.AuthMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The extended protocol's implicit transaction as PostgreSQL runs it: everything between
 * two Syncs commits or rolls back together, an error in Parse or Bind aborts it too, a
 * simple Query arriving before the Sync ends it, and VACUUM may run in it.
 */
class PgImplicitTransactionTest {

  private static PgTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test").withAuthMethod(AuthMethod.TRUST));
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table implicit_t (id int primary key, v text)");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static long count(Statement s, String where) throws SQLException {
    try (ResultSet rs = s.executeQuery("select count(*) from implicit_t where " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aBindErrorLaterInTheBatchRollsBackTheRowsBeforeIt() throws Exception {
    try (Connection c = server.connect("stringtype", "unspecified"); Statement s = c.createStatement()) {
      try (PreparedStatement insert = c.prepareStatement("insert into implicit_t values (?::int, ?)")) {
        insert.setString(1, "1001");
        insert.setString(2, "ok");
        insert.addBatch();
        insert.setString(1, "not a number"); // fails where the value is converted, after the first Execute
        insert.setString(2, "bad");
        insert.addBatch();
        assertThrows(SQLException.class, insert::executeBatch);
      }
      assertEquals(0, count(s, "id = 1001"), "the Execute before the failing one rolled back with it");
    }
  }

  @Test
  void aSyntaxErrorInABatchRollsBackTheStatementsBeforeIt() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.addBatch("insert into implicit_t values (2001, 'ok')");
      s.addBatch("insrt into implicit_t values (2002, 'typo')");
      assertThrows(SQLException.class, s::executeBatch);
      assertEquals(0, count(s, "id between 2001 and 2002"));
    }
  }

  @Test
  void aQueryBeforeTheSyncEndsTheImplicitTransaction() throws Exception {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.send('P', concat(RawClient.cString(""), RawClient.cString("insert into implicit_t values (3001, 'x')"),
          new byte[] {0, 0}));
      client.send('B', concat(RawClient.cString(""), RawClient.cString(""), new byte[] {0, 0, 0, 0, 0, 0}));
      client.send('E', concat(RawClient.cString(""), new byte[] {0, 0, 0, 0}));
      client.query("insert into implicit_t values (3002, 'y')");
      RawClient.Message ready = client.readUntil('Z');
      assertEquals('Z', ready.type(), ready.text());
      assertEquals("I", ready.text().substring(0, 1), "the Query committed the implicit transaction and left it idle");
      client.send('S', new byte[0]);
      assertEquals('Z', client.readUntil('Z').type());
    }
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals(2, count(s, "id between 3001 and 3002"));
    }
  }

  @Test
  void vacuumRunsThroughTheExtendedProtocol() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("vacuum implicit_t");
      s.execute("vacuum analyze");
    }
  }

  private static byte[] concat(byte[]... parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (byte[] part : parts) {
      out.write(part);
    }
    return bytes.toByteArray();
  }
}
