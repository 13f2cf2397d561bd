package io.quorate.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Verifiers come out exactly as PostgreSQL 15 computed them for the same inputs. */
class PasswordVerifiersTest {

  @Test
  void md5AsPostgresComputesIt() {
    // CREATE USER u2 PASSWORD 'secret' under password_encryption = md5
    assertEquals("md54489eed4ef8fbc7dd325ec0f630f2af1", PasswordVerifiers.create("secret", "u2", true));
  }

  @Test
  void scramAsPostgresComputesIt() {
    // PostgreSQL 15's verifier for password 'md5abc' (too short to be an md5 hash, so hashed)
    String expected = "SCRAM-SHA-256$4096:T7VGBQjSXtZdgTevYAlY0A==$BJtEL5XHMUef2YKZozt5atg1oUo/sQRdSWg1/C0yoVs=:"
        + "j5QHFFJSGp3AT7SqC4pFGSPzkwJ20E2mhU1yFhndx4M=";
    byte[] salt = Base64.getDecoder().decode("T7VGBQjSXtZdgTevYAlY0A==");
    assertEquals(expected, PasswordVerifiers.scram("md5abc", salt, 4096));
    assertEquals(4096, PasswordVerifiers.parseScram(expected).iterations());
  }

  @Test
  void verifiersGivenAsPasswordsAreKept() {
    String scram = PasswordVerifiers.create("pw", "r", false);
    assertNotNull(PasswordVerifiers.parseScram(scram));
    assertEquals(scram, PasswordVerifiers.create(scram, "other", true));
    assertEquals("md54489eed4ef8fbc7dd325ec0f630f2af1",
        PasswordVerifiers.create("md54489eed4ef8fbc7dd325ec0f630f2af1", "x", false));
    assertNull(PasswordVerifiers.parseScram("SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"));
  }
}
