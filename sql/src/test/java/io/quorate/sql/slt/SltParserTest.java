package io.quorate.sql.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.slt.SltRecord.Condition;
import io.quorate.sql.slt.SltRecord.ExpectedError;
import io.quorate.sql.slt.SltRecord.SortMode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The parser reads every record kind, with line numbers, and never throws on bad input. */
class SltParserTest {

  private final SltParser parser = new SltParser();

  @Test
  void statementsOkAndErrorForms() {
    List<SltRecord> records = parser.parse("""
        # a comment
        statement ok
        CREATE TABLE t(a INT);
        INSERT INTO t VALUES (1)

        statement error
        SELECT x

        statement error 42P01
        SELECT * FROM missing

        statement error relation "\\w+" does not exist
        SELECT * FROM missing

        statement error 42P01 does not exist$
        SELECT * FROM missing

        statement error ERROR
        SELECT 1/0
        """);
    assertEquals(6, records.size());
    SltRecord.Statement ok = assertInstanceOf(SltRecord.Statement.class, records.get(0));
    assertEquals(2, ok.line());
    assertEquals("CREATE TABLE t(a INT);\nINSERT INTO t VALUES (1)", ok.sql());
    assertEquals(Optional.empty(), ok.expectedError());
    assertEquals("an error", error(records.get(1)).describe());
    assertEquals("42P01", error(records.get(2)).sqlState());
    assertNull(error(records.get(2)).messagePattern());
    assertNull(error(records.get(3)).sqlState());
    assertEquals("relation \"\\w+\" does not exist",
        error(records.get(3)).messagePattern().pattern());
    assertEquals("42P01", error(records.get(4)).sqlState());
    assertEquals("does not exist$", error(records.get(4)).messagePattern().pattern());
    // Five capitals without a digit are no SQLSTATE, so they are a message regex.
    assertNull(error(records.get(5)).sqlState());
    assertEquals(18, records.get(5).line());
  }

  @Test
  void queriesWithTypesSortModeLabelAndResults() {
    List<SltRecord> records = parser.parse("""
        query ITRB rowsort label-1
        SELECT a, b, c, d
        FROM t
        ----
        1
        x
        1.500
        t

        query I
        SELECT 1 WHERE false

        query T valuesort
        SELECT b FROM t
        ----
        30 values hashing to 0123456789abcdef0123456789abcdef

        query error 22012
        SELECT 1/0
        """);
    SltRecord.Query query = assertInstanceOf(SltRecord.Query.class, records.get(0));
    assertEquals(1, query.line());
    assertEquals("ITRB", query.types());
    assertEquals(SortMode.ROWSORT, query.sortMode());
    assertEquals("label-1", query.label());
    assertEquals("SELECT a, b, c, d\nFROM t", query.sql());
    assertEquals(List.of("1", "x", "1.500", "t"), query.expectedLines());
    SltRecord.Query noSeparator = assertInstanceOf(SltRecord.Query.class, records.get(1));
    assertEquals(SortMode.NOSORT, noSeparator.sortMode());
    assertNull(noSeparator.label());
    assertEquals(List.of(), noSeparator.expectedLines(), "no ---- means no rows expected");
    SltRecord.Query hashed = assertInstanceOf(SltRecord.Query.class, records.get(2));
    assertEquals(SortMode.VALUESORT, hashed.sortMode());
    assertTrue(SltValues.isHash(hashed.expectedLines()));
    assertEquals("22012", error(records.get(3)).sqlState());
    assertEquals(18, records.get(3).line());
  }

  @Test
  void conditionsAndOneLineDirectives() {
    List<SltRecord> records = parser.parse("""
        hash-threshold 8
        skipif mysql # not compatible
        onlyif postgresql
        statement ok
        SELECT 1

        connection second
        restart
        halt
        """);
    assertEquals(new SltRecord.HashThreshold(1, List.of(), 8), records.get(0));
    SltRecord.Statement statement = assertInstanceOf(SltRecord.Statement.class, records.get(1));
    assertEquals(4, statement.line());
    assertEquals(List.of(new Condition(false, "mysql"), new Condition(true, "postgresql")),
        statement.conditions());
    assertEquals(new SltRecord.Connection(7, List.of(), "second"), records.get(2));
    assertEquals(new SltRecord.Restart(8, List.of()), records.get(3));
    assertEquals(new SltRecord.Halt(9, List.of()), records.get(4));
  }

  @Test
  void unknownOrBrokenRecordsBecomeMalformedAndParsingGoesOn() {
    List<SltRecord> records = parser.parse("""
        loop i 1 10
        statement ok
        SELECT ${i}

        query X
        SELECT 1
        ----
        1

        query I sideways
        SELECT 1

        statement error [unclosed
        SELECT 1

        statement ok

        hash-threshold lots

        statement ok
        SELECT 2
        """);
    assertEquals(List.of(1, 5, 10, 13, 16, 18, 20), records.stream().map(SltRecord::line).toList());
    for (SltRecord record : records.subList(0, 6)) {
      assertInstanceOf(SltRecord.Malformed.class, record, record.toString());
    }
    String message = ((SltRecord.Malformed) records.get(0)).message();
    assertTrue(message.contains("unknown directive 'loop'"), message);
    assertInstanceOf(SltRecord.Statement.class, records.get(6));
  }

  @Test
  void windowsLineEndingsAndCommentsInsideSql() {
    List<SltRecord> records = parser.parse("statement ok\r\nSELECT 1\r\n# dropped\r\n, 2\r\n\r\n"
        + "query T\r\nSELECT '#'\r\n----\r\n#\r\n");
    assertEquals("SELECT 1\n, 2", ((SltRecord.Statement) records.get(0)).sql());
    assertEquals(List.of("#"), ((SltRecord.Query) records.get(1)).expectedLines(),
        "a result value starting with # is data, not a comment");
  }

  @Test
  void sqliteSelect1HasItsThousandQueries() throws IOException {
    String text = SltResources.read(getClass().getClassLoader(), "test/select1.test");
    Map<Class<?>, Long> counts = parser.parse(text).stream()
        .collect(Collectors.groupingBy(Object::getClass, Collectors.counting()));
    assertEquals(1000L, counts.get(SltRecord.Query.class));
    assertEquals(31L, counts.get(SltRecord.Statement.class));
    assertEquals(2, counts.size(), () -> "only statements and queries: " + counts);
  }

  @Test
  void sqliteCorpusConditionsCarryTheEngineOnly() throws IOException {
    String text = SltResources.read(getClass().getClassLoader(),
        "test/random/aggregates/slt_good_0.test");
    Map<String, Long> engines = parser.parse(text).stream()
        .flatMap(record -> record.conditions().stream())
        .map(Condition::engine)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertTrue(engines.keySet().stream().allMatch(name -> name.matches("[a-z]+")),
        engines::toString);
    assertTrue(engines.containsKey("mysql"));
  }

  private static ExpectedError error(SltRecord record) {
    return assertInstanceOf(SltRecord.Statement.class, record).expectedError().orElseThrow();
  }
}
