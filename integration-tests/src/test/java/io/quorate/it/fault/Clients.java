package io.quorate.it.fault;

import io.quorate.it.fault.history.History;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client threads of a fault run. Each invokes its workload's operations one at a
 * time through its own pgjdbc connection and records invocation and outcome in the
 * history. A client whose operation ended unknown (INFO) continues under a new process
 * number, as in Jepsen: the old operation may still be in flight. Every client stops
 * after {@code maxOpsPerClient} operations or when told to.
 */
final class Clients implements AutoCloseable {

  /** Pause before a client retries a connection that failed (a retry interval, not a wait for a condition). */
  private static final long RECONNECT_PAUSE_MILLIS = 100;

  private final FaultCluster cluster;
  private final Workload workload;
  private final History history;
  private final int count;
  private final long seed;
  private final int maxOpsPerClient;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  /** Exceptions no SQL error explains (a wrong row count, a harness bug): each fails the run. */
  final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();

  Clients(FaultCluster cluster, Workload workload, History history, int count, long seed, int maxOpsPerClient) {
    this.cluster = cluster;
    this.workload = workload;
    this.history = history;
    this.count = count;
    this.seed = seed;
    this.maxOpsPerClient = maxOpsPerClient;
  }

  void start() {
    for (int i = 0; i < count; i++) {
      int first = i;
      threads.add(Thread.ofPlatform().name("client-" + i)
          .uncaughtExceptionHandler((t, e) -> unexpected.add(t.getName() + " died: " + Outcomes.describe(e)))
          .start(() -> runClient(first)));
    }
  }

  private void runClient(int firstProcess) {
    Random random = new Random(seed * 31 + firstProcess);
    int process = firstProcess;
    Connection connection = null;
    for (int done = 0; done < maxOpsPerClient && !stop.get(); done++) {
      if (connection == null) {
        connection = connectOrNull();
        if (connection == null) {
          pause(RECONNECT_PAUSE_MILLIS);
          continue;
        }
      }
      Workload.Operation op = workload.next(random, process);
      Outcome outcome = invoke(connection, firstProcess, process, op);
      if (outcome.connectionLost()) {
        closeQuietly(connection);
        connection = null;
      }
      if (outcome == Outcome.UNKNOWN || outcome == Outcome.UNKNOWN_CONNECTION_LOST) {
        process += count;
      }
      pause(workload.pacingMillis());
    }
    closeQuietly(connection);
  }

  /** How an operation ended, and whether its connection is still usable. */
  enum Outcome {
    OK, FAILED, FAILED_CONNECTION_LOST, UNKNOWN, UNKNOWN_CONNECTION_LOST;

    boolean connectionLost() {
      return this == FAILED_CONNECTION_LOST || this == UNKNOWN_CONNECTION_LOST;
    }
  }

  /** Invokes one operation of client number {@code client} as {@code process} and records it in the history. */
  Outcome invoke(Connection connection, int client, int process, Workload.Operation op) {
    history.invoke(process, op.f(), op.value());
    try {
      history.ok(process, workload.perform(connection, client, op));
      return Outcome.OK;
    } catch (Workload.DidNotHappen e) {
      history.fail(process, e.getMessage());
      boolean lost = (e.getCause() instanceof SQLException s && Outcomes.replaceConnection(s)) || isClosed(connection);
      return lost ? Outcome.FAILED_CONNECTION_LOST : Outcome.FAILED;
    } catch (SQLException e) {
      boolean lost = Outcomes.replaceConnection(e) || isClosed(connection);
      if (op.readOnly() || Outcomes.certainlyFailed(e)) {
        history.fail(process, Outcomes.describe(e));
        return lost ? Outcome.FAILED_CONNECTION_LOST : Outcome.FAILED;
      }
      history.info(process, Outcomes.describe(e));
      return lost ? Outcome.UNKNOWN_CONNECTION_LOST : Outcome.UNKNOWN;
    } catch (RuntimeException e) {
      unexpected.add("client " + process + ", " + op + ": " + Outcomes.describe(e));
      history.info(process, Outcomes.describe(e));
      return Outcome.UNKNOWN_CONNECTION_LOST;
    }
  }

  /**
   * Runs each of the workload's final reads until it succeeds, as process
   * {@code finalProcess}; fails if one does not succeed within {@code patience}.
   */
  void finalReads(int finalProcess, Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    int process = finalProcess;
    for (Workload.Operation op : workload.finalReads()) {
      Outcome outcome = Outcome.FAILED;
      while (outcome != Outcome.OK) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the final read " + op + " did not succeed within " + patience.toSeconds() + " s");
        }
        Connection connection = connectOrNull();
        if (connection == null) {
          pause(RECONNECT_PAUSE_MILLIS);
          continue;
        }
        try {
          outcome = invoke(connection, count, process, op);
        } finally {
          closeQuietly(connection);
        }
        if (outcome != Outcome.OK) {
          process++;
          pause(RECONNECT_PAUSE_MILLIS);
        }
      }
    }
  }

  private Connection connectOrNull() {
    try {
      return cluster.connect();
    } catch (SQLException e) {
      return null;
    }
  }

  private static boolean isClosed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void closeQuietly(Connection c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (SQLException e) {
      // already broken
    }
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tells the clients to stop after their current operation and waits for them. */
  @Override
  public void close() {
    stop.set(true);
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (thread.isAlive()) {
        unexpected.add(thread.getName() + " did not stop within 60 s");
      }
    }
  }
}
