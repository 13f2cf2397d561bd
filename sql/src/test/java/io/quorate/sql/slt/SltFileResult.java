package io.quorate.sql.slt;

import java.util.List;
import java.util.Locale;

/**
 * What running one file gave: how many statement and query records passed, failed and
 * were skipped (by {@code skipif}/{@code onlyif}), and descriptions of the first failures
 * ({@code file:line: expected ... but got ...} with the SQL), at most
 * {@link SltRunner#MAX_FAILURES_REPORTED}.
 */
public record SltFileResult(String file, int passed, int failed, int skipped,
    List<String> failures) {

  public SltFileResult {
    failures = List.copyOf(failures);
  }

  /** Records that ran (or should have run): passed plus failed. */
  public int total() {
    return passed + failed;
  }

  /** {@code file passed/total (pct%) skipped N}. */
  public String summary() {
    double percent = total() == 0 ? 100.0 : 100.0 * passed / total();
    return String.format(Locale.ROOT, "%s %d/%d (%.1f%%) skipped %d", file, passed, total(),
        percent, skipped);
  }
}
