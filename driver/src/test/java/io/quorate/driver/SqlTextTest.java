package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Statement counting and placeholder numbering respect PostgreSQL's quoting and comments. */
class SqlTextTest {

  @Test
  void countsStatementsOutsideQuotesAndComments() {
    assertEquals(0, SqlText.statementCount(""));
    assertEquals(0, SqlText.statementCount(" ; ;-- only a comment\n/* and ; another */"));
    assertEquals(1, SqlText.statementCount("SELECT 1"));
    assertEquals(1, SqlText.statementCount("SELECT 1;"));
    assertEquals(2, SqlText.statementCount("SELECT 1; SELECT 2"));
    assertEquals(1, SqlText.statementCount("SELECT 'a;b', \"c;d\" -- e;f\n"));
    assertEquals(1, SqlText.statementCount("SELECT 'it''s; fine'"));
    assertEquals(1, SqlText.statementCount("SELECT E'back\\'slash;'"));
    assertEquals(1, SqlText.statementCount("SELECT $$a;b$$, $tag$ c;$$ $tag$"));
    assertEquals(1, SqlText.statementCount("SELECT /* nested /* ; */ ; */ 1"));
    assertEquals(2, SqlText.statementCount("SELECT $1; SELECT 2"), "$1 is a parameter, not a dollar quote");
    assertEquals(1, SqlText.statementCount("SELECT 'unterminated; still one"));
  }

  @Test
  void splitsAScriptIntoCompleteStatementsAndTheRest() {
    SqlText.Split split = SqlText.split("CREATE TABLE t (a text);\nINSERT INTO t VALUES ('x;y'); -- done\nSELECT *\n  FROM t");
    assertEquals(java.util.List.of("CREATE TABLE t (a text)", "INSERT INTO t VALUES ('x;y')"), split.statements());
    assertEquals(" -- done\nSELECT *\n  FROM t", split.rest());
    assertEquals(true, split.restHasContent());
    SqlText.Split done = SqlText.split("SELECT 1; -- trailing comment\n");
    assertEquals(java.util.List.of("SELECT 1"), done.statements());
    assertEquals(false, done.restHasContent());
    assertEquals(true, SqlText.split("SELECT $$ a; b").restHasContent(), "an open dollar quote keeps going");
    assertEquals(0, SqlText.split("SELECT $$ a; b").statements().size());
  }

  @Test
  void numbersPlaceholdersOutsideQuotesAndComments() {
    assertEquals(new SqlText.Numbered("SELECT $1, $2", 2), SqlText.numberParameters("SELECT ?, ?"));
    assertEquals(new SqlText.Numbered("SELECT '?', \"?\", $1 -- ?\n", 1),
        SqlText.numberParameters("SELECT '?', \"?\", ? -- ?\n"));
    assertEquals(new SqlText.Numbered("SELECT $$?$$, /* ? */ $1", 1), SqlText.numberParameters("SELECT $$?$$, /* ? */ ?"));
    assertEquals(new SqlText.Numbered("SELECT '{}'::jsonb ? 'a'", 0), SqlText.numberParameters("SELECT '{}'::jsonb ?? 'a'"));
    assertEquals(new SqlText.Numbered("", 0), SqlText.numberParameters(""));
  }
}
