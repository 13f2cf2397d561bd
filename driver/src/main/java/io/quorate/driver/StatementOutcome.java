package io.quorate.driver;

import java.util.List;

/**
 * What one statement of a request produced: rows (with their columns) or none, and its
 * command tag, each row an array of its values ({@link Response.Rows}). {@code rows} is null for a statement that returns no rows (as opposed to a
 * query that returned none). A suspended result has its first rows here and the rest in
 * {@code remaining} (null when every row is here); its command tag is empty until its
 * last rows arrive.
 */
record StatementOutcome(List<ResultColumn> columns, List<Object[]> rows, String commandTag, List<String> notices,
    RemainingRows remaining) {

  boolean hasRows() {
    return rows != null;
  }

  /** JDBC's update count: the row count of INSERT, UPDATE, DELETE, MERGE and COPY; 0 for other commands. */
  long updateCount() {
    String[] words = commandTag.split(" ");
    return switch (words[0]) {
      case "INSERT", "UPDATE", "DELETE", "MERGE", "COPY" -> Long.parseLong(words[words.length - 1]);
      default -> 0;
    };
  }
}
