package io.quorate.bench.engine;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One engine's database with a workload's tables loaded before measuring. JMH runs each
 * benchmark once per engine in its own fork, so only that workload's data is loaded.
 */
@State(Scope.Benchmark)
public abstract class DatabaseState {

  /** Rows per INSERT ... SELECT while loading, so no engine holds a million-row transaction. */
  private static final long LOAD_CHUNK_ROWS = 100_000;

  @Param({"quorate", "h2"})
  public String engine;

  protected Database database;

  @Setup(Level.Trial)
  public void open() {
    database = switch (engine) {
      case "quorate" -> new QuorateDatabase();
      case "h2" -> new H2Database();
      default -> throw new IllegalArgumentException("unknown engine " + engine + "; use quorate or h2");
    };
    load();
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }

  /** Creates and fills the workload's tables and prepares its statements; checks one answer. */
  protected abstract void load();

  /** Fills {@code table} with {@code SELECT selectList} for g = 1 .. rows, in chunks. */
  protected void insertRows(String table, String selectList, long rows) {
    for (long first = 1; first <= rows; first += LOAD_CHUNK_ROWS) {
      database.insertSeries(table, selectList, first, Math.min(rows, first + LOAD_CHUNK_ROWS - 1));
    }
  }

  /** Fails the trial when an engine answers a workload wrongly: a fast wrong answer measures nothing. */
  protected void check(boolean condition, Supplier<String> message) {
    if (!condition) {
      throw new IllegalStateException(engine + ": " + message.get());
    }
  }

  /** Rows as text for a failed check. */
  static String describe(List<long[]> rows) {
    return rows.stream().map(Arrays::toString).toList().toString();
  }

  /**
   * Row counts scaled by the system property {@code quorate.bench.scale} (1 by default;
   * {@code --quick} sets 0.01), never below 100.
   */
  static long scaled(long rows) {
    double scale = Double.parseDouble(System.getProperty("quorate.bench.scale", "1"));
    return Math.max(100, Math.round(rows * scale));
  }
}
