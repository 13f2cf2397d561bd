package io.quorate.it.fault;

import io.quorate.it.fault.history.Checker;
import io.quorate.it.fault.history.CounterChecker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * Increments of one counter row in autocommit, with reads among them; every read must lie
 * between the increments certainly done before it and those that may have been, which
 * catches both lost and twice-applied increments.
 */
final class CounterWorkload implements Workload {

  private static final int MAX_DELTA = 5;
  private static final double READ_SHARE = 0.2;

  private final String table;

  CounterWorkload(String table) {
    this.table = table;
  }

  @Override
  public void setUp(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, total bigint NOT NULL)");
      s.execute("INSERT INTO " + table + " VALUES (0, 0)");
    }
  }

  @Override
  public Operation next(Random random, int process) {
    if (random.nextDouble() < READ_SHARE) {
      return new Operation("read", null, true);
    }
    return new Operation("add", (long) (1 + random.nextInt(MAX_DELTA)), false);
  }

  @Override
  public Object perform(Connection c, int client, Operation op) throws SQLException {
    if (op.f().equals("read")) {
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT total FROM " + table + " WHERE id = 0")) {
        if (!r.next()) {
          throw new IllegalStateException("the counter row is missing");
        }
        return r.getLong(1);
      }
    }
    try (PreparedStatement add = c.prepareStatement("UPDATE " + table + " SET total = total + ? WHERE id = 0")) {
      add.setLong(1, (Long) op.value());
      int rows = add.executeUpdate();
      if (rows != 1) {
        throw new IllegalStateException("the increment updated " + rows + " rows");
      }
    }
    return op.value();
  }

  @Override
  public List<Operation> finalReads() {
    return List.of(new Operation("read", null, true));
  }

  @Override
  public Checker checker() {
    return new CounterChecker();
  }
}
