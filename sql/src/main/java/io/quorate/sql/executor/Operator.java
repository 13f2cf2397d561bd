package io.quorate.sql.executor;

/**
 * A running plan node: pulls rows one at a time. Only sort, hash build, aggregation,
 * window and set operations hold rows; everything else streams. One thread.
 */
public interface Operator extends AutoCloseable {

  /** The next row, or null when there are no more. */
  Object[] next();

  @Override
  default void close() {}
}
