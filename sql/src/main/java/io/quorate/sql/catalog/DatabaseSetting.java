package io.quorate.sql.catalog;

/**
 * A setting of the database: new sessions start with {@code value} as their default of
 * the run-time parameter {@code name} (PostgreSQL's {@code ALTER DATABASE ... SET}).
 * Both are as the session's settings normalise them.
 */
public record DatabaseSetting(String name, String value) {}
