package io.quorate.it.fault.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Checker} concluded about a history.
 *
 * @param checker the checker's name
 * @param valid whether the history is allowed; never true when the checker could not
 *     decide
 * @param anomalies one human-readable line per violation, each naming the operations
 *     involved; at most {@link #MAX_ANOMALIES} lines, then one line counting the rest
 * @param stats counts that describe the history and the check, in insertion order
 */
public record CheckResult(
    String checker, boolean valid, List<String> anomalies, Map<String, Long> stats) {

  public static final int MAX_ANOMALIES = 50;

  public CheckResult {
    Objects.requireNonNull(checker, "checker");
    anomalies = capped(anomalies);
    stats = Collections.unmodifiableMap(new LinkedHashMap<>(stats));
  }

  /** A result that is valid exactly when there are no anomalies. */
  public static CheckResult of(String checker, List<String> anomalies, Map<String, Long> stats) {
    return new CheckResult(checker, anomalies.isEmpty(), anomalies, stats);
  }

  /** The result on several lines: name, verdict and stats, then one anomaly a line. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder()
        .append(checker).append(valid ? ": valid " : ": INVALID ").append(stats);
    for (String anomaly : anomalies) {
      text.append("\n  ").append(anomaly);
    }
    return text.toString();
  }

  private static List<String> capped(List<String> anomalies) {
    if (anomalies.size() <= MAX_ANOMALIES) {
      return List.copyOf(anomalies);
    }
    List<String> shown = new ArrayList<>(anomalies.subList(0, MAX_ANOMALIES));
    shown.add("... and " + (anomalies.size() - MAX_ANOMALIES) + " more anomalies");
    return List.copyOf(shown);
  }
}
