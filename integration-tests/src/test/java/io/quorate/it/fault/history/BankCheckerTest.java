package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BankCheckerTest {

  private final BankChecker checker = new BankChecker(3, 30, false);

  /** Proves that reads keeping the total across concurrent and unknown-outcome transfers are valid. */
  @Test
  void readsKeepingTheTotalAreValid() {
    History history = new History();
    history.invoke(1, "transfer", new Transfer(0, 1, 5));
    history.invoke(2, "transfer", new Transfer(1, 2, 3));
    history.invoke(3, "read", null);
    history.ok(1, null);
    history.info(2, "connection lost during commit");
    history.ok(3, Map.of(0, 5L, 1, 15L, 2, 10L));
    history.invoke(1, "transfer", new Transfer(2, 0, 50));
    history.fail(1, "insufficient funds");
    read(history, 3, Map.of(0, 5L, 1, 12L, 2, 13L));

    CheckResult result = checker.check(history);

    assertTrue(result.valid(), result::toString);
    assertEquals(Map.of("reads", 2L, "badReads", 0L, "transfersOk", 1L, "transfersFailed", 1L,
        "transfersUnknown", 1L), result.stats());
  }

  /** Proves that a read whose balances do not add up to the total is a violation, naming the sum. */
  @Test
  void sumMismatchIsAViolation() {
    History history = new History();
    history.invoke(1, "transfer", new Transfer(0, 1, 5));
    history.ok(1, null);
    read(history, 2, Map.of(0, 5L, 1, 10L, 2, 10L)); // debited but not credited

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(1L, result.stats().get("badReads"));
    assertEquals(1, result.anomalies().size());
    assertTrue(result.anomalies().get(0).startsWith("bad read: p2 read -> OK"), result::toString);
    assertTrue(result.anomalies().get(0).endsWith(": balances sum to 25, not 30"),
        result::toString);
  }

  /** Proves that a negative balance is a violation unless negatives are allowed. */
  @Test
  void negativeBalanceIsAViolationUnlessAllowed() {
    History history = new History();
    read(history, 1, Map.of(0, -5L, 1, 25L, 2, 10L));

    CheckResult strict = checker.check(history);
    CheckResult lenient = new BankChecker(3, 30, true).check(history);

    assertFalse(strict.valid());
    assertTrue(strict.anomalies().get(0).endsWith(": negative balances {0=-5}"),
        strict::toString);
    assertTrue(lenient.valid(), lenient::toString);
  }

  /** Proves that a read missing an account, or holding one that does not exist, is a violation. */
  @Test
  void missingOrUnknownAccountIsAViolation() {
    History history = new History();
    read(history, 1, Map.of(0, 10L, 1, 20L));
    read(history, 1, Map.of(0, 10L, 1, 10L, 2, 10L, 3, 0L));

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(2L, result.stats().get("badReads"));
    assertTrue(result.anomalies().get(0).endsWith(": missing accounts [2]"), result::toString);
    assertTrue(result.anomalies().get(1).endsWith(": unknown accounts [3]"), result::toString);
  }

  /** Proves that one bad read names all of its problems on one line. */
  @Test
  void everyProblemOfAReadIsNamed() {
    History history = new History();
    read(history, 1, Map.of(0, -1L, 1, 20L));

    CheckResult result = checker.check(history);

    assertEquals(1, result.anomalies().size());
    assertTrue(result.anomalies().get(0).endsWith(
        ": missing accounts [2]; balances sum to 19, not 30; negative balances {0=-1}"),
        result::toString);
  }

  /** Proves that a history without a successful read is invalid rather than vacuously valid. */
  @Test
  void noSuccessfulReadIsInvalid() {
    History history = new History();
    history.invoke(1, "read", null);
    history.info(1, "timeout");

    CheckResult result = checker.check(history);

    assertFalse(result.valid());
    assertEquals(List.of("no successful read: nothing could be checked"), result.anomalies());
  }

  /** Proves that balances keyed or valued with the wrong types are rejected as harness bugs. */
  @Test
  void malformedHistoriesAreHarnessBugs() {
    History longKeys = new History();
    read(longKeys, 1, Map.of(0L, 10L, 1L, 10L, 2L, 10L));
    assertThrows(IllegalArgumentException.class, () -> checker.check(longKeys));

    History wrongTransfer = new History();
    wrongTransfer.invoke(1, "transfer", List.of(0, 1, 5));
    wrongTransfer.ok(1, null);
    assertThrows(IllegalArgumentException.class, () -> checker.check(wrongTransfer));
  }

  private static void read(History history, int process, Map<?, ?> balances) {
    history.invoke(process, "read", null);
    history.ok(process, balances);
  }
}
