package io.quorate.bench.engine;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** Queries that read whole tables: filtered aggregate, join with aggregate, ORDER BY ... LIMIT. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class AnalyticBenchmarks {

  /**
   * big(id, a, b) with 1M rows: a = 37 id mod 1000, b = 7919 id mod 1000003. 1000003 is
   * prime, so b is distinct per row and the top ten by b is one answer in both engines.
   */
  public static class BigTable extends DatabaseState {
    final long rows = scaled(1_000_000);
    Database.Prepared filteredAggregate;
    Database.Prepared orderByLimit;

    @Override
    protected void load() {
      database.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b INTEGER NOT NULL)");
      insertRows("big", "g, (g * 37) % 1000, (CAST(g AS BIGINT) * 7919) % 1000003", rows);
      filteredAggregate = database.prepare("SELECT count(*), sum(b) FROM big WHERE a % 10 = 3");
      orderByLimit = database.prepare("SELECT id FROM big ORDER BY b DESC LIMIT 10");
      checkAnswers();
    }

    private void checkAnswers() {
      long count = 0;
      long sum = 0;
      long[] byB = new long[(int) rows];
      for (long id = 1; id <= rows; id++) {
        long b = id * 7919 % 1000003;
        if (id * 37 % 1000 % 10 == 3) {
          count++;
          sum += b;
        }
        byB[(int) id - 1] = (b << 21) | id;
      }
      long[] expected = {count, sum};
      List<long[]> aggregate = filteredAggregate.query();
      check(aggregate.size() == 1 && Arrays.equals(aggregate.get(0), expected),
          () -> "filtered aggregate gave " + describe(aggregate) + ", expected " + Arrays.toString(expected));
      Arrays.sort(byB);
      long[] topIds = new long[10];
      for (int i = 0; i < 10; i++) {
        topIds[i] = byB[byB.length - 1 - i] & ((1L << 21) - 1);
      }
      List<long[]> top = orderByLimit.query();
      long[] ids = top.stream().mapToLong(row -> row[0]).toArray();
      check(Arrays.equals(ids, topIds), () -> "ORDER BY b DESC LIMIT 10 gave " + Arrays.toString(ids)
          + ", expected " + Arrays.toString(topIds));
    }
  }

  /**
   * facts(id, dim_id) with 100k rows and dims(id, w) with 10k rows; dim_id ranges over
   * 1.2 times the dims ids, so about one fact in six has no match.
   */
  public static class JoinTables extends DatabaseState {
    final long factRows = scaled(100_000);
    final long dimRows = scaled(10_000);
    Database.Prepared joinAggregate;

    @Override
    protected void load() {
      long dimIdRange = dimRows * 6 / 5;
      database.execute("CREATE TABLE facts (id INTEGER PRIMARY KEY, dim_id INTEGER NOT NULL);"
          + " CREATE TABLE dims (id INTEGER PRIMARY KEY, w INTEGER NOT NULL)");
      insertRows("facts", "g, (g * 7) % " + dimIdRange + " + 1", factRows);
      insertRows("dims", "g, g % 100", dimRows);
      joinAggregate = database.prepare("SELECT count(*), sum(dims.w) FROM facts JOIN dims ON facts.dim_id = dims.id");
      long count = 0;
      long sum = 0;
      for (long id = 1; id <= factRows; id++) {
        long dimId = id * 7 % dimIdRange + 1;
        if (dimId <= dimRows) {
          count++;
          sum += dimId % 100;
        }
      }
      long[] expected = {count, sum};
      List<long[]> answer = joinAggregate.query();
      check(answer.size() == 1 && Arrays.equals(answer.get(0), expected),
          () -> "join aggregate gave " + describe(answer) + ", expected " + Arrays.toString(expected));
    }
  }

  @Benchmark
  public List<long[]> filteredAggregate(BigTable table) {
    return table.filteredAggregate.query();
  }

  @Benchmark
  public List<long[]> joinAggregate(JoinTables table) {
    return table.joinAggregate.query();
  }

  @Benchmark
  public List<long[]> orderByLimit(BigTable table) {
    return table.orderByLimit.query();
  }
}
