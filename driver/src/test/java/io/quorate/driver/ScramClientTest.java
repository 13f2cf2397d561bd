package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Proves the SCRAM-SHA-256 client computes RFC 7677's messages and refuses every bad server answer. */
class ScramClientTest {

  private static final String RFC_NONCE = "rOprNGfwEbeRWgbNEkqO";
  private static final String RFC_SERVER_FIRST =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  private static final String RFC_CLIENT_FINAL =
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  private static final String RFC_SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
  private static final String SECRET = "s3cr3t-Passw0rd";

  private static SQLException assertFails(String sqlState, Executable action) {
    SQLException error = assertThrows(SQLException.class, action);
    assertEquals(sqlState, error.getSQLState(), error.getMessage());
    return error;
  }

  /** A client that has sent its first message with the RFC nonce. */
  private static ScramClient started(String password) {
    ScramClient client = new ScramClient("user", password, RFC_NONCE);
    client.clientFirst();
    return client;
  }

  @Test
  void rfc7677TestVectorIsReproducedExactly() throws SQLException {
    ScramClient client = new ScramClient("user", "pencil", RFC_NONCE);
    assertEquals("n,,n=user,r=rOprNGfwEbeRWgbNEkqO", client.clientFirst());
    assertEquals(RFC_CLIENT_FINAL, client.clientFinal(RFC_SERVER_FIRST));
    assertFalse(client.isVerified());
    client.verifyServerFinal(RFC_SERVER_FINAL);
    assertTrue(client.isVerified());
  }

  @Test
  void roundTripsWithAServerWrittenFromTheRfcFormulas() throws SQLException {
    for (String password : List.of("pencil", "pässwörd", "密码 with spaces", "=,;\"'\\")) {
      TestServer server = new TestServer(password, 4096);
      ScramClient client = new ScramClient("a=b,c", password);
      String serverFirst = server.serverFirst(client.clientFirst());
      String serverFinal = server.serverFinal(client.clientFinal(serverFirst));
      client.verifyServerFinal(serverFinal);
      assertTrue(client.isVerified(), password);
    }
  }

  @Test
  void aWrongPasswordFailsAtTheServerAndItsSignatureFailsAtTheClient() throws SQLException {
    TestServer server = new TestServer("right", 4096);
    ScramClient client = new ScramClient("user", "wrong");
    String clientFinal = client.clientFinal(server.serverFirst(client.clientFirst()));
    assertThrows(AssertionError.class, () -> server.serverFinal(clientFinal));
    // A server that does not know the password cannot sign: the client catches the impostor.
    SQLException error = assertFails("28P01", () -> client.verifyServerFinal(server.signatureFor(clientFinal)));
    assertTrue(error.getMessage().contains("signature"), error.getMessage());
  }

  @Test
  void clientFirstHasTheGs2HeaderWithoutBindingAndAnEscapedUser() {
    String first = new ScramClient("a=b,c", "x", "nonce").clientFirst();
    assertEquals("n,,n=a=3Db=2Cc,r=nonce", first);
    // The server splits the header off at the second comma and reads r= from the rest.
    int bareStart = first.indexOf(',', 2) + 1;
    assertEquals("n,,", first.substring(0, bareStart));
  }

  @Test
  void randomNoncesArePrintableAndDifferent() {
    String first = new ScramClient("u", "p").clientFirst();
    String second = new ScramClient("u", "p").clientFirst();
    assertNotEquals(first, second);
    String nonce = first.substring(first.indexOf(",r=") + 3);
    assertEquals(24, nonce.length());
    assertTrue(nonce.chars().allMatch(c -> c > 0x20 && c < 0x7F && c != ','), nonce);
  }

  @Test
  void aChosenNonceMustBePrintableWithoutCommas() {
    assertThrows(IllegalArgumentException.class, () -> new ScramClient("u", "p", "a,b"));
    assertThrows(IllegalArgumentException.class, () -> new ScramClient("u", "p", ""));
    assertThrows(IllegalArgumentException.class, () -> new ScramClient("u", "p", "é"));
  }

