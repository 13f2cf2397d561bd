package io.quorate.sql.catalog;

/**
 * A sequence's definition; its current value lives in its own KV key, changed outside
 * the caller's transaction as PostgreSQL's nextval is.
 */
public record SequenceInfo(long id, String schema, String name, long increment, long minValue, long maxValue,
    long start, boolean cycle) {}
