package io.quorate.node.sql;

import io.quorate.node.auth.UserDirectory;

import io.quorate.sql.session.RoleDirectory;
import java.util.Optional;

/** The roles of the replicated catalog as the users the PostgreSQL server lets in. */
final class CatalogUsers implements UserDirectory {

  private final RoleDirectory roles;

  CatalogUsers(RoleDirectory roles) {
    this.roles = roles;
  }

  @Override
  public Optional<User> find(String name) {
    return roles.find(name).map(role -> new User(role.name(), role.passwordVerifier()));
  }
}
