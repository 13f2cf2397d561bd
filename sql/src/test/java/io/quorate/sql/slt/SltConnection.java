package io.quorate.sql.slt;

/** One session of an {@link SltDatabase}; the runner uses it from one thread at a time. */
public interface SltConnection extends AutoCloseable {

  /**
   * Runs one SQL text (may hold several ;-separated statements); returns the LAST
   * statement's result, or throws SltError for the first statement that failed.
   */
  SltResult execute(String sql) throws SltError;

  @Override
  void close();
}
