package io.quorate.node.pgwire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password verifiers in PostgreSQL's stored formats (pg_authid.rolpassword), so a
 * password set on PostgreSQL verifies here and back:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>} (base64) and
 * {@code md5<md5hex(password + user)>}. Passwords are taken as UTF-8 without SASLprep
 * normalisation, which is the same for ASCII passwords.
 */
public final class PasswordVerifiers {

  /** PostgreSQL's default scram_iterations. */
  public static final int SCRAM_ITERATIONS = 4096;
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordVerifiers() {}

  /** A SCRAM-SHA-256 verifier of {@code password} with a fresh random salt. */
  public static String scramSha256(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return scramSha256(password, salt, SCRAM_ITERATIONS);
  }

  static String scramSha256(String password, byte[] salt, int iterations) {
    byte[] salted = saltedPassword(password, salt, iterations);
    byte[] storedKey = sha256(hmac(salted, "Client Key"));
    byte[] serverKey = hmac(salted, "Server Key");
    Base64.Encoder base64 = Base64.getEncoder();
    return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
  }

  /** An md5 verifier, which is salted with the user name. */
  public static String md5(String user, String password) {
    return "md5" + md5Hex((password + user).getBytes(StandardCharsets.UTF_8));
  }

  static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("the JDK has no MD5", missing);
    }
  }

  /** Hi() of RFC 5802: PBKDF2 with HMAC-SHA-256 and one output block. */
  static byte[] saltedPassword(String password, byte[] salt, int iterations) {
    Mac mac = mac(password.getBytes(StandardCharsets.UTF_8));
    mac.update(salt);
    byte[] block = mac.doFinal(new byte[] {0, 0, 0, 1});
    byte[] result = block.clone();
    for (int i = 1; i < iterations; i++) {
      block = mac.doFinal(block);
      for (int j = 0; j < result.length; j++) {
        result[j] ^= block[j];
      }
    }
    return result;
  }

  static byte[] hmac(byte[] key, String message) {
    return mac(key).doFinal(message.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("the JDK has no SHA-256", missing);
    }
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException("the JDK has no HmacSHA256", missing);
    }
  }
}
