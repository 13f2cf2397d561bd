package io.quorate.node.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.node.config.ClientSettings;
import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.raft.cluster.RatisReplicatedStore;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.session.Session;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new cluster's primary creates the catalog; every node's engine serves it; a new primary takes writes. */
class SqlServiceTest {

  @Test
  void primaryCreatesTheCatalogAndEveryNodeServesIt() {
    try (InJvmCluster cluster = InJvmCluster.start(3)) {
      Map<String, SqlService> services = new LinkedHashMap<>();
      try {
        for (RatisReplicatedStore replica : cluster.running()) {
          services.put(replica.selfId(), SqlService.start(replica, new ClientSettings("trust", "quorate", null, 10)));
        }
        String primaryId = cluster.awaitPrimary().selfId();
        InJvmCluster.await("the primary's service knows its role", () -> services.get(primaryId).isPrimary());
        services.forEach((id, service) -> assertEquals(id.equals(primaryId), service.isPrimary(), id));
        InJvmCluster.await("the primary created the catalog", () -> runs(services.get(primaryId), "CREATE TABLE t (a int)"));
        for (SqlService service : services.values()) {
          InJvmCluster.await("every node sees the table", () -> runs(service, "SELECT * FROM t"));
        }

        String next = services.keySet().stream().filter(id -> !id.equals(primaryId)).findFirst().orElseThrow();
        cluster.replica(primaryId).transferLeadership(next, Duration.ofSeconds(30));
        InJvmCluster.await("the new primary's service knows its role",
            () -> services.get(next).isPrimary() && !services.get(primaryId).isPrimary());
        assertTrue(runs(services.get(next), "INSERT INTO t VALUES (1)"), "the new primary takes writes");
        assertFalse(runs(services.get(primaryId), "INSERT INTO t VALUES (2)"), "the old primary is a standby now");
      } finally {
        services.values().forEach(SqlService::close);
      }
    }
  }

  private static boolean runs(SqlService service, String sql) {
    try (Session session = service.engine().openSession()) {
      session.execute(sql);
      return true;
    } catch (SqlException e) {
      return false;
    }
  }
}
