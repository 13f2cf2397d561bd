package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.catalog.PasswordVerifiers;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.kv.InMemoryKvStore;
import org.junit.jupiter.api.Test;

/** The server's view of roles: bootstrap, lookup after SQL changes, and the session user. */
class RoleDirectoryTest {

  @Test
  void bootstrapCreatesTheSuperuserOnce() {
    Engine engine = new Engine(new InMemoryKvStore());
    engine.roles().bootstrapSuperuser("postgres", "secret");
    engine.roles().bootstrapSuperuser("other", "ignored");
    Role role = engine.roles().find("postgres").orElseThrow();
    assertEquals(Role.BOOTSTRAP_SUPERUSER_OID, role.oid());
    assertTrue(role.superuser() && role.canLogin());
    assertTrue(PasswordVerifiers.parseScram(role.passwordVerifier()) != null);
    assertFalse(engine.roles().find("other").isPresent());
  }

  @Test
  void rolesCreatedInSqlAreFoundAndTheSessionUserIsReported() {
    Engine engine = new Engine(new InMemoryKvStore());
    engine.roles().bootstrapSuperuser("postgres", null);
    Session session = engine.openSession();
    session.setUser("postgres");
    session.setBackendPid(4242);
    session.execute("SET password_encryption = 'md5'");
    session.execute("CREATE USER alice PASSWORD 'secret'");
    Role alice = engine.roles().find("alice").orElseThrow();
    assertTrue(PasswordVerifiers.isMd5(alice.passwordVerifier()));
    assertFalse(alice.superuser());
    Object[] row = session.execute("SELECT current_user, session_user, pg_backend_pid()").get(0).rows().get(0);
    assertEquals("postgres", row[0]);
    assertEquals("postgres", row[1]);
    assertEquals(4242L, row[2]);
    assertEquals("on", session.settings().get("is_superuser"));
    session.setUser("alice");
    assertEquals("off", session.settings().get("is_superuser"));
  }
}
