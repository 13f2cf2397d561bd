package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Proves that a HikariCP pool shared by several threads works: every increment from every thread lands. */
class PgPoolTest {

  @Test
  void poolOfConnectionsUnderConcurrentUpdates() throws Exception {
    try (PgTestServer server = new PgTestServer()) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(server.url("quorate"));
      config.setUsername(PgTestServer.ALICE);
      config.setPassword(PgTestServer.ALICE_PASSWORD);
      config.setMaximumPoolSize(4);
      config.setAutoCommit(false);
      try (HikariDataSource pool = new HikariDataSource(config)) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
          s.execute("create table counter_t (id int primary key, n bigint)");
          s.execute("insert into counter_t values (1, 0)");
          c.commit();
        }
        int threads = 4;
        int increments = 50;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> done = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            done.add(executor.submit(() -> {
              for (int i = 0; i < increments; i++) {
                try (Connection c = pool.getConnection();
                    PreparedStatement update = c.prepareStatement("update counter_t set n = n + ? where id = 1")) {
                  update.setInt(1, 1);
                  update.executeUpdate();
                  c.commit();
                }
              }
              return null;
            }));
          }
          for (Future<?> future : done) {
            future.get();
          }
        } finally {
          executor.shutdownNow();
        }
        try (Connection c = pool.getConnection(); ResultSet rs = c.createStatement().executeQuery(
            "select n from counter_t")) {
          rs.next();
          assertEquals(threads * increments, rs.getLong(1));
        }
      }
    }
  }
}
