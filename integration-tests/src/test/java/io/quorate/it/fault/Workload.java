package io.quorate.it.fault;

import io.quorate.it.fault.history.Checker;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;

/**
 * What the clients of one fault run do: the tables they use, the operations they
 * invoke, how each runs through pgjdbc, the reads taken once the faults have healed, and
 * the checker that judges the history. Implementations are shared by all client threads.
 */
interface Workload {

  /** One operation to invoke: its kind ({@code f}) and value, as the checker reads them. */
  record Operation(String f, Object value, boolean readOnly) {}

  /** An operation that certainly did not take effect (a failed compare-and-set, a CHECK violation). */
  final class DidNotHappen extends Exception {
    DidNotHappen(String why) {
      super(why, null, false, false);
    }

    /** Did not happen because of {@code cause}, which may also say the connection is unusable. */
    DidNotHappen(SQLException cause) {
      super(Outcomes.describe(cause), cause, false, false);
    }
  }

  /** Creates and fills the workload's tables; runs once, before the clients start. */
  void setUp(Connection c) throws SQLException;

  /** The next operation client {@code process} invokes. */
  Operation next(Random random, int process);

  /**
   * Runs {@code op} for client number {@code client} (fixed for a client thread, unlike
   * its process number) on {@code c}, which is in autocommit mode and left so; returns the
   * completion value. Throws {@link DidNotHappen} for an outcome known not to have taken
   * effect; any {@link SQLException} is judged by {@link Outcomes}.
   */
  Object perform(Connection c, int client, Operation op) throws SQLException, DidNotHappen;

  /** The reads taken after the faults healed, each until it succeeds. */
  List<Operation> finalReads();

  Checker checker();

  /** Milliseconds a client waits between its operations, to keep histories checkable; 0 for none. */
  default long pacingMillis() {
    return 0;
  }
}
