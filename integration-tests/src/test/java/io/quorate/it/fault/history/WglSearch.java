package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the operations on one register are linearizable, by the search of Wing
 * and Gong as improved by Lowe ("Testing for linearizability", 2017), called WGL.
 *
 * <p>The operations' calls and returns form one list in history order. The search walks it
 * from the front: at a call it tries to make that operation take effect now (the register's
 * specification must accept it), and if so removes the call and its return from the list,
 * pushes it on a stack and starts again from the front. Reaching a return means the
 * operation returned before it took effect, so the search backtracks: it pops the last
 * operation, puts it back, and tries the call after it instead. The history is
 * linearizable when every operation known to have taken effect has been removed.
 * Operations of unknown outcome have no return in the list, so nothing forces them to take
 * effect, and the search may place them anywhere after their call or leave them out.
 *
 * <p>Memoization makes this fast: the future of the search depends only on which
 * operations have taken effect and on the register's value, so each such configuration
 * (a {@link BitSet} of operations and a value) is explored once; a configuration already
 * in the cache is not entered again. A step budget bounds the search, and an exhausted
 * budget is reported as undecided, never as linearizable.
 *
 * <p>One search is used once, by one thread.
 */
final class WglSearch {

  enum Verdict { LINEARIZABLE, NOT_LINEARIZABLE, UNDECIDED }

  /**
   * @param explanation for {@link Verdict#NOT_LINEARIZABLE}, which operation could not take
   *     effect and what the longest linearizable prefix was; empty otherwise
   */
  record Outcome(Verdict verdict, long steps, String explanation) {}

  private static final int MAX_TRIED_VALUES_SHOWN = 4;
  private static final int PREFIX_OPS_SHOWN = 4;

  private final List<RegisterOp> ops;
  private final long stepBudget;
  private final Entry head = new Entry(-1, true);
  private final BitSet linearized = new BitSet();
  private final Set<Configuration> explored = new HashSet<>();
  private final List<Frame> stack = new ArrayList<>();
  private final List<List<Integer>> rejectedValuesByOp = new ArrayList<>();
  private Integer register;
  private int requiredLeft;
  private long steps;
  private int deepestDeadEnd = -1;
  private int blockedOp;
  private List<Integer> prefixAtDeepestDeadEnd = List.of();
  private Integer registerAtDeepestDeadEnd;

  /** Operations of one register; the register starts absent (null). */
  WglSearch(List<RegisterOp> ops, long stepBudget) {
    this.ops = List.copyOf(ops);
    this.stepBudget = stepBudget;
    buildEntryList();
    for (RegisterOp op : ops) {
      rejectedValuesByOp.add(new ArrayList<>());
      if (op.required()) {
        requiredLeft++;
      }
    }
  }

  Outcome run() {
    Entry entry = head.next;
    while (requiredLeft > 0) {
      if (++steps > stepBudget) {
        return new Outcome(Verdict.UNDECIDED, steps - 1, "");
      }
      if (entry.isCall) {
        entry = tryToLinearize(entry) ? head.next : entry.next;
      } else {
        noteDeadEnd(entry.op);
        if (stack.isEmpty()) {
          return new Outcome(Verdict.NOT_LINEARIZABLE, steps, explainViolation());
        }
        entry = backtrack();
      }
    }
    return new Outcome(Verdict.LINEARIZABLE, steps, "");
  }

  /** Makes the call's operation take effect now, if the register and the cache allow it. */
  private boolean tryToLinearize(Entry call) {
    RegisterOp op = ops.get(call.op);
    if (!op.accepts(register)) {
      noteRejected(call.op);
      return false;
    }
    Integer after = op.apply(register);
    linearized.set(call.op);
    if (!explored.add(new Configuration((BitSet) linearized.clone(), after))) {
      linearized.clear(call.op);
      return false;
    }
    stack.add(new Frame(call, register));
    register = after;
    if (op.required()) {
      requiredLeft--;
    }
    call.lift();
    return true;
  }

