package io.quorate.sql.catalog;

/**
 * A schema. {@code id} comes from the same allocator as table ids, so schema OIDs never
 * collide with relation OIDs; {@link #PUBLIC_ID} marks the schema created with the database.
 */
public record SchemaInfo(String name, long id) {

  /** The id of {@code public}, created at bootstrap before any id was allocated. */
  public static final long PUBLIC_ID = 0;
}
