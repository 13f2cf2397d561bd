package io.quorate.sql.slt;

import static io.quorate.sql.slt.ScriptedDatabase.result;
import static io.quorate.sql.slt.ScriptedDatabase.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runner against a scripted fake: what passes, what fails with which line, and that
 * a failure never stops the rest of the file.
 */
class SltRunnerTest {

  private static final Set<String> ENGINES = Set.of("postgresql", "quorate");

  private final ScriptedDatabase database = new ScriptedDatabase()
      .ok("CREATE TABLE t(a INT, b TEXT)")
      .answer("SELECT a, b FROM t", result(row("2", null), row("1", ""), row("3", "x")))
      .answer("SELECT 1.5, true", result(row("1.5", "t")))
      .error("SELECT * FROM missing", "42P01", "relation \"missing\" does not exist")
      .crash("SELECT crash()", "engine bug");

  private SltFileResult run(String text) {
    return new SltRunner(ENGINES).run(database, "f.test", text);
  }

  @Test
  void passingFileCountsEveryRecord() {
    SltFileResult result = run("""
        statement ok
        CREATE TABLE t(a INT, b TEXT)

        query IT rowsort
        SELECT a, b FROM t
        ----
        1
        (empty)
        2
        NULL
        3
        x

        query IT nosort
        SELECT a, b FROM t
        ----
        2 NULL
        1 (empty)
        3 x

        query RB
        SELECT 1.5, true
        ----
        1.500\tt
        """);
    assertEquals(new SltFileResult("f.test", 4, 0, 0, List.of()), result);
  }

  @Test
  void failingRecordIsReportedWithItsLineAndTheRestRuns() {
    SltFileResult result = run("""
        query IT nosort
        SELECT a, b FROM t
        ----
        1 (empty)
        2 NULL
        3 x

        statement ok
        CREATE TABLE t(a INT, b TEXT)
        """);
    assertEquals(1, result.passed());
    assertEquals(1, result.failed());
    String failure = result.failures().get(0);
    assertTrue(failure.startsWith("f.test:1: expected 1 (empty) | 2 NULL | 3 x"), failure);
    assertTrue(failure.contains("but got 2 NULL | 1 (empty) | 3 x"), failure);
    assertTrue(failure.contains("SQL: SELECT a, b FROM t"), failure);
  }

  @Test
  void hashedResultsCompareByMd5() {
    // The values in rowsort order are 1 (empty) 2 NULL 3 x:
    // printf '1\n(empty)\n2\nNULL\n3\nx\n' | md5sum
    SltFileResult result = run("""
        hash-threshold 4

        query IT rowsort
        SELECT a, b FROM t
        ----
        6 values hashing to d13d5da840724685e3325416778a5fe5

        query IT rowsort
        SELECT a, b FROM t
        ----
        6 values hashing to 00000000000000000000000000000000
        """);
    assertEquals(1, result.passed(), result.failures()::toString);
    assertEquals(1, result.failed());
    assertTrue(result.failures().get(0).contains("but got 6 values hashing to d13d5da840724685"),
        result.failures().get(0));
  }

  @Test
  void statementErrorsBySqlStateAndByRegex() {
    SltFileResult result = run("""
        statement error 42P01
        SELECT * FROM missing

        statement error relation "\\w+" does not exist
        SELECT * FROM missing

        query error 42P01 "missing"
        SELECT * FROM missing

        statement error
        SELECT * FROM missing

        statement error 42601
        SELECT * FROM missing

        statement error permission denied
        SELECT * FROM missing

        statement error
        CREATE TABLE t(a INT, b TEXT)

        statement ok
        SELECT * FROM missing
        """);
    assertEquals(4, result.passed(), result.failures()::toString);
    assertEquals(4, result.failed());
    List<String> failures = result.failures();
    assertTrue(failures.get(0).startsWith("f.test:13: expected error SQLSTATE 42601 but got "
        + "error 42P01 relation \"missing\" does not exist"), failures.get(0));
    assertTrue(failures.get(1).startsWith("f.test:16: expected error message matching "
        + "/permission denied/"), failures.get(1));
    assertTrue(failures.get(2).startsWith("f.test:19: expected an error but the statement "
        + "succeeded"), failures.get(2));
    assertTrue(failures.get(3).startsWith("f.test:22: expected ok but got error 42P01"),
        failures.get(3));
  }

