package io.quorate.bench.engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** H2 in-memory over JDBC, one connection with autocommit on, the workloads' SQL unchanged but for parameters. */
final class H2Database implements Database {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Connection connection;

  H2Database() {
    try {
      // H2 otherwise hands back a prepared query's previous result when neither the
      // parameters nor the data changed, which would time a cache instead of the query.
      connection = DriverManager.getConnection(
          "jdbc:h2:mem:bench" + DATABASES.incrementAndGet() + ";OPTIMIZE_REUSE_RESULTS=FALSE");
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 did not open an in-memory database", e);
    }
  }

  @Override
  public void execute(String sql) {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 failed on: " + sql, e);
    }
  }

  @Override
  public void insertSeries(String table, String selectList, long first, long last) {
    execute("INSERT INTO " + table + " SELECT " + selectList
        + " FROM (SELECT X AS g FROM SYSTEM_RANGE(" + first + ", " + last + ")) AS series");
  }

  @Override
  public Prepared prepare(String sql) {
    // The workloads number their parameters in order of appearance, so JDBC's ? fits.
    String jdbcSql = sql.replaceAll("\\$\\d+", "?");
    PreparedStatement statement;
    try {
      statement = connection.prepareStatement(jdbcSql);
    } catch (SQLException e) {
      throw new IllegalStateException("H2 did not prepare: " + jdbcSql, e);
    }
    return new Prepared() {
      @Override
      public List<long[]> query(long... parameters) {
        try {
          bind(statement, parameters);
          try (ResultSet results = statement.executeQuery()) {
            int width = results.getMetaData().getColumnCount();
            List<long[]> rows = new ArrayList<>();
            while (results.next()) {
              long[] row = new long[width];
              for (int i = 0; i < width; i++) {
                row[i] = results.getLong(i + 1);
              }
              rows.add(row);
            }
            return rows;
          }
        } catch (SQLException e) {
          throw new IllegalStateException("H2 failed on: " + jdbcSql, e);
        }
      }

      @Override
      public long update(long... parameters) {
        try {
          bind(statement, parameters);
          return statement.executeLargeUpdate();
        } catch (SQLException e) {
          throw new IllegalStateException("H2 failed on: " + jdbcSql, e);
        }
      }
    };
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("H2 did not close", e);
    }
  }

  private static void bind(PreparedStatement statement, long[] parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      statement.setLong(i + 1, parameters[i]);
    }
  }
}
