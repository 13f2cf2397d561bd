package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A named commit is recorded with its command tag by the commit itself, and never made twice. */
class NamedCommitTest {

  private static final byte[] CLIENT = {1, 2, 3, 4};
  private final Engine engine = new Engine(new InMemoryKvStore());
  private Session session;

  @BeforeEach
  void createTable() {
    session = engine.openSession();
    session.execute("CREATE TABLE c (id INTEGER PRIMARY KEY, n INTEGER)");
    session.execute("INSERT INTO c VALUES (1, 0)");
  }

  private long counter() {
    return (Long) session.execute("SELECT n FROM c WHERE id = 1").get(0).rows().get(0)[0];
  }

  private StatementResult named(long callId, String sql) {
    session.nameNextCommit(new CommitId(CLIENT, callId));
    try {
      return session.execute(sql).get(0);
    } finally {
      session.nameNextCommit(null);
    }
  }

  @Test
  void anAutocommittedWriteRecordsItsTag() {
    named(1, "UPDATE c SET n = n + 1 WHERE id = 1");
    assertEquals(Optional.of("UPDATE 1"), session.committedAs(new CommitId(CLIENT, 1)));
    assertEquals(Optional.empty(), session.committedAs(new CommitId(CLIENT, 2)));
    assertEquals(Optional.empty(), session.committedAs(new CommitId(new byte[] {9}, 1)), "another client");
  }

  @Test
  void aReadRecordsNothing() {
    named(1, "UPDATE c SET n = n + 1 WHERE id = 1");
    named(2, "SELECT n FROM c");
    assertEquals(Optional.empty(), session.committedAs(new CommitId(CLIENT, 2)));
    assertEquals(Optional.of("UPDATE 1"), session.committedAs(new CommitId(CLIENT, 1)), "the last write's row stays");
  }

  @Test
  void aBlockIsRecordedByItsCommit() {
    session.execute("BEGIN");
    session.execute("UPDATE c SET n = n + 1 WHERE id = 1");
    assertEquals(Optional.empty(), session.committedAs(new CommitId(CLIENT, 5)), "not before COMMIT");
    assertEquals("COMMIT", named(5, "COMMIT").commandTag());
    assertEquals(Optional.of("COMMIT"), session.committedAs(new CommitId(CLIENT, 5)));
    assertEquals(1, counter());
  }

  @Test
  void aRolledBackBlockIsNotRecorded() {
    session.execute("BEGIN");
    session.execute("UPDATE c SET n = n + 1 WHERE id = 1");
    named(5, "ROLLBACK");
    assertEquals(Optional.empty(), session.committedAs(new CommitId(CLIENT, 5)));
    assertEquals(0, counter());
  }

  @Test
  void aSecondSendOfACommittedCallFailsWithoutApplying() {
    named(3, "UPDATE c SET n = n + 1 WHERE id = 1");
    SqlException again = assertThrows(SqlException.class, () -> named(3, "UPDATE c SET n = n + 1 WHERE id = 1"));
    assertEquals(SqlState.SERIALIZATION_FAILURE, again.state());
    assertEquals(1, counter());
    SqlException older = assertThrows(SqlException.class, () -> named(2, "UPDATE c SET n = n + 1 WHERE id = 1"));
    assertEquals(SqlState.SERIALIZATION_FAILURE, older.state());
    assertEquals(1, counter());
  }

  @Test
  void aFailedCommitOfABlockEndsIt() {
    named(3, "UPDATE c SET n = n + 1 WHERE id = 1");
    session.execute("BEGIN");
    session.execute("UPDATE c SET n = n + 10 WHERE id = 1");
    assertThrows(SqlException.class, () -> named(3, "COMMIT"));
    assertEquals('I', session.transactionStatus());
    assertEquals(1, counter(), "the block's update was rolled back");
  }

  @Test
  void anOutcomeOverwrittenByALaterCallIsUnknown() {
    named(1, "UPDATE c SET n = n + 1 WHERE id = 1");
    named(2, "UPDATE c SET n = n + 1 WHERE id = 1");
    SqlException unknown = assertThrows(SqlException.class, () -> session.committedAs(new CommitId(CLIENT, 1)));
    assertEquals(SqlState.STATEMENT_COMPLETION_UNKNOWN, unknown.state());
  }

  @Test
  void clientIdsAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> new CommitId(new byte[0], 1));
    assertThrows(IllegalArgumentException.class, () -> new CommitId(new byte[CommitId.MAX_CLIENT_ID_BYTES + 1], 1));
  }
}
