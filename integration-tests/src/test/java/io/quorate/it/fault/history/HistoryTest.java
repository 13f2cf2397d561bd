package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  /** Proves that pairs() matches interleaved invocations with their own outcomes. */
  @Test
  void pairsMatchEachInvocationWithItsOwnOutcome() {
    History history = new History();
    history.invoke(1, "add", 10L);
    history.invoke(2, "add", 20L);
    history.invoke(3, "read", null);
    history.fail(2, "constraint");
    history.ok(1, null);
    history.info(3, "connection lost");
    history.invoke(3, "add", 30L);
    history.invoke(2, "add", 40L);
    history.ok(2, null);

    List<History.Pair> pairs = history.pairs();

    assertEquals(5, pairs.size());
    assertPair(pairs.get(0), 0, 4, Op.Type.OK, "add", 10L);
    assertPair(pairs.get(1), 1, 3, Op.Type.FAIL, "add", 20L);
    assertPair(pairs.get(2), 2, 5, Op.Type.INFO, "read", null);
    assertNull(pairs.get(3).completion(), "p3's second operation is still in flight");
    assertPair(pairs.get(4), 7, 8, Op.Type.OK, "add", 40L);
    assertEquals("connection lost", pairs.get(2).result());
  }

  /** Proves that isOk, isFail and isUnknown classify each outcome, a missing one as unknown. */
  @Test
  void pairOutcomesAreClassified() {
    History history = new History();
    for (int process = 0; process < 4; process++) {
      history.invoke(process, "write", process);
    }
    history.ok(0, null);
    history.fail(1, null);
    history.info(2, null);

    List<History.Pair> pairs = history.pairs();

    assertTrue(pairs.get(0).isOk() && !pairs.get(0).isFail() && !pairs.get(0).isUnknown());
    assertTrue(pairs.get(1).isFail() && !pairs.get(1).isOk() && !pairs.get(1).isUnknown());
    assertTrue(pairs.get(2).isUnknown() && !pairs.get(2).isOk() && !pairs.get(2).isFail());
    assertTrue(pairs.get(3).isUnknown(), "no outcome recorded counts as unknown");
  }

  /** Proves that an outcome carries its invocation's name and process, and indices count up from 0. */
  @Test
  void outcomesCopyTheInvocationsNameAndIndicesAreSequential() {
    History history = new History();
    Op invoke = history.invoke(7, "transfer", new Transfer(0, 1, 5));
    Op ok = history.ok(7, null);

    assertEquals(0, invoke.index());
    assertEquals(1, ok.index());
    assertEquals("transfer", ok.f());
    assertEquals(7, ok.process());
    assertEquals(Op.Type.OK, ok.type());
    assertTrue(ok.timeNanos() >= invoke.timeNanos());
    assertEquals(List.of(invoke, ok), history.ops());
  }

  /** Proves that a second invocation while one is in flight is rejected as a harness bug. */
  @Test
  void invokingWithAnOperationInFlightThrows() {
    History history = new History();
    history.invoke(1, "add", 1L);

    assertThrows(IllegalStateException.class, () -> history.invoke(1, "add", 2L));
    assertEquals(1, history.ops().size(), "the rejected invocation is not recorded");
  }

  /** Proves that completing a process with nothing in flight is rejected, also after an outcome. */
  @Test
  void completingWithNothingInFlightThrows() {
    History history = new History();

    assertThrows(IllegalStateException.class, () -> history.ok(1, null));
    history.invoke(1, "add", 1L);
    history.info(1, null);
    assertThrows(IllegalStateException.class, () -> history.fail(1, null));
    assertThrows(IllegalStateException.class, () -> history.info(1, null));
  }

  /** Proves that ops() is a snapshot that later recording does not change. */
  @Test
  void opsIsASnapshot() {
    History history = new History();
    history.invoke(1, "read", null);
    List<Op> snapshot = history.ops();
    history.ok(1, 5L);

    assertEquals(1, snapshot.size());
    assertEquals(2, history.ops().size());
  }

  /** Proves that writeTo writes one readable line per event, creating missing directories. */
  @Test
  void writeToWritesOneLinePerEvent(@TempDir Path directory) throws Exception {
    History history = new History();
    history.invoke(2, "cas", new Cas(4, 1, 2));
    history.invoke(3, "read", new KeyValue(4, null));
    history.ok(2, null);
    history.info(3, "timeout");
    Path file = directory.resolve("run-1/history.txt");

    history.writeTo(file);

    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).matches("\\s*0\\s+0\\.000 ms\\s+p2\\s+INVOKE\\s+cas\\s+k4 1->2"),
        lines.get(0));
    assertTrue(lines.get(1).matches("\\s*1\\s+\\d+\\.\\d{3} ms\\s+p3\\s+INVOKE\\s+read\\s+k4=null"),
        lines.get(1));
    assertTrue(lines.get(3).matches("\\s*3\\s+\\d+\\.\\d{3} ms\\s+p3\\s+INFO\\s+read\\s+timeout"),
        lines.get(3));
  }

  /**
   * Proves that concurrent recording loses no event and that each thread's events pair up:
   * eight threads, each its own process, record 1,000 operations each.
   */
  @Test
  void concurrentRecordingKeepsEveryEventAndPairing() throws Exception {
    History history = new History();
    int threads = 8;
    int opsPerThread = 1_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int process = t;
        futures.add(pool.submit(() -> {
          for (long i = 0; i < opsPerThread; i++) {
            history.invoke(process, "add", process * 1_000_000L + i);
            history.ok(process, null);
          }
        }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<Op> ops = history.ops();
    assertEquals(2 * threads * opsPerThread, ops.size());
    for (int i = 0; i < ops.size(); i++) {
      assertEquals(i, ops.get(i).index(), "indices follow recording order");
    }
    for (History.Pair pair : history.pairs()) {
      assertTrue(pair.isOk(), pair::toString);
      assertEquals(pair.invoke().process(), pair.completion().process());
      assertTrue(pair.completion().index() > pair.invoke().index());
    }
  }

  /** Proves that a pair's description names the process, operation, outcome and event indices. */
  @Test
  void pairDescriptionNamesItsEvents() {
    History history = new History();
    history.invoke(3, "add", 7L);
    history.invoke(4, "read", null);
    history.ok(3, null);
    history.ok(4, Set.of(7L));
    history.invoke(5, "add", 8L);

    List<History.Pair> pairs = history.pairs();

    assertEquals("p3 add 7 -> OK [#0..#2]", pairs.get(0).toString());
    assertEquals("p4 read -> OK [7] [#1..#3]", pairs.get(1).toString());
    assertEquals("p5 add 8 -> no outcome [#4..]", pairs.get(2).toString());
  }

  private static void assertPair(
      History.Pair pair, int invokeIndex, int completionIndex, Op.Type outcome, String f,
      Object argument) {
    assertEquals(invokeIndex, pair.invoke().index(), pair::toString);
    assertEquals(completionIndex, pair.completion().index(), pair::toString);
    assertEquals(outcome, pair.completion().type(), pair::toString);
    assertEquals(f, pair.completion().f(), pair::toString);
    assertEquals(argument, pair.argument(), pair::toString);
    assertEquals(Op.Type.INVOKE, pair.invoke().type(), pair::toString);
  }
}
