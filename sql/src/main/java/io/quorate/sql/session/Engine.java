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

  public Engine(KvStore store) {
    this.store = store;
    this.catalog.bootstrap(store);
    this.sequences = new Sequences(store);
    this.roles = new RoleDirectory(store, catalog);
  }

  /** The roles, for authentication and for creating the first superuser. */
  public RoleDirectory roles() {
    return roles;
  }

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
