package io.quorate.sql.slt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs files of SQLite's public sqllogictest corpus (the Maven artifact
 * {@code net.hydromatic:sql-logic-test}) as PostgreSQL would be run on them: records marked
 * {@code skipif postgresql} or {@code onlyif <another engine>} are skipped. The engine is
 * not expected to pass everything, so each file prints its pass rate and must pass at least
 * as many records as {@code slt-corpus-baseline.properties} says (resource path -> minimum
 * passed; a file not listed has baseline 0) — a ratchet that catches regressions.
 *
 * <p>System properties: {@code slt.corpus} = {@code sample} (default: the files in
 * {@link #SAMPLE}, checked against the baseline), {@code all} (every file under
 * {@code test/select*}, {@code test/random/} and {@code test/index/}, reported only) or a
 * comma-separated list of resource path prefixes such as {@code test/index/between}
 * (reported only); {@code slt.corpus.timeLimitSeconds} (default 120) bounds each file, the
 * records not run by then counting as failed.
 */
public abstract class AbstractSqliteCorpusSuite {

  /** The files run by default: the five select files and one of each generated kind. */
  static final List<String> SAMPLE = List.of(
      "test/select1.test",
      "test/select2.test",
      "test/select3.test",
      "test/select4.test",
      "test/select5.test",
      "test/random/expr/slt_good_0.test",
      "test/random/aggregates/slt_good_0.test",
      "test/random/select/slt_good_0.test",
      "test/random/groupby/slt_good_0.test",
      "test/index/between/10/slt_good_0.test",
      "test/index/in/10/slt_good_0.test",
      "test/index/orderby/10/slt_good_0.test",
      "test/index/commute/10/slt_good_0.test",
      "test/index/random/10/slt_good_0.test",
      "test/index/delete/10/slt_good_0.test");

  static final String SELECTION_PROPERTY = "slt.corpus";
  static final String TIME_LIMIT_PROPERTY = "slt.corpus.timeLimitSeconds";
  private static final Set<String> ENGINE_NAMES = Set.of("postgresql");
  private static final Pattern ALL = Pattern.compile("test/(select\\d+\\.test|random/.*|index/.*)");
  private static final int FAILURES_PRINTED = 3;

  /** A new, empty database; the suite closes it after its file. */
  protected abstract SltDatabase newDatabase();

  /** The classpath resource holding the minimum passed count per file. */
  protected String baselineResource() {
    return "slt-corpus-baseline.properties";
  }

  /** One test per selected file, then one that prints the totals. */
  @TestFactory
  public Stream<DynamicTest> sqliteCorpus() throws IOException {
    String selection = System.getProperty(SELECTION_PROPERTY, "sample");
    boolean checkBaseline = selection.equals("sample");
    List<String> files = selectedFiles(getClass().getClassLoader(), selection);
    assertFalse(files.isEmpty(),
        () -> "no corpus file matches " + SELECTION_PROPERTY + "=" + selection);
    Properties baseline = baseline();
    Duration timeLimit = Duration.ofSeconds(Long.getLong(TIME_LIMIT_PROPERTY, 120));
    List<SltFileResult> results = Collections.synchronizedList(new ArrayList<>());
    Stream<DynamicTest> perFile = files.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
      SltFileResult result = runFile(file, timeLimit);
      results.add(result);
      report(result, baseline, checkBaseline);
    }));
    DynamicTest total = DynamicTest.dynamicTest("total", () -> printTotal(results));
    return Stream.concat(perFile, Stream.of(total));
  }

  /** The corpus files {@code selection} names: sample, all, or path prefixes. */
  static List<String> selectedFiles(ClassLoader loader, String selection) throws IOException {
    if (selection.equals("sample")) {
      return SAMPLE;
    }
    List<String> everything = SltResources.list(loader, "test");
    if (selection.equals("all")) {
      return everything.stream().filter(name -> ALL.matcher(name).matches()).toList();
    }
    List<String> prefixes = Arrays.stream(selection.split(",")).map(String::strip).toList();
    return everything.stream()
        .filter(name -> prefixes.stream().anyMatch(name::startsWith))
        .toList();
  }

  private SltFileResult runFile(String file, Duration timeLimit) throws IOException {
    String text = SltResources.read(getClass().getClassLoader(), file);
    long deadline = System.nanoTime() + timeLimit.toNanos();
    try (SltDatabase database = new TimeLimitedDatabase(newDatabase(), deadline)) {
      return new SltRunner(ENGINE_NAMES, timeLimit).run(database, file, text);
    }
  }

  private void report(SltFileResult result, Properties baseline, boolean checkBaseline) {
    List<String> failures = result.failures();
    List<String> shown = failures.subList(0, Math.min(FAILURES_PRINTED, failures.size()));
    System.out.println(result.summary() + ", first failures: "
        + (shown.isEmpty() ? "none" : String.join("\n  ", shown)));
    String minimum = baseline.getProperty(result.file());
    if (minimum == null) {
      System.out.println(result.file() + ": no baseline in " + baselineResource() + ", using 0");
    }
    int required = minimum == null ? 0 : Integer.parseInt(minimum.strip());
    if (result.passed() > required) {
      System.out.println(result.file() + ": passes more than its baseline " + required
          + "; it can be raised to " + result.passed());
    }
    if (checkBaseline) {
      assertTrue(result.passed() >= required, () -> result.summary()
          + " is below its baseline of " + required + " passed\n"
          + String.join("\n", result.failures()));
    }
  }

  private Properties baseline() throws IOException {
    Properties baseline = new Properties();
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(baselineResource())) {
      if (in != null) {
        baseline.load(in);
      }
    }
    return baseline;
  }

  private static void printTotal(List<SltFileResult> results) {
    long passed = results.stream().mapToLong(SltFileResult::passed).sum();
    long total = results.stream().mapToLong(SltFileResult::total).sum();
    long skipped = results.stream().mapToLong(SltFileResult::skipped).sum();
    double percent = total == 0 ? 100.0 : 100.0 * passed / total;
    System.out.printf(Locale.ROOT, "SQLite corpus: %d files, %d/%d passed (%.1f%%), %d skipped%n",
        results.size(), passed, total, percent, skipped);
  }
}
