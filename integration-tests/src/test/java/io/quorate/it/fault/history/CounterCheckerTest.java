package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {

  private final CounterChecker checker = new CounterChecker();

  /** Proves that reads matching the sequential adds exactly are valid, with no slack. */
  @Test
  void sequentialAddsAndExactReadsAreValid() {
    History history = new History();
    add(history, 1, 3L);
    read(history, 2, 3L);
    add(history, 1, 4L);
    read(history, 2, 7L);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(2L, result.stats().get("reads"));
    assertEquals(0L, result.stats().get("minSlack"));
    assertEquals(0L, result.stats().get("maxSlack"));
  }

  /**
   * Proves that a read may or may not include an add concurrent with it, an add of unknown
   * outcome, or one never completed, and the window reaches exactly that far.
   */
  @Test
  void concurrentAndUnknownAddsWidenTheWindow() {
    History history = new History();
    add(history, 1, 1L);
    history.invoke(1, "add", 10L);
    history.info(1, "connection lost during commit");
    history.invoke(3, "add", 100L); // never completes
    history.invoke(2, "read", null);
    history.invoke(4, "add", 1000L);
    history.ok(2, 1L + 100 + 1000); // 10 did not happen (yet); 100 and 1000 did
    history.ok(4, null);
    read(history, 2, 1L + 10 + 1000);

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(0L, result.stats().get("badReads"));
    assertEquals(110L, result.stats().get("minSlack"), "second read: [1 + 1000, 1111]");
    assertEquals(1110L, result.stats().get("maxSlack"), "first read: [1, 1111]");
    assertEquals(2L, result.stats().get("unknown"), "one INFO and one never-completed add");
  }

  /** Proves that a read above every add that may have happened shows a double-applied increment. */
  @Test
  void doubleAppliedIncrementIsAViolation() {
    History history = new History();
    add(history, 1, 1L);
    history.invoke(1, "add", 1L);
    history.info(1, "timeout; the client retried");
    add(history, 1, 1L);
    read(history, 2, 4L);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(List.of("extra increment: p2 read -> OK 4 [#6..#7] is above 3, the sum of"
        + " the adds that may have happened before it ended (applied twice or from nowhere)"),
        result.anomalies());
  }

  /** Proves that a read below the acknowledged adds shows a lost increment. */
  @Test
  void lostIncrementIsAViolation() {
    History history = new History();
    add(history, 1, 5L);
    add(history, 1, 2L);
    read(history, 2, 5L);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("badReads"));
    assertTrue(result.anomalies().get(0).startsWith("lost increment: p2 read -> OK 5"),
        result::toString);
  }

  /** Proves that a definitely failed add must not be counted by any read. */
  @Test
  void failedAddCountedIsAViolation() {
    History history = new History();
    history.invoke(1, "add", 5L);
    history.fail(1, "serialization failure");
    read(history, 2, 5L);

    assertFalse(checker.check(history).valid());
  }

  /** Proves that a read cannot count an add invoked only after the read ended. */
  @Test
  void addInvokedAfterTheReadEndedCannotBeCounted() {
    History history = new History();
    read(history, 2, 5L);
    add(history, 1, 5L);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertTrue(result.anomalies().get(0).contains("above 0"), result::toString);
  }

  /** Proves that a history without a successful read is invalid rather than vacuously valid. */
  @Test
  void noSuccessfulReadIsInvalid() {
    History history = new History();
    add(history, 1, 1L);
    history.invoke(2, "read", null);
    history.fail(2, "no primary");

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(List.of("no successful read: nothing could be checked"), result.anomalies());
  }

  /** Proves that negative deltas and values of the wrong type are rejected as harness bugs. */
  @Test
  void malformedHistoriesAreHarnessBugs() {
    History negative = new History();
    add(negative, 1, -1L);
    assertThrows(IllegalArgumentException.class, () -> checker.check(negative));

    History integerRead = new History();
    integerRead.invoke(1, "read", null);
    integerRead.ok(1, 3);
    assertThrows(IllegalArgumentException.class, () -> checker.check(integerRead));
  }

  private static void add(History history, int process, long delta) {
    history.invoke(process, "add", delta);
    history.ok(process, null);
  }

  private static void read(History history, int process, long value) {
    history.invoke(process, "read", null);
    history.ok(process, value);
  }
}
