package io.quorate.driver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A catalog query being built: its text with {@code ?} placeholders and their values, in
 * the order they appear. It runs as a prepared statement of its connection, in the
 * connection's mode. Used by one thread at a time, like the connection.
 */
final class CatalogQuery {

  private final QuorateConnection connection;
  private final StringBuilder sql;
  private final List<String> values = new ArrayList<>();

  CatalogQuery(QuorateConnection connection, String head, String... values) {
    this.connection = connection;
    this.sql = new StringBuilder(head);
    this.values.addAll(List.of(values));
  }

  CatalogQuery text(String more) {
    sql.append(more);
    return this;
  }

  /** {@code AND column LIKE pattern}; nothing for a null pattern, which does not narrow. */
  CatalogQuery like(String column, String pattern) {
    return condition(column, " LIKE ?", pattern);
  }

  /** {@code AND column = value}; nothing for a null value, which does not narrow. */
  CatalogQuery equal(String column, String value) {
    return condition(column, " = ?", value);
  }

  private CatalogQuery condition(String column, String test, String value) {
    if (value != null) {
      sql.append(" AND ").append(column).append(test);
      values.add(value);
    }
    return this;
  }

  /** {@code AND expression IN (options)}; an empty list matches nothing. */
  CatalogQuery in(String expression, List<String> options) {
    if (options.isEmpty()) {
      return text(" AND false");
    }
    sql.append(" AND (").append(expression).append(") IN (")
        .append(String.join(", ", Collections.nCopies(options.size(), "?"))).append(')');
    values.addAll(options);
    return this;
  }

  /** Runs the query; closing the result set closes its statement. */
  ResultSet run() throws SQLException {
    QuoratePreparedStatement statement = new QuoratePreparedStatement(connection, sql.toString());
    try {
      for (int i = 0; i < values.size(); i++) {
        statement.setString(i + 1, values.get(i));
      }
      statement.closeOnCompletion();
      return statement.executeQuery();
    } catch (SQLException | RuntimeException failure) {
      statement.close();
      throw failure;
    }
  }
}
