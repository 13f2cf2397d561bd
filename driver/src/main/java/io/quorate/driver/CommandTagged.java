package io.quorate.driver;

/**
 * What a Quorate statement tells beyond JDBC, through {@code statement.unwrap(CommandTagged.class)}:
 * the command tag of the current result, as PostgreSQL reports it ("INSERT 0 1",
 * "CREATE TABLE", "SELECT 3"), which is what a shell prints for a statement.
 */
public interface CommandTagged {

  /**
   * The current result's command tag, or null when there is none. A result read in
   * batches (a fetch size) has it once its last rows have been read: empty before.
   */
  String commandTag();
}
