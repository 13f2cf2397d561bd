package io.quorate.sql.executor;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.catalog.PasswordVerifiers;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.catalog.system.ObjectIds;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvTransaction;
import java.util.function.Consumer;

/**
 * CREATE/ALTER/DROP ROLE: role rows in the catalog, written in the statement's
 * transaction like any schema change, with PostgreSQL's errors and notices. Passwords
 * are turned into verifiers here and never stored in clear.
 */
public final class RoleExecutor {

  private final KvTransaction transaction;
  private final CatalogStore store;
  private final Catalog catalog;
  private final boolean md5Passwords;
  private final String currentUser;
  private final Consumer<String> notices;

  /**
   * {@code md5Passwords} is password_encryption = md5; {@code currentUser} the session's
   * user, who may not drop themselves.
   */
  public RoleExecutor(KvTransaction transaction, CatalogStore store, Catalog catalog, boolean md5Passwords,
      String currentUser, Consumer<String> notices) {
    this.transaction = transaction;
    this.store = store;
    this.catalog = catalog;
    this.md5Passwords = md5Passwords;
    this.currentUser = currentUser;
    this.notices = notices;
  }

  public void create(Statement.CreateRole create) {
    if (catalog.role(create.name()) != null) {
      throw new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + create.name() + "\" already exists");
    }
    Statement.RoleOptions options = create.options();
    long oid = ObjectIds.role(store.allocateId(transaction));
    Role role = new Role(oid, create.name(), options.login() != null ? options.login() : create.user(),
        Boolean.TRUE.equals(options.superuser()), null);
    store.putRole(transaction, withPassword(role, options));
  }

  public void alter(Statement.AlterRole alter) {
    Role role = existing(alter.name());
    if (alter.newName() != null) {
      rename(role, alter.newName());
      return;
    }
    Statement.RoleOptions options = alter.options();
    Role changed = new Role(role.oid(), role.name(), options.login() != null ? options.login() : role.canLogin(),
        options.superuser() != null ? options.superuser() : role.superuser(), role.passwordVerifier());
    store.putRole(transaction, withPassword(changed, options));
  }

  /** An md5 verifier includes the name, so it cannot survive a rename; PostgreSQL clears it too. */
  private void rename(Role role, String newName) {
    if (role.name().equals(currentUser)) {
      throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed");
    }
    if (catalog.role(newName) != null) {
      throw new SqlException(SqlState.DUPLICATE_OBJECT, "role \"" + newName + "\" already exists");
    }
    Role renamed = role.withName(newName);
    if (role.passwordVerifier() != null && PasswordVerifiers.isMd5(role.passwordVerifier())) {
      notices.accept("MD5 password cleared because of role rename");
      renamed = new Role(role.oid(), newName, role.canLogin(), role.superuser(), null);
    }
    store.deleteRole(transaction, role.name());
    store.putRole(transaction, renamed);
  }

  public void drop(Statement.DropRole drop) {
    for (String name : drop.names()) {
      Role role = catalog.role(name);
      if (role == null) {
        if (!drop.ifExists()) {
          throw undefined(name);
        }
        notices.accept("role \"" + name + "\" does not exist, skipping");
        continue;
      }
      if (name.equals(currentUser)) {
        throw new SqlException(SqlState.OBJECT_IN_USE, "current user cannot be dropped");
      }
      if (role.oid() == Role.BOOTSTRAP_SUPERUSER_OID) {
        throw new SqlException(SqlState.OBJECT_IN_USE, "cannot drop role " + name
            + " because it is required by the database system");
      }
      store.deleteRole(transaction, name);
    }
  }

  private Role withPassword(Role role, Statement.RoleOptions options) {
    if (!options.passwordGiven()) {
      return role;
    }
    String verifier = null;
    if (options.password() != null && options.password().isEmpty()) {
      notices.accept("empty string is not a valid password, clearing password");
    } else if (options.password() != null) {
      verifier = PasswordVerifiers.create(options.password(), role.name(), md5Passwords);
    }
    return new Role(role.oid(), role.name(), role.canLogin(), role.superuser(), verifier);
  }

  private Role existing(String name) {
    Role role = catalog.role(name);
    if (role == null) {
      throw undefined(name);
    }
    return role;
  }

  private static SqlException undefined(String name) {
    return new SqlException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
  }
}