  @Test
  void skipifAndOnlyifFollowTheEngineNames() {
    SltFileResult result = run("""
        skipif quorate
        statement ok
        SELECT * FROM missing

        onlyif mysql
        statement ok
        SELECT * FROM missing

        onlyif postgresql
        skipif mysql
        statement ok
        CREATE TABLE t(a INT, b TEXT)
        """);
    assertEquals(new SltFileResult("f.test", 1, 0, 2, List.of()), result);
  }

  @Test
  void namedConnectionsAreOpenedOnFirstUseAndKept() {
    SltFileResult result = run("""
        statement ok
        CREATE TABLE t(a INT, b TEXT)

        connection other

        statement ok
        CREATE TABLE t(a INT, b TEXT)

        connection default

        statement ok
        CREATE TABLE t(a INT, b TEXT)

        connection other

        statement error 42P01
        SELECT * FROM missing
        """);
    assertEquals(4, result.passed(), result.failures()::toString);
    assertEquals(List.of("c1: CREATE TABLE t(a INT, b TEXT)", "c2: CREATE TABLE t(a INT, b TEXT)",
        "c1: CREATE TABLE t(a INT, b TEXT)", "c2: SELECT * FROM missing"), database.log());
  }

  @Test
  void restartReopensConnectionsLazily() {
    SltFileResult result = run("""
        statement ok
        CREATE TABLE t(a INT, b TEXT)

        connection other

        statement ok
        CREATE TABLE t(a INT, b TEXT)

        restart

        statement ok
        CREATE TABLE t(a INT, b TEXT)

        connection default

        statement ok
        CREATE TABLE t(a INT, b TEXT)
        """);
    assertEquals(4, result.passed(), result.failures()::toString);
    assertEquals(1, database.restarts());
    assertEquals(List.of("c1: CREATE TABLE t(a INT, b TEXT)", "c2: CREATE TABLE t(a INT, b TEXT)",
        "c3: CREATE TABLE t(a INT, b TEXT)", "c4: CREATE TABLE t(a INT, b TEXT)"), database.log());
  }

  @Test
  void malformedRecordsAndEngineCrashesFailButDoNotStopTheFile() {
    SltFileResult result = run("""
        loop i 1 3
        statement ok
        SELECT ${i}

        statement ok
        SELECT crash()

        query I
        SELECT a, b FROM t
        ----

        statement ok
        CREATE TABLE t(a INT, b TEXT)
        """);
    assertEquals(1, result.passed());
    assertEquals(3, result.failed());
    assertTrue(result.failures().get(0).startsWith("f.test:1: unknown directive 'loop'"));
    assertTrue(result.failures().get(1).startsWith(
        "f.test:5: engine threw java.lang.IllegalStateException: engine bug"));
    assertTrue(result.failures().get(2).startsWith("f.test:8: expected 1 columns (I), got a row"),
        result.failures().get(2));
  }

  @Test
  void haltStopsTheFile() {
    SltFileResult result = run("""
        statement ok
        CREATE TABLE t(a INT, b TEXT)

        skipif postgresql
        halt

        halt

        statement ok
        SELECT * FROM missing
        """);
    assertEquals(new SltFileResult("f.test", 1, 0, 0, List.of()), result);
  }

  @Test
  void onlyTheFirstFailuresAreDescribed() {
    String failing = "statement ok\nSELECT * FROM missing\n\n";
    String text = failing.repeat(SltRunner.MAX_FAILURES_REPORTED + 5);
    SltFileResult result = run(text);
    assertEquals(SltRunner.MAX_FAILURES_REPORTED + 5, result.failed());
    assertEquals(SltRunner.MAX_FAILURES_REPORTED, result.failures().size());
  }

  @Test
  void timeLimitCountsTheRecordsNotRunAsFailed() {
    String text = "statement ok\nCREATE TABLE t(a INT, b TEXT)\n\n".repeat(3);
    SltFileResult result = new SltRunner(ENGINES, Duration.ZERO).run(database, "f.test", text);
    assertEquals(new SltFileResult("f.test", 0, 3, 0,
        List.of("f.test:1: time limit of 0 s reached; 3 records from here on not run")), result);
    assertEquals(List.of(), database.log());
  }
}