  @Test
  void malformedServerFirstMessagesAreProtocolViolations() {
    String nonce = "r=" + RFC_NONCE + "xyz";
    for (String bad : List.of("", "garbage", nonce, nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "s=W22ZaJ0SNY7soEsUEjb6gQ==," + nonce + ",i=4096", nonce + ",s=not*base64,i=4096",
        nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=many", nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=",
        nonce + ",s=,i=4096", nonce + ",i=4096,s=W22ZaJ0SNY7soEsUEjb6gQ==",
        "m=ext," + nonce + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")) {
      assertFails("08P01", () -> started("pencil").clientFinal(bad));
    }
    assertFails("08P01", () -> started("pencil").clientFinal(null));
  }

  @Test
  void aNonceThatDoesNotExtendOursIsRefused() {
    String rest = ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    for (String nonce : List.of(RFC_NONCE, "XOprNGfwEbeRWgbNEkqOabc", "abc", RFC_NONCE + "ü")) {
      SQLException error = assertFails("08P01", () -> started("pencil").clientFinal("r=" + nonce + rest));
      assertTrue(error.getMessage().contains("nonce"), error.getMessage());
    }
  }

  @Test
  void iterationCountsOutsideTheSaneRangeAreRefused() throws SQLException {
    String prefix = "r=" + RFC_NONCE + "xyz,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=";
    for (long iterations : List.of(0L, 1L, 4095L, 10_000_001L, -4096L)) {
      SQLException error = assertFails("28P01", () -> started("pencil").clientFinal(prefix + iterations));
      assertTrue(error.getMessage().contains(Long.toString(iterations)), error.getMessage());
    }
    assertFails("08P01", () -> started("pencil").clientFinal(prefix + "99999999999"));
    assertTrue(started("pencil").clientFinal(prefix + "4096").startsWith("c=biws,r=" + RFC_NONCE + "xyz,p="));
  }

  @Test
  void extensionsAfterTheIterationCountAreIgnored() throws SQLException {
    ScramClient client = started("pencil");
    String withExtension = RFC_SERVER_FIRST + ",x=future";
    assertTrue(client.clientFinal(withExtension).startsWith("c=biws,r="));
  }

  @Test
  void serverErrorsAreAuthenticationFailuresNamingTheReason() throws SQLException {
    SQLException first = assertFails("28P01", () -> started("pencil").clientFinal("e=unknown-user"));
    assertTrue(first.getMessage().contains("unknown-user"), first.getMessage());
    ScramClient client = started("pencil");
    client.clientFinal(RFC_SERVER_FIRST);
    SQLException last = assertFails("28P01", () -> client.verifyServerFinal("e=invalid-proof"));
    assertTrue(last.getMessage().contains("invalid-proof"), last.getMessage());
    assertFalse(client.isVerified());
  }

  @Test
  void malformedOrTamperedServerFinalMessagesAreRefused() throws SQLException {
    String tampered = "v=7rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    List<String> protocolErrors = List.of("", "x=abc", "v=***", "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    for (String bad : protocolErrors) {
      ScramClient client = started("pencil");
      client.clientFinal(RFC_SERVER_FIRST);
      assertFails("08P01", () -> client.verifyServerFinal(bad));
    }
    for (String bad : List.of(tampered, "v=", "v=AAAA")) {
      ScramClient client = started("pencil");
      client.clientFinal(RFC_SERVER_FIRST);
      assertFails("28P01", () -> client.verifyServerFinal(bad));
      assertFalse(client.isVerified());
    }
    ScramClient client = started("pencil");
    client.clientFinal(RFC_SERVER_FIRST);
    assertFails("08P01", () -> client.verifyServerFinal(null));
  }

  @Test
  void stepsOutOfOrderAreProgrammingErrors() throws SQLException {
    ScramClient fresh = new ScramClient("user", "pencil", RFC_NONCE);
    assertThrows(IllegalStateException.class, () -> fresh.clientFinal(RFC_SERVER_FIRST));
    assertThrows(IllegalStateException.class, () -> fresh.verifyServerFinal(RFC_SERVER_FINAL));
    fresh.clientFirst();
    assertThrows(IllegalStateException.class, fresh::clientFirst);
    fresh.clientFinal(RFC_SERVER_FIRST);
    assertThrows(IllegalStateException.class, () -> fresh.clientFinal(RFC_SERVER_FIRST));
    fresh.verifyServerFinal(RFC_SERVER_FINAL);
    assertThrows(IllegalStateException.class, () -> fresh.verifyServerFinal(RFC_SERVER_FINAL));
  }

  @Test
  void thePasswordAppearsInNoMessageAndNoToString() throws SQLException {
    List<String> texts = new ArrayList<>();
    ScramClient client = new ScramClient("alice", SECRET, RFC_NONCE);
    texts.add(client.toString());
    texts.add(client.clientFirst());
    texts.add(client.toString());
    String nonce = "r=" + RFC_NONCE + "x";
    for (String bad : List.of("garbage", nonce + ",s=!,i=4096", nonce + ",s=AAAA,i=1", "e=" + "other-error",
        "r=zz,s=AAAA,i=4096")) {
      texts.add(assertThrows(SQLException.class, () -> started(SECRET).clientFinal(bad)).getMessage());
    }
    String clientFinal = client.clientFinal(nonce + ",s=AAAA,i=4096");
    texts.add(clientFinal);
    texts.add(client.toString());
    texts.add(assertThrows(SQLException.class, () -> client.verifyServerFinal("v=AAAA")).getMessage());
    for (String text : texts) {
      assertFalse(text.contains(SECRET), text);
    }
    assertTrue(client.toString().contains("final sent"), client.toString());
  }

  @Test
  void theTestServersHiAgreesWithTheJdksPbkdf2() throws Exception {
    // Guards the test server itself: its hand-written Hi must be PBKDF2 for the round trips to mean anything.
    byte[] salt = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec("pencil".toCharArray(), salt, 4096, 256)).getEncoded();
    byte[] hi = TestServer.hi("pencil".getBytes(StandardCharsets.UTF_8), salt, 4096);
    assertEquals(Base64.getEncoder().encodeToString(jdk), Base64.getEncoder().encodeToString(hi));
  }

