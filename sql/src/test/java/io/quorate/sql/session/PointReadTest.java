package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.types.SqlType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which prepared statements count as point reads (Session#isPointRead), the ones a
 * network thread may run: a primary-key lookup of one row computing plain values, and
 * nothing that scans, aggregates, calls a function or writes.
 */
class PointReadTest {

  private final Engine engine = new Engine(new InMemoryKvStore());
  private Session session;

  @BeforeEach
  void createTables() {
    session = engine.openSession();
    session.execute("CREATE TABLE kv (k integer PRIMARY KEY, v bigint)");
    session.execute("CREATE TABLE pair (a integer, b integer, c text, PRIMARY KEY (a, b))");
    session.execute("INSERT INTO kv VALUES (1, 10)");
    session.execute("INSERT INTO pair VALUES (1, 2, 'x')");
  }

  @AfterEach
  void close() {
    session.close();
  }

  /** Whether {@code sql} is a point read once it has run (and so been planned) with {@code parameters}. */
  private boolean pointRead(String sql, Object... parameters) {
    PreparedStatement statement = session.prepare(sql, Map.of());
    assertFalse(session.isPointRead(statement), "not planned yet: " + sql);
    session.execute(statement, parameters);
    return session.isPointRead(statement);
  }

  @Test
  void aPrimaryKeyLookupOfPlainValuesIs() {
    assertEquals(true, pointRead("SELECT v FROM kv WHERE k = $1", 1L));
    assertEquals(true, pointRead("SELECT k, v FROM kv WHERE k = $1 AND v > 3", 1L));
    assertEquals(true, pointRead("SELECT * FROM pair WHERE a = $1 AND b = $2", 1L, 2L));
    assertEquals(true, pointRead("SELECT c FROM pair WHERE b = $2 AND a = $1", 1L, 2L));
    assertEquals(true, pointRead("SELECT v FROM kv WHERE k = $1 ORDER BY v", 1L), "a sort of one row is planned away");
    assertEquals(true, pointRead("SELECT v FROM kv WHERE k = $1 LIMIT 1", 1L));
  }

  @Test
  void scansAggregatesFunctionsAndWritesAreNot() {
    assertEquals(false, pointRead("SELECT k FROM kv WHERE v = $1", 10L));
    assertEquals(false, pointRead("SELECT * FROM pair WHERE a = $1", 1L));
    assertEquals(false, pointRead("SELECT count(*) FROM kv WHERE k = $1", 1L));
    assertEquals(false, pointRead("SELECT upper(c) FROM pair WHERE a = $1 AND b = $2", 1L, 2L));
    assertEquals(false, pointRead("SELECT v FROM kv WHERE k = $1 AND v IN (SELECT v FROM kv)", 1L));
    assertEquals(false, pointRead("UPDATE kv SET v = v + 1 WHERE k = $1", 1L));
    assertEquals(false, pointRead("SELECT k FROM kv WHERE k > $1 ORDER BY k LIMIT 1", 0L));
  }

  @Test
  void aPointReadPlannedAgainAsAScanFailsBeforeReading() {
    PreparedStatement statement = session.prepare("SELECT v FROM kv WHERE k = $1", Map.of());
    session.execute(statement, new Object[] {1L});
    assertEquals(true, session.isPointRead(statement));
    assertEquals(10L, session.executePointRead(statement, new Object[] {1L}).rows().get(0)[0]);
    session.execute("CREATE SCHEMA other");
    session.execute("CREATE TABLE other.kv (k integer, v bigint)");
    session.execute("INSERT INTO other.kv VALUES (1, 10)");
    session.execute("SET search_path = other, public");
    SqlException refused = assertThrows(SqlException.class, () -> session.executePointRead(statement,
        new Object[] {1L}));
    assertTrue(refused.getCause() instanceof Session.NotAPointRead, "refused: " + refused);
    assertEquals('I', session.transactionStatus());
    assertEquals(10L, session.execute(statement, new Object[] {1L}).rows().get(0)[0], "still runs as a scan");
    assertEquals(false, session.isPointRead(statement));
    assertThrows(SqlException.class, () -> session.executePointRead(
        session.prepare("SELECT count(*) FROM kv", Map.of()), new Object[0]), "not planned yet");
  }

  @Test
  void declaredParameterTypesDoNotChangeTheAnswer() {
    PreparedStatement statement = session.prepare("SELECT v FROM kv WHERE k = $1", Map.of(1, SqlType.INTEGER));
    session.execute(statement, new Object[] {1L});
    assertEquals(true, session.isPointRead(statement));
  }
}
