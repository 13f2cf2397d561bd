package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

  private static final int KEY = 1;

  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  /** Proves that sequential reads, writes and compare-and-sets that follow the register are valid. */
  @Test
  void sequentialOperationsFollowingTheRegisterAreValid() {
    History history = new History();
    read(history, 1, null);
    write(history, 1, 1);
    read(history, 2, 1);
    cas(history, 2, 1, 2);
    read(history, 1, 2);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(5L, result.stats().get("ops"));
  }

  /** Proves that a read concurrent with a write may return the old or the new value. */
  @Test
  void readConcurrentWithAWriteMaySeeEitherValue() {
    for (Integer seen : new Integer[] {null, 1}) {
      History history = new History();
      history.invoke(1, "write", new KeyValue(KEY, 1));
      history.invoke(2, "read", new KeyValue(KEY, null));
      history.ok(2, new KeyValue(KEY, seen));
      history.ok(1, null);

      CheckResult result = checker.check(history);

      assertTrue(result.valid(), () -> "read " + seen + ": " + result);
    }
  }

  /** Proves that two concurrent writes may take effect in either order. */
  @Test
  void concurrentWritesMayTakeEffectInEitherOrder() {
    for (int last : new int[] {1, 2}) {
      History history = new History();
      history.invoke(1, "write", new KeyValue(KEY, 1));
      history.invoke(2, "write", new KeyValue(KEY, 2));
      history.ok(2, null);
      history.ok(1, null);
      read(history, 3, last);
      read(history, 3, last);

      CheckResult result = checker.check(history);

      assertTrue(result.valid(), () -> "last write " + last + ": " + result);
    }
  }

  /** Proves that a write of unknown outcome explains a later read of its value. */
  @Test
  void unknownWriteExplainsALaterRead() {
    History history = new History();
    write(history, 1, 1);
    history.invoke(1, "write", new KeyValue(KEY, 2));
    history.info(1, "connection lost during commit");
    read(history, 2, 2);
    read(history, 2, 2);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(1L, result.stats().get("unknown"));
  }

  /** Proves that operations of unknown outcome may take effect late, after later reads. */
  @Test
  void unknownOutcomesMayTakeEffectLate() {
    History history = new History();
    write(history, 1, 1);
    history.invoke(1, "write", new KeyValue(KEY, 2));
    history.info(1, "timeout");
    history.invoke(3, "cas", new Cas(KEY, 2, 3)); // never completes
    read(history, 2, 1);
    read(history, 2, 2);
    read(history, 2, 3);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(2L, result.stats().get("unknown"));
  }

  /** Proves that a compare-and-set of unknown outcome counts as observing the value it expects. */
  @Test
  void unknownWriteExpectedByACasIsKept() {
    History history = new History();
    write(history, 1, 1);
    history.invoke(1, "write", new KeyValue(KEY, 2));
    history.info(1, "timeout");
    history.invoke(1, "write", new KeyValue(KEY, 9));
    history.info(1, "timeout"); // nothing reads or expects 9: left out before the search
    cas(history, 2, 2, 3);
    read(history, 2, 3);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(2L, result.stats().get("unknown"));
    assertEquals(1L, result.stats().get("unknownUnobserved"));
  }

  /** Proves that a read after a completed write must not return the value before it. */
  @Test
  void staleReadAfterACompletedWriteIsAViolation() {
    History history = new History();
    write(history, 1, 1);
    write(history, 1, 2);
    read(history, 2, 1);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(List.of("key 1 is not linearizable: p2 read 1 [#4..#5] cannot take effect"
        + " before it returned (tried with the register at [2]); the longest linearizable"
        + " prefix has 2 of 3 ops, ending p1 write 1 [#0..#1], p1 write 2 [#2..#3],"
        + " leaving the register at 2"), result.anomalies());
    assertEquals(1L, result.stats().get("nonLinearizableKeys"));
  }

  /** Proves that a read of a value nobody wrote is a violation. */
  @Test
  void readOfANeverWrittenValueIsAViolation() {
    History history = new History();
    history.invoke(1, "write", new KeyValue(KEY, 1));
    read(history, 2, 7);
    history.ok(1, null);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertTrue(result.anomalies().get(0).startsWith("key 1 is not linearizable: p2 read 7"),
        result::toString);
  }

  /** Proves that two concurrent writes cannot be read back first in one order and then the other. */
  @Test
  void concurrentWritesReadBackInAnImpossibleOrderAreAViolation() {
    History history = new History();
    history.invoke(1, "write", new KeyValue(KEY, 1));
    history.invoke(2, "write", new KeyValue(KEY, 2));
    history.ok(1, null);
    history.ok(2, null);
    read(history, 3, 1);
    read(history, 3, 2);

    CheckResult result = checker.check(history);

    assertFalse(result.valid(), result::toString);
  }

  /** Proves that a compare-and-set cannot succeed against a value the register did not hold. */
  @Test
  void casSucceedingAgainstTheWrongValueIsAViolation() {
    History history = new History();
    write(history, 1, 1);
    cas(history, 2, 5, 6);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertTrue(result.anomalies().get(0).contains("p2 cas 5->6 [#2..#3] cannot take effect"
        + " before it returned (tried with the register at [1])"), result::toString);
  }

  /** Proves that a compare-and-set cannot succeed on a register that was never written. */
  @Test
  void casSucceedingOnAnAbsentRegisterIsAViolation() {
    History history = new History();
    cas(history, 1, 0, 1);

    assertFalse(checker.check(history).valid());
  }

  /** Proves that failed operations did not happen: a failed write's value must not be read. */
  @Test
  void failedWriteReadBackIsAViolation() {
    History history = new History();
    write(history, 1, 1);
    history.invoke(1, "write", new KeyValue(KEY, 2));
    history.fail(1, "serialization failure");
    read(history, 2, 2);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("failed"));
  }

  /** Proves that failed compare-and-sets and reads without a result are left out. */
  @Test
  void failedCasAndUnansweredReadsAreLeftOut() {
    History history = new History();
    write(history, 1, 1);
    history.invoke(2, "cas", new Cas(KEY, 1, 2));
    history.fail(2, "compare failed"); // wrongly, but failures say nothing
    history.invoke(3, "read", new KeyValue(KEY, null));
    history.info(3, new KeyValue(KEY, 99));
    history.invoke(3, "read", new KeyValue(KEY, null));
    history.fail(3, "no primary");
    read(history, 2, 1);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(2L, result.stats().get("failed"), "a failed cas and a failed read");
    assertEquals(1L, result.stats().get("readsWithoutResult"));
  }

  /** Proves that registers are checked independently and a violation names only its own key. */
  @Test
  void keysAreCheckedIndependently() {
    History history = new History();
    history.invoke(1, "write", new KeyValue(7, 1));
    history.ok(1, null);
    history.invoke(2, "read", new KeyValue(8, null));
    history.ok(2, new KeyValue(8, 1)); // 1 was written to key 7, not 8
    history.invoke(2, "read", new KeyValue(7, null));
    history.ok(2, new KeyValue(7, 1));

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(2L, result.stats().get("keys"));
    assertEquals(1, result.anomalies().size(), result::toString);
    assertTrue(result.anomalies().get(0).startsWith("key 8 is not linearizable"),
        result::toString);
  }

  /** Proves that an exhausted step budget makes the result invalid as undecided, never valid. */
  @Test
  void exhaustedBudgetIsUndecidedNotValid() {
    History history = RegisterSimulation.linearizable(42, 5, 1, 100);

    CheckResult result = new LinearizabilityChecker(10).check(history);

    assertFalse(result.valid());
    assertTrue(result.anomalies().get(0).startsWith(
        "undecided: search budget exhausted for key 0 after 10 steps"), result::toString);
    assertEquals(1L, result.stats().get("undecidedKeys"));
  }

  /** Proves that an empty history is linearizable. */
  @Test
  void emptyHistoryIsValid() {
    assertTrue(checker.check(new History()).valid());
  }

  /** Proves that a read answering for another key, or a value of the wrong type, is a harness bug. */
  @Test
  void malformedHistoriesAreHarnessBugs() {
    History otherKey = new History();
    otherKey.invoke(1, "read", new KeyValue(1, null));
    otherKey.ok(1, new KeyValue(2, 5));
    assertThrows(IllegalArgumentException.class, () -> checker.check(otherKey));

    History integerWrite = new History();
    integerWrite.invoke(1, "write", 5);
    integerWrite.ok(1, null);
    assertThrows(IllegalArgumentException.class, () -> checker.check(integerWrite));
  }

  /**
   * Proves that random linearizable histories of 300 operations from 5 and from 10
   * concurrent processes, with failures and unknown outcomes, are judged linearizable well
   * within the step budget.
   */
  @Test
  void randomLinearizableHistoriesPass() {
    for (int processes : new int[] {5, 10}) {
      for (long seed = 1; seed <= 10; seed++) {
        History history = RegisterSimulation.linearizable(seed, processes, 1, 300);

        CheckResult result = checker.check(history);

        String context = "seed " + seed + ", " + processes + " processes: " + result;
        assertTrue(result.valid(), context);
        assertTrue(result.stats().get("maxStepsPerKey")
            < LinearizabilityChecker.DEFAULT_STEP_BUDGET_PER_KEY / 10, context);
      }
    }
  }

  /**
   * Proves that histories where a fifth of the operations end with an unknown outcome, as
   * under a long partition, are still decided quickly.
   */
  @Test
  void randomHistoriesWithManyUnknownOutcomesAreDecided() {
    for (long seed = 1; seed <= 5; seed++) {
      History history = RegisterSimulation.linearizable(seed, 0.2, 10, 1, 300);

      CheckResult result = checker.check(history);

      String context = "seed " + seed + ": " + result;
      assertTrue(result.valid(), context);
      assertTrue(result.stats().get("unknown") >= 40, context);
      assertTrue(result.stats().get("maxStepsPerKey")
          < LinearizabilityChecker.DEFAULT_STEP_BUDGET_PER_KEY / 10, context);
    }
  }

  /** Proves that a random linearizable history over several keys passes too. */
  @Test
  void randomLinearizableHistoryOverSeveralKeysPasses() {
    long seed = 7;
    History history = RegisterSimulation.linearizable(seed, 8, 4, 1_000);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), () -> "seed " + seed + ": " + result);
    assertEquals(4L, result.stats().get("keys"), () -> "seed " + seed + ": " + result);
  }

  /** Proves that the same random histories with one planted stale read fail. */
  @Test
  void randomHistoriesWithOneStaleReadFail() {
    for (long seed = 1; seed <= 10; seed++) {
      History history = RegisterSimulation.withOneStaleRead(seed, 5, 1, 300);

      CheckResult result = checker.check(history);

      String context = "seed " + seed + ": " + result;
      assertFalse(result.valid(), context);
      assertEquals(1L, result.stats().get("nonLinearizableKeys"), context);
    }
  }

  private static void read(History history, int process, Integer value) {
    history.invoke(process, "read", new KeyValue(KEY, null));
    history.ok(process, new KeyValue(KEY, value));
  }

  private static void write(History history, int process, int value) {
    history.invoke(process, "write", new KeyValue(KEY, value));
    history.ok(process, null);
  }

  private static void cas(History history, int process, int expected, int newValue) {
    history.invoke(process, "cas", new Cas(KEY, expected, newValue));
    history.ok(process, null);
  }
}
