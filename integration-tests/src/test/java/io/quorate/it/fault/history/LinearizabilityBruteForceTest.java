package io.quorate.it.fault.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link LinearizabilityChecker} with a brute-force search over every order of
 * small random histories, which are mostly not linearizable: the brute force shares no
 * code with the checker, so agreement on thousands of histories (with failures, unknown
 * outcomes and operations left in flight) is evidence that the WGL search, its cache and
 * the removal of unobserved unknown writes are right.
 */
class LinearizabilityBruteForceTest {

  private static final int KEY = 0;

  /** Proves that the checker's verdict equals the brute force's on 3,000 random small histories. */
  @Test
  void checkerAgreesWithBruteForceOnSmallRandomHistories() {
    long seed = 20240601;
    Random random = new Random(seed);
    LinearizabilityChecker checker = new LinearizabilityChecker();
    int linearizable = 0;
    for (int round = 0; round < 3_000; round++) {
      History history = randomHistory(random);

      boolean expected = bruteForceLinearizable(history.pairs());
      CheckResult result = checker.check(history);

      int at = round;
      assertEquals(expected, result.valid(),
          () -> "seed " + seed + ", round " + at + ": " + result + "\n" + history.ops());
      linearizable += expected ? 1 : 0;
    }
    // Both verdicts must be common, or the comparison says little.
    assertTrue(linearizable > 300 && linearizable < 2_700, "linearizable: " + linearizable);
  }

  /**
   * Up to 8 operations from 3 processes on one register, values from {1, 2, 3} (so reads
   * often return something a write wrote), random overlaps, outcomes and read results.
   */
  private static History randomHistory(Random random) {
    History history = new History();
    int processes = 3;
    boolean[] inFlight = new boolean[processes];
    String[] f = new String[processes];
    int operations = 1 + random.nextInt(8);
    int invoked = 0;
    while (invoked < operations || anyTrue(inFlight)) {
      int process = random.nextInt(processes);
      if (!inFlight[process]) {
        if (invoked < operations) {
          f[process] = List.of("read", "write", "cas").get(random.nextInt(3));
          history.invoke(process, f[process], switch (f[process]) {
            case "read" -> new KeyValue(KEY, null);
            case "write" -> new KeyValue(KEY, 1 + random.nextInt(3));
            default -> new Cas(KEY, 1 + random.nextInt(3), 1 + random.nextInt(3));
          });
          inFlight[process] = true;
          invoked++;
        }
        continue;
      }
      double outcome = random.nextDouble();
      if (outcome < 0.05 && invoked == operations) {
        inFlight[process] = false; // left in flight: no outcome recorded
        continue;
      }
      if (outcome < 0.7) {
        Integer read = random.nextInt(4) == 0 ? null : 1 + random.nextInt(3);
        history.ok(process, f[process].equals("read") ? new KeyValue(KEY, read) : null);
      } else if (outcome < 0.85) {
        history.fail(process, null);
      } else {
        history.info(process, null);
      }
      inFlight[process] = false;
    }
    return history;
  }

  private static boolean anyTrue(boolean[] flags) {
    for (boolean flag : flags) {
      if (flag) {
        return true;
      }
    }
    return false;
  }

  /** Whether some order of the operations, respecting real time, explains every result. */
  private static boolean bruteForceLinearizable(List<History.Pair> pairs) {
    List<History.Pair> candidates = new ArrayList<>();
    for (History.Pair pair : pairs) {
      boolean unansweredRead = pair.f().equals("read") && !pair.isOk();
      if (!pair.isFail() && !unansweredRead) {
        candidates.add(pair);
      }
    }
    return search(candidates, new boolean[candidates.size()], null);
  }

  private static boolean search(List<History.Pair> ops, boolean[] done, Integer register) {
    boolean allRequiredDone = true;
    for (int i = 0; i < ops.size(); i++) {
      allRequiredDone &= done[i] || !ops.get(i).isOk();
    }
    if (allRequiredDone) {
      return true; // the rest have unknown outcomes and may never take effect
    }
    for (int i = 0; i < ops.size(); i++) {
      if (done[i] || !mayGoNext(ops, done, i)) {
        continue;
      }
      History.Pair op = ops.get(i);
      Integer after;
      if (op.f().equals("read")) {
        if (!Objects.equals(register, ((KeyValue) op.result()).value())) {
          continue;
        }
        after = register;
      } else if (op.f().equals("write")) {
        after = ((KeyValue) op.argument()).value();
      } else {
        Cas cas = (Cas) op.argument();
        if (register == null || register != cas.expected()) {
          continue;
        }
        after = cas.newValue();
      }
      done[i] = true;
      boolean found = search(ops, done, after);
      done[i] = false;
      if (found) {
        return true;
      }
    }
    return false;
  }

  /** No operation still to be placed returned (OK) before operation {@code next} began. */
  private static boolean mayGoNext(List<History.Pair> ops, boolean[] done, int next) {
    for (int i = 0; i < ops.size(); i++) {
      History.Pair other = ops.get(i);
      boolean returnedBefore = other.isOk()
          && other.completion().index() < ops.get(next).invoke().index();
      if (!done[i] && i != next && returnedBefore) {
        return false;
      }
    }
    return true;
  }
}
