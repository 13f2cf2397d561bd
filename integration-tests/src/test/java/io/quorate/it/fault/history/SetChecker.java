package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a grow-only set: {@code "add"} operations with a {@code Long} element, unique per
 * invocation, and {@code "read"} operations whose OK value is the {@code Set<Long>} of
 * elements present, read after the faults have healed.
 *
 * <p>Every OK read is held to these rules, so the reads should be final reads (or at least
 * reads that must see every acknowledged add):
 *
 * <ul>
 *   <li><b>lost</b>: an add acknowledged before the read began is missing from it;
 *   <li><b>unexpected</b>: the read holds an element no add attempted before the read
 *       ended;
 *   <li><b>failed add present</b>: the read holds an element whose add definitely failed.
 * </ul>
 *
 * An add with an unknown outcome may be present or not; present, it counts as recovered.
 * A history without an OK read is invalid, because nothing could be checked.
 */
public final class SetChecker implements Checker {

  @Override
  public CheckResult check(History history) {
    Map<Long, History.Pair> addByElement = new HashMap<>();
    List<History.Pair> adds = new ArrayList<>();
    List<History.Pair> reads = new ArrayList<>();
    for (History.Pair pair : history.pairs()) {
      if (pair.f().equals("add")) {
        Long element = Values.required(Long.class, pair.argument(), pair);
        History.Pair earlier = addByElement.put(element, pair);
        if (earlier != null) {
          throw new IllegalArgumentException(
              "element " + element + " added twice: " + earlier + " and " + pair);
        }
        adds.add(pair);
      } else if (pair.f().equals("read") && pair.isOk()) {
        reads.add(pair);
      }
    }

    List<String> anomalies = new ArrayList<>();
    Set<Long> lost = new TreeSet<>();
    Set<Long> unexpected = new TreeSet<>();
    Set<Long> recovered = new TreeSet<>();
    Set<Long> failedPresent = new TreeSet<>();
    if (reads.isEmpty()) {
      anomalies.add("no successful read: nothing could be checked");
    }
    for (History.Pair read : reads) {
      Set<Long> seen = elementsOf(read);
      for (History.Pair add : adds) {
        long element = (Long) add.argument();
        boolean mustBeSeen = add.isOk() && add.completion().index() < read.invoke().index();
        if (mustBeSeen && !seen.contains(element)) {
          lost.add(element);
          anomalies.add("lost: " + add + " was acknowledged before " + read
              + " began, but " + element + " is missing from it");
        }
      }
      for (long element : seen) {
        History.Pair add = addByElement.get(element);
        if (add == null) {
          unexpected.add(element);
          anomalies.add("unexpected: " + element + " in " + read + " was never added");
        } else if (add.invoke().index() > read.completion().index()) {
          unexpected.add(element);
          anomalies.add("unexpected: " + element + " in " + read + " was added only after the"
              + " read ended, by " + add);
        } else if (add.isFail()) {
          failedPresent.add(element);
          anomalies.add("failed add present: " + add + " definitely failed, but " + element
              + " is in " + read);
        } else if (add.isUnknown()) {
          recovered.add(element);
        }
      }
    }

    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("attempted", (long) adds.size());
    stats.put("acknowledged", adds.stream().filter(History.Pair::isOk).count());
    stats.put("failed", adds.stream().filter(History.Pair::isFail).count());
    stats.put("unknown", adds.stream().filter(History.Pair::isUnknown).count());
    stats.put("reads", (long) reads.size());
    stats.put("lost", (long) lost.size());
    stats.put("unexpected", (long) unexpected.size());
    stats.put("failedPresent", (long) failedPresent.size());
    stats.put("recovered", (long) recovered.size());
    return CheckResult.of("set", anomalies, stats);
  }

  private static Set<Long> elementsOf(History.Pair read) {
    Set<Long> elements = new TreeSet<>();
    for (Object element : Values.required(Set.class, read.result(), read)) {
      elements.add(Values.required(Long.class, element, read));
    }
    return elements;
  }
}
