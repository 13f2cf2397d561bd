package io.quorate.node.auth;

import io.quorate.sql.catalog.PasswordVerifiers;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users kept in memory: for tests, and for a node running in trust mode. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {

  private final Map<String, User> users = new ConcurrentHashMap<>();

  /** Adds or replaces {@code name} with a SCRAM-SHA-256 verifier of {@code password}. */
  public InMemoryUserDirectory addUser(String name, String password) {
    return addUserWithVerifier(name, PasswordVerifiers.create(password, name, false));
  }

  /** Adds or replaces {@code name} with a stored verifier (null: no password, trust only). */
  public InMemoryUserDirectory addUserWithVerifier(String name, String passwordVerifier) {
    users.put(name, new User(name, passwordVerifier));
    return this;
  }

  @Override
  public Optional<User> find(String name) {
    return Optional.ofNullable(users.get(name));
  }
}
