package io.quorate.node.pgwire;

import io.quorate.node.auth.AuthMethod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that malformed, truncated, oversized and random input ends or errors only the
 * session that sent it: after each case another client still gets answers.
 */
class PgBadInputTest {

  private static PgTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test").withAuthMethod(AuthMethod.TRUST)
        .withMaxMessageBytes(1024 * 1024));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void serverStillServes() throws IOException {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.query("select 1");
      RawClient.Message row = client.readUntil('D');
      assertEquals('D', row.type(), row.text());
      client.readUntil('Z');
    }
  }

  private static String sqlState(RawClient.Message error) {
    String text = error.text();
    int code = text.indexOf("\0C");
    return text.substring(code + 2, code + 7);
  }

  @Test
  void hugeLengthIsRefusedBeforeAllocating() throws IOException {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.sendRaw(new byte[] {'Q', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      RawClient.Message error = client.read();
      assertEquals('E', error.type());
      assertEquals("08P01", sqlState(error));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void unknownMessageTypeIsFatal() throws IOException {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.send('!', new byte[3]);
      RawClient.Message error = client.read();
      assertEquals("08P01", sqlState(error));
      assertTrue(error.text().contains("FATAL"));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void invalidUtf8IsAnErrorAndTheSessionGoesOn() throws IOException {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.send('Q', new byte[] {'s', 'e', 'l', (byte) 0xc3, 0x28, 0});
      RawClient.Message error = client.readUntil('Z');
      assertEquals("22021", sqlState(error));
      client.query("select 2");
      assertEquals('D', client.readUntil('D').type());
    }
  }

  @Test
  void malformedBodiesAreErrorsAndExtendedModeRecoversAtSync() throws IOException {
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.send('Q', new byte[] {'s', 'e', 'l'}); // no terminator
      assertEquals("08P01", sqlState(client.readUntil('Z')));
      client.send('B', new byte[] {0, 0, 0, 5}); // Bind cut short
      client.send('E', new byte[] {0, 0, 0, 0, 0}); // discarded until Sync
      client.send('S', new byte[0]);
      assertEquals("08P01", sqlState(client.readUntil('Z')));
      client.query("select 3");
      assertEquals('D', client.readUntil('D').type());
    }
  }

  @Test
  void truncatedMessagesAndDisconnectsMidTransactionAbortIt() throws Exception {
    try (RawClient setup = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      setup.query("create table dropped_t (id int primary key)");
      setup.readUntil('Z');
    }
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.query("begin; insert into dropped_t values (1)");
      client.readUntil('Z');
      client.sendRaw(new byte[] {'Q', 0, 0, 0, 100, 's'}); // and then the client vanishes
    }
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      client.query("copy dropped_t from stdin");
      assertEquals('G', client.readUntil('G').type());
      client.send('d', "2\n".getBytes());
    } // gone mid-COPY
    awaitSessions(0);
    try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
      // the lock of the dropped transaction is gone and its row was never committed
      client.query("insert into dropped_t values (1); select count(*) from dropped_t");
      RawClient.Message row = client.readUntil('D');
      assertEquals('D', row.type(), row.text());
      assertTrue(row.text().endsWith("1"), row.text());
      client.readUntil('Z');
    }
  }

  @Test
  void badStartupPacketsAreRefused() throws IOException {
    try (RawClient client = new RawClient(server.server.port())) {
      client.sendRaw(ByteBuffer.allocate(8).putInt(8).putInt(80_877_103).array()); // SSLRequest
      client.sendRaw(ByteBuffer.allocate(8).putInt(1_000_000).putInt(196_608).array());
      assertTrue(client.closedByServer());
    }
    try (RawClient client = new RawClient(server.server.port())) {
      client.sendRaw(ByteBuffer.allocate(8).putInt(8).putInt(1234).array()); // protocol 0.1234
      assertTrue(client.closedByServer());
    }
  }

  /** Random bytes and mutations of valid messages, seeded so a failure replays; bounded in count and time. */
  @Test
  void fuzzedMessagesNeverStopTheServer() throws Exception {
    long seed = Long.getLong("pgwire.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    List<byte[]> valid = List.of(message('Q', RawClient.cString("select 1")),
        message('P', concat(RawClient.cString("s"), RawClient.cString("select $1::int"), new byte[] {0, 1, 0, 0, 0, 23})),
        message('B', concat(RawClient.cString(""), RawClient.cString("s"), new byte[] {0, 0, 0, 1, 0, 0, 0, 1, '7', 0, 0})),
        message('D', concat(new byte[] {'P'}, RawClient.cString(""))),
        message('E', concat(RawClient.cString(""), new byte[] {0, 0, 0, 0})),
        message('C', concat(new byte[] {'S'}, RawClient.cString("s"))),
        message('S', new byte[0]), message('H', new byte[0]));
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (int round = 0; round < 300 && System.nanoTime() < deadline; round++) {
      try (RawClient client = new RawClient(server.server.port()).startup(PgTestServer.ALICE)) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
          byte[] bytes = random.nextInt(5) == 0 ? randomBytes(random)
              : valid.get(random.nextInt(valid.size())).clone();
          if (random.nextBoolean() && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
          }
          stream.write(bytes);
        }
        stream.write(message('S', new byte[0]));
        stream.write(message('X', new byte[0]));
        try {
          client.sendRaw(stream.toByteArray());
          client.finishSending();
          client.closedByServer();
        } catch (IOException resetByServer) {
          // the server may close first; what matters is that it keeps serving others
        }
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("fuzz failure, replay with -Dpgwire.fuzz.seed=" + seed, failure);
      }
    }
    awaitSessions(0);
  }

  private static void awaitSessions(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.server.sessionCount() != count) {
      assertTrue(System.nanoTime() < deadline, "sessions still open: " + server.server.sessionCount());
      Thread.sleep(10); // polling the count: the server offers no event for a session's end
    }
  }

  private static byte[] randomBytes(Random random) {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] message(char type, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(type);
    out.writeInt(body.length + 4);
    out.write(body);
    return bytes.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
