package io.quorate.it.fault;

import io.quorate.it.fault.history.Cas;
import io.quorate.it.fault.history.Checker;
import io.quorate.it.fault.history.KeyValue;
import io.quorate.it.fault.history.LinearizabilityChecker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Independent registers, one row each: reads, writes of values never written before and
 * compare-and-set ({@code UPDATE ... WHERE v = expected}, expecting one of the last few
 * values written), each its own autocommit statement. The history
 * of every register must be linearizable; a paused or deposed primary that still served
 * a read or took a write would show as a read of an overwritten value.
 */
final class RegisterWorkload implements Workload {

  static final int KEYS = 3;
  /** How far back a compare-and-set's expected value reaches among the values written. */
  private static final int CAS_REACH = 3;

  private final String table;
  /** Every write writes a value never written before, so a stale read cannot hide behind a rewrite. */
  private final AtomicInteger lastValue = new AtomicInteger();

  RegisterWorkload(String table) {
    this.table = table;
  }

  @Override
  public void setUp(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (k int PRIMARY KEY, v int)");
      for (int k = 0; k < KEYS; k++) {
        s.execute("INSERT INTO " + table + " VALUES (" + k + ", NULL)");
      }
    }
  }

  @Override
  public Operation next(Random random, int process) {
    int key = random.nextInt(KEYS);
    double pick = random.nextDouble();
    if (pick < 0.5) {
      return new Operation("read", new KeyValue(key, null), true);
    }
    if (pick < 0.8) {
      return new Operation("write", new KeyValue(key, lastValue.incrementAndGet()), false);
    }
    int expected = Math.max(1, lastValue.get() - random.nextInt(CAS_REACH));
    return new Operation("cas", new Cas(key, expected, lastValue.incrementAndGet()), false);
  }

  @Override
  public Object perform(Connection c, int client, Operation op) throws SQLException, DidNotHappen {
    switch (op.value()) {
      case KeyValue read when op.f().equals("read") -> {
        try (PreparedStatement select = c.prepareStatement("SELECT v FROM " + table + " WHERE k = ?")) {
          select.setInt(1, read.key());
          try (ResultSet r = select.executeQuery()) {
            if (!r.next()) {
              throw new IllegalStateException("register " + read.key() + " is missing");
            }
            int v = r.getInt(1);
            return new KeyValue(read.key(), r.wasNull() ? null : v);
          }
        }
      }
      case KeyValue write -> {
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE k = ?")) {
          update.setInt(1, write.value());
          update.setInt(2, write.key());
          if (update.executeUpdate() != 1) {
            throw new IllegalStateException("register " + write.key() + " is missing");
          }
        }
        return write;
      }
      case Cas cas -> {
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET v = ? WHERE k = ? AND v = ?")) {
          update.setInt(1, cas.newValue());
          update.setInt(2, cas.key());
          update.setInt(3, cas.expected());
          if (update.executeUpdate() == 0) {
            throw new DidNotHappen("the register did not hold " + cas.expected());
          }
        }
        return cas;
      }
      default -> throw new IllegalArgumentException("unknown operation " + op);
    }
  }

  @Override
  public List<Operation> finalReads() {
    List<Operation> reads = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      reads.add(new Operation("read", new KeyValue(k, null), true));
    }
    return reads;
  }

  @Override
  public Checker checker() {
    return new LinearizabilityChecker();
  }

  @Override
  public long pacingMillis() {
    return 20;
  }
}
