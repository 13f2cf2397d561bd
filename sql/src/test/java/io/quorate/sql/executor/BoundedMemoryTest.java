package io.quorate.sql.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scans, filters and aggregates stream: a query over far more rows than the heap could
 * hold at once runs in a JVM with a 64 MiB heap. Rows come from generate_series, which
 * streams like a table's KV cursor and needs no store to hold them. The control query
 * sorts the same rows, which must hold them all, and fails in that heap: without it, a
 * heap large enough for everything would make the first check pass for any executor.
 */
class BoundedMemoryTest {

  private static final long ROWS = 5_000_000;
  private static final String HEAP = "-Xmx64m";

  /** Runs one query in this JVM and prints its rows; the test runs it in a child JVM. */
  public static void main(String[] args) {
    Session session = new Engine(new InMemoryKvStore()).openSession();
    for (Object[] row : session.execute(args[0]).get(0).rows()) {
      System.out.println(Arrays.toString(row));
    }
  }

  @Test
  void aFilteredAggregateOverFiveMillionRowsRunsInA64MiBHeap() throws Exception {
    Result result = runInSmallHeap("SELECT count(*), sum(g), max(g % 1000) FROM generate_series(1, " + ROWS
        + ") AS g WHERE g % 10 = 3");
    long expectedCount = ROWS / 10;
    long expectedSum = 0;
    for (long g = 3; g <= ROWS; g += 10) {
      expectedSum += g;
    }
    assertEquals(0, result.exitCode(), result::output);
    assertEquals("[" + expectedCount + ", " + expectedSum + ", 993]", result.output().strip());
  }

  @Test
  void sortingTheSameRowsDoesNotFitThatHeap() throws Exception {
    Result result = runInSmallHeap("SELECT g FROM generate_series(1, " + ROWS + ") AS g ORDER BY g DESC LIMIT "
        + ROWS + " OFFSET " + (ROWS - 1));
    // the session turns the OutOfMemoryError into SQLSTATE 53200, "out of memory"
    assertTrue(result.exitCode() != 0 && result.output().contains("SqlException: out of memory"),
        () -> "the control query was expected to run out of memory; exit " + result.exitCode() + ": "
            + result.output());
  }

  private record Result(int exitCode, String output) {}

  private static Result runInSmallHeap(String sql) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(List.of(java.toString(), HEAP, "-cp", System.getProperty("java.class.path"),
        BoundedMemoryTest.class.getName(), sql))
        .redirectErrorStream(true)
        .start();
    try {
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("the child JVM did not finish in 120 s");
      }
      return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
    }
  }
}
