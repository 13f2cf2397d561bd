package io.quorate.sql.parser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quorate.sql.error.SqlException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves that bad SQL gets PostgreSQL 16's SQLSTATE, message and caret position (the
 * 1-based character offset of the offending token, or the input length plus one at the end).
 */
class ParserErrorTest {

  static Stream<Arguments> errors() {
    return Stream.of(
        // Unexpected tokens.
        error("SELECT * FORM t", "syntax error at or near \"FORM\"", 10),
        error("SELEC 1", "syntax error at or near \"SELEC\"", 1),
        error("SELECT 1 2", "syntax error at or near \"2\"", 10),
        error("SELECT 'a' 'b'", "syntax error at or near \"'b'\"", 12),
        error("SELECT 1 = = 2", "syntax error at or near \"=\"", 12),
        error("SELECT 1 IS 1", "syntax error at or near \"1\"", 13),
        error("SELECT CAST(1 AS)", "syntax error at or near \")\"", 17),
        error("SELECT a FROM t WHERE a IN ()", "syntax error at or near \")\"", 29),
        error("CREATE TABLE t (a int,)", "syntax error at or near \")\"", 23),
        error("CREATE TABLE (a int)", "syntax error at or near \"(\"", 14),
        error("DELETE t", "syntax error at or near \"t\"", 8),
        error("INSERT t VALUES (1)", "syntax error at or near \"t\"", 8),
        error("BEGIN; SELECT 1 2", "syntax error at or near \"2\"", 17),
        // The end of the input.
        error("SELECT (1", "syntax error at end of input", 10),
        error("SELECT * FROM", "syntax error at end of input", 14),
        error("SELECT 1 +", "syntax error at end of input", 11),
        error("SELECT * FROM t WHERE", "syntax error at end of input", 22),
        error("SELECT * FROM t LIMIT", "syntax error at end of input", 22),
        error("SELECT 1 AS", "syntax error at end of input", 12),
        error("SELECT ARRAY[1, 2", "syntax error at end of input", 18),
        error("SELECT CASE WHEN 1 THEN 2", "syntax error at end of input", 26),
        error("SELECT * FROM t1 JOIN t2", "syntax error at end of input", 25),
        error("SELECT count(*", "syntax error at end of input", 15),
        error("SELECT (SELECT 1", "syntax error at end of input", 17),
        error("INSERT INTO t VALUES (1", "syntax error at end of input", 24),
        error("UPDATE t SET", "syntax error at end of input", 13),
        error("DROP TABLE", "syntax error at end of input", 11),
        error("SELECT 1 -- comment\nFROM", "syntax error at end of input", 25),
        // The scanner's own errors.
        error("SELECT 'abc", "unterminated quoted string at or near \"'abc\"", 8),
        error("SELECT E'abc", "unterminated quoted string at or near \"E'abc\"", 8),
        error("SELECT \"abc", "unterminated quoted identifier at or near \"\"abc\"", 8),
        error("SELECT \"\"", "zero-length delimited identifier at or near \"\"\"\"", 8),
        error("SELECT /* abc", "unterminated /* comment at or near \"/* abc\"", 8),
        error("SELECT $$abc", "unterminated dollar-quoted string at or near \"$$abc\"", 8),
        error("SELECT 123abc", "trailing junk after numeric literal at or near \"123a\"", 8),
        error("SELECT 1.5e", "trailing junk after numeric literal at or near \"1.5e\"", 8),
        Arguments.of("SELECT $0", "42P02", "there is no parameter $0", 8));
  }

  private static Arguments error(String sql, String message, int position) {
    return Arguments.of(sql, "42601", message, position);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void reportsWhatPostgresReports(String sql, String sqlState, String message, int position) {
    SqlException error = assertThrows(SqlException.class, () -> Parser.parse(sql));
    assertAll(
        () -> assertEquals(message, error.getMessage()),
        () -> assertEquals(sqlState, error.state().code()),
        () -> assertEquals(position, error.position()));
  }
}
