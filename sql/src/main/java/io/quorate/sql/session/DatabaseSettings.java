package io.quorate.sql.session;

import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.catalog.DatabaseSetting;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The database's settings: defaults that every new session starts with, on every node,
 * as PostgreSQL's {@code ALTER DATABASE ... SET} (Quorate has one database). They are
 * catalog rows, so a change commits in one transaction, replicates with the log and
 * survives restarts; sessions already open keep their values. Only the parameters in
 * {@link #DEFINITIONS} can be set: those whose effect the engine or the server really
 * implements. Thread-safe.
 */
public final class DatabaseSettings {

  /**
   * One settable parameter.
   *
   * @param name the name as SHOW spells it
   * @param type duration, enum, boolean or text
   * @param allowed the values accepted, for messages and {@code om config list}
   */
  public record Definition(String name, String type, String allowed, String description) {}

  private static final String DURATION_RANGE = "0 (off) .. 2147483647 ms; units us, ms, s, min, h, d";

  /** Every parameter a database setting may name, in the order they are listed. */
  public static final List<Definition> DEFINITIONS = List.of(
      new Definition("statement_timeout", "duration", DURATION_RANGE,
          "Cancels a statement that runs longer than this (57014)"),
      new Definition("idle_in_transaction_session_timeout", "duration", DURATION_RANGE,
          "Ends a PostgreSQL-protocol session idle this long inside a transaction (25P03)"),
      new Definition("default_transaction_isolation", "enum",
          "read committed, repeatable read, serializable, read uncommitted",
          "Isolation level of new transactions"),
      new Definition("default_transaction_read_only", "boolean", "on, off",
          "Whether new transactions are read-only (standby sessions are always read-only)"),
      new Definition("search_path", "text", "comma-separated schema names",
          "Schemas searched for unqualified names"),
      new Definition("TimeZone", "enum", "a time zone name (UTC, Europe/Paris) or offset (+02:00)",
          "Time zone timestamptz values are shown and read in"),
      new Definition("password_encryption", "enum", "scram-sha-256, md5",
          "How CREATE/ALTER ROLE ... PASSWORD stores a new password"));

  private final KvStore store;
  private final CatalogStore catalog;

  DatabaseSettings(KvStore store, CatalogStore catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /** The definition of {@code name} (any case), if it is a parameter the database may set. */
  public static Optional<Definition> definition(String name) {
    return DEFINITIONS.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
  }

  /** The built-in default of a parameter, as SHOW prints it. */
  public static String builtInDefault(String name) {
    return new Settings().get(name);
  }

  /**
   * The value {@code name} would be stored with: normalised as SET normalises it. 42704
   * for a name that is no database setting (with the list of those there are), 22023
   * for a bad value. Changes nothing.
   */
  public static String check(String name, String value) {
    Definition definition = require(name);
    try {
      return Settings.normalise(definition.name(), value);
    } catch (SqlException bad) {
      throw bad.hint() != null ? bad : bad.withHint("Allowed: " + definition.allowed() + ".");
    }
  }

  private static Definition require(String name) {
    return definition(name).orElseThrow(() -> new SqlException(SqlState.UNDEFINED_OBJECT,
        "\"" + name + "\" is not a setting of the database").withHint("Settable: "
        + String.join(", ", DEFINITIONS.stream().map(Definition::name).toList()) + "."));
  }

  /** The settings this node has applied (name as SHOW spells it → value); 57P03 before the catalog exists. */
  public Map<String, String> values() {
    try (KvTransaction transaction = store.begin(KvIsolation.READ_COMMITTED, true)) {
      return catalog.load(transaction).databaseSettings();
    }
  }

  /**
   * Checks the value ({@link #check}), then stores it in its own transaction; returns the
   * stored value. Fails with 25006 where the store cannot write (a standby).
   */
  public String set(String name, String value) {
    String normalised = check(name, value);
    String canonical = require(name).name();
    try (KvTransaction transaction = store.begin(KvIsolation.SERIALIZABLE, false)) {
      catalog.lockForChange(transaction);
      catalog.putDatabaseSetting(transaction, new DatabaseSetting(canonical, normalised));
      transaction.commit();
    }
    return normalised;
  }

  /** Removes the setting, so new sessions start with the built-in default; false if it was not set. */
  public boolean reset(String name) {
    String canonical = require(name).name();
    try (KvTransaction transaction = store.begin(KvIsolation.SERIALIZABLE, false)) {
      if (!catalog.lockForChange(transaction).databaseSettings().containsKey(canonical)) {
        return false;
      }
      catalog.deleteDatabaseSetting(transaction, canonical);
      transaction.commit();
      return true;
    }
  }

  /**
   * Makes the stored settings {@code settings}' session defaults. A value an older
   * version stored that this one no longer accepts is skipped rather than locking every
   * client out. Before the catalog exists (a standby still catching up) there is nothing
   * to apply.
   */
  void applyTo(Settings settings) {
    Map<String, String> stored;
    try {
      stored = values();
    } catch (SqlException notYet) {
      if (notYet.state() != SqlState.CANNOT_CONNECT_NOW) {
        throw notYet;
      }
      return;
    }
    for (Map.Entry<String, String> entry : stored.entrySet()) {
      if (definition(entry.getKey()).isEmpty()) {
        continue;
      }
      try {
        settings.setSessionDefault(entry.getKey(), entry.getValue());
      } catch (SqlException unusable) {
        // skipped, see above
      }
    }
  }
}
