package io.quorate.it.fault;

import io.quorate.it.fault.history.Checker;
import io.quorate.it.fault.history.SetChecker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Unique inserts in autocommit; the final read must hold every acknowledged one and nothing never tried. */
final class SetWorkload implements Workload {

  private final String table;
  private final AtomicLong nextElement = new AtomicLong();

  SetWorkload(String table) {
    this.table = table;
  }

  @Override
  public void setUp(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (element bigint PRIMARY KEY)");
    }
  }

  @Override
  public Operation next(Random random, int process) {
    return new Operation("add", nextElement.incrementAndGet(), false);
  }

  @Override
  public Object perform(Connection c, int client, Operation op) throws SQLException {
    if (op.f().equals("read")) {
      Set<Long> elements = new HashSet<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT element FROM " + table)) {
        while (r.next()) {
          elements.add(r.getLong(1));
        }
      }
      return elements;
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
      insert.setLong(1, (Long) op.value());
      insert.executeUpdate();
    }
    return op.value();
  }

  @Override
  public List<Operation> finalReads() {
    return List.of(new Operation("read", null, true));
  }

  @Override
  public Checker checker() {
    return new SetChecker();
  }
}
