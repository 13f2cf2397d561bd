package io.quorate.node.sql;

import io.quorate.sql.slt.AbstractSltFileSuite;
import io.quorate.sql.slt.EngineSltDatabase;
import io.quorate.sql.slt.SltDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Every SQL logic test file of the engine, run on the primary of a three-node cluster:
 * the same records that pass in memory must pass when each commit goes through Raft.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSltFilesTest extends AbstractSltFileSuite {

  /** The in-memory store's default, which the files' lock-wait records are written for. */
  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

  private SqlTestCluster cluster;

  @Override
  protected SltDatabase newDatabase() {
    if (cluster == null) {
      cluster = new SqlTestCluster(3, LOCK_TIMEOUT);
    }
    return new EngineSltDatabase(cluster.emptyPrimaryStore());
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
