package io.quorate.sql.slt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one statement or query record on the current connection and says how its outcome
 * differs from the file's expectation (empty when it passed). Engine exceptions other
 * than {@link SltError} are mismatches too, so a broken engine fails records rather than
 * stopping the file.
 */
final class RecordCheck {

  private static final int SHOWN_ROWS = 10;
  private static final int SHOWN_SQL_CHARS = 300;

  private RecordCheck() {}

  static Optional<String> statement(SltRecord.Statement statement, NamedConnections connections) {
    try {
      connections.current().execute(statement.sql());
    } catch (SltError error) {
      if (statement.expectedError().isEmpty()) {
        return Optional.of("expected ok but got " + describe(error));
      }
      SltRecord.ExpectedError expected = statement.expectedError().get();
      return expected.matches(error)
          ? Optional.empty()
          : Optional.of("expected " + expected.describe() + " but got " + describe(error));
    } catch (RuntimeException e) {
      return Optional.of("engine threw " + e);
    }
    return statement.expectedError()
        .map(expected -> "expected " + expected.describe() + " but the statement succeeded");
  }

  static Optional<String> query(SltRecord.Query query, NamedConnections connections,
      int hashThreshold) {
    SltResult result;
    try {
      result = connections.current().execute(query.sql());
    } catch (SltError error) {
      return Optional.of("expected rows but got " + describe(error));
    } catch (RuntimeException e) {
      return Optional.of("engine threw " + e);
    }
    List<String> actual;
    try {
      actual = SltValues.sortedValues(SltValues.formatRows(result.rows(), query.types()),
          query.sortMode());
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
    return compare(query, actual, result.rows().size(), hashThreshold);
  }

  private static Optional<String> compare(SltRecord.Query query, List<String> actual, int rows,
      int hashThreshold) {
    List<String> expectedLines = query.expectedLines();
    int columns = query.types().length();
    boolean hashed = SltValues.isHash(expectedLines);
    boolean matches = hashed
        ? SltValues.hash(actual).equals(expectedLines.get(0).strip())
        : SltValues.expectedValues(expectedLines, rows, columns).equals(actual);
    if (matches) {
      return Optional.empty();
    }
    // Past the threshold a file states the hash, so that is the useful form to show.
    boolean showHash = hashed || (hashThreshold > 0 && actual.size() > hashThreshold);
    String got = showHash ? SltValues.hash(actual) : rowsText(actual, columns);
    return Optional.of("expected " + linesText(expectedLines) + "\n    but got " + got);
  }

  /** Values regrouped into rows, one {@code [a b c]} per row, the first few only. */
  private static String rowsText(List<String> values, int columns) {
    List<String> rows = new ArrayList<>();
    for (int start = 0; start < values.size(); start += columns) {
      rows.add(String.join(" ", values.subList(start, Math.min(values.size(), start + columns))));
    }
    return linesText(rows);
  }

  private static String linesText(List<String> lines) {
    if (lines.isEmpty()) {
      return "no rows";
    }
    String shown = String.join(" | ", lines.subList(0, Math.min(lines.size(), SHOWN_ROWS)));
    return lines.size() > SHOWN_ROWS ? shown + " | ... (" + lines.size() + " lines)" : shown;
  }

  private static String describe(SltError error) {
    return "error " + error.sqlState() + " " + error.getMessage();
  }

  /** The SQL on one line, cut short, for a failure description. */
  static String abbreviate(String sql) {
    String oneLine = sql.replace('\n', ' ');
    return oneLine.length() <= SHOWN_SQL_CHARS
        ? oneLine : oneLine.substring(0, SHOWN_SQL_CHARS) + "...";
  }
}
