package io.quorate.sql.slt;

import java.util.Objects;

/** A statement's failure: PostgreSQL SQLSTATE and message. */
public final class SltError extends Exception {

  private final String sqlState;

  /** The constructor is public so adapters in other modules (JDBC) can report failures. */
  public SltError(String sqlState, String message) {
    super(message);
    this.sqlState = Objects.requireNonNull(sqlState, "sqlState");
  }

  /** PostgreSQL's five-character error code, e.g. {@code 42P01}. */
  public String sqlState() {
    return sqlState;
  }
}
