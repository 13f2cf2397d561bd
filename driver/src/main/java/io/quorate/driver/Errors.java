package io.quorate.driver;

import io.quorate.protocol.v1.Error;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/** The node's errors as SQLExceptions of the JDBC subclass their SQLSTATE class calls for. */
final class Errors {

  private Errors() {}

  static SQLException of(Error error) {
    StringBuilder message = new StringBuilder("ERROR: ").append(error.getMessage());
    if (!error.getDetail().isEmpty()) {
      message.append("\n  Detail: ").append(error.getDetail());
    }
    if (!error.getHint().isEmpty()) {
      message.append("\n  Hint: ").append(error.getHint());
    }
    if (error.getPosition() > 0) {
      message.append("\n  Position: ").append(error.getPosition());
    }
    return of(message.toString(), error.getSqlstate());
  }

  static SQLException of(String message, String sqlState) {
    String category = sqlState.length() >= 2 ? sqlState.substring(0, 2) : "";
    return switch (category) {
      case "0A" -> new SQLFeatureNotSupportedException(message, sqlState);
      case "08" -> sqlState.equals("08001") || sqlState.equals("08006")
          ? new SQLTransientConnectionException(message, sqlState)
          : new SQLNonTransientConnectionException(message, sqlState);
      case "22" -> new SQLDataException(message, sqlState);
      case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState);
      case "40" -> new SQLTransactionRollbackException(message, sqlState);
      case "42" -> new SQLSyntaxErrorException(message, sqlState);
      default -> new SQLException(message, sqlState);
    };
  }

  /** JDBC's {@code unwrap} for an object that wraps nothing: itself, if it is a {@code type}. */
  static <T> T unwrap(Object self, Class<T> type) throws SQLException {
    if (type.isInstance(self)) {
      return type.cast(self);
    }
    throw of("not a wrapper for " + type.getName(), "22023");
  }

  static SQLException closed(String what) {
    return new SQLNonTransientConnectionException("this " + what + " has been closed", "08003");
  }

  static SQLFeatureNotSupportedException unsupported(String what) {
    return new SQLFeatureNotSupportedException(what + " is not supported by the Quorate driver", "0A000");
  }
}
