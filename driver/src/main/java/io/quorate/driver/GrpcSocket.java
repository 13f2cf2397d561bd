package io.quorate.driver;

import static io.quorate.protocol.http2.Http2.CONTINUATION;
import static io.quorate.protocol.http2.Http2.DATA;
import static io.quorate.protocol.http2.Http2.DEFAULT_WINDOW;
import static io.quorate.protocol.http2.Http2.FLAG_ACK;
import static io.quorate.protocol.http2.Http2.FLAG_END_HEADERS;
import static io.quorate.protocol.http2.Http2.FLAG_END_STREAM;
import static io.quorate.protocol.http2.Http2.FLAG_PADDED;
import static io.quorate.protocol.http2.Http2.GOAWAY;
import static io.quorate.protocol.http2.Http2.HEADERS;
import static io.quorate.protocol.http2.Http2.PING;
import static io.quorate.protocol.http2.Http2.PREFACE;
import static io.quorate.protocol.http2.Http2.PUSH_PROMISE;
import static io.quorate.protocol.http2.Http2.RST_STREAM;
import static io.quorate.protocol.http2.Http2.SETTINGS;
import static io.quorate.protocol.http2.Http2.SETTINGS_ENABLE_PUSH;
import static io.quorate.protocol.http2.Http2.SETTINGS_INITIAL_WINDOW_SIZE;
import static io.quorate.protocol.http2.Http2.WINDOW_UPDATE;
import static io.quorate.protocol.http2.Http2.putInt;
import static io.quorate.protocol.http2.Http2.putSetting;
import static io.quorate.protocol.http2.Http2.readInt;

