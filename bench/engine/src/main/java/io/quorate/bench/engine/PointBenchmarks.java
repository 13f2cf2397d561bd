package io.quorate.bench.engine;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Single-row statements, prepared once, each autocommitted: point select, point update, insert. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PointBenchmarks {

  /** kv(k, v) with 100k rows, v = 10 k; keys are drawn uniformly with a fixed seed. */
  public static class KeyValueTable extends DatabaseState {
    final long rows = scaled(100_000);
    final SplittableRandom random = new SplittableRandom(42);
    Database.Prepared select;
    Database.Prepared update;

    @Override
    protected void load() {
      database.execute("CREATE TABLE kv (k INTEGER PRIMARY KEY, v BIGINT NOT NULL)");
      insertRows("kv", "g, CAST(g AS BIGINT) * 10", rows);
      select = database.prepare("SELECT v FROM kv WHERE k = $1");
      update = database.prepare("UPDATE kv SET v = v + 1 WHERE k = $1");
      List<long[]> answer = select.query(rows);
      check(answer.size() == 1 && answer.get(0)[0] == rows * 10,
          () -> "SELECT v FROM kv WHERE k = " + rows + " gave " + describe(answer));
    }

    long randomKey() {
      return random.nextLong(1, rows + 1);
    }
  }

  /** t(k, v), empty at the start of the trial; keys increase by one per insert. */
  public static class EmptyTable extends DatabaseState {
    Database.Prepared insert;
    long lastKey;

    @Override
    protected void load() {
      database.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v BIGINT NOT NULL)");
      insert = database.prepare("INSERT INTO t VALUES ($1, $2)");
    }
  }

  @Benchmark
  public List<long[]> pointSelect(KeyValueTable table) {
    return table.select.query(table.randomKey());
  }

  @Benchmark
  public long pointUpdate(KeyValueTable table) {
    return table.update.update(table.randomKey());
  }

  @Benchmark
  public long insert(EmptyTable table) {
    table.lastKey++;
    return table.insert.update(table.lastKey, table.lastKey);
  }
}
