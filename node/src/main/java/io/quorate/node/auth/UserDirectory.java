package io.quorate.node.auth;

import java.util.Optional;

/**
 * Where the server looks up the users allowed to connect and their stored password
 * verifiers. Called from connection threads, concurrently; implementations must be
 * thread-safe and should not block for long (authentication waits on it).
 */
public interface UserDirectory {

  /** A user and the verifier of their password: {@code SCRAM-SHA-256$...}, {@code md5...}, or null for none. */
  record User(String name, String passwordVerifier) {}

  /** The user called {@code name} (case-sensitive, as PostgreSQL role names are), if there is one. */
  Optional<User> find(String name);
}
