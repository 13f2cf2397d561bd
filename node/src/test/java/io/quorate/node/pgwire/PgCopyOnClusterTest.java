package io.quorate.node.pgwire;

import static io.quorate.node.pgwire.PgAuthenticationTest.assertState;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The COPY paths of {@link PgCopyTest} with the engine on the primary of a three-node
 * cluster, and a COPY larger than one transaction may carry: it fails cleanly at the row
 * that crosses the limit, keeps nothing, and the connection stays usable.
 */
class PgCopyOnClusterTest extends PgCopyTest {

  @BeforeAll
  static void start() throws Exception {
    server = PgTestServer.onCluster();
  }

  @Test
  void copyBeyondTheTransactionSizeLimitFailsAtTheCrossingRow() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table copy_huge (id int primary key, name text)");
      int rows = 80_000; // about 80 MB of 1 kB rows, beyond the 64 MiB one transaction may change
      PSQLException tooLarge = (PSQLException) assertState("54000",
          () -> copyManager(c).copyIn("COPY copy_huge FROM STDIN", new GeneratedRows(rows, 0, 1000)));
      assertEquals("transaction is too large to commit", tooLarge.getServerErrorMessage().getMessage());
      String where = tooLarge.getServerErrorMessage().getWhere();
      assertTrue(where.startsWith("COPY copy_huge, line "), where);
      int line = Integer.parseInt(where.substring("COPY copy_huge, line ".length()));
      assertTrue(line > 50_000 && line < rows, where);
      assertEquals(0, count(s, "copy_huge"));
    }
  }
}
