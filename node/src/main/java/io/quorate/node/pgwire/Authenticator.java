package io.quorate.node.pgwire;

import io.quorate.node.auth.AuthMethod;
import io.quorate.node.auth.UserDirectory;
import io.quorate.node.auth.AuthCrypto;
import io.quorate.node.auth.ScramExchange;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Runs the authentication exchange of one connection after its StartupMessage, with
 * PostgreSQL's messages (AuthenticationMD5Password, AuthenticationSASL/Continue/Final)
 * and failures: a wrong password, an unknown user and a user without a usable verifier
 * all read {@code password authentication failed for user "x"} (28P01), so the reply
 * does not tell which users exist.
 */
final class Authenticator {

  private static final int AUTH_OK = 0;
  private static final int AUTH_MD5 = 5;
  private static final int AUTH_SASL = 10;
  private static final int AUTH_SASL_CONTINUE = 11;
  private static final int AUTH_SASL_FINAL = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AuthMethod method;
  private final UserDirectory users;

  Authenticator(AuthMethod method, UserDirectory users) {
    this.method = method;
    this.users = users;
  }

  /** Authenticates {@code user} and sends AuthenticationOk; throws a FATAL SqlException otherwise. */
  void authenticate(String user, MessageReader in, MessageWriter out) throws IOException {
    UserDirectory.User found = users.find(user).orElse(null);
    String verifier = found == null ? null : found.passwordVerifier();
    switch (method) {
      case TRUST -> {
        if (found == null) {
          throw new SqlException(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "role \"" + user + "\" does not exist")
              .fatal();
        }
      }
      case MD5 -> {
        if (verifier != null && verifier.startsWith(ScramExchange.MECHANISM + "$")) {
          scram(user, verifier, in, out);
        } else {
          md5(user, verifier, in, out);
        }
      }
      case SCRAM_SHA_256 -> scram(user, verifier, in, out);
    }
    out.authentication(AUTH_OK, new byte[0]);
  }

  private void md5(String user, String verifier, MessageReader in, MessageWriter out) throws IOException {
    byte[] salt = new byte[4];
    RANDOM.nextBytes(salt);
    out.authentication(AUTH_MD5, salt);
    out.flush();
    String response = passwordMessage(in).readCString();
    if (verifier == null || !verifier.startsWith("md5")) {
      throw passwordFailed(user);
    }
    byte[] stored = verifier.substring(3).getBytes(StandardCharsets.US_ASCII);
    byte[] salted = new byte[stored.length + salt.length];
    System.arraycopy(stored, 0, salted, 0, stored.length);
    System.arraycopy(salt, 0, salted, stored.length, salt.length);
    String expected = "md5" + AuthCrypto.md5Hex(salted);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
        response.getBytes(StandardCharsets.UTF_8))) {
      throw passwordFailed(user);
    }
  }

  private void scram(String user, String verifier, MessageReader in, MessageWriter out) throws IOException {
    out.authentication(AUTH_SASL, (ScramExchange.MECHANISM + "\0\0").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    MessageBody initial = passwordMessage(in);
    String mechanism = initial.readCString();
    if (!mechanism.equals(ScramExchange.MECHANISM)) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION,
          "client selected an invalid SASL authentication mechanism").fatal();
    }
    int length = initial.readInt32();
    String clientFirst = length < 0 ? "" : MessageBody.utf8(initial.readBytes(length));
    ScramExchange exchange = new ScramExchange(verifier);
    out.authentication(AUTH_SASL_CONTINUE, exchange.serverFirst(clientFirst).getBytes(StandardCharsets.UTF_8));
    out.flush();
    String clientFinal = passwordMessage(in).readRemainingText();
    out.authentication(AUTH_SASL_FINAL, exchange.serverFinal(clientFinal, user).getBytes(StandardCharsets.UTF_8));
  }

  private static MessageBody passwordMessage(MessageReader in) throws IOException {
    MessageBody message = in.readMessage();
    if (message.type() != 'p') {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION,
          "expected password response, got message type " + message.type()).fatal();
    }
    return message;
  }

  static SqlException passwordFailed(String user) {
    return ScramExchange.passwordFailed(user);
  }
}
