package io.quorate.sql.slt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Rows of a result, each cell as PostgreSQL's text output form (exactly what psql/the
 * wire protocol shows) or null for SQL NULL; empty list for statements without rows.
 */
public record SltResult(List<List<String>> rows) {

  /** Copies the rows; {@code List.copyOf} cannot be used because cells may be null. */
  public SltResult {
    List<List<String>> copy = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