  /** Undoes the last operation taken into effect; returns the entry to try next. */
  private Entry backtrack() {
    Frame top = stack.remove(stack.size() - 1);
    register = top.registerBefore;
    linearized.clear(top.call.op);
    if (ops.get(top.call.op).required()) {
      requiredLeft++;
    }
    top.call.unlift();
    return top.call.next;
  }

  private void buildEntryList() {
    record Event(int index, Entry entry) {}
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      RegisterOp op = ops.get(i);
      Entry call = new Entry(i, true);
      events.add(new Event(op.pair().invoke().index(), call));
      if (op.required()) {
        call.match = new Entry(i, false);
        events.add(new Event(op.pair().completion().index(), call.match));
      }
    }
    events.sort(Comparator.comparingInt(Event::index));
    Entry last = head;
    for (Event event : events) {
      last.next = event.entry;
      event.entry.prev = last;
      last = event.entry;
    }
  }

  private void noteRejected(int op) {
    List<Integer> values = rejectedValuesByOp.get(op);
    if (values.size() < MAX_TRIED_VALUES_SHOWN && !values.contains(register)) {
      values.add(register);
    }
  }

  /** Remembers the dead end reached with the most operations in effect, to explain a violation. */
  private void noteDeadEnd(int op) {
    if (stack.size() > deepestDeadEnd) {
      deepestDeadEnd = stack.size();
      blockedOp = op;
      prefixAtDeepestDeadEnd = stack.stream().map(frame -> frame.call.op).toList();
      registerAtDeepestDeadEnd = register;
    }
  }

  private String explainViolation() {
    StringBuilder text = new StringBuilder().append(ops.get(blockedOp))
        .append(" cannot take effect before it returned");
    List<Integer> rejectedValues = rejectedValuesByOp.get(blockedOp);
    if (!rejectedValues.isEmpty()) {
      text.append(" (tried with the register at ").append(rejectedValues).append(')');
    }
    int prefixLength = prefixAtDeepestDeadEnd.size();
    text.append("; the longest linearizable prefix has ").append(prefixLength).append(" of ")
        .append(ops.size()).append(" ops");
    if (prefixLength > 0) {
      text.append(", ending ");
      if (prefixLength > PREFIX_OPS_SHOWN) {
        text.append("..., ");
      }
      int firstShown = Math.max(0, prefixLength - PREFIX_OPS_SHOWN);
      List<Integer> shown = prefixAtDeepestDeadEnd.subList(firstShown, prefixLength);
      text.append(String.join(", ", shown.stream().map(op -> ops.get(op).toString()).toList()));
    }
    return text.append(", leaving the register at ").append(registerAtDeepestDeadEnd).toString();
  }

  /** Which operations have taken effect, and what the register then holds. */
  private record Configuration(BitSet linearized, Integer register) {}

  private record Frame(Entry call, Integer registerBefore) {}

  /** A call or return in the doubly linked list of the history's events. */
  private static final class Entry {
    final int op;
    final boolean isCall;
    /** For a call, its return, or null if the operation's outcome is unknown. */
    Entry match;
    Entry prev;
    Entry next;

    Entry(int op, boolean isCall) {
      this.op = op;
      this.isCall = isCall;
    }

    /** Unlinks this call and its return; undone by {@link #unlift}, in reverse order. */
    void lift() {
      unlink(this);
      if (match != null) {
        unlink(match);
      }
    }

    void unlift() {
      if (match != null) {
        relink(match);
      }
      relink(this);
    }

    private static void unlink(Entry entry) {
      entry.prev.next = entry.next;
      if (entry.next != null) {
        entry.next.prev = entry.prev;
      }
    }

    private static void relink(Entry entry) {
      entry.prev.next = entry;
      if (entry.next != null) {
        entry.next.prev = entry;
      }
    }
  }
}
