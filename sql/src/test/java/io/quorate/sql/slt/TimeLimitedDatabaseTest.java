package io.quorate.sql.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A statement that never returns cannot hold a file past its time limit. */
class TimeLimitedDatabaseTest {

  /** Answers every statement at once, except {@code hang}, which waits until interrupted. */
  private static final class HangingDatabase implements SltDatabase {
    private final CountDownLatch never = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @Override
    public SltConnection connect() {
      return new SltConnection() {
        @Override
        public SltResult execute(String sql) {
          if (sql.equals("hang")) {
            try {
              never.await();
            } catch (InterruptedException e) {
              interrupted.countDown();
            }
          }
          return new SltResult(List.of());
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void restart() {}

    @Override
    public void close() {}
  }

  @Test
  void hungStatementFailsAndTheRestIsNotRun() throws InterruptedException {
    HangingDatabase hanging = new HangingDatabase();
    Duration limit = Duration.ofMillis(300);
    String text = """
        statement ok
        fast

        statement ok
        hang

        statement ok
        fast

        statement ok
        fast
        """;
    SltFileResult result;
    long deadline = System.nanoTime() + limit.toNanos();
    try (SltDatabase database = new TimeLimitedDatabase(hanging, deadline)) {
      result = new SltRunner(Set.of("quorate"), limit).run(database, "f.test", text);
    }
    assertEquals(1, result.passed());
    assertEquals(3, result.failed());
    assertTrue(result.failures().get(0).startsWith("f.test:4: engine threw "
        + "java.lang.IllegalStateException: statement still running"), result.failures().get(0));
    assertTrue(hanging.interrupted.await(10, TimeUnit.SECONDS),
        "the hung statement's thread is interrupted");
  }
}
