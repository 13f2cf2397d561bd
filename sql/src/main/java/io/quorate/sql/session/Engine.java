package io.quorate.sql.session;

import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.kv.KvStore;

/**
 * One database: the KV store it lives in, its catalog and sequences. Sessions are
 * opened from it. Thread-safe; each session is used by one thread at a time.
 */
public final class Engine {

  private final KvStore store;
  private final CatalogStore catalog = new CatalogStore();
  private final Sequences sequences;
  private final RoleDirectory roles;
  private final DatabaseSettings databaseSettings;

  /** An engine over {@code store}, creating the catalog if the store has none. */
  public Engine(KvStore store) {
    this(store, true);
  }

  private Engine(KvStore store, boolean bootstrap) {
    this.store = store;
    this.sequences = new Sequences(store);
    this.roles = new RoleDirectory(store, catalog);
    this.databaseSettings = new DatabaseSettings(store, catalog);
    if (bootstrap) {
      bootstrapCatalog();
    }
  }

  /**
   * An engine over a store that may not be writable here yet (a standby, or a node whose
   * cluster is still electing its primary): it creates nothing. Until the catalog exists,
   * statements fail with 57P03; the primary calls {@link #bootstrapCatalog()}.
   */
  public static Engine withoutBootstrap(KvStore store) {
    return new Engine(store, false);
  }

  /** Creates the catalog (the public schema) if the store has none; idempotent. */
  public void bootstrapCatalog() {
    catalog.bootstrap(store);
  }

  /** The roles, for authentication and for creating the first superuser. */
  public RoleDirectory roles() {
    return roles;
  }

  /** The settings every new session starts with (the database's, as ALTER DATABASE ... SET). */
  public DatabaseSettings databaseSettings() {
    return databaseSettings;
  }

  /** A new session, starting with the database's settings as this node has them. */
  public Session openSession() {
    return new Session(this);
  }

  KvStore store() {
    return store;
  }

  CatalogStore catalog() {
    return catalog;
  }

  Sequences sequences() {
    return sequences;
  }
}
