package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks that operations on independent registers are linearizable: each appears to take
 * effect at one instant between its invocation and its completion, in an order every
 * register's sequential specification accepts.
 *
 * <p>Operations: {@code "read"} with a {@link KeyValue} whose value is null in the
 * invocation and the value read in the OK completion (null: the register is absent);
 * {@code "write"} with a {@link KeyValue}; {@code "cas"} with a {@link Cas}, OK if it
 * swapped and FAIL if it definitely did not. Every register starts absent (null).
 *
 * <p>Failed operations did not happen and are left out, as are reads without an OK result,
 * which say nothing. A write or compare-and-set of unknown outcome (INFO or no completion)
 * may take effect at any time after its invocation, or never. Each register is searched on
 * its own by {@link WglSearch}, within a step budget; a register whose budget runs out
 * makes the result invalid as undecided.
 *
 * <p>Before the search, a write or compare-and-set of unknown outcome whose value no OK read
 * returns and no compare-and-set expects is left out. That changes no verdict: in any
 * linearization it appears in, no read or compare-and-set can take effect between it and
 * the next write, so taking it out leaves a linearization, and it may always not take
 * effect. It matters for speed, because every unknown operation left in doubles the
 * configurations the search may have to visit, and under faults most of them are never
 * observed.
 */
public final class LinearizabilityChecker implements Checker {

  public static final long DEFAULT_STEP_BUDGET_PER_KEY = 5_000_000;

  private final long stepBudgetPerKey;

  public LinearizabilityChecker() {
    this(DEFAULT_STEP_BUDGET_PER_KEY);
  }

  /** A checker that gives up on a register, as undecided, after this many search steps. */
  public LinearizabilityChecker(long stepBudgetPerKey) {
    if (stepBudgetPerKey <= 0) {
      throw new IllegalArgumentException("step budget must be positive: " + stepBudgetPerKey);
    }
    this.stepBudgetPerKey = stepBudgetPerKey;
  }

  @Override
  public CheckResult check(History history) {
    Map<String, Long> stats = new LinkedHashMap<>();
    for (String name : List.of("keys", "ops", "failed", "readsWithoutResult", "unknown",
        "unknownUnobserved", "steps", "maxStepsPerKey", "nonLinearizableKeys", "undecidedKeys")) {
      stats.put(name, 0L);
    }
    Map<Integer, List<RegisterOp>> opsByKey = partition(history.pairs(), stats);
    stats.put("keys", (long) opsByKey.size());

    List<String> anomalies = new ArrayList<>();
    opsByKey.forEach((key, allOps) -> {
      List<RegisterOp> ops = withoutUnobservedUnknownWrites(allOps);
      stats.merge("unknownUnobserved", (long) (allOps.size() - ops.size()), Long::sum);
      WglSearch.Outcome outcome = new WglSearch(ops, stepBudgetPerKey).run();
      stats.merge("steps", outcome.steps(), Long::sum);
      stats.merge("maxStepsPerKey", outcome.steps(), Math::max);
      switch (outcome.verdict()) {
        case LINEARIZABLE -> { }
        case NOT_LINEARIZABLE -> {
          stats.merge("nonLinearizableKeys", 1L, Long::sum);
          anomalies.add("key " + key + " is not linearizable: " + outcome.explanation());
        }
        case UNDECIDED -> {
          stats.merge("undecidedKeys", 1L, Long::sum);
          anomalies.add("undecided: search budget exhausted for key " + key + " after "
              + outcome.steps() + " steps over " + ops.size() + " ops");
        }
      }
    });
    return CheckResult.of("linearizable-registers", anomalies, stats);
  }

  /** The operations each register's search needs, in invocation order, keys ascending. */
  private static Map<Integer, List<RegisterOp>> partition(
      List<History.Pair> pairs, Map<String, Long> stats) {
    Map<Integer, List<RegisterOp>> opsByKey = new TreeMap<>();
    for (History.Pair pair : pairs) {
      int key;
      RegisterOp op;
      switch (pair.f()) {
        case "read" -> {
          key = Values.required(KeyValue.class, pair.argument(), pair).key();
          op = pair.isOk() ? readOf(key, pair) : null;
        }
        case "write" -> {
          KeyValue write = Values.required(KeyValue.class, pair.argument(), pair);
          key = write.key();
          op = new RegisterOp(pair, RegisterOp.Kind.WRITE, write.value(), 0, pair.isOk());
        }
        case "cas" -> {
          Cas cas = Values.required(Cas.class, pair.argument(), pair);
          key = cas.key();
          op = new RegisterOp(pair, RegisterOp.Kind.CAS, cas.newValue(), cas.expected(),
              pair.isOk());
        }
        default -> {
          continue;
        }
      }
      stats.merge("ops", 1L, Long::sum);
      if (pair.isFail()) {
        stats.merge("failed", 1L, Long::sum);
      } else if (op == null) {
        stats.merge("readsWithoutResult", 1L, Long::sum);
      } else {
        if (!op.required()) {
          stats.merge("unknown", 1L, Long::sum);
        }
        opsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
      }
    }
    return opsByKey;
  }

  /** {@code ops} without the unknown-outcome writes whose value nothing observes. */
  private static List<RegisterOp> withoutUnobservedUnknownWrites(List<RegisterOp> ops) {
    Set<Integer> observed = new HashSet<>(); // may hold null: a read of an absent register
    for (RegisterOp op : ops) {
      if (op.kind() == RegisterOp.Kind.READ) {
        observed.add(op.value());
      } else if (op.kind() == RegisterOp.Kind.CAS) {
        observed.add(op.expected());
      }
    }
    return ops.stream()
        .filter(op -> op.required() || op.kind() == RegisterOp.Kind.READ
            || observed.contains(op.value()))
        .toList();
  }

  private static RegisterOp readOf(int key, History.Pair read) {
    KeyValue result = Values.required(KeyValue.class, read.result(), read);
    if (result.key() != key) {
      throw new IllegalArgumentException("read of key " + key + " returned key "
          + result.key() + ": " + read);
    }
    return new RegisterOp(read, RegisterOp.Kind.READ, result.value(), 0, true);
  }
}
