package io.quorate.sql.kv;

/**
 * A committed value (null: deleted) of {@code key} in the in-memory store, the timestamp
 * it was committed at and the next older version still kept. A chain rather than an
 * array: reads want the newest version of a key almost always. Every version of a key
 * holds the key object of its first version. Immutable.
 */
record Version(byte[] key, long timestamp, byte[] value, Version older) {}
