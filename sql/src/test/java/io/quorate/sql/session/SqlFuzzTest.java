package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Proves that random statements over a small mixed-type schema, and mangled copies of
 * them, either run or fail with an {@link SqlException} whose state is not XX000: user
 * input must never reach an engine bug. The run is bounded by a statement count and a
 * time budget; its seed is printed and every failure names it; rerun with
 * {@code -Dquorate.seed=<seed>}. All distinct failures of a run are reported together.
 */
class SqlFuzzTest {

  private static final int STATEMENTS = 5_000;
  private static final long BUDGET_MILLIS = 15_000;
  /** A statement running this long is reported as a hang; the fixtures hold a handful of rows. */
  private static final long STATEMENT_TIMEOUT_MILLIS = 5_000;
  private static final String[] NOISE = {"SELECT", "FROM", "WHERE", "NULL", "AND", "OR", "NOT", "(", ")", ",", "::",
      "*", "-", "'", "1", "''", "GROUP", "BY", "ORDER", "JOIN", "ON", "IN", "CASE", "END", "AS", "integer", ";",
      "LIMIT", "VALUES", "DEFAULT", "ALL", "DISTINCT", "OVER", "[", "]", "$1", "2147483648", "id"};

  private final long seed = Long.getLong("quorate.seed", System.nanoTime());
  private final Random random = new Random(seed);
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final Map<String, Integer> errorStates = new TreeMap<>();

  @Test
  void statementsFailOnlyWithSqlExceptionsThatAreNotInternalErrors() throws Exception {
    System.out.println("SqlFuzzTest seed " + seed + " (rerun with -Dquorate.seed=" + seed + ")");
    RandomStatements generator = new RandomStatements(random);
    Session session = new Engine(new InMemoryKvStore()).openSession();
    for (String setup : RandomStatements.SCHEMA) {
      session.execute(setup);
    }
    ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sql-fuzz");
      thread.setDaemon(true);
      return thread;
    });
    int succeeded = 0;
    int run = 0;
    long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    try {
      for (; run < STATEMENTS && System.currentTimeMillis() < deadline; run++) {
        String sql = generator.statement();
        if (random.nextInt(4) == 0) {
          sql = mutated(sql);
        }
        Outcome outcome = run(worker, session, sql);
        succeeded += outcome == Outcome.OK ? 1 : 0;
        if (outcome == Outcome.HUNG) {
          break;
        }
      }
    } finally {
      worker.shutdownNow();
    }
    System.out.println("SqlFuzzTest: " + succeeded + " of " + run + " statements succeeded, "
        + failures.size() + " distinct failures; errors by SQLSTATE: " + errorStates);
    if (!failures.isEmpty()) {
      fail("seed " + seed + " (rerun with -Dquorate.seed=" + seed + "): " + failures.size()
          + " distinct engine failures:\n\n" + String.join("\n\n", failures.values()));
    }
    assertTrue(succeeded > run / 10 && succeeded < run, "the statements should be a mix of valid and invalid SQL: "
        + succeeded + " of " + run + " succeeded");
  }

  private enum Outcome { OK, SQL_ERROR, BUG, HUNG }

  private Outcome run(ExecutorService worker, Session session, String sql) throws InterruptedException {
    Future<?> future = worker.submit(() -> {
      if (session.transactionStatus() == 'E') {
        session.execute("ROLLBACK");
      }
      session.execute(sql);
    });
    try {
      future.get(STATEMENT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      return Outcome.OK;
    } catch (TimeoutException hang) {
      future.cancel(true);
      record("statement ran over " + STATEMENT_TIMEOUT_MILLIS + " ms", sql, null);
      return Outcome.HUNG;
    } catch (ExecutionException failed) {
      Throwable error = failed.getCause();
      if (error instanceof SqlException sqlError && sqlError.state() != SqlState.INTERNAL_ERROR) {
        errorStates.merge(sqlError.state().code(), 1, Integer::sum);
        return Outcome.SQL_ERROR;
      }
      record(describe(error), sql, error);
      return Outcome.BUG;
    }
  }

  /**
   * The failure's kind: its class, its message with literal values blurred and the engine
   * frame that threw its root cause, so one bug is reported once.
   */
  private static String describe(Throwable error) {
    String message = String.valueOf(error.getMessage()).replaceAll("\"[^\"]*\"", "\"…\"")
        .replaceAll("\\d+", "N");
    String kind = error instanceof SqlException sqlError ? sqlError.state().name() : error.getClass().getName();
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String thrower = Arrays.stream(root.getStackTrace()).filter(f -> f.getClassName().startsWith("io.quorate."))
        .findFirst().map(f -> " at " + f.getClassName() + "." + f.getMethodName()).orElse("");
    return kind + ": " + message + thrower;
  }

  private void record(String kind, String sql, Throwable error) {
    if (failures.containsKey(kind)) {
      return;
    }
    StringWriter trace = new StringWriter();
    if (error != null) {
      error.printStackTrace(new PrintWriter(trace));
    }
    String text = "== " + kind + "\nSQL: " + sql + "\n" + trace;
    failures.put(kind, text.length() > 6_000 ? text.substring(0, 6_000) + "\n…" : text);
  }

  /** The statement with one to three token deletions, duplications, swaps or insertions of noise. */
  private String mutated(String sql) {
    List<String> tokens = new ArrayList<>(Arrays.asList(sql.split(" ")));
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && !tokens.isEmpty(); m++) {
      int at = random.nextInt(tokens.size());
      switch (random.nextInt(5)) {
        case 0 -> tokens.remove(at);
        case 1 -> tokens.add(at, tokens.get(at));
        case 2 -> {
          int other = random.nextInt(tokens.size());
          String swapped = tokens.get(at);
          tokens.set(at, tokens.get(other));
          tokens.set(other, swapped);
        }
        case 3 -> tokens.add(at, NOISE[random.nextInt(NOISE.length)]);
        default -> tokens.set(at, NOISE[random.nextInt(NOISE.length)]);
      }
    }
    return String.join(" ", tokens);
  }
}
