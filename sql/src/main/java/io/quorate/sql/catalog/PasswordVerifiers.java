package io.quorate.sql.catalog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password verifiers in PostgreSQL's formats, so a password is never stored in clear:
 * SCRAM-SHA-256 ({@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}, base64,
 * RFC 5802/7677) and the older {@code md5} form ({@code "md5" + md5hex(password + name)}).
 * A password given already in one of these forms is kept as it is, as PostgreSQL does.
 */
public final class PasswordVerifiers {

  /** PostgreSQL's default scram_iterations. */
  public static final int SCRAM_ITERATIONS = 4096;

  private static final int SALT_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The parts of a SCRAM-SHA-256 verifier, which the server needs for the SASL exchange. */
  public record ScramSecret(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {}

  private PasswordVerifiers() {}

  /**
   * The verifier to store for {@code password} of role {@code roleName}; {@code md5}
   * chooses the md5 form (password_encryption = md5), otherwise SCRAM-SHA-256.
   */
  public static String create(String password, String roleName, boolean md5) {
    if (isMd5(password) || parseScram(password) != null) {
      return password;
    }
    return md5 ? md5(password, roleName) : scram(password);
  }

  public static boolean isMd5(String verifier) {
    return verifier.length() == 35 && verifier.startsWith("md5")
        && verifier.substring(3).chars().allMatch(c -> Character.digit(c, 16) >= 0);
  }

  /** The parts of a SCRAM-SHA-256 verifier, or null if {@code verifier} is not one. */
  public static ScramSecret parseScram(String verifier) {
    if (!verifier.startsWith("SCRAM-SHA-256$")) {
      return null;
    }
    String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
    if (parts.length != 4) {
      return null;
    }
    try {
      int iterations = Integer.parseInt(parts[0]);
      Base64.Decoder base64 = Base64.getDecoder();
      byte[] salt = base64.decode(parts[1]);
      byte[] storedKey = base64.decode(parts[2]);
      byte[] serverKey = base64.decode(parts[3]);
      if (iterations < 1 || storedKey.length != KEY_BYTES || serverKey.length != KEY_BYTES) {
        return null;
      }
      return new ScramSecret(iterations, salt, storedKey, serverKey);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  static String md5(String password, String roleName) {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      byte[] hash = digest.digest((password + roleName).getBytes(StandardCharsets.UTF_8));
      return "md5" + HexFormat.of().formatHex(hash);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  static String scram(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return scram(password, salt, SCRAM_ITERATIONS);
  }

  /** The SCRAM-SHA-256 verifier for a given salt: SaltedPassword by PBKDF2, then the two keys. */
  static String scram(String password, byte[] salt, int iterations) {
    try {
      SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      byte[] saltedPassword = pbkdf2.generateSecret(
          new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BYTES * 8)).getEncoded();
      byte[] clientKey = hmac(saltedPassword, "Client Key");
      byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
      byte[] serverKey = hmac(saltedPassword, "Server Key");
      Base64.Encoder base64 = Base64.getEncoder();
      return "SCRAM-SHA-256$" + iterations + ":" + base64.encodeToString(salt) + "$"
          + base64.encodeToString(storedKey) + ":" + base64.encodeToString(serverKey);
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
  }
}
