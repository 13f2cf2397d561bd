package io.quorate.driver;

import java.sql.SQLException;
import java.sql.Savepoint;

/** A savepoint set through {@link java.sql.Connection#setSavepoint}: named by the application or numbered. */
final class QuorateSavepoint implements Savepoint {

  private final int id;
  private final String name;

  QuorateSavepoint(int id, String name) {
    this.id = id;
    this.name = name;
  }

  static QuorateSavepoint of(Savepoint savepoint) throws SQLException {
    if (savepoint instanceof QuorateSavepoint ours) {
      return ours;
    }
    throw Errors.of("not a savepoint of this driver: " + savepoint, "3B001");
  }

  /** The savepoint's name in SQL: the application's, quoted, or a generated one. */
  String sqlName() {
    return name == null ? "quorate_savepoint_" + id : "\"" + name.replace("\"", "\"\"") + "\"";
  }

  @Override
  public int getSavepointId() throws SQLException {
    if (name != null) {
      throw Errors.of("a named savepoint has no id", "3B001");
    }
    return id;
  }

  @Override
  public String getSavepointName() throws SQLException {
    if (name == null) {
      throw Errors.of("an unnamed savepoint has no name", "3B001");
    }
    return name;
  }
}
