package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SetCheckerTest {

  private final SetChecker checker = new SetChecker();

  /** Proves that sequential acknowledged adds all present in the final read are valid. */
  @Test
  void everyAcknowledgedAddReadBackIsValid() {
    History history = new History();
    for (long element = 1; element <= 3; element++) {
      history.invoke(1, "add", element);
      history.ok(1, null);
    }
    read(history, 2, Set.of(1L, 2L, 3L));

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(3L, result.stats().get("attempted"));
    assertEquals(3L, result.stats().get("acknowledged"));
    assertEquals(0L, result.stats().get("lost"));
  }

  /**
   * Proves that concurrent adds and unknown outcomes are judged by what may have happened:
   * an INFO add present counts as recovered, an INFO or never-completed add may be absent,
   * a failed add is absent, and an add still running when the read began may be absent.
   */
  @Test
  void unknownOutcomesMayGoEitherWay() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.invoke(2, "add", 2L);
    history.invoke(3, "add", 3L);
    history.invoke(4, "add", 4L);
    history.ok(2, null);
    history.info(1, "connection lost during commit");
    history.info(3, "timeout");
    history.fail(4, "serialization failure");
    history.invoke(5, "add", 5L); // never completes: the client died
    history.invoke(6, "add", 6L);
    history.invoke(7, "read", null);
    history.ok(6, null); // acknowledged after the read began: may be missing from it
    history.ok(7, Set.of(1L, 2L));

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(6L, result.stats().get("attempted"));
    assertEquals(2L, result.stats().get("acknowledged"));
    assertEquals(1L, result.stats().get("failed"));
    assertEquals(3L, result.stats().get("unknown"));
    assertEquals(1L, result.stats().get("recovered"));
  }

  /** Proves that an acknowledged add missing from the final read is reported as lost, naming both. */
  @Test
  void acknowledgedAddMissingFromTheReadIsLost() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.ok(1, null);
    history.invoke(1, "add", 2L);
    history.ok(1, null);
    read(history, 2, Set.of(1L));

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("lost"));
    assertEquals(List.of("lost: p1 add 2 -> OK [#2..#3] was acknowledged before"
        + " p2 read -> OK [1] [#4..#5] began, but 2 is missing from it"), result.anomalies());
  }

  /** Proves that an element no add ever attempted is reported as unexpected. */
  @Test
  void elementNeverAddedIsUnexpected() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.ok(1, null);
    read(history, 2, Set.of(1L, 99L));

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("unexpected"));
    assertTrue(result.anomalies().get(0).startsWith("unexpected: 99 in p2 read"),
        result::toString);
  }

  /** Proves that a read cannot hold an element whose add was invoked only after the read ended. */
  @Test
  void elementAddedAfterTheReadEndedIsUnexpected() {
    History history = new History();
    read(history, 2, Set.of(7L));
    history.invoke(1, "add", 7L);
    history.ok(1, null);

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertTrue(result.anomalies().get(0).contains("added only after the read ended, by p1 add 7"),
        result::toString);
  }

  /** Proves that an add which definitely failed must not be present. */
  @Test
  void failedAddPresentIsAViolation() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.fail(1, "unique violation");
    read(history, 2, Set.of(1L));

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("failedPresent"));
    assertTrue(result.anomalies().get(0).startsWith("failed add present: p1 add 1 -> FAIL"),
        result::toString);
  }

  /** Proves that a history whose reads all failed or timed out is invalid, not vacuously valid. */
  @Test
  void noSuccessfulReadIsInvalid() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.ok(1, null);
    history.invoke(2, "read", null);
    history.info(2, "timeout");
    history.invoke(2, "read", null);
    history.fail(2, "no primary");

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(List.of("no successful read: nothing could be checked"), result.anomalies());
  }

  /** Proves that every final read is checked: one node's read missing an element fails the run. */
  @Test
  void everyFinalReadIsChecked() {
    History history = new History();
    history.invoke(1, "add", 1L);
    history.ok(1, null);
    read(history, 2, Set.of(1L));
    read(history, 3, Set.of());

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1, result.anomalies().size(), result::toString);
    assertTrue(result.anomalies().get(0).contains("p3 read"), result::toString);
  }

  /** Proves that operations the checker does not know, such as fault events, are ignored. */
  @Test
  void otherOperationsAreIgnored() {
    History history = new History();
    history.invoke(-1, "partition", "n1 | n2 n3");
    history.info(-1, null);
    history.invoke(1, "add", 1L);
    history.ok(1, null);
    read(history, 2, Set.of(1L));

    assertTrue(checker.check(history).valid());
  }

  /** Proves that 2,000 losses are reported in 50 lines and a count, the full count in the stats. */
  @Test
  void anomaliesAreCapped() {
    History history = new History();
    for (long element = 0; element < 2_000; element++) {
      history.invoke(1, "add", element);
      history.ok(1, null);
    }
    read(history, 2, Set.of());

    CheckResult result = checker.check(history);

    assertEquals(CheckResult.MAX_ANOMALIES + 1, result.anomalies().size());
    assertEquals("... and 1950 more anomalies", result.anomalies().get(CheckResult.MAX_ANOMALIES));
    assertEquals(2_000L, result.stats().get("lost"));
  }

  /** Proves that values of the wrong type, or an element added twice, are rejected as harness bugs. */
  @Test
  void malformedHistoriesAreHarnessBugs() {
    History integerElement = new History();
    integerElement.invoke(1, "add", 1);
    integerElement.ok(1, null);
    assertThrows(IllegalArgumentException.class, () -> checker.check(integerElement));

    History listRead = new History();
    read(listRead, 1, List.of(1L));
    assertThrows(IllegalArgumentException.class, () -> checker.check(listRead));

    History duplicate = new History();
    duplicate.invoke(1, "add", 1L);
    duplicate.ok(1, null);
    duplicate.invoke(1, "add", 1L);
    duplicate.ok(1, null);
    assertThrows(IllegalArgumentException.class, () -> checker.check(duplicate));
  }

  private static void read(History history, int process, Object elements) {
    history.invoke(process, "read", null);
    history.ok(process, elements);
  }
}
