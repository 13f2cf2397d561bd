package io.quorate.node.auth;

import io.quorate.sql.catalog.PasswordVerifiers;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802, RFC 7677) without channel
 * binding. For an unknown user or one without a SCRAM verifier it runs a mock exchange
 * with a made-up salt and fails at the end, so the client cannot tell which it was (as
 * PostgreSQL does). The user name in the client's message is ignored: the startup
 * packet's user is the one authenticated.
 */
public final class ScramExchange {

  public static final String MECHANISM = "SCRAM-SHA-256";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] storedKey;
  private final byte[] serverKey;
  private final boolean mock;
  private String clientFirstBare;
  private String serverFirst;
  private String gs2Header;
  private String nonce;

  /** {@code verifier} is the user's stored verifier, or null when there is none to check against. */
  public ScramExchange(String verifier) {
    PasswordVerifiers.ScramSecret secret = verifier == null ? null : PasswordVerifiers.parseScram(verifier);
    if (secret == null) {
      mock = true;
      iterations = PasswordVerifiers.SCRAM_ITERATIONS;
      salt = new byte[16];
      RANDOM.nextBytes(salt);
      storedKey = new byte[32];
      serverKey = new byte[32];
      return;
    }
    mock = false;
    iterations = secret.iterations();
    salt = secret.salt();
    storedKey = secret.storedKey();
    serverKey = secret.serverKey();
  }

  /** Answers the client-first-message with the server-first-message. */
  public String serverFirst(String clientFirst) {
    if (clientFirst.startsWith("p=")) {
      throw malformed("channel binding is not supported by this server");
    }
    if (!clientFirst.startsWith("n,") && !clientFirst.startsWith("y,")) {
      throw malformed("unexpected SCRAM client-first-message");
    }
    int bareStart = clientFirst.indexOf(',', 2) + 1;
    if (bareStart == 0) {
      throw malformed("unexpected SCRAM client-first-message");
    }
    gs2Header = clientFirst.substring(0, bareStart);
    clientFirstBare = clientFirst.substring(bareStart);
    String clientNonce = attribute(clientFirstBare, "r");
    byte[] serverNonce = new byte[18];
    RANDOM.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
    return serverFirst;
  }

  /**
   * Checks the client-final-message's proof and returns the server-final-message;
   * 28P01 for a wrong password (or a mock exchange).
   */
  public String serverFinal(String clientFinal, String user) {
    int proofStart = clientFinal.lastIndexOf(",p=");
    if (proofStart < 0) {
      throw malformed("unexpected SCRAM client-final-message");
    }
    String withoutProof = clientFinal.substring(0, proofStart);
    String binding = attribute(withoutProof, "c");
    if (!binding.equals(Base64.getEncoder().encodeToString(gs2Header.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        || !attribute(withoutProof, "r").equals(nonce)) {
      throw malformed("SCRAM channel binding or nonce check failed");
    }
    byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofStart + 3));
    } catch (IllegalArgumentException notBase64) {
      throw malformed("malformed SCRAM proof");
    }
    String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
    byte[] clientSignature = AuthCrypto.hmac(storedKey, authMessage);
    if (mock || proof.length != clientSignature.length) {
      throw passwordFailed(user);
    }
    byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!MessageDigest.isEqual(AuthCrypto.sha256(clientKey), storedKey)) {
      throw passwordFailed(user);
    }
    return "v=" + Base64.getEncoder().encodeToString(AuthCrypto.hmac(serverKey, authMessage));
  }

  /** The value of {@code name=} among the comma-separated attributes of {@code message}. */
  private static String attribute(String message, String name) {
    for (String part : message.split(",")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    throw malformed("SCRAM message lacks the \"" + name + "\" attribute");
  }

  /**
   * The one failure for a wrong password, an unknown user and a user without a usable
   * verifier alike (28P01), so the reply does not tell which users exist.
   */
  public static SqlException passwordFailed(String user) {
    return new SqlException(SqlState.INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"")
        .fatal();
  }

  private static SqlException malformed(String message) {
    return new SqlException(SqlState.PROTOCOL_VIOLATION, message).fatal();
  }
}
