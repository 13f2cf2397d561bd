package io.quorate.protocol.http2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The HTTP/2 pieces both of Quorate's session endpoints use, against Netty's decoder where it has one. */
class Http2Test {

  @Test
  void literalsDecodeAsTheirFieldsWhateverTheirLength() throws Exception {
    String longValue = "v".repeat(300); // a length past the 7-bit prefix
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x88); // :status 200
    Http2.literal(block, 31, null, "application/grpc");
    Http2.literal(block, 0, "grpc-message", longValue);
    Http2Headers fields = new DefaultHttp2HeadersDecoder(true, 1 << 16)
        .decodeHeaders(1, Unpooled.wrappedBuffer(block.toByteArray()));
    assertEquals("200", fields.status().toString());
    assertEquals("application/grpc", fields.get("content-type").toString());
    assertEquals(longValue, fields.get("grpc-message").toString());
  }

  @Test
  void grpcMessagesArePercentCodedBothWays() {
    assertEquals("100% é done", Http2.percentDecoded("100%25 %C3%A9 done"));
    assertEquals("plain", Http2.percentDecoded("plain"));
    assertEquals("bad %zz stays", Http2.percentDecoded("bad %zz stays"));
    assertEquals("100%25 %C3%A9%0A", Http2.percentEncoded("100% é\n"));
    String any = "relation \"t\" does not exist: 50% ünïcode ✓\r\n";
    assertEquals(any, Http2.percentDecoded(Http2.percentEncoded(any)));
  }

  @Test
  void frameHeadersReadBackAsWritten() {
    byte[] header = new byte[Http2.FRAME_HEADER_BYTES];
    Http2.frameHeader(header, 0, Http2.WINDOW_UPDATE, Http2.FLAG_END_HEADERS, 0x7fffffff, (1 << 24) - 1);
    assertEquals((1 << 24) - 1, Http2.length(header));
    assertEquals(Http2.WINDOW_UPDATE, Http2.type(header));
    assertEquals(Http2.FLAG_END_HEADERS, Http2.flags(header));
    assertEquals(0x7fffffff, Http2.streamId(header));
    header[5] |= (byte) 0x80; // the reserved bit is ignored
    assertEquals(0x7fffffff, Http2.streamId(header));
  }

  @Test
  void headerFragmentsLoseTheirPaddingAndPriority() {
    byte[] payload = {3, 0, 0, 0, 1, 16, 'a', 'b', 0, 0, 0};
    assertArrayEquals(new byte[] {'a', 'b'},
        Http2.headerFragment(Http2.FLAG_PADDED | Http2.FLAG_PRIORITY, payload));
    assertArrayEquals(payload, Http2.headerFragment(0, payload));
    assertNull(Http2.headerFragment(Http2.FLAG_PADDED, new byte[] {9, 'a'}), "padding longer than the frame");
  }

  @Test
  void settingsChangeTheWindowAndFrameSizeAndRefuseWhatIsInvalid() {
    PeerSettings peer = new PeerSettings();
    byte[] settings = new byte[12];
    Http2.putSetting(settings, 0, Http2.SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20);
    Http2.putSetting(settings, 6, Http2.SETTINGS_MAX_FRAME_SIZE, 1 << 16);
    assertEquals((1 << 20) - Http2.DEFAULT_WINDOW, peer.apply(settings));
    assertEquals(1 << 20, peer.initialWindow());
    assertEquals(1 << 16, peer.maxFrame());
    byte[] smaller = new byte[6];
    Http2.putSetting(smaller, 0, Http2.SETTINGS_INITIAL_WINDOW_SIZE, 1000);
    assertEquals(1000 - (1 << 20), peer.apply(smaller), "a shrinking window");
    assertThrows(IllegalArgumentException.class, () -> peer.apply(new byte[5]));
    byte[] tooSmallFrame = new byte[6];
    Http2.putSetting(tooSmallFrame, 0, Http2.SETTINGS_MAX_FRAME_SIZE, 1000);
    assertThrows(IllegalArgumentException.class, () -> peer.apply(tooSmallFrame));
    byte[] hugeWindow = new byte[6];
    Http2.putSetting(hugeWindow, 0, Http2.SETTINGS_INITIAL_WINDOW_SIZE, 0x80000000);
    assertThrows(IllegalArgumentException.class, () -> peer.apply(hugeWindow));
    byte[] unknown = new byte[6];
    Http2.putSetting(unknown, 0, 0x99, 7);
    assertEquals(0, peer.apply(unknown), "unknown settings are ignored");
  }

  /** Appends {@code payload} to {@code inbox} as one DATA frame would. */
  private static boolean receive(MessageInbox inbox, byte[] payload, boolean padded) {
    byte[] into = inbox.room(payload.length);
    System.arraycopy(payload, 0, into, inbox.end(), payload.length);
    return inbox.added(payload.length, padded);
  }

  private static byte[] message(byte[] body) {
    byte[] framed = new byte[5 + body.length];
    Http2.putInt(framed, 1, body.length);
    System.arraycopy(body, 0, framed, 5, body.length);
    return framed;
  }

  @Test
  void messagesAreCutWhereverTheFramesSplitThem() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      MessageInbox inbox = new MessageInbox(1 << 20, 1 << 16);
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      byte[][] bodies = new byte[1 + random.nextInt(5)][];
      for (int i = 0; i < bodies.length; i++) {
        bodies[i] = new byte[random.nextInt(i == 0 ? 100_000 : 300)];
        random.nextBytes(bodies[i]);
        stream.writeBytes(message(bodies[i]));
      }
      byte[] all = stream.toByteArray();
      int next = 0;
      for (int at = 0; at < all.length; ) {
        int chunk = Math.min(all.length - at, 1 + random.nextInt(20_000));
        byte[] data = java.util.Arrays.copyOfRange(all, at, at + chunk);
        boolean padded = random.nextBoolean();
        if (padded) { // a pad-length byte, the data, then that many zeros
          int pad = random.nextInt(10);
          byte[] framed = new byte[1 + chunk + pad];
          framed[0] = (byte) pad;
          System.arraycopy(data, 0, framed, 1, chunk);
          data = framed;
        }
        assertTrue(receive(inbox, data, padded));
        at += chunk;
        int size;
        while ((size = inbox.nextSize()) >= 0) {
          assertArrayEquals(bodies[next], java.util.Arrays.copyOfRange(inbox.array(), inbox.messageOffset(),
              inbox.messageOffset() + size), "message " + next + " of trial " + trial);
          inbox.take(size);
          next++;
        }
      }
      assertEquals(bodies.length, next, "every message of trial " + trial);
    }
  }

  @Test
  void compressedOversizedAndBadlyPaddedDataAreRefused() {
    MessageInbox inbox = new MessageInbox(100, 1 << 16);
    byte[] compressed = message(new byte[3]);
    compressed[0] = 1;
    receive(inbox, compressed, false);
    assertFalse(assertThrows(MessageInbox.Refused.class, inbox::nextSize).tooLarge());

    MessageInbox small = new MessageInbox(100, 1 << 16);
    receive(small, message(new byte[101]), false);
    assertTrue(assertThrows(MessageInbox.Refused.class, small::nextSize).tooLarge());

    MessageInbox padded = new MessageInbox(100, 1 << 16);
    assertFalse(receive(padded, new byte[] {5, 1, 2}, true), "padding longer than the frame");
    assertEquals(-1, padded.nextSize(), "and nothing taken");
  }
}