import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.quorate.protocol.http2.Http2;
import io.quorate.protocol.http2.MessageInbox;
import io.quorate.protocol.http2.PeerSettings;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One gRPC bidirectional-streaming call on a TCP connection of its own, spoken by the
 * thread that uses it: {@link #send} writes the request's HTTP/2 frames to the socket and
 * {@link #receive} reads the answer from it, with no event-loop thread in between. This
 * is the JDBC driver's session transport: a request and its answer then cost the client
 * one socket write and one wake-up, as with PostgreSQL's protocol, where grpc-java's
 * Netty transport adds a hand-off to its event loop each way (driver/DESIGN.md).
 *
 * <p>HTTP/2 over cleartext with prior knowledge (RFC 9113), one stream (id 1), gRPC's
 * length-prefixed messages without compression. Request headers are sent as HPACK
 * literals that touch no dynamic table; the node's headers are decoded with Netty's HPACK
 * decoder, which grpc-java brings. Flow control both ways; SETTINGS and PING are
 * acknowledged. Used by one thread at a time, except {@link #close}, which may come from
 * any thread and wakes a blocked {@link #receive}.
 */
final class GrpcSocket implements AutoCloseable {

  /** The call ended: by the node's trailers, a reset, the connection closing, or a protocol error. */
  static final class Ended extends IOException {
    Ended(String message) {
      super(message);
    }
  }

  private static final int STREAM = 1;
  /** What this side lets the node send ahead, per stream and per connection, and its largest frame. */
  private static final int RECEIVE_WINDOW = 1 << 20;
  private static final int MAX_FRAME = 1 << 20;

  private final SocketChannel socket;
  /**
   * What was read from the socket and not yet taken (read mode), and what is to be
   * written (write mode). Direct buffers: the channel reads and writes them without a
   * copy through a temporary one. Not Channels.newInputStream/newOutputStream: they hold
   * the channel's blocking lock while they read, so a close from another thread would
   * wait for the read to end.
   */
  private final ByteBuffer inBuffer = ByteBuffer.allocateDirect(1 << 16).flip();
  private final ByteBuffer outBuffer = ByteBuffer.allocateDirect(1 << 16);
  private final String node;
  private final ReentrantLock writeLock = new ReentrantLock();
  /** Room for a long grpc-message in the trailers (Netty's default list limit is 8 KiB). */
  private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(false, 1L << 20);
  private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
  /** DATA bytes received and not yet cut into messages. */
  private final MessageInbox inbox;
  private final PeerSettings peer = new PeerSettings();
  /** Scratch for the frame being read (the reading thread's) and written (under writeLock). */
  private final byte[] readHeader = new byte[9];
  private final byte[] writeHeader = new byte[9];
  private final byte[] messagePrefix = new byte[5];
  private long streamSendWindow = DEFAULT_WINDOW;
  private long connectionSendWindow = DEFAULT_WINDOW;
  /** Bytes received and not yet given back to the node's send windows. */
  private int unackedStream;
  private int unackedConnection;
  /** A header block still awaiting its CONTINUATION frames, and whether it ends the stream. */
  private ByteArrayOutputStream headerBlock;
  private boolean headerBlockEndsStream;
  private int headerBlockStream;
  /** Why the call is over, once it is; messages received before still come first. */
  private String ended;
  private boolean halfClosed;

  private GrpcSocket(SocketChannel socket, String node, int maxMessageBytes) {
    this.socket = socket;
    this.node = node;
    this.inbox = new MessageInbox(maxMessageBytes, RECEIVE_WINDOW);
  }

  /**
   * Connects to {@code host:port} and starts the call to {@code path} (e.g.
   * {@code /quorate.v1.SqlService/Session}); nothing is read until the first
   * {@link #receive}.
   */
  static GrpcSocket start(String host, int port, String path, int connectTimeoutMillis, int maxMessageBytes)
      throws IOException {
    SocketChannel socket = SocketChannel.open();
    try {
      socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
      socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true); // a vanished node is noticed in the end
      connect(socket, new InetSocketAddress(host, port), connectTimeoutMillis);
      String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
      GrpcSocket call = new GrpcSocket(socket, authority, maxMessageBytes);
      call.begin(authority, path);
      return call;
    } catch (IOException | RuntimeException | Error e) { // an Error too: its direct buffers may not fit
      socket.close();
      throw e;
    }
  }

  /**
   * Connects within the time limit, then leaves the channel in blocking mode: a
   * java.net.Socket connected with a timeout stays non-blocking for good, and each read
   * then costs a poll and two reads instead of one read.
   */
  private static void connect(SocketChannel socket, InetSocketAddress address, int timeoutMillis)
      throws IOException {
    if (address.isUnresolved()) {
      throw new UnknownHostException(address.getHostString());
    }
    socket.configureBlocking(false);
    if (!socket.connect(address)) {
      try (Selector selector = Selector.open()) {
        socket.register(selector, SelectionKey.OP_CONNECT);
        if (selector.select(timeoutMillis) == 0) {
          throw new SocketTimeoutException("connect timed out after " + timeoutMillis + " ms");
        }
        socket.finishConnect();
      }
    }
    socket.configureBlocking(true);
  }

  private void begin(String authority, String path) throws IOException {
    writeLock.lock();
    try {
      write(PREFACE);
      byte[] settings = new byte[12];
      putSetting(settings, 0, SETTINGS_ENABLE_PUSH, 0);
      putSetting(settings, 6, SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW);
      writeFrame(SETTINGS, 0, 0, settings, 0, settings.length);
      writeWindowUpdate(0, RECEIVE_WINDOW - DEFAULT_WINDOW);
      byte[] headers = Http2.requestHeaders(authority, path);
      writeFrame(HEADERS, FLAG_END_HEADERS, STREAM, headers, 0, headers.length);
      flush();
    } finally {
      writeLock.unlock();
    }
  }

  /** Sends one message; blocks, reading the node's frames, while its flow-control windows are full. */
  void send(byte[] message) throws IOException {
    send(message, message.length);
  }

  /** Sends the message in the first {@code length} bytes of {@code message}. */
  void send(byte[] message, int length) throws IOException {
    if (ended != null) {
      throw new Ended(ended);
    }
    byte[] prefix = messagePrefix; // gRPC's: not compressed, then the length
    putInt(prefix, 1, length);
    int total = prefix.length + length;
    if (total <= peer.maxFrame() && total <= streamSendWindow && total <= connectionSendWindow) {
      writeLock.lock(); // the usual request: one frame, one lock, one write
      try {
        writeFrameHeader(DATA, 0, STREAM, total);
        write(prefix, 0, prefix.length);
        write(message, 0, length);
        flush();
      } finally {
        writeLock.unlock();
      }
      streamSendWindow -= total;
      connectionSendWindow -= total;
      return;
    }
    int sent = 0;
    while (sent < total) {
      int allowed = (int) Math.min(Math.min(total - sent, peer.maxFrame()),
          Math.min(streamSendWindow, connectionSendWindow));
      if (allowed <= 0) {
        writeLock.lock();
        try {
          flush();
        } finally {
          writeLock.unlock();
        }
        readFrame(); // until the node opens its window again
        if (ended != null) {
          throw new Ended(ended);
        }
        continue;
      }
      writeLock.lock();
      try {
        writeFrameHeader(DATA, 0, STREAM, allowed);
        int fromPrefix = Math.max(0, Math.min(prefix.length - sent, allowed));
        if (fromPrefix > 0) {
          write(prefix, sent, fromPrefix);
        }
        write(message, sent + fromPrefix - prefix.length, allowed - fromPrefix);
      } finally {
        writeLock.unlock();
      }
      streamSendWindow -= allowed;
      connectionSendWindow -= allowed;
      sent += allowed;
    }
    writeLock.lock();
    try {
      flush();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * The next message from the node, read from the socket as it comes. The socket stays in
   * blocking mode (a read is one system call): a caller that wants a time limit closes
   * the socket from another thread when it passes ({@link SessionStream}).
   *
   * @throws Ended when the node ended the call (or the connection) before another message
   */
  byte[] receive() throws IOException {
    while (messages.isEmpty()) {
      if (ended != null) {
        throw new Ended(ended);
      }
      readFrame();
    }
    return messages.poll();
  }

  /**
   * Ends the sending side, so the node sees the stream complete, as after onCompleted;
   * does nothing when another thread is writing (the caller then just closes).
   */
  void halfClose() throws IOException {
    if (!writeLock.tryLock()) {
      return;
    }
    try {
      if (!halfClosed) {
        halfClosed = true;
        writeFrame(DATA, FLAG_END_STREAM, STREAM, new byte[0], 0, 0);
        flush();
      }
    } finally {
      writeLock.unlock();
    }
  }

  /** Closes the connection; a thread blocked in {@link #receive} or {@link #send} gets an IOException. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed either way
    }
  }

  private void readFrame() throws IOException {
    byte[] header = readHeader;
    if (!inBuffer.hasRemaining() && !fill()) {
      throw new EOFException("the node " + node + " closed the connection");
    }
    readFully(header, 0, 9);
    int length = Http2.length(header);
    int type = Http2.type(header);
    int flags = Http2.flags(header);
    int streamId = Http2.streamId(header);
    if (length > MAX_FRAME) {
      throw protocolError("a frame of " + length + " bytes, more than the " + MAX_FRAME + " this side allows");
    }
    if (headerBlock != null && type != CONTINUATION) {
      throw protocolError("a header block was interrupted by a frame of type " + type);
    }
    if (type == DATA) {
      data(streamId, flags, length);
      return;
    }
    byte[] payload = new byte[length];
    readFully(payload, 0, length);
    switch (type) {
      case HEADERS -> headers(streamId, flags, payload);
      case CONTINUATION -> continuation(streamId, flags, payload);
      case RST_STREAM -> {
        expectLength(payload, 4, "RST_STREAM");
        if (streamId == STREAM) {
          end("the node reset the stream (HTTP/2 error code " + readInt(payload, 0) + ")");
        }
      }
      case SETTINGS -> settings(flags, payload);
      case PING -> {
        expectLength(payload, 8, "PING");
        if ((flags & FLAG_ACK) == 0) {
          writeLock.lock();
          try {
            writeFrame(PING, FLAG_ACK, 0, payload, 0, payload.length);
            flush();
          } finally {
            writeLock.unlock();
          }
        }
      }
      case GOAWAY -> {
        if (payload.length < 8) {
          throw protocolError("a GOAWAY frame of " + payload.length + " bytes");
        }
        int errorCode = readInt(payload, 4);
        if (errorCode != 0) {
          end("the node closed the connection (HTTP/2 error code " + errorCode + ")");
        }
        // a graceful GOAWAY lets this stream finish; the connection closes after it
      }
      case WINDOW_UPDATE -> {
        expectLength(payload, 4, "WINDOW_UPDATE");
        int increment = readInt(payload, 0) & 0x7fffffff;
        if (increment == 0) {
          throw protocolError("a WINDOW_UPDATE of 0");
        }
        if (streamId == 0) {
          connectionSendWindow += increment;
        } else if (streamId == STREAM) {
          streamSendWindow += increment;
        }
      }
      case PUSH_PROMISE -> throw protocolError("a PUSH_PROMISE, which this side disabled");
      default -> {
        // PRIORITY and unknown frame types are ignored (RFC 9113 4.1, 5.5)
      }
    }
  }

  /** Reads a DATA frame's payload straight into the inbox and cuts the messages it completes. */
  private void data(int streamId, int flags, int length) throws IOException {
    readFully(inbox.room(length), inbox.end(), length);
    unackedConnection += length;
    if (streamId == STREAM) {
      unackedStream += length;
      if (!inbox.added(length, (flags & FLAG_PADDED) != 0)) {
        throw protocolError("DATA padding longer than its frame");
      }
      cutMessages();
      if ((flags & FLAG_END_STREAM) != 0) {
        end("the node ended the stream without a status");
      }
    }
    if (unackedStream >= RECEIVE_WINDOW / 2 || unackedConnection >= RECEIVE_WINDOW / 2) {
      writeLock.lock();
      try {
        if (unackedStream >= RECEIVE_WINDOW / 2) {
          writeWindowUpdate(STREAM, unackedStream);
          unackedStream = 0;
        }
        if (unackedConnection >= RECEIVE_WINDOW / 2) {
          writeWindowUpdate(0, unackedConnection);
          unackedConnection = 0;
        }
        flush();
      } finally {
        writeLock.unlock();
      }
    }
  }

  /** Cuts every complete gRPC message out of the inbox. */
  private void cutMessages() throws IOException {
    while (true) {
      int size;
      try {
        size = inbox.nextSize();
      } catch (MessageInbox.Refused refused) {
        throw protocolError(refused.getMessage());
      }
      if (size < 0) {
        return;
      }
      messages.add(Arrays.copyOfRange(inbox.array(), inbox.messageOffset(), inbox.messageOffset() + size));
      inbox.take(size);
    }
  }

  private void readFully(byte[] into, int offset, int length) throws IOException {
    while (length > 0) {
      if (!inBuffer.hasRemaining() && !fill()) {
        throw new EOFException("the node " + node + " closed the connection within a frame");
      }
      int chunk = Math.min(length, inBuffer.remaining());
      inBuffer.get(into, offset, chunk);
      offset += chunk;
      length -= chunk;
    }
  }

  /** Reads what the socket has (blocking until something comes); false at its end. */
  private boolean fill() throws IOException {
    inBuffer.clear();
    int read;
    try {
      read = socket.read(inBuffer);
    } finally {
      inBuffer.flip();
    }
    return read >= 0;
  }

  private void write(byte[] from) throws IOException {
    write(from, 0, from.length);
  }

  private void write(byte[] from, int offset, int length) throws IOException {
    while (length > 0) {
      if (!outBuffer.hasRemaining()) {
        flush();
      }
      int chunk = Math.min(length, outBuffer.remaining());
      outBuffer.put(from, offset, chunk);
      offset += chunk;
      length -= chunk;
    }
  }

  private void flush() throws IOException {
    outBuffer.flip();
    try {
      while (outBuffer.hasRemaining()) {
        socket.write(outBuffer);
      }
    } finally {
      outBuffer.clear();
    }
  }

  private void headers(int streamId, int flags, byte[] payload) throws IOException {
    byte[] fragment = Http2.headerFragment(flags, payload);
    if (fragment == null) {
      throw protocolError("HEADERS padding longer than its frame");
    }
    headerBlock = new ByteArrayOutputStream();
    headerBlockStream = streamId;
    headerBlock.write(fragment, 0, fragment.length);
    headerBlockEndsStream = (flags & FLAG_END_STREAM) != 0;
    if ((flags & FLAG_END_HEADERS) != 0) {
      headerBlockDone(streamId);
    }
  }

  private void continuation(int streamId, int flags, byte[] payload) throws IOException {
    if (headerBlock == null || streamId != headerBlockStream) {
      throw protocolError("a CONTINUATION frame without a header block of its stream");
    }
    headerBlock.write(payload, 0, payload.length);
    if ((flags & FLAG_END_HEADERS) != 0) {
      headerBlockDone(streamId);
    }
  }

  /** Decodes a whole header block (every one, to keep HPACK's table in step): response headers or trailers. */
  private void headerBlockDone(int streamId) throws IOException {
    byte[] block = headerBlock.toByteArray();
    headerBlock = null;
    Http2Headers fields;
    try {
      fields = hpack.decodeHeaders(streamId, Unpooled.wrappedBuffer(block));
    } catch (Http2Exception e) {
      throw protocolError("undecodable headers: " + e.getMessage());
    }
    if (streamId != STREAM) {
      return;
    }
    CharSequence httpStatus = fields.status();
    if (httpStatus != null && !"200".contentEquals(httpStatus)) {
      end("the node answered HTTP status " + httpStatus);
      return;
    }
    if (headerBlockEndsStream) {
      CharSequence code = fields.get("grpc-status");
      CharSequence message = fields.get("grpc-message");
      end("the node ended the call: " + statusName(code)
          + (message == null ? "" : " (" + Http2.percentDecoded(message.toString()) + ")"));
    }
  }

  private void settings(int flags, byte[] payload) throws IOException {
    if ((flags & FLAG_ACK) != 0) {
      expectLength(payload, 0, "SETTINGS acknowledgement");
      return;
    }
    try {
      streamSendWindow += peer.apply(payload);
    } catch (IllegalArgumentException invalid) {
      throw protocolError(invalid.getMessage());
    }
    writeLock.lock();
    try {
      writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0], 0, 0);
      flush();
    } finally {
      writeLock.unlock();
    }
  }

  private void expectLength(byte[] payload, int length, String frame) throws IOException {
    if (payload.length != length) {
      throw protocolError("a " + frame + " frame of " + payload.length + " bytes");
    }
  }

  private void end(String why) {
    if (ended == null) {
      ended = why;
    }
  }

  private IOException protocolError(String what) {
    close();
    return new IOException("the node " + node + " broke the HTTP/2 protocol: " + what);
  }

  private void writeWindowUpdate(int streamId, int increment) throws IOException {
    writeFrame(WINDOW_UPDATE, 0, streamId, Http2.intPayload(increment), 0, 4);
  }

  private void writeFrame(int type, int flags, int streamId, byte[] payload, int offset, int length)
      throws IOException {
    writeFrameHeader(type, flags, streamId, length);
    write(payload, offset, length);
  }

  private void writeFrameHeader(int type, int flags, int streamId, int length) throws IOException {
    Http2.frameHeader(writeHeader, 0, type, flags, streamId, length);
    write(writeHeader);
  }

  private static String statusName(CharSequence code) {
    if (code == null) {
      return "no grpc-status";
    }
    try {
      return io.grpc.Status.fromCodeValue(Integer.parseInt(code.toString())).getCode().name();
    } catch (NumberFormatException e) {
      return "grpc-status " + code;
    }
  }
}
