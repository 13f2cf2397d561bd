package io.quorate.sql.slt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fake database for the runner's own tests: each SQL text has a scripted answer (rows,
 * an error, or an engine crash); anything else fails with XX000. It logs every statement
 * with the connection it ran on ({@code c2: SELECT 1}) and, like a real restart, makes
 * connections opened before a {@link #restart()} unusable.
 */
final class ScriptedDatabase implements SltDatabase {

  private final Map<String, Answer> answers = new HashMap<>();
  private final List<String> log = new ArrayList<>();
  private int connectionsOpened;
  private int restarts;
  private int generation;
  private boolean closed;

  private sealed interface Answer {}

  private record Rows(SltResult result) implements Answer {}

  private record Failure(String sqlState, String message) implements Answer {}

  private record Crash(String message) implements Answer {}

  /** A row whose cells may be null (SQL NULL). */
  static List<String> row(String... cells) {
    return Arrays.asList(cells);
  }

  @SafeVarargs
  static SltResult result(List<String>... rows) {
    // Copied by iterating: handing the array itself on is what -Xlint:varargs warns about.
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : rows) {
      copy.add(row);
    }
    return new SltResult(copy);
  }

  ScriptedDatabase answer(String sql, SltResult result) {
    answers.put(sql, new Rows(result));
    return this;
  }

  /** A statement that succeeds without rows. */
  ScriptedDatabase ok(String sql) {
    return answer(sql, new SltResult(List.of()));
  }

  ScriptedDatabase error(String sql, String sqlState, String message) {
    answers.put(sql, new Failure(sqlState, message));
    return this;
  }

  /** A statement on which the engine throws a RuntimeException (a bug, not an SQL error). */
  ScriptedDatabase crash(String sql, String message) {
    answers.put(sql, new Crash(message));
    return this;
  }

  /** Every statement run, as {@code c<connection number>: <sql>}, in order. */
  List<String> log() {
    return log;
  }

  int connectionsOpened() {
    return connectionsOpened;
  }

  int restarts() {
    return restarts;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public SltConnection connect() {
    int id = ++connectionsOpened;
    int openedIn = generation;
    return new SltConnection() {
      @Override
      public SltResult execute(String sql) throws SltError {
        if (openedIn != generation) {
          throw new SltError("57P01", "terminating connection due to administrator command");
        }
        log.add("c" + id + ": " + sql);
        return respond(sql);
      }

      @Override
      public void close() {}
    };
  }

  private SltResult respond(String sql) throws SltError {
    Answer answer = answers.get(sql);
    return switch (answer) {
      case Rows rows -> rows.result();
      case Failure failure -> throw new SltError(failure.sqlState(), failure.message());
      case Crash crash -> throw new IllegalStateException(crash.message());
      case null -> throw new SltError("XX000", "no scripted answer for: " + sql);
    };
  }

  @Override
  public void restart() {
    restarts++;
    generation++;
  }

  @Override
  public void close() {
    closed = true;
  }
}
