package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.node.auth.AuthMethod;
import io.quorate.raft.txn.NoWait;
import io.quorate.raft.txn.StoreException;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A native session's prepared point reads run on the network thread that delivers them,
 * under NoWait; everything else runs on a session worker; and a point read whose read
 * barrier would have waited runs again on the worker and answers as if nothing happened.
 */
class NativeEventLoopReadTest {

  /**
   * Records on which threads, and whether under NoWait, the engine read ("virtual" for a
   * virtual thread, else the thread's name); refuses reads under NoWait when asked.
   */
  static final class WatchedStore implements KvStore {
    final KvStore inner = new InMemoryKvStore();
    final List<String> noWaitReads = new CopyOnWriteArrayList<>();
    final List<String> waitingReads = new CopyOnWriteArrayList<>();
    final AtomicInteger refuse = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    @Override
    public KvTransaction begin(KvIsolation isolation, boolean readOnly) {
      KvTransaction txn = inner.begin(isolation, readOnly);
      return new KvTransaction() {
        private void reading() {
          String thread = Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName();
          if (!NoWait.onThisThread()) {
            waitingReads.add(thread);
            return;
          }
          noWaitReads.add(thread);
          if (refuse.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            refused.incrementAndGet();
            throw new StoreException(StoreException.Kind.WOULD_WAIT, "the test's read barrier would wait");
          }
        }

        @Override
        public KvIsolation isolation() {
          return txn.isolation();
        }

        @Override
        public boolean readOnly() {
          return txn.readOnly();
        }

        @Override
        public void startStatement() {
          txn.startStatement();
        }

        @Override
        public byte[] get(byte[] key) {
          reading();
          return txn.get(key);
        }

        @Override
        public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
          reading();
          return txn.scan(startInclusive, endExclusive, reverse);
        }

        @Override
        public byte[] lockForUpdate(byte[] key) {
          return txn.lockForUpdate(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
          txn.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
          txn.delete(key);
        }

        @Override
        public void commit() {
          txn.commit();
        }

        @Override
        public void abort() {
          txn.abort();
        }
      };
    }
  }

  private final WatchedStore store = new WatchedStore();
  private NativeAndPgServer server;
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    server = new NativeAndPgServer(AuthMethod.SCRAM_SHA_256, store, false); // grpc-java's server
    connection = server.connectNative();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kv (k integer PRIMARY KEY, v bigint NOT NULL)");
      statement.execute("INSERT INTO kv VALUES (1, 10), (2, 20), (3, 30)");
    }
  }

  @AfterEach
  void stop() throws Exception {
    connection.close();
    server.close();
  }

  private static long read(PreparedStatement statement, int key) throws SQLException {
    statement.setInt(1, key);
    try (ResultSet rows = statement.executeQuery()) {
      assertTrue(rows.next());
      return rows.getLong(1);
    }
  }

  @Test
  void pointReadsRunOnTheNetworkThreadAndTheRestOnWorkers() throws Exception {
    try (PreparedStatement point = connection.prepareStatement("SELECT v FROM kv WHERE k = ?");
        PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM kv WHERE k >= ?")) {
      assertEquals(10, read(point, 1)); // first run: prepared and planned on a worker
      store.noWaitReads.clear();
      store.waitingReads.clear();
      assertEquals(20, read(point, 2));
      assertEquals(30, read(point, 3));
      assertTrue(!store.noWaitReads.isEmpty() && store.waitingReads.isEmpty(),
          "point reads ran under NoWait only: " + store.noWaitReads + " / " + store.waitingReads);
      assertTrue(store.noWaitReads.stream().allMatch(thread -> thread.startsWith("grpc-network-")),
          "on the network thread (NetworkLoops): " + store.noWaitReads);

      store.noWaitReads.clear();
      assertEquals(3, read(count, 1));
      assertEquals(3, read(count, 1));
      assertTrue(store.noWaitReads.isEmpty(), "a scan never runs under NoWait: " + store.noWaitReads);
      assertTrue(store.waitingReads.stream().allMatch(thread -> thread.startsWith("sql-session-")),
          "a scan runs on a session worker: " + store.waitingReads);
    }
  }

  @Test
  void aPointReadThatWouldWaitRunsAgainOnAWorker() throws Exception {
    try (PreparedStatement point = connection.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
      assertEquals(10, read(point, 1));
      store.waitingReads.clear();
      store.refuse.set(1);
      assertEquals(20, read(point, 2));
      assertEquals(1, store.refused.get(), "the read on the network thread was refused once");
      assertTrue(!store.waitingReads.isEmpty()
              && store.waitingReads.stream().allMatch(thread -> thread.startsWith("sql-session-")),
          "then ran on a session worker: " + store.waitingReads);
      assertEquals(30, read(point, 3), "the session goes on normally");
    }
  }

  @Test
  void aPointReadThatWouldNowPlanAsAScanRunsOnAWorker() throws Exception {
    try (PreparedStatement point = connection.prepareStatement("SELECT v FROM kv WHERE k = ?");
        Statement statement = connection.createStatement()) {
      assertEquals(10, read(point, 1));
      assertEquals(20, read(point, 2));
      statement.execute("CREATE SCHEMA other");
      statement.execute("CREATE TABLE other.kv (k integer, v bigint)"); // no primary key: a scan
      statement.execute("INSERT INTO other.kv VALUES (2, 200)");
      statement.execute("SET search_path = other, public");
      store.waitingReads.clear();
      assertEquals(200, read(point, 2));
      assertTrue(!store.waitingReads.isEmpty()
              && store.waitingReads.stream().allMatch(thread -> thread.startsWith("sql-session-")),
          "the scan ran on a session worker: " + store.waitingReads);
    }
  }
}