  /**
   * The server side written from RFC 5802 section 3's formulas, behaving as Quorate's
   * server does: "n,," without channel binding, the user name in the message ignored.
   * Failures are AssertionErrors: they are what this test proves the client never causes.
   */
  private static final class TestServer {
    private final byte[] salt = "a salt of the test".getBytes(StandardCharsets.UTF_8);
    private final int iterations;
    private final byte[] storedKey;
    private final byte[] serverKey;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    TestServer(String password, int iterations) {
      this.iterations = iterations;
      byte[] saltedPassword = hi(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
      storedKey = sha256(hmac(saltedPassword, "Client Key"));
      serverKey = hmac(saltedPassword, "Server Key");
    }

    String serverFirst(String clientFirst) {
      assertTrue(clientFirst.startsWith("n,,n="), clientFirst);
      clientFirstBare = clientFirst.substring(3);
      String clientNonce = clientFirstBare.substring(clientFirstBare.indexOf(",r=") + 3);
      nonce = clientNonce + "server-part";
      serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations;
      return serverFirst;
    }

    String serverFinal(String clientFinal) {
      int proofAt = clientFinal.lastIndexOf(",p=");
      String withoutProof = clientFinal.substring(0, proofAt);
      assertEquals("c=biws,r=" + nonce, withoutProof);
      String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
      byte[] clientKey = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
      byte[] clientSignature = hmac(storedKey, authMessage);
      for (int i = 0; i < clientKey.length; i++) {
        clientKey[i] ^= clientSignature[i];
      }
      assertTrue(MessageDigest.isEqual(sha256(clientKey), storedKey), "wrong proof");
      return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    /** The server-final-message this server would send for {@code clientFinal}, proof unchecked. */
    String signatureFor(String clientFinal) {
      String withoutProof = clientFinal.substring(0, clientFinal.lastIndexOf(",p="));
      String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
      return "v=" + Base64.getEncoder().encodeToString(hmac(serverKey, authMessage));
    }

    /** Hi(str, salt, i) of RFC 5802, written out as U1 ^ U2 ^ ... rather than through PBKDF2. */
    private static byte[] hi(byte[] password, byte[] salt, int iterations) {
      byte[] block = new byte[salt.length + 4];
      System.arraycopy(salt, 0, block, 0, salt.length);
      block[block.length - 1] = 1; // INT(1)
      byte[] u = hmac(password, block);
      byte[] result = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = hmac(password, u);
        for (int j = 0; j < result.length; j++) {
          result[j] ^= u[j];
        }
      }
      return result;
    }

    private static byte[] hmac(byte[] key, String message) {
      return hmac(key, message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, byte[] message) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message);
      } catch (java.security.GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }

    private static byte[] sha256(byte[] bytes) {
      try {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
      } catch (java.security.GeneralSecurityException e) {
        throw new AssertionError(e);
      }
    }
  }
}
