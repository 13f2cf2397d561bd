package io.quorate.sql.error;

import java.util.Objects;

/**
 * The one exception type for SQL errors: a PostgreSQL {@link SqlState}, a message worded
 * as PostgreSQL words it, optional detail, hint and context, and the 1-based character position
 * in the statement (0 when there is none), from which psql draws its caret. Built by the
 * factory methods below so that the same condition always reads the same. Immutable.
 */
public final class SqlException extends RuntimeException {

  /** How bad it is: ERROR ends the statement, FATAL ends the session. */
  public enum Severity {
    ERROR,
    FATAL
  }

  private final SqlState state;
  private final Severity severity;
  private final String detail;
  private final String hint;
  private final String context;
  private final int position;

  public SqlException(SqlState state, String message) {
    this(state, Severity.ERROR, message, null, null, null, 0, null);
  }

  private SqlException(SqlState state, Severity severity, String message, String detail, String hint,
      int position, Throwable cause) {
    this(state, severity, message, detail, hint, null, position, cause);
  }

  private SqlException(SqlState state, Severity severity, String message, String detail, String hint,
      String context, int position, Throwable cause) {
    super(message, cause);
    this.state = Objects.requireNonNull(state, "state");
    this.severity = Objects.requireNonNull(severity, "severity");
    this.detail = detail;
    this.hint = hint;
    this.context = context;
    this.position = Math.max(0, position);
  }

  public SqlState state() {
    return state;
  }

  public Severity severity() {
    return severity;
  }

  /** Secondary detail (PostgreSQL's DETAIL line), or null. */
  public String detail() {
    return detail;
  }

  /** A suggestion (PostgreSQL's HINT line), or null. */
  public String hint() {
    return hint;
  }

  /** Where the error happened (PostgreSQL's CONTEXT line, e.g. {@code COPY t, line 3}), or null. */
  public String context() {
    return context;
  }

  /** 1-based character position in the statement text, or 0. */
  public int position() {
    return position;
  }

  public SqlException withDetail(String newDetail) {
    return new SqlException(state, severity, getMessage(), newDetail, hint, context, position, getCause());
  }

  public SqlException withHint(String newHint) {
    return new SqlException(state, severity, getMessage(), detail, newHint, context, position, getCause());
  }

  public SqlException withContext(String newContext) {
    return new SqlException(state, severity, getMessage(), detail, hint, newContext, position, getCause());
  }

  /** The same error at {@code newPosition}, for layers that learn the position later. */
  public SqlException withPosition(int newPosition) {
    return new SqlException(state, severity, getMessage(), detail, hint, context, newPosition, getCause());
  }

  public SqlException fatal() {
    return new SqlException(state, Severity.FATAL, getMessage(), detail, hint, context, position, getCause());
  }

  // ---- factories, worded as PostgreSQL words them ----

  /** {@code syntax error at or near "token"} at {@code position}. */
  public static SqlException syntaxErrorAtOrNear(String token, int position) {
    return new SqlException(SqlState.SYNTAX_ERROR, Severity.ERROR,
        "syntax error at or near \"" + token + "\"", null, null, position, null);
  }

  /** {@code syntax error at end of input}; {@code position} is the input's length plus one. */
  public static SqlException syntaxErrorAtEnd(int position) {
    return new SqlException(SqlState.SYNTAX_ERROR, Severity.ERROR, "syntax error at end of input", null, null,
        position, null);
  }

  public static SqlException syntaxError(String message, int position) {
    return new SqlException(SqlState.SYNTAX_ERROR, Severity.ERROR, message, null, null, position, null);
  }

  public static SqlException featureNotSupported(String message) {
    return new SqlException(SqlState.FEATURE_NOT_SUPPORTED, message);
  }

  public static SqlException undefinedTable(String name) {
    return new SqlException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist");
  }

  public static SqlException duplicateTable(String name) {
    return new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
  }

  public static SqlException undefinedColumn(String name) {
    return new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + name + "\" does not exist");
  }

  /** {@code signature} as PostgreSQL prints it, e.g. {@code foo(integer, text)}. */
  public static SqlException undefinedFunction(String signature) {
    return new SqlException(SqlState.UNDEFINED_FUNCTION, Severity.ERROR,
        "function " + signature + " does not exist", null,
        "No function matches the given name and argument types. You might need to add explicit type casts.", 0,
        null);
  }

  public static SqlException datatypeMismatch(String message) {
    return new SqlException(SqlState.DATATYPE_MISMATCH, message);
  }

  public static SqlException divisionByZero() {
    return new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
  }

  /** {@code integer out of range}, {@code bigint out of range}, … */
  public static SqlException numericOutOfRange(String typeName) {
    return new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
  }

  /** {@code invalid input syntax for type integer: "abc"}. */
  public static SqlException invalidTextRepresentation(String typeName, String value) {
    return new SqlException(SqlState.INVALID_TEXT_REPRESENTATION,
        "invalid input syntax for type " + typeName + ": \"" + value + "\"");
  }

  public static SqlException notNullViolation(String column, String table) {
    return new SqlException(SqlState.NOT_NULL_VIOLATION,
        "null value in column \"" + column + "\" of relation \"" + table + "\" violates not-null constraint");
  }

  /** With {@code detail} such as {@code Key (id)=(1) already exists.} */
  public static SqlException uniqueViolation(String constraint, String detail) {
    return new SqlException(SqlState.UNIQUE_VIOLATION, Severity.ERROR,
        "duplicate key value violates unique constraint \"" + constraint + "\"", detail, null, 0, null);
  }

  public static SqlException checkViolation(String table, String constraint) {
    return new SqlException(SqlState.CHECK_VIOLATION,
        "new row for relation \"" + table + "\" violates check constraint \"" + constraint + "\"");
  }

  public static SqlException foreignKeyViolation(String table, String constraint, String detail) {
    return new SqlException(SqlState.FOREIGN_KEY_VIOLATION, Severity.ERROR,
        "insert or update on table \"" + table + "\" violates foreign key constraint \"" + constraint + "\"",
        detail, null, 0, null);
  }

  /** {@code cannot execute INSERT in a read-only transaction}. */
  public static SqlException readOnlyTransaction(String command) {
    return new SqlException(SqlState.READ_ONLY_SQL_TRANSACTION,
        "cannot execute " + command + " in a read-only transaction");
  }

  public static SqlException inFailedTransaction() {
    return new SqlException(SqlState.IN_FAILED_SQL_TRANSACTION,
        "current transaction is aborted, commands ignored until end of transaction block");
  }

  public static SqlException serializationFailure(String message) {
    return new SqlException(SqlState.SERIALIZATION_FAILURE, Severity.ERROR, message, null,
        "The transaction might succeed if retried.", 0, null);
  }

  public static SqlException deadlockDetected(String detail) {
    return new SqlException(SqlState.DEADLOCK_DETECTED, Severity.ERROR, "deadlock detected", detail,
        "See server log for query details.", 0, null);
  }

  /** A bug, not a user error; the message says what invariant broke. */
  public static SqlException internal(String message, Throwable cause) {
    return new SqlException(SqlState.INTERNAL_ERROR, Severity.ERROR, message, null, null, 0, cause);
  }
}
