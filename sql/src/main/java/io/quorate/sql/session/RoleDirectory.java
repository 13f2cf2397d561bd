package io.quorate.sql.session;

import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.catalog.PasswordVerifiers;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.util.Optional;

/**
 * The roles, for the server: looked up when a client authenticates, and the first
 * superuser created when a database is set up. Reads see the newest committed catalog.
 * Thread-safe.
 */
public final class RoleDirectory {

  private final KvStore store;
  private final CatalogStore catalog;

  RoleDirectory(KvStore store, CatalogStore catalog) {
    this.store = store;
    this.catalog = catalog;
  }

  /** The role called {@code name} (exact, case-sensitive, as it was created), if any. */
  public Optional<Role> find(String name) {
    try (KvTransaction transaction = store.begin(KvIsolation.READ_COMMITTED, true)) {
      return Optional.ofNullable(catalog.load(transaction).role(name));
    }
  }

  /**
   * Creates the bootstrap superuser {@code name} (OID 10, LOGIN SUPERUSER, the owner of
   * every object) with {@code password} stored as a SCRAM-SHA-256 verifier, or without
   * a password when it is null. Does nothing when a bootstrap superuser exists already,
   * whatever its name, so every node may call it at start.
   */
  public void bootstrapSuperuser(String name, String password) {
    try (KvTransaction transaction = store.begin(KvIsolation.SERIALIZABLE, false)) {
      var current = catalog.lockForChange(transaction);
      boolean exists = current.roles().stream().anyMatch(r -> r.oid() == Role.BOOTSTRAP_SUPERUSER_OID);
      if (exists) {
        return;
      }
      String verifier = password == null ? null : PasswordVerifiers.create(password, name, false);
      catalog.putRole(transaction, new Role(Role.BOOTSTRAP_SUPERUSER_OID, name, true, true, verifier));
      transaction.commit();
    }
  }
}
