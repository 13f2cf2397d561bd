package io.quorate.sql.slt;

import static io.quorate.sql.slt.ScriptedDatabase.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.slt.SltRecord.SortMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cells format, sort and hash exactly as SQLite's runner does, so the corpus applies. */
class SltValuesTest {

  @Test
  void nullIsNullForEveryType() {
    for (char type : "ITRB".toCharArray()) {
      assertEquals("NULL", SltValues.format(null, type));
    }
  }

  @Test
  void textShowsEmptyAndControlCharacters() {
    assertEquals("(empty)", SltValues.format("", 'T'));
    assertEquals("a@b@c", SltValues.format("a\tb\nc", 'T'));
    assertEquals(" x ", SltValues.format(" x ", 'T'));
    assertEquals("NULL", SltValues.format("NULL", 'T'), "the text NULL looks like SQL NULL");
  }

  @Test
  void integersTruncateTowardZero() {
    assertEquals("42", SltValues.format("42", 'I'));
    assertEquals("-7", SltValues.format("-7", 'I'));
    assertEquals("2", SltValues.format("2.9", 'I'));
    assertEquals("-2", SltValues.format("-2.9", 'I'));
    assertEquals("0", SltValues.format("-0.5", 'I'));
    assertEquals("123456789012345678901", SltValues.format("123456789012345678901.5", 'I'));
    assertEquals("0", SltValues.format("abc", 'I'));
    assertEquals("0", SltValues.format("t", 'I'));
  }

  @Test
  void realsPrintThreeDecimalsAsCPrintfDoes() {
    assertEquals("1.000", SltValues.format("1", 'R'));
    assertEquals("-3.142", SltValues.format("-3.14159", 'R'));
    assertEquals("1.234", SltValues.format("1.2345", 'R'), "1.2345 is stored just below");
    assertEquals("0.062", SltValues.format("0.0625", 'R'), "an exact tie goes to even");
    assertEquals("-0.000", SltValues.format("-0.0001", 'R'));
    assertEquals("0.000", SltValues.format("abc", 'R'));
  }

  @Test
  void booleansAsTheEngineWritesThem() {
    assertEquals("t", SltValues.format("t", 'B'));
    assertEquals("f", SltValues.format("f", 'B'));
  }

  @Test
  void unknownTypeAndWrongWidthAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> SltValues.format("1", 'X'));
    assertThrows(IllegalArgumentException.class,
        () -> SltValues.formatRows(List.of(row("1", "2")), "I"));
  }

  @Test
  void sortModes() {
    List<List<String>> rows = SltValues.formatRows(
        List.of(row("9", "b"), row("10", "a"), row("9", "a")), "IT");
    assertEquals(List.of("9", "b", "10", "a", "9", "a"),
        SltValues.sortedValues(rows, SortMode.NOSORT));
    // As strings "10" sorts before "9", as in SQLite's runner.
    assertEquals(List.of("10", "a", "9", "a", "9", "b"),
        SltValues.sortedValues(rows, SortMode.ROWSORT));
    assertEquals(List.of("10", "9", "9", "a", "a", "b"),
        SltValues.sortedValues(rows, SortMode.VALUESORT));
  }

  @Test
  void hashIsMd5OfValuesEachEndedByNewline() {
    // printf '1\n2\n3\n' | md5sum
    assertEquals("3 values hashing to c0710d6b4f15dfa88f600b0e6b624077",
        SltValues.hash(List.of("1", "2", "3")));
    // printf 'a\nNULL\n(empty)\n' | md5sum
    assertEquals("3 values hashing to 72b876ccbd3d5d4fafd6e014287fa23c",
        SltValues.hash(List.of("a", "NULL", "(empty)")));
    assertTrue(SltValues.isHash(List.of("3 values hashing to c0710d6b4f15dfa88f600b0e6b624077")));
    assertFalse(SltValues.isHash(List.of("3 values hashing to nothing")));
  }

  @Test
  void expectedValuesOnePerLineOrOneRowPerLine() {
    List<String> sqliteStyle = List.of("1", "a b", "2", "c");
    assertEquals(sqliteStyle, SltValues.expectedValues(sqliteStyle, 2, 2));
    assertEquals(List.of("1", "a b", "2", "c"),
        SltValues.expectedValues(List.of("1\ta b", "2\tc"), 2, 2));
    assertEquals(List.of("1", "x", "NULL", "2", "y", "(empty)"),
        SltValues.expectedValues(List.of("1 x  NULL", "2 y (empty)"), 2, 3));
    List<String> wrongCount = List.of("1 2 3");
    assertEquals(wrongCount, SltValues.expectedValues(wrongCount, 1, 2));
  }
}
