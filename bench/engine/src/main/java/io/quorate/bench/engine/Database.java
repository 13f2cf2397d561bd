package io.quorate.bench.engine;

import java.util.List;

/**
 * The few operations the workloads need, so that one benchmark method drives both engines
 * with the same SQL. SQL is written with PostgreSQL's {@code $n} parameters; every
 * parameter is an integer key. Not thread-safe: one benchmark thread uses it.
 */
interface Database extends AutoCloseable {

  /** Runs DDL or DML with no parameters (one statement or several separated by ';'). */
  void execute(String sql);

  /**
   * Inserts {@code INSERT INTO table SELECT selectList} for each {@code g} from
   * {@code first} to {@code last}, in one statement: the one place where the engines'
   * SQL differs (generate_series vs SYSTEM_RANGE).
   */
  void insertSeries(String table, String selectList, long first, long last);

  /** Parses and plans {@code sql} once for repeated execution. */
  Prepared prepare(String sql);

  @Override
  void close();

  /** A prepared statement of one engine. */
  interface Prepared {

    /** Runs a query; every result value must be a number and is returned as a long. */
    List<long[]> query(long... parameters);

    /** Runs DML and returns the number of rows it changed. */
    long update(long... parameters);
  }
}
