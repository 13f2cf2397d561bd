package io.quorate.driver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) without channel
 * binding: {@link #clientFirst()}, then {@link #clientFinal(String)} with the server's
 * challenge, then {@link #verifyServerFinal(String)}, which proves the server knew the
 * password's verifier too. One instance per login; not thread-safe.
 *
 * <p>The password is used as its UTF-8 bytes without SASLprep, because that is how the
 * server derives its verifiers; the two agree on every password, ASCII or not. The user
 * name is sent (escaped as RFC 5802 asks) but the server, as PostgreSQL, ignores it and
 * authenticates the user named when the session was opened. Failures are
 * {@link SQLException}s with SQLSTATE 08P01 (the server broke the protocol) or 28P01
 * (authentication failed); no message and no {@link #toString()} contains the password.
 */
final class ScramClient {

  /** RFC 7677's minimum, and PostgreSQL's default scram_iterations. */
  static final int MIN_ITERATIONS = 4096;
  /**
   * More than any sane verifier uses (PBKDF2 at this count takes seconds): a larger count
   * from a server is refused rather than letting it make the client burn CPU.
   */
  static final int MAX_ITERATIONS = 10_000_000;

  private static final String GS2_HEADER = "n,,";
  /** base64("n,,"): the channel-binding attribute when there is no binding. */
  private static final String CHANNEL_BINDING = "biws";
  private static final int NONCE_BYTES = 18;
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String user;
  private final char[] password;
  private final String clientNonce;
  private String clientFirstBare;
  private byte[] expectedServerSignature;
  private boolean verified;

  /** An exchange for {@code user} with a fresh random client nonce. */
  ScramClient(String user, String password) {
    this(user, password, randomNonce());
  }

  /** An exchange with a chosen client nonce, for tests against fixed vectors. */
  ScramClient(String user, String password, String clientNonce) {
    this.user = Objects.requireNonNull(user, "user");
    this.password = Objects.requireNonNull(password, "password").toCharArray();
    if (clientNonce.isEmpty() || !isPrintable(clientNonce)) {
      throw new IllegalArgumentException("a SCRAM nonce is printable ASCII without commas");
    }
    this.clientNonce = clientNonce;
  }

  /** The client-first-message: {@code n,,n=<user>,r=<client nonce>}. */
  String clientFirst() {
    if (clientFirstBare != null) {
      throw new IllegalStateException("the client-first-message was already made");
    }
    clientFirstBare = "n=" + escapeUser(user) + ",r=" + clientNonce;
    return GS2_HEADER + clientFirstBare;
  }

  /**
   * The client-final-message answering {@code serverFirst}, with the proof that this
   * client knows the password. Throws 08P01 when the challenge is malformed or its nonce
   * does not extend ours, 28P01 when the server reports an error or asks for an
   * iteration count outside [{@value #MIN_ITERATIONS}, {@value #MAX_ITERATIONS}].
   */
  String clientFinal(String serverFirst) throws SQLException {
    if (clientFirstBare == null || expectedServerSignature != null) {
      throw new IllegalStateException("clientFinal must follow clientFirst, once");
    }
    if (serverFirst == null) {
      throw protocolViolation("the server sent no SCRAM challenge");
    }
    if (serverFirst.startsWith("e=")) {
      throw serverError(serverFirst);
    }
    if (serverFirst.startsWith("m=")) {
      throw protocolViolation("the server asked for a SCRAM extension this client does not support");
    }
    String[] attributes = serverFirst.split(",", -1);
    if (attributes.length < 3) {
      throw protocolViolation("the SCRAM server-first-message lacks the nonce, salt or iteration count");
    }
    String nonce = attribute(attributes[0], "r", "server-first");
    byte[] salt = base64(attribute(attributes[1], "s", "server-first"), "salt");
    int iterations = iterations(attribute(attributes[2], "i", "server-first"));
    if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length() || !isPrintable(nonce)) {
      throw protocolViolation("the server's SCRAM nonce does not extend the client's");
    }
    if (salt.length == 0) {
      throw protocolViolation("the server's SCRAM salt is empty");
    }
    byte[] saltedPassword = saltedPassword(salt, iterations);
    byte[] clientKey = hmac(saltedPassword, "Client Key");
    byte[] storedKey = sha256(clientKey);
    String clientFinalWithoutProof = "c=" + CHANNEL_BINDING + ",r=" + nonce;
    String authMessage = clientFirstBare + "," + serverFirst + "," + clientFinalWithoutProof;
    byte[] proof = hmac(storedKey, authMessage);
    for (int i = 0; i < proof.length; i++) {
      proof[i] ^= clientKey[i];
    }
    expectedServerSignature = hmac(hmac(saltedPassword, "Server Key"), authMessage);
    Arrays.fill(saltedPassword, (byte) 0);
    Arrays.fill(clientKey, (byte) 0);
    Arrays.fill(password, '\0'); // not needed again: keep it in memory no longer than necessary
    return clientFinalWithoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
  }

  /**
   * Checks the server-final-message's signature. Throws 28P01 when the server reports an
   * error ({@code e=}) or its signature is wrong (it does not know the password), 08P01
   * when the message is malformed.
   */
  void verifyServerFinal(String serverFinal) throws SQLException {
    if (expectedServerSignature == null || verified) {
      throw new IllegalStateException("verifyServerFinal must follow clientFinal, once");
    }
    if (serverFinal == null) {
      throw protocolViolation("the server sent no SCRAM server-final-message");
    }
    if (serverFinal.startsWith("e=")) {
      throw serverError(serverFinal);
    }
    String verifier = attribute(serverFinal.split(",", -1)[0], "v", "server-final");
    if (!MessageDigest.isEqual(base64(verifier, "server signature"), expectedServerSignature)) {
      throw new SQLInvalidAuthorizationSpecException(
          "SCRAM authentication failed: the server's signature is wrong, so it does not know the password", "28P01");
    }
    verified = true;
  }

  /** Whether the server's signature has been verified: the exchange succeeded. */
  boolean isVerified() {
    return verified;
  }

  @Override
  public String toString() {
    String state = verified ? "verified" : expectedServerSignature != null ? "final sent"
        : clientFirstBare != null ? "first sent" : "new";
    return "ScramClient[user=" + user + ", " + state + "]";
  }

  /** RFC 5802's saslname: {@code =} and {@code ,} are the only characters escaped. */
  private static String escapeUser(String user) {
    return user.replace("=", "=3D").replace(",", "=2C");
  }

  /** printable = %x21-2B / %x2D-7E: visible ASCII without the comma. */
  private static boolean isPrintable(String text) {
    return text.chars().allMatch(c -> c >= 0x21 && c <= 0x7E && c != ',');
  }

  private static String randomNonce() {
    byte[] bytes = new byte[NONCE_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** The value of {@code part}, which must be {@code name=value}. */
  private static String attribute(String part, String name, String message) throws SQLException {
    if (!part.startsWith(name + "=")) {
      throw protocolViolation("the SCRAM " + message + "-message lacks the \"" + name + "\" attribute where expected");
    }
    return part.substring(name.length() + 1);
  }

  private static byte[] base64(String text, String what) throws SQLException {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException notBase64) {
      throw protocolViolation("the server's SCRAM " + what + " is not base64");
    }
  }

  private static int iterations(String text) throws SQLException {
    int iterations;
    try {
      iterations = Integer.parseInt(text);
    } catch (NumberFormatException notANumber) {
      throw protocolViolation("the server's SCRAM iteration count is not a number");
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new SQLInvalidAuthorizationSpecException("SCRAM authentication refused: the server asked for "
          + iterations + " iterations, outside " + MIN_ITERATIONS + ".." + MAX_ITERATIONS, "28P01");
    }
    return iterations;
  }

  /** PBKDF2 over the password's UTF-8 bytes (what the JDK's PBKDF2 encodes a char[] as). */
  private byte[] saltedPassword(byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException missingFromTheJdk) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", missingFromTheJdk);
    } finally {
      spec.clearPassword();
    }
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException missingFromTheJdk) {
      throw new IllegalStateException("HmacSHA256 is unavailable", missingFromTheJdk);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException missingFromTheJdk) {
      throw new IllegalStateException("SHA-256 is unavailable", missingFromTheJdk);
    }
  }

  private static SQLException serverError(String message) {
    String reason = message.substring(2).split(",", -1)[0];
    return new SQLInvalidAuthorizationSpecException("SCRAM authentication failed: the server reports \""
        + reason + "\"", "28P01");
  }

  private static SQLException protocolViolation(String message) {
    return new SQLNonTransientConnectionException(message, "08P01");
  }
}
