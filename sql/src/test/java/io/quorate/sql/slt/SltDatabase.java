package io.quorate.sql.slt;

/**
 * A database the runner drives. Implementations adapt an engine (in memory, one node, a
 * cluster over JDBC); the runner never depends on which.
 */
public interface SltDatabase extends AutoCloseable {

  /** Opens a new session (connection). */
  SltConnection connect();

  /**
   * Simulates a server restart: every open connection becomes unusable, committed data
   * stays. The runner reconnects its named connections afterwards.
   */
  void restart();

  @Override
  void close();
}
