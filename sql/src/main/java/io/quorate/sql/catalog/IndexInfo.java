package io.quorate.sql.catalog;

import java.util.List;

/**
 * A b-tree index over table columns (by stored position), ascending or descending per
 * column. The primary key is the index with id 1; secondary indexes have larger ids.
 * Entries are keys {@code table id, index id, columns, primary key}; a unique index
 * whose columns are all non-null omits the primary key so that duplicates collide on
 * the same key, and its value is the primary key.
 */
public record IndexInfo(int id, String name, boolean unique, List<Integer> columns, List<Boolean> descending,
    String constraintName) {

  /** The id of the primary-key index, whose entries are the table rows. */
  public static final int PRIMARY_ID = 1;

  public boolean isPrimary() {
    return id == PRIMARY_ID;
  }
}
