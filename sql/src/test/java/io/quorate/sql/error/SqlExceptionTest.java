package io.quorate.sql.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Proves SQLSTATE codes are well formed and unique, and errors read as PostgreSQL's do. */
class SqlExceptionTest {

  @Test
  void statesAreFiveCharactersUniqueAndFoundByCode() {
    Set<String> codes = new HashSet<>();
    for (SqlState state : SqlState.values()) {
      assertEquals(5, state.code().length(), state.name());
      assertEquals(state.code(), state.code().toUpperCase(java.util.Locale.ROOT), state.name());
      assertEquals(true, codes.add(state.code()), "duplicate code " + state.code());
      assertSame(state, SqlState.fromCode(state.code()));
    }
    assertNull(SqlState.fromCode("ZZ999"));
    assertEquals("23", SqlState.UNIQUE_VIOLATION.errorClass());
    assertEquals("40001", SqlState.SERIALIZATION_FAILURE.code());
    assertEquals("25006", SqlState.READ_ONLY_SQL_TRANSACTION.code());
    assertEquals("42P01", SqlState.UNDEFINED_TABLE.code());
  }

  @Test
  void messagesMatchPostgres() {
    assertEquals("syntax error at or near \"FORM\"", SqlException.syntaxErrorAtOrNear("FORM", 10).getMessage());
    assertEquals(10, SqlException.syntaxErrorAtOrNear("FORM", 10).position());
    assertEquals("relation \"t\" does not exist", SqlException.undefinedTable("t").getMessage());
    assertEquals("invalid input syntax for type integer: \"abc\"",
        SqlException.invalidTextRepresentation("integer", "abc").getMessage());
    assertEquals("null value in column \"a\" of relation \"t\" violates not-null constraint",
        SqlException.notNullViolation("a", "t").getMessage());
    SqlException unique = SqlException.uniqueViolation("t_pkey", "Key (id)=(1) already exists.");
    assertEquals("duplicate key value violates unique constraint \"t_pkey\"", unique.getMessage());
    assertEquals("Key (id)=(1) already exists.", unique.detail());
    assertEquals(SqlState.UNIQUE_VIOLATION, unique.state());
    assertEquals("cannot execute INSERT in a read-only transaction",
        SqlException.readOnlyTransaction("INSERT").getMessage());
    assertEquals("integer out of range", SqlException.numericOutOfRange("integer").getMessage());
  }

  @Test
  void copiesKeepEverythingButWhatChanges() {
    SqlException e = SqlException.undefinedFunction("foo(integer)").withPosition(8).withDetail("d");
    assertEquals(8, e.position());
    assertEquals("d", e.detail());
    assertEquals(SqlState.UNDEFINED_FUNCTION, e.state());
    assertEquals("function foo(integer) does not exist", e.getMessage());
    assertEquals(SqlException.Severity.FATAL, e.fatal().severity());
    assertEquals(SqlException.Severity.ERROR, e.severity());
    assertEquals(0, SqlException.featureNotSupported("x").withPosition(-3).position());
  }
}
