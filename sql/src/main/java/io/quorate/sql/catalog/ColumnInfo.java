package io.quorate.sql.catalog;

import io.quorate.sql.types.SqlType;

/**
 * A table column. Its position in the stored row never changes; a dropped column keeps
 * its slot ({@code dropped}) so rows written before the drop still decode.
 * {@code defaultSql} is the DEFAULT expression's text, or null.
 */
public record ColumnInfo(String name, SqlType type, boolean notNull, String defaultSql, Identity identity,
    boolean dropped) {

  /** How an identity column fills itself. */
  public enum Identity { NONE, ALWAYS, BY_DEFAULT }

  public ColumnInfo withName(String newName) {
    return new ColumnInfo(newName, type, notNull, defaultSql, identity, dropped);
  }

  public ColumnInfo withNotNull(boolean newNotNull) {
    return new ColumnInfo(name, type, newNotNull, defaultSql, identity, dropped);
  }

  public ColumnInfo withDefault(String newDefaultSql) {
    return new ColumnInfo(name, type, notNull, newDefaultSql, identity, dropped);
  }

  public ColumnInfo asDropped() {
    return new ColumnInfo("........pg.dropped." + name + "........", type, false, null, Identity.NONE, true);
  }
}
