package io.quorate.it.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.quorate.it.process.ProcessCluster;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.TransferLeadershipRequest;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * pgjdbc and HikariCP, unmodified, against a three-node cluster started from the
 * distribution: a multi-host URL with targetServerType=primary finds the primary and,
 * after a switchover, the new one; DatabaseMetaData describes tables correctly; a pool
 * under concurrent transfers keeps the total; prepared statements past the prepare
 * threshold (binary results) return what was stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgJdbcClusterTest {

  private ProcessCluster cluster;

  @BeforeAll
  void startCluster() {
    cluster = ProcessCluster.start(3);
    cluster.ids().forEach(cluster::awaitSql);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private Connection connectToPrimary() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", ProcessCluster.SUPERUSER);
    properties.setProperty("password", cluster.superuserPassword());
    properties.setProperty("targetServerType", "primary");
    properties.setProperty("hostRecheckSeconds", "1");
    return DriverManager.getConnection(cluster.multiHostJdbcUrl(), properties);
  }

  @Test
  void multiHostUrlFindsThePrimaryAndFollowsASwitchover() throws SQLException {
    String primary = cluster.awaitPrimary();
    try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement()) {
      assertEquals(cluster.ports(primary).clientPort(), serverPort(statement));
      statement.execute("CREATE TABLE switchover_log (id int PRIMARY KEY, node text)");
      statement.execute("INSERT INTO switchover_log VALUES (1, '" + primary + "')");
    }
    String next = cluster.ids().stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();
    AdminServiceGrpc.newBlockingStub(cluster.channel(primary)).withDeadlineAfter(60, TimeUnit.SECONDS)
        .transferLeadership(TransferLeadershipRequest.newBuilder().setToId(next).setTimeoutMillis(30_000).build());
    assertEquals(next, cluster.awaitPrimary());
    ProcessCluster.await("a new connection reaches the new primary and can write", () -> {
      try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement()) {
        statement.execute("INSERT INTO switchover_log VALUES (2, '" + next + "')");
        return serverPort(statement) == cluster.ports(next).clientPort();
      } catch (SQLException e) {
        return false;
      }
    });
    try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM switchover_log")) {
      assertTrue(rows.next());
      assertEquals(2, rows.getInt(1), "the row written before the switchover survived it");
    }
  }

  /** The client port of the node a connection reached. */
  private static int serverPort(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SHOW port")) {
      rows.next();
      return Integer.parseInt(rows.getString(1));
    }
  }

  @Test
  void metadataDescribesTablesColumnsKeysAndIndexes() throws SQLException {
    try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE meta_orders (id bigint PRIMARY KEY, customer varchar(40) NOT NULL, "
          + "total numeric(10,2), placed timestamptz)");
      statement.execute("CREATE INDEX meta_orders_customer ON meta_orders (customer)");
      DatabaseMetaData metadata = connection.getMetaData();
      try (ResultSet tables = metadata.getTables(null, "public", "meta_orders", new String[] {"TABLE"})) {
        assertTrue(tables.next(), "getTables finds the table");
        assertEquals("meta_orders", tables.getString("TABLE_NAME"));
        assertFalse(tables.next());
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rows = metadata.getColumns(null, "public", "meta_orders", null)) {
        while (rows.next()) {
          columns.add(rows.getString("COLUMN_NAME") + ":" + rows.getString("TYPE_NAME") + ":" + rows.getInt("NULLABLE"));
        }
      }
      assertEquals(List.of("id:int8:0", "customer:varchar:0", "total:numeric:1", "placed:timestamptz:1"), columns);
      try (ResultSet keys = metadata.getPrimaryKeys(null, "public", "meta_orders")) {
        assertTrue(keys.next());
        assertEquals("id", keys.getString("COLUMN_NAME"));
        assertFalse(keys.next());
      }
      List<String> indexes = new ArrayList<>();
      try (ResultSet rows = metadata.getIndexInfo(null, "public", "meta_orders", false, false)) {
        while (rows.next()) {
          indexes.add(rows.getString("INDEX_NAME") + ":" + rows.getString("COLUMN_NAME") + ":" + rows.getBoolean("NON_UNIQUE"));
        }
      }
      assertTrue(indexes.containsAll(List.of("meta_orders_pkey:id:false", "meta_orders_customer:customer:true")),
          indexes.toString());
    }
  }

  @Test
  void poolOfConnectionsKeepsTheTotalUnderConcurrentTransfers() throws Exception {
    int accounts = 10;
    int threads = 6;
    int transfersPerThread = 40;
    try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE pool_accounts (id int PRIMARY KEY, balance bigint NOT NULL)");
      statement.execute("INSERT INTO pool_accounts SELECT g, 1000 FROM generate_series(1, " + accounts + ") g");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(cluster.multiHostJdbcUrl() + "?targetServerType=primary");
    config.setUsername(ProcessCluster.SUPERUSER);
    config.setPassword(cluster.superuserPassword());
    config.setMaximumPoolSize(threads);
    config.setAutoCommit(false);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (HikariDataSource dataSource = new HikariDataSource(config)) {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> transfer(dataSource, seed, accounts, transfersPerThread)));
      }
      int committed = 0;
      for (Future<Integer> result : done) {
        committed += result.get(5, TimeUnit.MINUTES);
      }
      assertTrue(committed > 0, "some transfers committed");
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
          ResultSet total = statement.executeQuery("SELECT sum(balance), count(*) FROM pool_accounts")) {
        assertTrue(total.next());
        assertEquals(1000L * accounts, total.getLong(1), "transfers move money, never make or lose it");
        connection.commit();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Moves amounts between accounts in transactions, retrying serialization failures; returns commits. */
  private static int transfer(HikariDataSource dataSource, int seed, int accounts, int count) throws SQLException {
    java.util.Random random = new java.util.Random(seed);
    int committed = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement move = connection.prepareStatement("UPDATE pool_accounts SET balance = balance + ? WHERE id = ?")) {
      for (int i = 0; i < count; i++) {
        int from = 1 + random.nextInt(accounts);
        int to = 1 + (from + random.nextInt(accounts - 1)) % accounts;
        int amount = 1 + random.nextInt(50);
        // Both rows are updated in id order, so concurrent transfers cannot deadlock.
        int low = Math.min(from, to);
        int lowDelta = low == from ? -amount : amount;
        try {
          move.setLong(1, lowDelta);
          move.setInt(2, low);
          move.executeUpdate();
          move.setLong(1, -lowDelta);
          move.setInt(2, Math.max(from, to));
          move.executeUpdate();
          connection.commit();
          committed++;
        } catch (SQLException e) {
          connection.rollback();
          if (!e.getSQLState().startsWith("40")) {
            throw e;
          }
        }
      }
    }
    return committed;
  }

  @Test
  void preparedStatementsPastThePrepareThresholdReturnWhatWasStored() throws SQLException {
    try (Connection connection = connectToPrimary(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE typed (id int PRIMARY KEY, n numeric(12,3), f float8, b boolean, t text, "
          + "d date, ts timestamp, by bytea, u uuid)");
      statement.execute("INSERT INTO typed VALUES (1, 123456.789, 2.5, true, 'héllo', '2024-02-29', "
          + "'2024-02-29 12:34:56.789', '\\x00ff', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')");
      try (PreparedStatement select = connection.prepareStatement("SELECT * FROM typed WHERE id = ?")) {
        select.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        for (int run = 0; run < 4; run++) {
          select.setInt(1, 1);
          try (ResultSet row = select.executeQuery()) {
            assertTrue(row.next());
            assertEquals(new java.math.BigDecimal("123456.789"), row.getBigDecimal("n"), "run " + run);
            assertEquals(2.5, row.getDouble("f"));
            assertTrue(row.getBoolean("b"));
            assertEquals("héllo", row.getString("t"));
            assertEquals(java.time.LocalDate.of(2024, 2, 29), row.getObject("d", java.time.LocalDate.class));
            assertEquals(java.time.LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000),
                row.getObject("ts", java.time.LocalDateTime.class));
            assertEquals(List.of((byte) 0, (byte) -1), List.of(row.getBytes("by")[0], row.getBytes("by")[1]));
            assertEquals(java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), row.getObject("u"));
          }
        }
      }
    }
  }
}
