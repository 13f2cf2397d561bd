package io.quorate.node.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine on a standby: reads its replica, refuses writes with 25006, waits for the catalog with 57P03. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandbySqlTest {

  private SqlTestCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = new SqlTestCluster(3, Duration.ofSeconds(5));
  }

  @AfterAll
  void stopCluster() {
    cluster.close();
  }

  @Test
  void standbyAnswersReadsAndRefusesWrites() {
    Engine primary = new Engine(cluster.emptyPrimaryStore());
    Engine standby = Engine.withoutBootstrap(new ReplicatedKvStore(aStandby()));
    try (Session onPrimary = primary.openSession(); Session onStandby = standby.openSession()) {
      onPrimary.execute("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'one'), (2, 'two')");
      InJvmCluster.await("the standby sees the primary's rows",
          () -> stateOf(onStandby, "SELECT * FROM t") == null && count(onStandby) == 2);
      assertEquals("two", onStandby.execute("SELECT v FROM t WHERE id = 2").get(0).rows().get(0)[0]);

      SqlException refused = assertThrows(SqlException.class, () -> onStandby.execute("INSERT INTO t VALUES (3, 'x')"));
      assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION, refused.state(), refused.getMessage());
      assertEquals(SqlState.READ_ONLY_SQL_TRANSACTION,
          assertThrows(SqlException.class, () -> onStandby.execute("CREATE TABLE u (a int)")).state());
      assertEquals(2, count(onPrimary), "the refused write left nothing behind");
    }
  }

  @Test
  void standbyWithoutACatalogSaysTheSystemIsStartingUp() {
    cluster.emptyPrimaryStore();
    Engine standby = Engine.withoutBootstrap(new ReplicatedKvStore(aStandby()));
    try (Session session = standby.openSession()) {
      InJvmCluster.await("the standby applied the removal of the catalog",
          () -> stateOf(session, "SELECT * FROM t") == SqlState.CANNOT_CONNECT_NOW);
    }
  }

  /** The SQLSTATE {@code sql} fails with, or null when it succeeds. */
  private static SqlState stateOf(Session session, String sql) {
    try {
      session.execute(sql);
      return null;
    } catch (SqlException e) {
      return e.state();
    }
  }

  private RatisReplicatedStore aStandby() {
    RatisReplicatedStore primary = cluster.cluster().awaitPrimary();
    return cluster.cluster().running().stream().filter(replica -> replica != primary).findFirst().orElseThrow();
  }

  private static long count(Session session) {
    List<StatementResult> results = session.execute("SELECT count(*) FROM t");
    return ((Number) results.get(0).rows().get(0)[0]).longValue();
  }
}
