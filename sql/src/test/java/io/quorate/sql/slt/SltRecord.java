package io.quorate.sql.slt;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One record of a sqllogictest file, as {@link SltParser} reads it. Every record knows
 * its 1-based line number (of its directive line, for failure messages) and the
 * {@code skipif}/{@code onlyif} conditions written before it.
 */
public sealed interface SltRecord {

  /** 1-based line of the record's directive ({@code statement}, {@code query}, …). */
  int line();

  /** The {@code skipif}/{@code onlyif} lines that precede the record, in file order. */
  List<Condition> conditions();

  /**
   * Whether the record runs on an engine answering to {@code engineNames}: no
   * {@code skipif} names one of them and every {@code onlyif} names one of them.
   */
  default boolean appliesTo(Set<String> engineNames) {
    for (Condition condition : conditions()) {
      if (condition.onlyIf() != engineNames.contains(condition.engine())) {
        return false;
      }
    }
    return true;
  }

  /** {@code skipif <engine>} ({@code onlyIf} false) or {@code onlyif <engine>} (true). */
  record Condition(boolean onlyIf, String engine) {}

  /** How a query's result values are ordered before comparing. */
  enum SortMode {
    NOSORT,
    ROWSORT,
    VALUESORT
  }

  /**
   * The failure a record expects: a SQLSTATE (null for any), and a regular expression the
   * message must contain a match of (null for any). Both null means any error.
   */
  record ExpectedError(String sqlState, Pattern messagePattern) {

    /** Whether {@code error} is the expected one. */
    public boolean matches(SltError error) {
      boolean stateMatches = sqlState == null || sqlState.equals(error.sqlState());
      String message = error.getMessage() == null ? "" : error.getMessage();
      return stateMatches && (messagePattern == null || messagePattern.matcher(message).find());
    }

    /** The expectation as a reader of the file wrote it. */
    public String describe() {
      if (sqlState == null && messagePattern == null) {
        return "an error";
      }
      String state = sqlState == null ? "" : "SQLSTATE " + sqlState;
      String pattern = messagePattern == null ? "" : "message matching /" + messagePattern + "/";
      return "error " + (state + " " + pattern).trim();
    }
  }

  /**
   * {@code statement ok}, {@code statement error [...]} or {@code query error [...]}:
   * runs {@code sql}; an empty {@code expectedError} means it must succeed.
   */
  record Statement(int line, List<Condition> conditions, String sql,
      Optional<ExpectedError> expectedError) implements SltRecord {}

  /**
   * {@code query <types> [sort mode] [label]}: runs {@code sql} and compares its values
   * with {@code expectedLines}, the lines after {@code ----} exactly as written (a single
   * {@code N values hashing to <md5>} line, one value per line, or one row per line).
   * {@code types} has one of I, R, T, B per column; the label is null when absent.
   */
  record Query(int line, List<Condition> conditions, String sql, String types,
      SortMode sortMode, String label, List<String> expectedLines) implements SltRecord {}

  /** {@code hash-threshold N}: results of more than N values are written as a hash. */
  record HashThreshold(int line, List<Condition> conditions, int threshold)
      implements SltRecord {}

  /** {@code halt}: the rest of the file is not run. */
  record Halt(int line, List<Condition> conditions) implements SltRecord {}

  /** {@code connection <name>}: later records run on the named connection. */
  record Connection(int line, List<Condition> conditions, String name) implements SltRecord {}

  /** {@code restart}: the database restarts; named connections reopen on next use. */
  record Restart(int line, List<Condition> conditions) implements SltRecord {}

  /**
   * A record the parser could not understand (an unknown directive such as {@code loop},
   * a bad type letter, a bad regex); running it fails with {@code message}, so one bad
   * record does not stop the file.
   */
  record Malformed(int line, List<Condition> conditions, String message) implements SltRecord {}
}
