package io.quorate.node.pgwire;

import static io.quorate.node.pgwire.PgAuthenticationTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.postgresql.util.PSQLException;

/**
 * Proves that pgjdbc's CopyManager streams through the server: COPY FROM STDIN of a few
 * hundred thousand lazily generated rows, a COPY that fails midway or is cancelled by the
 * client keeps nothing and leaves the connection usable, and COPY (query) TO STDOUT.
 */
class PgCopyTest {

  static PgTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgTestServer();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long count(Statement s, String table) throws SQLException {
    try (ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static CopyManager copyManager(Connection c) throws SQLException {
    return c.unwrap(BaseConnection.class).getCopyAPI();
  }

  @Test
  void copyInStreamsAReaderOfManyRows() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_many (id int primary key, name text)");
      assertEquals(300_000, copyManager(c).copyIn("COPY copy_many FROM STDIN", new GeneratedRows(300_000, 0, 0)));
      assertEquals(300_000, count(s, "copy_many"));
      try (ResultSet rs = s.executeQuery("select name from copy_many where id = 299999")) {
        rs.next();
        assertEquals("name 299999", rs.getString(1));
      }
    }
  }

  @Test
  void copyInThatFailsMidwayKeepsNothing() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_failing (id int primary key, name text)");
      PSQLException bad = (PSQLException) assertState("22P02",
          () -> copyManager(c).copyIn("COPY copy_failing FROM STDIN", new GeneratedRows(100_000, 50_000, 0)));
      assertEquals("COPY copy_failing, line 50000, column id: \"x\"", bad.getServerErrorMessage().getWhere());
      assertEquals(0, count(s, "copy_failing"));

      CopyIn cancelled = copyManager(c).copyIn("COPY copy_failing FROM STDIN");
      byte[] row = "1\tone\n".getBytes(StandardCharsets.UTF_8);
      cancelled.writeToCopy(row, 0, row.length);
      cancelled.cancelCopy(); // pgjdbc sends CopyFail and expects the 57014 error in reply
      assertEquals(0, count(s, "copy_failing"));
    }
  }

  @Test
  void copyOutOfAQueryStreamsItsRows() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      StringWriter out = new StringWriter();
      assertEquals(100_000, copyManager(c).copyOut(
          "COPY (select i, i * 2 as doubled from generate_series(1, 100000) i) TO STDOUT", out));
      assertTrue(out.toString().startsWith("1\t2\n2\t4\n"), out.toString().substring(0, 20));
      assertTrue(out.toString().endsWith("100000\t200000\n"));

      // in a transaction, the query sees the transaction's own rows
      c.setAutoCommit(false);
      s.execute("create table copy_out (id int, name text)");
      s.execute("insert into copy_out values (1, 'a,b'), (2, null)");
      StringWriter csv = new StringWriter();
      assertEquals(2, copyManager(c).copyOut(
          "COPY (select id, name from copy_out order by id) TO STDOUT WITH (FORMAT csv, HEADER)", csv));
      assertEquals("id,name\n1,\"a,b\"\n2,\n", csv.toString());
      c.rollback();
    }
  }

  /**
   * Rows {@code i\tname i} for i from 1 to {@code count}, generated as they are read; row
   * {@code bad} (0 for none) has the id "x"; the name is padded to {@code nameChars} characters.
   */
  static final class GeneratedRows extends Reader {
    private final int count;
    private final int bad;
    private final int nameChars;
    private String row = "";
    private int offset;
    private int next = 1;

    GeneratedRows(int count, int bad, int nameChars) {
      this.count = count;
      this.bad = bad;
      this.nameChars = nameChars;
    }

    @Override
    public int read(char[] into, int from, int length) {
      int copied = 0;
      while (copied < length) {
        if (offset == row.length()) {
          if (next > count) {
            break;
          }
          String name = "name " + next;
          row = (next == bad ? "x" : Integer.toString(next)) + "\t" + name + "-".repeat(Math.max(0, nameChars
              - name.length())) + "\n";
          offset = 0;
          next++;
        }
        int n = Math.min(length - copied, row.length() - offset);
        row.getChars(offset, offset + n, into, from + copied);
        offset += n;
        copied += n;
      }
      return copied == 0 && length > 0 ? -1 : copied;
    }

    @Override
    public void close() {
      // nothing to release: the rows are generated
    }
  }
}
