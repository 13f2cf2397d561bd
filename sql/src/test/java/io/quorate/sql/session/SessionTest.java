package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.types.SqlType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session behaviour the sqllogictest files cannot express: prepared plans, savepoints, timeouts, API results. */
class SessionTest {

  private final Session session = new Engine(new InMemoryKvStore()).openSession();

  private List<Object[]> rows(String sql) {
    List<StatementResult> results = session.execute(sql);
    return results.get(results.size() - 1).rows();
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
  void aJoinWithAnEmptyInnerSideReadsNothingOfAnEndlessOuterSide() {
    session.execute("CREATE TABLE empty_t (k integer PRIMARY KEY)");
    session.execute("CREATE TABLE one_t (k integer PRIMARY KEY)");
    session.execute("INSERT INTO one_t VALUES (1)");
    session.execute("SET statement_timeout = 10000"); // a regression fails here instead of hanging the build
    String endless = "generate_series(9223372036854775807, 3, -1) AS g (n)";
    assertEquals(0, rows("SELECT n FROM " + endless + ", empty_t LIMIT 3").size());
    assertEquals(0, rows("SELECT n FROM " + endless + " JOIN empty_t ON n = empty_t.k LIMIT 3").size());
    assertEquals(0, rows("SELECT n FROM " + endless + " FULL JOIN one_t ON n < one_t.k, empty_t LIMIT 3").size());
    // a left join keeps its left rows: those stream, and the limit ends it
    assertEquals(3, rows("SELECT n FROM " + endless + " LEFT JOIN empty_t ON true LIMIT 3").size());
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
