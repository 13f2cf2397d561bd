package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session behaviour the sqllogictest files cannot express: COPY data, prepared plans, API results. */
class SessionTest {

  private final Session session = new Engine(new InMemoryKvStore()).openSession();

  private List<Object[]> rows(String sql) {
    List<StatementResult> results = session.execute(sql);
    return results.get(results.size() - 1).rows();
  }

  @Test
  void copyTextFormatFillsDefaultsAndReadsEscapesAndNulls() {
    session.execute("CREATE TABLE t (id integer PRIMARY KEY, name text, note text DEFAULT 'none')");
    Statement.Copy copy = (Statement.Copy) Parser.parseOne("COPY t (id, name) FROM STDIN");
    StatementResult result = session.copyIn(copy, "1\ta\\tb\n2\t\\N\n\\.\n");
    assertEquals("COPY 2", result.commandTag());
    List<Object[]> rows = rows("SELECT id, name, note FROM t ORDER BY id");
    assertArrayEquals(new Object[] {1L, "a\tb", "none"}, rows.get(0));
    assertArrayEquals(new Object[] {2L, null, "none"}, rows.get(1));
  }

  @Test
  void copyTextFormatDecodesOctalAndHexEscapes() {
    session.execute("CREATE TABLE t (v text)");
    Statement.Copy copy = (Statement.Copy) Parser.parseOne("COPY t FROM STDIN");
    session.copyIn(copy, "\\101\\x42C\n");
    assertEquals("ABC", rows("SELECT v FROM t").get(0)[0]);
    SqlException duplicate = assertThrows(SqlException.class,
        () -> session.copyIn((Statement.Copy) Parser.parseOne("COPY t (v, v) FROM STDIN"), "a\ta\n"));
    assertEquals(SqlState.DUPLICATE_COLUMN, duplicate.state());
  }

  @Test
  void copyCsvWithHeaderAndQuotes() {
    session.execute("CREATE TABLE t (id integer, name text, amount numeric(6,2))");
    Statement.Copy copy = (Statement.Copy) Parser.parseOne("COPY t FROM STDIN WITH (FORMAT csv, HEADER true)");
    session.copyIn(copy, "id,name,amount\n1,\"a, \"\"quoted\"\"\",1.5\n2,,\n");
    List<Object[]> rows = rows("SELECT id, name, amount FROM t ORDER BY id");
    assertArrayEquals(new Object[] {1L, "a, \"quoted\"", new BigDecimal("1.50")}, rows.get(0));
    assertArrayEquals(new Object[] {2L, null, null}, rows.get(1));
  }

  @Test
  void copyBadRowFailsWholeCopyWithLineNumber() {
    session.execute("CREATE TABLE t (id integer PRIMARY KEY)");
    Statement.Copy copy = (Statement.Copy) Parser.parseOne("COPY t FROM STDIN");
    SqlException error = assertThrows(SqlException.class, () -> session.copyIn(copy, "1\nx\n"));
    assertEquals(SqlState.INVALID_TEXT_REPRESENTATION, error.state());
    assertEquals("COPY t, line 2, column id: \"x\"", error.detail());
    assertEquals(0L, rows("SELECT count(*) FROM t").get(0)[0]);
    SqlException extra = assertThrows(SqlException.class, () -> session.copyIn(copy, "1\t2\n"));
    assertEquals(SqlState.BAD_COPY_FILE_FORMAT, extra.state());
  }

  @Test
  void preparedStatementIsPlannedAgainAfterSchemaChange() {
    session.execute("CREATE TABLE t (k integer PRIMARY KEY, v text)");
    session.execute("INSERT INTO t VALUES (1, 'one')");
    PreparedStatement select = session.prepare("SELECT * FROM t WHERE k = $1", Map.of());
    assertEquals(2, session.execute(select, new Object[] {1L}).columns().size());
    assertEquals(SqlType.INTEGER, select.parameterTypes().get(1));
    session.execute("ALTER TABLE t ADD COLUMN w integer DEFAULT 7");
    StatementResult after = session.execute(select, new Object[] {1L});
    assertEquals(3, after.columns().size());
    assertArrayEquals(new Object[] {1L, "one", 7L}, after.rows().get(0));
  }

  @Test
  void rollbackToSavepointUndoesOnlyLaterWrites() {
    session.execute("CREATE TABLE t (k integer PRIMARY KEY)");
    session.execute("BEGIN");
    session.execute("INSERT INTO t VALUES (1)");
    session.execute("SAVEPOINT s");
    session.execute("INSERT INTO t VALUES (2)");
    assertThrows(SqlException.class, () -> session.execute("INSERT INTO t VALUES (1)"));
    assertEquals('E', session.transactionStatus());
    session.execute("ROLLBACK TO SAVEPOINT s");
    session.execute("INSERT INTO t VALUES (3)");
    session.execute("COMMIT");
    assertEquals(List.of(1L, 3L), rows("SELECT k FROM t ORDER BY k").stream().map(r -> r[0]).toList());
  }

  @Test
  void statementTimeoutCancelsLongQuery() {
    session.execute("SET statement_timeout = 50");
    SqlException error = assertThrows(SqlException.class,
        () -> session.execute("SELECT count(*) FROM generate_series(1, 100000000) a"));
    assertEquals(SqlState.QUERY_CANCELED, error.state());
    session.execute("RESET statement_timeout");
    assertEquals(1L, rows("SELECT count(*) FROM generate_series(1, 1)").get(0)[0]);
  }
}
