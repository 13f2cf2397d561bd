package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a counter: {@code "add"} operations with a non-negative {@code Long} delta, and
 * {@code "read"} operations whose OK value is the {@code Long} count.
 *
 * <p>Each OK read must lie between two bounds. The lower bound is the sum of the adds
 * acknowledged before the read began: below it, an acknowledged increment was lost. The
 * upper bound is the sum of the adds that may have happened before the read ended (OK,
 * unknown outcome or never completed, but not failed, and invoked before the read ended):
 * above it, an increment was applied twice or came from nowhere. A history without an OK
 * read is invalid, because nothing could be checked.
 *
 * <p>Stats: {@code minSlack} and {@code maxSlack} are the smallest and largest width
 * (upper minus lower bound) over the reads; a narrow width means a sharp check.
 */
public final class CounterChecker implements Checker {

  @Override
  public CheckResult check(History history) {
    Map<Integer, History.Pair> pairByEventIndex = new HashMap<>();
    List<History.Pair> adds = new ArrayList<>();
    for (History.Pair pair : history.pairs()) {
      if (pair.f().equals("add")) {
        long delta = Values.required(Long.class, pair.argument(), pair);
        if (delta < 0) {
          throw new IllegalArgumentException("negative delta in " + pair);
        }
        adds.add(pair);
        indexEvents(pair, pairByEventIndex);
      } else if (pair.f().equals("read") && pair.isOk()) {
        Values.required(Long.class, pair.result(), pair);
        indexEvents(pair, pairByEventIndex);
      }
    }
    Sweep sweep = new Sweep();
    for (Op op : history.ops()) {
      History.Pair pair = pairByEventIndex.get(op.index());
      if (pair != null) {
        sweep.accept(op, pair);
      }
    }
    if (sweep.reads == 0) {
      sweep.anomalies.add("no successful read: nothing could be checked");
    }

    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("adds", (long) adds.size());
    stats.put("ok", adds.stream().filter(History.Pair::isOk).count());
    stats.put("failed", adds.stream().filter(History.Pair::isFail).count());
    stats.put("unknown", adds.stream().filter(History.Pair::isUnknown).count());
    stats.put("reads", sweep.reads);
    stats.put("badReads", sweep.badReads);
    if (sweep.reads > 0) {
      stats.put("minSlack", sweep.minSlack);
      stats.put("maxSlack", sweep.maxSlack);
    }
    return CheckResult.of("counter", sweep.anomalies, stats);
  }

  private static void indexEvents(History.Pair pair, Map<Integer, History.Pair> byEventIndex) {
    byEventIndex.put(pair.invoke().index(), pair);
    if (pair.completion() != null) {
      byEventIndex.put(pair.completion().index(), pair);
    }
  }

  /**
   * Walks the events in index order keeping two running sums: what has certainly happened
   * by now (acknowledged adds) and what may have happened by now (invoked adds not failed).
   */
  private static final class Sweep {
    final List<String> anomalies = new ArrayList<>();
    final Map<Integer, Long> lowerBoundByReadInvoke = new HashMap<>();
    long acknowledgedSum;
    long possibleSum;
    long reads;
    long badReads;
    long minSlack = Long.MAX_VALUE;
    long maxSlack = Long.MIN_VALUE;

    void accept(Op op, History.Pair pair) {
      boolean isInvoke = op.type() == Op.Type.INVOKE;
      if (pair.f().equals("add")) {
        long delta = (Long) pair.argument();
        if (isInvoke && !pair.isFail()) {
          possibleSum += delta;
        } else if (!isInvoke && pair.isOk()) {
          acknowledgedSum += delta;
        }
      } else if (isInvoke) {
        lowerBoundByReadInvoke.put(op.index(), acknowledgedSum);
      } else {
        checkRead(pair, lowerBoundByReadInvoke.get(pair.invoke().index()), possibleSum);
      }
    }

    private void checkRead(History.Pair read, long lower, long upper) {
      long value = (Long) read.result();
      reads++;
      minSlack = Math.min(minSlack, upper - lower);
      maxSlack = Math.max(maxSlack, upper - lower);
      if (value < lower) {
        badReads++;
        anomalies.add("lost increment: " + read + " is below " + lower
            + ", the sum of the adds acknowledged before it began");
      } else if (value > upper) {
        badReads++;
        anomalies.add("extra increment: " + read + " is above " + upper
            + ", the sum of the adds that may have happened before it ended"
            + " (applied twice or from nowhere)");
      }
    }
  }
}
