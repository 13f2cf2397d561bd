package io.quorate.sql.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** LIKE matches as PostgreSQL's does, and in bounded time even for many wildcards. */
class LikeMatcherTest {

  private static boolean like(String value, String pattern) {
    return LikeMatcher.matches(value, pattern, "\\", false);
  }

  @Test
  void wildcardsAndEscapes() {
    assertTrue(like("abc", "abc"));
    assertTrue(like("abc", "a%"));
    assertTrue(like("abc", "%c"));
    assertTrue(like("abc", "a_c"));
    assertTrue(like("", "%"));
    assertTrue(like("a%c", "a\\%c"));
    assertFalse(like("abc", "a\\%c"));
    assertFalse(like("abc", "ab"));
    assertFalse(like("ab", "a_c"));
    assertTrue(like("mississippi", "%iss%pi"));
    assertFalse(like("mississippi", "%iss%pix"));
    assertTrue(like("ünïcode", "_n_code"));
    assertTrue(LikeMatcher.matches("ABC", "a%", "\\", true));
    assertTrue(LikeMatcher.matches("a\\c", "a\\c", "", false));
  }

  @Test
  void badEscapesAreErrors() {
    SqlException trailing = assertThrows(SqlException.class, () -> like("a", "a\\"));
    assertEquals(SqlState.INVALID_ESCAPE_SEQUENCE, trailing.state());
    assertThrows(SqlException.class, () -> LikeMatcher.matches("a", "a", "xy", false));
  }

  /** A pattern that made a backtracking matcher take exponential time finishes at once. */
  @Test
  @Timeout(5)
  void manyWildcardsStayLinearish() {
    String text = "a".repeat(5000);
    String pattern = "%a".repeat(40) + "%b";
    assertFalse(like(text, pattern));
  }
}
