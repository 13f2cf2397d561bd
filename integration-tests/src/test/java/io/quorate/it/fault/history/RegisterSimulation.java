package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Records the history of clients using a simulated store of registers that is
 * linearizable by construction: every operation takes effect at one instant between its
 * invocation and its completion, chosen at random, so the intervals overlap at random.
 * Some operations fail before taking effect, some end with an unknown outcome and take
 * effect then, later, or never. Every write and compare-and-set sets a value never used
 * before, so that a stale read can be planted that no linearization explains.
 *
 * <p>Deterministic for a seed.
 */
final class RegisterSimulation {

  private static final double USUAL_UNKNOWN_OUTCOME = 0.03;
  private static final double FAILURE = 0.02;
  private static final double LATE_EFFECT = 0.02;

  private final Random random;
  private final double unknownOutcome;
  private final int keys;
  private final boolean plantStaleRead;
  private final History history = new History();
  private final Map<Integer, Register> registers = new HashMap<>();
  private final Operation[] inFlight;
  private final List<Operation> unknownNotYetApplied = new ArrayList<>();
  private int nextValue = 1;
  private boolean stalePlanted;

  private RegisterSimulation(
      long seed, double unknownOutcome, int processes, int keys, boolean plantStaleRead) {
    this.random = new Random(seed);
    this.unknownOutcome = unknownOutcome;
    this.keys = keys;
    this.plantStaleRead = plantStaleRead;
    this.inFlight = new Operation[processes];
  }

  /** A linearizable history of {@code operations} invocations, 3% of unknown outcome. */
  static History linearizable(long seed, int processes, int keys, int operations) {
    return linearizable(seed, USUAL_UNKNOWN_OUTCOME, processes, keys, operations);
  }

  /**
   * A linearizable history of {@code operations} invocations, each of which ends with an
   * unknown outcome with probability {@code unknownOutcome} at each step it is in flight.
   */
  static History linearizable(
      long seed, double unknownOutcome, int processes, int keys, int operations) {
    return new RegisterSimulation(seed, unknownOutcome, processes, keys, false).run(operations);
  }

  /**
   * The same kind of history, except that one read returns the value its register held
   * before the latest write, where that write completed before the read began and the
   * value's own writer completed before that write began: a read no linearization allows.
   *
   * @throws IllegalStateException if the run offered no read where that holds
   */
  static History withOneStaleRead(long seed, int processes, int keys, int operations) {
    RegisterSimulation simulation =
        new RegisterSimulation(seed, USUAL_UNKNOWN_OUTCOME, processes, keys, true);
    History history = simulation.run(operations);
    if (!simulation.stalePlanted) {
      throw new IllegalStateException("seed " + seed + " offered no read to make stale");
    }
    return history;
  }

  private History run(int operations) {
    int invoked = 0;
    while (invoked < operations || anyInFlight()) {
      if (!unknownNotYetApplied.isEmpty() && random.nextDouble() < LATE_EFFECT) {
        apply(unknownNotYetApplied.remove(random.nextInt(unknownNotYetApplied.size())));
      }
      int process = random.nextInt(inFlight.length);
      Operation op = inFlight[process];
      if (op == null) {
        if (invoked < operations) {
          inFlight[process] = invoke(process);
          invoked++;
        }
      } else if (random.nextDouble() < unknownOutcome) {
        history.info(process, "timeout");
        if (!op.applied && random.nextBoolean()) {
          unknownNotYetApplied.add(op);
        }
        inFlight[process] = null;
      } else if (!op.applied && random.nextDouble() < FAILURE) {
        history.fail(process, "aborted");
        inFlight[process] = null;
      } else if (!op.applied) {
        apply(op);
      } else {
        complete(process, op);
        inFlight[process] = null;
      }
    }
    return history;
  }

  private Operation invoke(int process) {
    int key = random.nextInt(keys);
    Register register = registers.computeIfAbsent(key, k -> new Register());
    double choice = random.nextDouble();
    Object argument;
    if (choice < 0.4) {
      argument = new KeyValue(key, null);
    } else if (choice < 0.75) {
      argument = new KeyValue(key, nextValue++);
    } else {
      boolean likelyToSwap = register.value != null && random.nextDouble() < 0.6;
      int expected = likelyToSwap ? register.value : 1 + random.nextInt(nextValue);
      argument = new Cas(key, expected, nextValue++);
    }
    String f = argument instanceof Cas ? "cas"
        : ((KeyValue) argument).value() == null ? "read" : "write";
    Op invocation = history.invoke(process, f, argument);
    return new Operation(invocation, key);
  }

  private void apply(Operation op) {
    Register register = registers.get(op.key);
    op.applied = true;
    switch (op.invocation.value()) {
      case Cas cas -> {
        op.swapped = Objects.equals(register.value, cas.expected());
        if (op.swapped) {
          register.install(cas.newValue(), op);
        }
      }
      case KeyValue write when write.value() != null -> register.install(write.value(), op);
      default -> op.valueRead = staleReadAllowed(register, op) ? register.previous.value
          : register.value;
    }
  }

  private boolean staleReadAllowed(Register register, Operation read) {
    if (!plantStaleRead || stalePlanted || register.previous == null) {
      return false;
    }
    Operation latest = register.current.writer;
    Operation before = register.previous.writer;
    boolean latestDoneBeforeRead = latest.okIndex >= 0
        && latest.okIndex < read.invocation.index();
    boolean beforeDoneBeforeLatest = before.okIndex >= 0
        && before.okIndex < latest.invocation.index();
    if (latestDoneBeforeRead && beforeDoneBeforeLatest) {
      stalePlanted = true;
    }
    return stalePlanted;
  }

  private void complete(int process, Operation op) {
    Op completion;
    if (op.invocation.f().equals("read")) {
      completion = history.ok(process, new KeyValue(op.key, op.valueRead));
    } else if (op.invocation.f().equals("cas") && !op.swapped) {
      completion = history.fail(process, "compare failed");
    } else {
      completion = history.ok(process, null);
    }
    op.okIndex = completion.type() == Op.Type.OK ? completion.index() : -1;
  }

  private boolean anyInFlight() {
    for (Operation op : inFlight) {
      if (op != null) {
        return true;
      }
    }
    return false;
  }

  /** An invoked operation and what the simulation knows of it. */
  private static final class Operation {
    final Op invocation;
    final int key;
    boolean applied;
    boolean swapped;
    Integer valueRead;
    /** The index of its OK completion, or -1 if it has none (yet). */
    int okIndex = -1;

    Operation(Op invocation, int key) {
      this.invocation = invocation;
      this.key = key;
    }
  }

  private record Install(Integer value, Operation writer) {}

  /** One register's value and the two latest writes that set it. */
  private static final class Register {
    Integer value;
    Install current;
    Install previous;

    void install(Integer newValue, Operation writer) {
      previous = current;
      current = new Install(newValue, writer);
      value = newValue;
    }
  }
}
