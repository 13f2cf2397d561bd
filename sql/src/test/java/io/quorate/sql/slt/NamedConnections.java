package io.quorate.sql.slt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's sessions by name: the current one ({@code default} at the start) is opened
 * on first use, and after a restart every name is reopened on its next use.
 */
final class NamedConnections implements AutoCloseable {

  static final String DEFAULT = "default";

  private final SltDatabase database;
  private final Map<String, SltConnection> open = new LinkedHashMap<>();
  private String currentName = DEFAULT;

  NamedConnections(SltDatabase database) {
    this.database = database;
  }

  /** Makes {@code name} the connection later records run on. */
  void use(String name) {
    currentName = name;
  }

  String currentName() {
    return currentName;
  }

  /** The current connection, opened now if it is not open yet. */
  SltConnection current() {
    return open.computeIfAbsent(currentName, name -> database.connect());
  }

  /** Restarts the database and forgets the connections it made unusable. */
  void restart() {
    database.restart();
    closeAll();
  }

  @Override
  public void close() {
    closeAll();
  }

  private void closeAll() {
    for (SltConnection connection : open.values()) {
      try {
        connection.close();
      } catch (RuntimeException e) {
        // A connection a restart killed may fail to close; that says nothing about the
        // database, and the runner has nothing else to do with it.
      }
    }
    open.clear();
  }
}
