package io.quorate.sql.encoding;

/**
 * A row as {@link RowCodec#decode} read it.
 *
 * @param schemaVersion the table's schema version when the row was written
 * @param storedColumnCount how many columns the row holds; columns from this position on
 *     were added after it was written, read as null, and take their defaults from the caller
 * @param values one value per column of the reading schema, null for SQL NULL; the array
 *     is the caller's to keep and change
 */
public record DecodedRow(int schemaVersion, int storedColumnCount, Object[] values) {}
