package io.quorate.protocol.http2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/2's constants (RFC 9113) and the encodings both of Quorate's single-stream gRPC
 * endpoints write: the driver's session client and the node's session server. Header
 * blocks are HPACK literals without indexing (RFC 7541 6.2.2) that never touch the
 * dynamic table, so nothing has to be kept in step with the peer's decoder.
 */
public final class Http2 {

  /** The client's connection preface. */
  public static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  public static final int DATA = 0x0;
  public static final int HEADERS = 0x1;
  public static final int PRIORITY = 0x2;
  public static final int RST_STREAM = 0x3;
  public static final int SETTINGS = 0x4;
  public static final int PUSH_PROMISE = 0x5;
  public static final int PING = 0x6;
  public static final int GOAWAY = 0x7;
  public static final int WINDOW_UPDATE = 0x8;
  public static final int CONTINUATION = 0x9;
  public static final int FLAG_END_STREAM = 0x1;
  public static final int FLAG_ACK = 0x1;
  public static final int FLAG_END_HEADERS = 0x4;
  public static final int FLAG_PADDED = 0x8;
  public static final int FLAG_PRIORITY = 0x20;
  public static final int SETTINGS_ENABLE_PUSH = 0x2;
  public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
  public static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
  public static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;
  public static final int PROTOCOL_ERROR = 0x1;
  public static final int FLOW_CONTROL_ERROR = 0x3;
  public static final int FRAME_SIZE_ERROR = 0x6;
  public static final int REFUSED_STREAM = 0x7;
  public static final int COMPRESSION_ERROR = 0x9;
  /** The initial flow-control window and largest frame, until SETTINGS say otherwise. */
  public static final int DEFAULT_WINDOW = 65_535;
  public static final int DEFAULT_MAX_FRAME = 16_384;
  public static final int FRAME_HEADER_BYTES = 9;

  private Http2() {}

  /** Writes a frame's 9-byte header at {@code into[at]}. */
  public static void frameHeader(byte[] into, int at, int type, int flags, int streamId, int length) {
    into[at] = (byte) (length >>> 16);
    into[at + 1] = (byte) (length >>> 8);
    into[at + 2] = (byte) length;
    into[at + 3] = (byte) type;
    into[at + 4] = (byte) flags;
    putInt(into, at + 5, streamId);
  }

  /** A frame header's payload length, type, flags and stream id. */
  public static int length(byte[] header) {
    return ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
  }

  public static int type(byte[] header) {
    return header[3] & 0xff;
  }

  public static int flags(byte[] header) {
    return header[4] & 0xff;
  }

  public static int streamId(byte[] header) {
    return readInt(header, 5) & 0x7fffffff;
  }

  /** One setting of a SETTINGS frame's payload: its 16-bit id, then its value. */
  public static void putSetting(byte[] into, int at, int id, int value) {
    into[at] = (byte) (id >>> 8);
    into[at + 1] = (byte) id;
    putInt(into, at + 2, value);
  }

  public static void putInt(byte[] into, int at, int value) {
    into[at] = (byte) (value >>> 24);
    into[at + 1] = (byte) (value >>> 16);
    into[at + 2] = (byte) (value >>> 8);
    into[at + 3] = (byte) value;
  }

  public static int readInt(byte[] from, int at) {
    return ((from[at] & 0xff) << 24) | ((from[at + 1] & 0xff) << 16) | ((from[at + 2] & 0xff) << 8)
        | (from[at + 3] & 0xff);
  }

  /** A WINDOW_UPDATE's or RST_STREAM's 4-byte payload. */
  public static byte[] intPayload(int value) {
    byte[] payload = new byte[4];
    putInt(payload, 0, value);
    return payload;
  }

  /**
   * The header block fragment of a HEADERS frame's payload, without its padding and
   * priority fields; null when the padding is longer than the frame.
   */
  public static byte[] headerFragment(int flags, byte[] payload) {
    int offset = 0;
    int end = payload.length;
    if ((flags & FLAG_PADDED) != 0) {
      offset = 1;
      end -= payload.length == 0 ? 0 : payload[0] & 0xff;
    }
    if ((flags & FLAG_PRIORITY) != 0) {
      offset += 5;
    }
    if (end < offset) {
      return null;
    }
    return java.util.Arrays.copyOfRange(payload, offset, end);
  }

  /**
   * A gRPC call's request header block (POST of {@code path} to {@code authority}, as
   * Quorate's JDBC driver sends it): each field a literal without indexing, its name by
   * static-table index where there is one.
   */
  public static byte[] requestHeaders(String authority, String path) {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    block.write(0x83); // :method POST (static index 3)
    block.write(0x86); // :scheme http (static index 6)
    literal(block, 4, null, path); // :path
    literal(block, 1, null, authority); // :authority
    literal(block, 31, null, "application/grpc"); // content-type
    literal(block, 0, "te", "trailers");
    literal(block, 58, null, "quorate-jdbc"); // user-agent
    return block.toByteArray();
  }

  /**
   * One header field as a literal without indexing, its name by static-table index
   * ({@code nameIndex} above 0) or spelled out ({@code name}, index 0), no Huffman coding.
   */
  public static void literal(ByteArrayOutputStream block, int nameIndex, String name, String value) {
    hpackInteger(block, 0x00, 4, nameIndex);
    if (nameIndex == 0) {
      hpackString(block, name);
    }
    hpackString(block, value);
  }

  private static void hpackString(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    hpackInteger(block, 0x00, 7, bytes.length); // H = 0: not Huffman-coded
    block.write(bytes, 0, bytes.length);
  }

  /** An HPACK integer with an {@code prefixBits}-bit prefix after the bits of {@code first} (RFC 7541 5.1). */
  private static void hpackInteger(ByteArrayOutputStream block, int first, int prefixBits, int value) {
    int max = (1 << prefixBits) - 1;
    if (value < max) {
      block.write(first | value);
      return;
    }
    block.write(first | max);
    value -= max;
    while (value >= 128) {
      block.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    block.write(value);
  }

  /** grpc-message's percent-encoding: printable ASCII but '%' stays, every other byte of the UTF-8 is %XX. */
  public static String percentEncoded(String text) {
    StringBuilder encoded = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '%') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  /** grpc-message's text: percent-encoded UTF-8 decoded. */
  public static String percentDecoded(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
          && Character.digit(text.charAt(i + 2), 16) >= 0) {
        bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
