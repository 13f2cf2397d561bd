package io.quorate.sql.slt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs sqllogictest records against an {@link SltDatabase}. Each statement and query
 * record passes, fails or is skipped; a failure (wrong result, unexpected error, engine
 * exception, record the parser could not read) is counted and described, and the file
 * goes on with the next record. The runner answers to a set of engine names for
 * {@code skipif}/{@code onlyif}. An optional time limit per file stops a file between
 * records and counts the records not run as failed. One file runs on the calling thread;
 * a runner holds no state between files, so it may run several files one after another.
 */
public final class SltRunner {

  /** How many failure descriptions a {@link SltFileResult} keeps. */
  public static final int MAX_FAILURES_REPORTED = 20;

  private final Set<String> engineNames;
  private final Duration timeLimit;

  /** A runner without a time limit. */
  public SltRunner(Set<String> engineNames) {
    this(engineNames, null);
  }

  /** A runner that stops a file after {@code timeLimit} (null for no limit). */
  public SltRunner(Set<String> engineNames, Duration timeLimit) {
    this.engineNames = Set.copyOf(engineNames);
    this.timeLimit = timeLimit;
  }

  /** Parses {@code text} and runs it; {@code fileName} only labels the failures. */
  public SltFileResult run(SltDatabase database, String fileName, String text) {
    return run(database, fileName, new SltParser().parse(text));
  }

  /**
   * Runs {@code records} in order on {@code database}, opening and closing its own
   * connections (it does not close the database).
   */
  public SltFileResult run(SltDatabase database, String fileName, List<SltRecord> records) {
    Objects.requireNonNull(database, "database");
    long deadline = timeLimit == null ? 0 : System.nanoTime() + timeLimit.toNanos();
    try (NamedConnections connections = new NamedConnections(database)) {
      FileRun run = new FileRun(fileName, connections);
      for (int i = 0; i < records.size(); i++) {
        if (timeLimit != null && System.nanoTime() - deadline >= 0) {
          run.stopForTime(records.subList(i, records.size()), timeLimit);
          break;
        }
        if (!run.accept(records.get(i))) {
          break;
        }
      }
      return run.result();
    }
  }

  /** The state of one file's run: connections, hash threshold and the tally. */
  private final class FileRun {
    private final String fileName;
    private final NamedConnections connections;
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int failed;
    private int skipped;
    private int hashThreshold;

    FileRun(String fileName, NamedConnections connections) {
      this.fileName = fileName;
      this.connections = connections;
    }

    /** Runs one record; false when the file stops here ({@code halt}). */
    boolean accept(SltRecord record) {
      if (!record.appliesTo(engineNames)) {
        if (isTest(record)) {
          skipped++;
        }
        return true;
      }
      switch (record) {
        case SltRecord.Halt halt -> {
          return false;
        }
        case SltRecord.HashThreshold threshold -> hashThreshold = threshold.threshold();
        case SltRecord.Connection connection -> connections.use(connection.name());
        case SltRecord.Restart restart -> restart(restart);
        case SltRecord.Malformed malformed -> fail(malformed.line(), malformed.message(), null);
        case SltRecord.Statement statement ->
            tally(statement.line(), statement.sql(), RecordCheck.statement(statement, connections));
        case SltRecord.Query query -> tally(query.line(), query.sql(),
            RecordCheck.query(query, connections, hashThreshold));
      }
      return true;
    }

    private void restart(SltRecord.Restart restart) {
      try {
        connections.restart();
      } catch (RuntimeException e) {
        fail(restart.line(), "restart failed: " + e, null);
      }
    }

    private void tally(int line, String sql, Optional<String> mismatch) {
      if (mismatch.isEmpty()) {
        passed++;
      } else {
        fail(line, mismatch.get(), sql);
      }
    }

    private void fail(int line, String message, String sql) {
      failed++;
      if (failures.size() < MAX_FAILURES_REPORTED) {
        String where = NamedConnections.DEFAULT.equals(connections.currentName())
            ? "" : " [connection " + connections.currentName() + "]";
        String statement = sql == null ? "" : "\n    SQL: " + RecordCheck.abbreviate(sql);
        failures.add(fileName + ":" + line + where + ": " + message + statement);
      }
    }

    void stopForTime(List<SltRecord> notRun, Duration limit) {
      int count = (int) notRun.stream().filter(SltRunner::isTest).count();
      if (count == 0) {
        return;
      }
      failed += count - 1;
      fail(notRun.get(0).line(), "time limit of " + limit.toSeconds() + " s reached; "
          + count + " records from here on not run", null);
    }

    SltFileResult result() {
      return new SltFileResult(fileName, passed, failed, skipped, failures);
    }
  }

  private static boolean isTest(SltRecord record) {
    return record instanceof SltRecord.Statement || record instanceof SltRecord.Query
        || record instanceof SltRecord.Malformed;
  }
}
