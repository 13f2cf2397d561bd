package io.quorate.it.fault;

import io.quorate.it.fault.history.BankChecker;
import io.quorate.it.fault.history.Checker;
import io.quorate.it.fault.history.Transfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Transfers between accounts, each a transaction of two UPDATEs: even clients run them
 * SERIALIZABLE, odd ones READ COMMITTED. A CHECK forbids negative balances, so a transfer
 * of more than the balance fails. Every read of all balances must sum to the initial
 * total and show no negative balance.
 */
final class BankWorkload implements Workload {

  static final int ACCOUNTS = 5;
  static final long INITIAL_BALANCE = 100;
  private static final int MAX_AMOUNT = 30;
  private static final double READ_SHARE = 0.3;

  private final String table;

  BankWorkload(String table) {
    this.table = table;
  }

  @Override
  public void setUp(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0))");
      for (int id = 0; id < ACCOUNTS; id++) {
        s.execute("INSERT INTO " + table + " VALUES (" + id + ", " + INITIAL_BALANCE + ")");
      }
    }
  }

  @Override
  public Operation next(Random random, int process) {
    if (random.nextDouble() < READ_SHARE) {
      return new Operation("read", null, true);
    }
    int from = random.nextInt(ACCOUNTS);
    int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
    return new Operation("transfer", new Transfer(from, to, 1 + random.nextInt(MAX_AMOUNT)), false);
  }

  @Override
  public Object perform(Connection c, int client, Operation op) throws SQLException, DidNotHappen {
    if (op.f().equals("read")) {
      Map<Integer, Long> balances = new TreeMap<>();
      try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, balance FROM " + table)) {
        while (r.next()) {
          balances.put(r.getInt(1), r.getLong(2));
        }
      }
      return balances;
    }
    Transfer transfer = (Transfer) op.value();
    boolean serializable = client % 2 == 0;
    try {
      try {
        c.setAutoCommit(false);
        c.setTransactionIsolation(serializable ? Connection.TRANSACTION_SERIALIZABLE : Connection.TRANSACTION_READ_COMMITTED);
        move(c, transfer.from(), -transfer.amount());
        move(c, transfer.to(), transfer.amount());
      } catch (SQLException e) {
        // Before COMMIT nothing can have committed, whatever the error (a lost connection
        // ends the transaction on the server too).
        rollbackQuietly(c);
        throw new DidNotHappen(e);
      } catch (RuntimeException e) {
        rollbackQuietly(c); // never let the autocommit reset below commit half a transfer
        throw e;
      }
      c.commit();
      return transfer;
    } finally {
      restoreAutocommit(c);
    }
  }

  private void move(Connection c, int account, long delta) throws SQLException {
    try (PreparedStatement update = c.prepareStatement("UPDATE " + table + " SET balance = balance + ? WHERE id = ?")) {
      update.setLong(1, delta);
      update.setInt(2, account);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("account " + account + " is missing");
      }
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      // the connection is gone; the server rolled the transaction back
    }
  }

  private static void restoreAutocommit(Connection c) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      // the runner sees the broken connection on its next use and replaces it
    }
  }

  @Override
  public List<Operation> finalReads() {
    return List.of(new Operation("read", null, true));
  }

  @Override
  public Checker checker() {
    return new BankChecker(ACCOUNTS, ACCOUNTS * INITIAL_BALANCE, false);
  }
}
