package io.quorate.it.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quorate.it.om.OmTool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Reads through Quorate's driver on standbys ({@code readFrom=standby} on a read-only
 * connection), with and without a staleness bound, while one standby is cut off from the
 * primary: without a bound it serves what it had, with one it refuses once it has not
 * heard from the primary within the bound, and the driver reads elsewhere. Three nodes in
 * network namespaces of their own; needs root, skipped with the reason printed otherwise.
 */
class StandbyReadTest {

  private static final int CONNECTIONS = 12;
  private static final long BOUND_MILLIS = 1_000;

  private FaultCluster cluster;
  @RegisterExtension
  final TestWatcher keepLogs = OmTool.keepLogsOnFailure(() -> cluster == null ? null : cluster.om());

  @Test
  void readsOnStandbysKeepTheirStalenessBoundWhenOneIsCutOff() throws Exception {
    Optional<String> unavailable = Netns.unavailable();
    unavailable.ifPresent(why -> System.out.println("StandbyReadTest skipped: " + why));
    assumeTrue(unavailable.isEmpty(), () -> unavailable.orElse(""));
    cluster = FaultCluster.bootstrapInNamespaces(3, 0);
    try {
      String primary = cluster.awaitPrimary(Duration.ofSeconds(60));
      try (Connection writer = DriverManager.getConnection(cluster.nativeJdbcUrl(""));
          Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE marks (n int PRIMARY KEY)");
        s.execute("INSERT INTO marks VALUES (1)");
      }
      for (int i = 0; i < CONNECTIONS; i++) {
        try (Connection reader = reader("maxStalenessMillis=" + BOUND_MILLIS); Statement s = reader.createStatement()) {
          assertEquals("on", single(s, "SHOW in_hot_standby"), "a read-only connection reads on a standby");
          SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
              () -> s.execute("INSERT INTO marks VALUES (100)"));
          assertEquals("25006", refused.getSQLState(), refused.toString());
        }
      }

      List<String> standbys = cluster.ids().stream().filter(id -> !id.equals(primary)).toList();
      String victim = standbys.get(0);
      cluster.partition(List.of(victim), cluster.ids().stream().filter(id -> !id.equals(victim)).toList());
      try (Connection writer = DriverManager.getConnection(cluster.nativeJdbcUrl(""));
          Statement s = writer.createStatement()) {
        s.execute("INSERT INTO marks VALUES (2)");
      }
      // The bound is about time: a read may miss a commit younger than the bound, so
      // the check waits until the commit is older than that (and the victim's last word
      // from the primary older still).
      Thread.sleep(BOUND_MILLIS + 500);

      int unboundedMisses = 0;
      for (int i = 0; i < CONNECTIONS; i++) {
        try (Connection bounded = reader("maxStalenessMillis=" + BOUND_MILLIS);
            Statement s = bounded.createStatement()) {
          assertEquals("2", single(s, "SELECT count(*) FROM marks"),
              "a read with a " + BOUND_MILLIS + " ms bound sees a commit older than that");
        }
        try (Connection unbounded = reader("maxStalenessMillis=0"); Statement s = unbounded.createStatement()) {
          unboundedMisses += single(s, "SELECT count(*) FROM marks").equals("1") ? 1 : 0;
        }
      }
      System.out.println("[standby-reads] reads without a bound that missed the commit (served by the cut-off "
          + victim + "): " + unboundedMisses + " of " + CONNECTIONS);
      assertTrue(unboundedMisses > 0, "without a bound some reads land on the cut-off standby and miss the commit;"
          + " otherwise this test proves nothing");
    } finally {
      cluster.heal();
      cluster.close();
    }
  }

  private Connection reader(String options) throws SQLException {
    Connection connection = DriverManager.getConnection(cluster.nativeJdbcUrl("readFrom=standby&" + options));
    connection.setReadOnly(true);
    return connection;
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rows = s.executeQuery(sql)) {
      assertTrue(rows.next(), sql);
      return rows.getString(1);
    }
  }
}
