package io.quorate.node.sqlrpc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.stub.ServerCallStreamObserver;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One native-driver session on a TCP connection of its own, served by the thread that
 * calls {@link #run} (a virtual thread of the PostgreSQL server, which hands over
 * connections that open with HTTP/2's preface): it reads the client's frames, runs each
 * request of the session right there and writes the answer itself, as a PostgreSQL
 * session's thread does. Through grpc-java's server the same request crosses from the
 * network event loop to a session worker and back, and those hand-offs cost a native
 * update about a tenth of its rate beside pgjdbc's (node/DESIGN.md, "Sessions on the
 * client port").
 *
 * <p>The wire is what grpc-java's server speaks for the Session call: HTTP/2 over
 * cleartext with prior knowledge (RFC 9113), gRPC's length-prefixed messages without
 * compression, one stream per connection (a second one is refused), flow control both
 * ways, SETTINGS and PING acknowledged. Response headers and trailers are HPACK literals
 * that touch no dynamic table; the client's are decoded with Netty's HPACK decoder. Not
 * thread-safe: one thread serves the connection from its preface to its close.
 */
final class SessionSocket {

  private static final Logger LOG = LoggerFactory.getLogger(SessionSocket.class);

  /** HTTP/2's client connection preface; a connection that starts with its first four bytes comes here. */
  static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final String PATH = "/" + SqlServiceGrpc.getSessionMethod().getFullMethodName();
  private static final int DATA = 0x0;
  private static final int HEADERS = 0x1;
  private static final int RST_STREAM = 0x3;
  private static final int SETTINGS = 0x4;
  private static final int PUSH_PROMISE = 0x5;
  private static final int PING = 0x6;
  private static final int GOAWAY = 0x7;
  private static final int WINDOW_UPDATE = 0x8;
  private static final int CONTINUATION = 0x9;
  private static final int FLAG_END_STREAM = 0x1;
  private static final int FLAG_ACK = 0x1;
  private static final int FLAG_END_HEADERS = 0x4;
  private static final int FLAG_PADDED = 0x8;
  private static final int FLAG_PRIORITY = 0x20;
  private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
  private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
  private static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
  private static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;
  private static final int PROTOCOL_ERROR = 0x1;
  private static final int FLOW_CONTROL_ERROR = 0x3;
  private static final int REFUSED_STREAM = 0x7;
  private static final int DEFAULT_WINDOW = 65_535;
  private static final int DEFAULT_MAX_FRAME = 16_384;
  /** What the client may send ahead, per stream and per connection, and its largest frame. */
  private static final int RECEIVE_WINDOW = 1 << 20;
  private static final int MAX_FRAME = 1 << 20;
  private static final int MAX_HEADER_LIST = 16 << 10;
  /** Bytes gathered before a write when the answer is not complete yet (a long result's batches). */
  private static final int WRITE_BUFFER = 1 << 16;

  private final SqlRpcService service;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final int maxRequestBytes;
  private final String client;
  private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(true, MAX_HEADER_LIST);
  private final byte[] readBuffer = new byte[1 << 16];
  private int readStart;
  private int readEnd;
  private byte[] writeBuffer = new byte[WRITE_BUFFER];
  private int writeEnd;
  private final byte[] frameHeader = new byte[9];
  private long streamSendWindow = DEFAULT_WINDOW;
  private long connectionSendWindow = DEFAULT_WINDOW;
  private int peerInitialWindow = DEFAULT_WINDOW;
  private int peerMaxFrame = DEFAULT_MAX_FRAME;
  private long streamReceiveWindow = RECEIVE_WINDOW;
  private long connectionReceiveWindow = RECEIVE_WINDOW;
  private int unackedStream;
  private int unackedConnection;
  /** DATA bytes received on the stream and not yet cut into messages. */
  private byte[] inbox = new byte[8192];
  private int inboxStart;
  private int inboxEnd;
  private ByteArrayOutputStream headerBlock;
  private int headerBlockStream;
  private boolean headerBlockEndsStream;
  /** The session's stream: 0 before its HEADERS. */
  private int stream;
  private int highestStream;
  private RpcSession session;
  private final Responses responses = new Responses();
  /**
   * Whether the session has logged in: until then the socket keeps the PostgreSQL
   * server's authentication timeout, set before the hand-over, so a connection that never
   * logs in does not hold its thread for good.
   */
  private boolean loggedIn;
  /** Whether a request is being run now (frames read meanwhile only gather). */
  private boolean running;
  private boolean clientDone;
  private boolean reset;

  private SessionSocket(SqlRpcService service, Socket socket, InputStream in, int maxRequestBytes) throws IOException {
    this.service = service;
    this.socket = socket;
    this.in = in;
    this.out = socket.getOutputStream();
    this.maxRequestBytes = maxRequestBytes;
    this.client = String.valueOf(socket.getRemoteSocketAddress());
  }

  /**
   * Serves the connection on this thread until it ends, then closes it. {@code in} is
   * the socket's input with the preface's first bytes still to be read.
   */
  static void serve(SqlRpcService service, Socket socket, InputStream in, int maxRequestBytes) {
    try {
      new SessionSocket(service, socket, in, maxRequestBytes).run();
      closeGracefully(socket, in);
    } catch (IOException e) {
      LOG.debug("Native session connection setup failed [client={}, error={}]", socket.getRemoteSocketAddress(),
          e.toString());
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closed either way
      }
    }
  }

  /**
   * Ends the sending side, then reads what the client still sends until it closes too
   * (briefly, boundedly): closing a socket with unread input resets the connection, and a
   * reset can destroy the trailers before the client has read them.
   */
  private static void closeGracefully(Socket socket, InputStream in) {
    try {
      socket.shutdownOutput();
      socket.setSoTimeout(1_000);
      byte[] discard = new byte[8192];
      long left = 1 << 20;
      int read;
      while (left > 0 && (read = in.read(discard)) >= 0) {
        left -= read;
      }
    } catch (IOException closing) {
      // closed below either way
    }
  }

  private void run() {
    try {
      byte[] preface = new byte[PREFACE.length];
      readFully(preface, 0, preface.length);
      if (!Arrays.equals(preface, PREFACE)) {
        return; // not HTTP/2: nothing to answer in a protocol the client speaks
      }
      byte[] settings = new byte[18];
      putSetting(settings, 0, SETTINGS_MAX_CONCURRENT_STREAMS, 1);
      putSetting(settings, 6, SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW);
      putSetting(settings, 12, SETTINGS_MAX_FRAME_SIZE, MAX_FRAME);
      writeFrame(SETTINGS, 0, 0, settings, 0, settings.length);
      writeWindowUpdate(0, RECEIVE_WINDOW - DEFAULT_WINDOW);
      flush();
      while (true) {
        readFrame();
        runReceived();
        if (clientDone || reset || responses.closed) {
          break; // the client is done, or the call is over (a fatal error, a broken write)
        }
      }
      if (session != null && !reset) {
        session.onCompleted(); // ends the session and sends the trailers
      }
      flush();
    } catch (ProtocolError e) {
      LOG.debug("Native session connection broke HTTP/2 [client={}, error={}]", client, e.getMessage());
      goAway(e.code);
    } catch (IOException e) {
      LOG.debug("Native session connection lost [client={}, error={}]", client, e.toString());
    } finally {
      if (session != null) {
        session.onError(Status.CANCELLED.asRuntimeException()); // ends it unless it has ended: the client is gone
      }
    }
  }

  /** Runs every complete request received, in order, then writes what they answered. */
  private void runReceived() throws IOException {
    if (running) {
      return;
    }
    running = true;
    try {
      while (session != null && !reset) {
        SessionRequest request = nextRequest();
        if (request == null) {
          break;
        }
        session.onNext(request); // runs it here (SessionWork on this thread) and sends the answer
        if (!loggedIn && session.isOpen()) {
          loggedIn = true;
          socket.setSoTimeout(0); // the login's time limit is over: sessions idle as long as their client wants
        }
      }
    } finally {
      running = false;
    }
    returnWindow();
    flush();
  }

  /** The next complete request in the inbox, or null. */
  private SessionRequest nextRequest() throws IOException {
    if (inboxEnd - inboxStart < 5) {
      return null;
    }
    if (inbox[inboxStart] != 0) {
      throw new ProtocolError(PROTOCOL_ERROR, "a compressed message, though none was offered");
    }
    int size = readInt(inbox, inboxStart + 1);
    if (size < 0 || size > maxRequestBytes) {
      responses.fail(Status.RESOURCE_EXHAUSTED.withDescription("a request of " + Integer.toUnsignedString(size)
          + " bytes, more than the " + maxRequestBytes + " the node accepts"));
      throw new EOFException("request too large");
    }
    if (inboxEnd - inboxStart - 5 < size) {
      return null;
    }
    SessionRequest request;
    try {
      request = SessionRequest.parseFrom(com.google.protobuf.CodedInputStream.newInstance(inbox, inboxStart + 5, size));
    } catch (InvalidProtocolBufferException e) {
      responses.fail(Status.INTERNAL.withDescription("an undecodable request: " + e.getMessage()));
      throw new EOFException("undecodable request");
    }
    inboxStart += 5 + size;
    if (inboxStart == inboxEnd) {
      inboxStart = 0;
      inboxEnd = 0;
      if (inbox.length > RECEIVE_WINDOW) {
        inbox = new byte[8192];
      }
    }
    return request;
  }

  private void readFrame() throws IOException {
    byte[] header = frameHeader;
    readFully(header, 0, 9);
    int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
    int type = header[3] & 0xff;
    int flags = header[4] & 0xff;
    int streamId = readInt(header, 5) & 0x7fffffff;
    if (length > MAX_FRAME) {
      throw new ProtocolError(0x6, "a frame of " + length + " bytes, more than the " + MAX_FRAME + " allowed");
    }
    if (headerBlock != null && type != CONTINUATION) {
      throw new ProtocolError(PROTOCOL_ERROR, "a header block interrupted by a frame of type " + type);
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
        if (streamId != 0 && streamId == stream) {
          reset = true;
        }
      }
      case SETTINGS -> settings(streamId, flags, payload);
      case PING -> {
        expectLength(payload, 8, "PING");
        if ((flags & FLAG_ACK) == 0) {
          writeFrame(PING, FLAG_ACK, 0, payload, 0, payload.length);
          flush();
        }
      }
      case GOAWAY -> clientDone = true;
      case WINDOW_UPDATE -> {
        expectLength(payload, 4, "WINDOW_UPDATE");
        int increment = readInt(payload, 0) & 0x7fffffff;
        if (increment == 0) {
          throw new ProtocolError(PROTOCOL_ERROR, "a WINDOW_UPDATE of 0");
        }
        if (streamId == 0) {
          connectionSendWindow += increment;
        } else if (streamId == stream) {
          streamSendWindow += increment;
        }
        if (connectionSendWindow > Integer.MAX_VALUE || streamSendWindow > Integer.MAX_VALUE) {
          throw new ProtocolError(FLOW_CONTROL_ERROR, "a send window beyond 2^31-1");
        }
      }
      case PUSH_PROMISE -> throw new ProtocolError(PROTOCOL_ERROR, "a PUSH_PROMISE from a client");
      default -> {
        // PRIORITY and unknown frame types are ignored (RFC 9113 4.1, 5.5)
      }
    }
  }

  /** A DATA frame: its payload (less padding) joins the inbox if it is the session's stream. */
  private void data(int streamId, int flags, int length) throws IOException {
    connectionReceiveWindow -= length;
    if (connectionReceiveWindow < 0) {
      throw new ProtocolError(FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
    }
    unackedConnection += length;
    if (streamId == 0 || streamId != stream || clientDone) {
      skip(length); // a stream refused or over: counted against the connection only
    } else {
      streamReceiveWindow -= length;
      if (streamReceiveWindow < 0) {
        throw new ProtocolError(FLOW_CONTROL_ERROR, "DATA beyond the stream's window");
      }
      unackedStream += length;
      makeRoom(length);
      int at = inboxEnd;
      readFully(inbox, at, length);
      int offset = at;
      int end = at + length;
      if ((flags & FLAG_PADDED) != 0) {
        offset = at + 1;
        end -= length == 0 ? 0 : inbox[at] & 0xff;
        if (end < offset) {
          throw new ProtocolError(PROTOCOL_ERROR, "DATA padding longer than its frame");
        }
        System.arraycopy(inbox, offset, inbox, at, end - offset);
      }
      inboxEnd = at + (end - offset);
      if ((flags & FLAG_END_STREAM) != 0) {
        clientDone = true;
      }
    }
    if (!running) {
      returnWindow();
    }
  }

  /**
   * Gives received bytes back to the client's send windows, once half a window has come.
   * Not while a request runs (frames are then read only to see the client open its own
   * window): what a client sends ahead meanwhile stays bounded by the windows.
   */
  private void returnWindow() throws IOException {
    if (unackedStream >= RECEIVE_WINDOW / 2) {
      writeWindowUpdate(stream, unackedStream);
      streamReceiveWindow += unackedStream;
      unackedStream = 0;
    }
    if (unackedConnection >= RECEIVE_WINDOW / 2) {
      writeWindowUpdate(0, unackedConnection);
      connectionReceiveWindow += unackedConnection;
      unackedConnection = 0;
    }
  }

  private void makeRoom(int length) {
    if (inboxEnd + length > inbox.length) {
      int live = inboxEnd - inboxStart;
      byte[] bigger = live + length > inbox.length ? new byte[Math.max(inbox.length * 2, live + length)] : inbox;
      System.arraycopy(inbox, inboxStart, bigger, 0, live);
      inbox = bigger;
      inboxStart = 0;
      inboxEnd = live;
    }
  }

  private void headers(int streamId, int flags, byte[] payload) throws IOException {
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
      throw new ProtocolError(PROTOCOL_ERROR, "HEADERS padding longer than its frame");
    }
    headerBlock = new ByteArrayOutputStream();
    headerBlockStream = streamId;
    headerBlockEndsStream = (flags & FLAG_END_STREAM) != 0;
    headerBlock.write(payload, offset, end - offset);
    if ((flags & FLAG_END_HEADERS) != 0) {
      headerBlockDone();
    }
  }

  private void continuation(int streamId, int flags, byte[] payload) throws IOException {
    if (headerBlock == null || streamId != headerBlockStream) {
      throw new ProtocolError(PROTOCOL_ERROR, "a CONTINUATION frame without a header block of its stream");
    }
    if (headerBlock.size() + payload.length > MAX_HEADER_LIST * 2) {
      throw new ProtocolError(PROTOCOL_ERROR, "a header block of over " + MAX_HEADER_LIST * 2 + " bytes");
    }
    headerBlock.write(payload, 0, payload.length);
    if ((flags & FLAG_END_HEADERS) != 0) {
      headerBlockDone();
    }
  }

  /** A whole header block: the session's request headers, trailers that end its stream, or a stream refused. */
  private void headerBlockDone() throws IOException {
    int streamId = headerBlockStream;
    byte[] block = headerBlock.toByteArray();
    headerBlock = null;
    Http2Headers fields;
    try {
      fields = hpack.decodeHeaders(streamId, Unpooled.wrappedBuffer(block)); // every block, to keep HPACK in step
    } catch (Http2Exception e) {
      throw new ProtocolError(0x9, "undecodable headers: " + e.getMessage());
    }
    if (streamId == stream && stream != 0) {
      if (!headerBlockEndsStream) {
        throw new ProtocolError(PROTOCOL_ERROR, "headers in the middle of the stream");
      }
      clientDone = true; // trailers
      return;
    }
    if (streamId == 0 || (streamId & 1) == 0 || streamId <= highestStream) {
      throw new ProtocolError(PROTOCOL_ERROR, "a new stream with id " + streamId);
    }
    highestStream = streamId;
    if (stream != 0) {
      writeRstStream(streamId, REFUSED_STREAM); // one call per connection
      flush();
      return;
    }
    stream = streamId;
    streamSendWindow = peerInitialWindow;
    CharSequence path = fields.path();
    CharSequence contentType = fields.get("content-type");
    CharSequence encoding = fields.get("grpc-encoding");
    if (!"POST".contentEquals(String.valueOf(fields.method())) || path == null || !PATH.contentEquals(path)) {
      responses.fail(Status.UNIMPLEMENTED.withDescription("this port serves only " + PATH + " (got "
          + fields.method() + " " + path + "); other calls go to the node's admin port"));
      clientDone = true;
      return;
    }
    if (contentType == null || !contentType.toString().startsWith("application/grpc")) {
      responses.fail(Status.INTERNAL.withDescription("content-type " + contentType + " is not gRPC's"));
      clientDone = true;
      return;
    }
    if (encoding != null && !"identity".contentEquals(encoding)) {
      responses.fail(Status.UNIMPLEMENTED.withDescription("grpc-encoding " + encoding + " is not supported"));
      clientDone = true;
      return;
    }
    session = RpcSession.onOwnThread(service, responses);
    if (headerBlockEndsStream) {
      clientDone = true;
    }
  }

  private void settings(int streamId, int flags, byte[] payload) throws IOException {
    if (streamId != 0) {
      throw new ProtocolError(PROTOCOL_ERROR, "SETTINGS on a stream");
    }
    if ((flags & FLAG_ACK) != 0) {
      expectLength(payload, 0, "SETTINGS acknowledgement");
      return;
    }
    if (payload.length % 6 != 0) {
      throw new ProtocolError(0x6, "a SETTINGS frame of " + payload.length + " bytes");
    }
    for (int i = 0; i < payload.length; i += 6) {
      int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
      int value = readInt(payload, i + 2);
      if (id == SETTINGS_INITIAL_WINDOW_SIZE) {
        if (value < 0) {
          throw new ProtocolError(FLOW_CONTROL_ERROR, "an initial window of " + Integer.toUnsignedString(value));
        }
        if (stream != 0) {
          streamSendWindow += (long) value - peerInitialWindow;
        }
        peerInitialWindow = value;
      } else if (id == SETTINGS_MAX_FRAME_SIZE) {
        if (value < DEFAULT_MAX_FRAME || value > (1 << 24) - 1) {
          throw new ProtocolError(PROTOCOL_ERROR, "a maximum frame size of " + Integer.toUnsignedString(value));
        }
        peerMaxFrame = value;
      }
    }
    writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0], 0, 0);
    flush();
  }

  private static void expectLength(byte[] payload, int length, String frame) throws ProtocolError {
    if (payload.length != length) {
      throw new ProtocolError(0x6, "a " + frame + " frame of " + payload.length + " bytes");
    }
  }

  /**
   * The session's side of the stream, as RpcSession sees it: answers are encoded and
   * written on the calling thread, which is this connection's. Writes gather in the
   * buffer until the request is done ({@link #runReceived}) or the buffer fills.
   */
  private final class Responses extends ServerCallStreamObserver<SessionResponse> {

    private boolean headersSent;
    /** The call is over: trailers sent, or the connection broke. */
    boolean closed;

    /**
     * Sends one answer; drops it once the call is over or the connection broke, as
     * grpc-java's server does for a cancelled call whose session set a cancel handler.
     */
    @Override
    public void onNext(SessionResponse response) {
      if (closed) {
        return;
      }
      try {
        sendHeaders();
        int size = response.getSerializedSize();
        int total = 5 + size;
        if (total <= peerMaxFrame && total <= streamSendWindow && total <= connectionSendWindow) {
          ensureRoom(9 + total);
          writeFrameHeader(DATA, 0, stream, total);
          writeBuffer[writeEnd] = 0;
          putInt(writeBuffer, writeEnd + 1, size);
          CodedOutputStream encoder = CodedOutputStream.newInstance(writeBuffer, writeEnd + 5, size);
          response.writeTo(encoder);
          encoder.checkNoSpaceLeft();
          writeEnd += total;
          streamSendWindow -= total;
          connectionSendWindow -= total;
        } else {
          byte[] message = new byte[total];
          putInt(message, 1, size);
          CodedOutputStream encoder = CodedOutputStream.newInstance(message, 5, size);
          response.writeTo(encoder);
          encoder.checkNoSpaceLeft();
          sendData(message);
        }
        if (writeEnd >= WRITE_BUFFER) {
          flush();
        }
      } catch (IOException e) {
        LOG.debug("Native session connection lost while answering [client={}, error={}]", client, e.toString());
        closed = true; // the loop ends after this request, and the session with it
      }
    }

    /** Writes a message larger than a frame or the windows, reading the client's frames while they are full. */
    private void sendData(byte[] message) throws IOException {
      int sent = 0;
      while (sent < message.length) {
        int allowed = (int) Math.min(Math.min(message.length - sent, peerMaxFrame),
            Math.min(streamSendWindow, connectionSendWindow));
        if (allowed <= 0) {
          flush();
          readFrame(); // until the client opens its window again; requests meanwhile wait in the inbox
          if (reset) {
            throw new EOFException("the client reset the stream");
          }
          continue;
        }
        writeFrame(DATA, 0, stream, message, sent, allowed);
        streamSendWindow -= allowed;
        connectionSendWindow -= allowed;
        sent += allowed;
      }
    }

    private void sendHeaders() throws IOException {
      if (!headersSent) {
        headersSent = true;
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x88); // :status 200 (static index 8)
        literal(block, 31, null, "application/grpc"); // content-type
        writeFrame(HEADERS, FLAG_END_HEADERS, stream, block.toByteArray(), 0, block.size());
      }
    }

    @Override
    public void onError(Throwable error) {
      fail(Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
      fail(Status.OK);
    }

    /** Ends the call with {@code status} in the trailers (or as a trailers-only answer). */
    void fail(Status status) {
      if (closed || stream == 0) {
        return;
      }
      closed = true;
      try {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        if (!headersSent) {
          headersSent = true;
          block.write(0x88);
          literal(block, 31, null, "application/grpc");
        }
        literal(block, 0, "grpc-status", Integer.toString(status.getCode().value()));
        if (status.getDescription() != null) {
          literal(block, 0, "grpc-message", percentEncoded(status.getDescription()));
        }
        writeFrame(HEADERS, FLAG_END_HEADERS | FLAG_END_STREAM, stream, block.toByteArray(), 0, block.size());
        flush();
      } catch (IOException gone) {
        // the client is gone; nothing more to tell it
      }
    }

    @Override
    public boolean isCancelled() {
      return closed && reset;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      // nothing runs while the client's frames are unread: a reset is seen between requests
    }

    @Override
    public void setCompression(String compression) {
      // answers are never compressed
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      // writes block on this thread instead
    }

    @Override
    public void disableAutoInboundFlowControl() {
      // requests are read one after another on this thread
    }

    @Override
    public void disableAutoRequest() {
      // as above
    }

    @Override
    public void request(int count) {
      // the next request is read when this one is done
    }

    @Override
    public void setMessageCompression(boolean enable) {
      // answers are never compressed
    }
  }

  private void goAway(int code) {
    try {
      byte[] payload = new byte[8];
      putInt(payload, 0, highestStream);
      putInt(payload, 4, code);
      writeFrame(GOAWAY, 0, 0, payload, 0, payload.length);
      flush();
    } catch (IOException gone) {
      // closing anyway
    }
  }

  private void readFully(byte[] into, int offset, int length) throws IOException {
    while (length > 0) {
      if (readStart == readEnd) {
        fill();
      }
      int chunk = Math.min(length, readEnd - readStart);
      System.arraycopy(readBuffer, readStart, into, offset, chunk);
      readStart += chunk;
      offset += chunk;
      length -= chunk;
    }
  }

  private void skip(int length) throws IOException {
    while (length > 0) {
      if (readStart == readEnd) {
        fill();
      }
      int chunk = Math.min(length, readEnd - readStart);
      readStart += chunk;
      length -= chunk;
    }
  }

  /** Reads what the socket has, blocking until something comes; the thread is virtual, so it parks. */
  private void fill() throws IOException {
    if (writeEnd > 0) {
      flush(); // never wait for the client with an answer unsent
    }
    int read = in.read(readBuffer, 0, readBuffer.length);
    if (read < 0) {
      throw new EOFException("the client closed the connection");
    }
    readStart = 0;
    readEnd = read;
  }

  private void ensureRoom(int length) throws IOException {
    if (writeEnd + length > writeBuffer.length) {
      flush();
      if (length > writeBuffer.length) {
        writeBuffer = new byte[length];
      }
    }
  }

  private void flush() throws IOException {
    if (writeEnd > 0) {
      out.write(writeBuffer, 0, writeEnd);
      writeEnd = 0;
      if (writeBuffer.length > WRITE_BUFFER) {
        writeBuffer = new byte[WRITE_BUFFER];
      }
    }
  }

  private void writeRstStream(int streamId, int code) throws IOException {
    byte[] payload = new byte[4];
    putInt(payload, 0, code);
    writeFrame(RST_STREAM, 0, streamId, payload, 0, 4);
  }

  private void writeWindowUpdate(int streamId, int increment) throws IOException {
    byte[] payload = new byte[4];
    putInt(payload, 0, increment);
    writeFrame(WINDOW_UPDATE, 0, streamId, payload, 0, 4);
  }

  private void writeFrame(int type, int flags, int streamId, byte[] payload, int offset, int length)
      throws IOException {
    ensureRoom(9 + length);
    writeFrameHeader(type, flags, streamId, length);
    System.arraycopy(payload, offset, writeBuffer, writeEnd, length);
    writeEnd += length;
  }

  /** Writes a frame header into the buffer, which has room for it. */
  private void writeFrameHeader(int type, int flags, int streamId, int length) {
    byte[] b = writeBuffer;
    int at = writeEnd;
    b[at] = (byte) (length >>> 16);
    b[at + 1] = (byte) (length >>> 8);
    b[at + 2] = (byte) length;
    b[at + 3] = (byte) type;
    b[at + 4] = (byte) flags;
    putInt(b, at + 5, streamId);
    writeEnd += 9;
  }

  private static void literal(ByteArrayOutputStream block, int nameIndex, String name, String value) {
    hpackInteger(block, 0x00, 4, nameIndex);
    if (nameIndex == 0) {
      hpackString(block, name);
    }
    hpackString(block, value);
  }

  private static void hpackString(ByteArrayOutputStream block, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    hpackInteger(block, 0x00, 7, bytes.length);
    block.write(bytes, 0, bytes.length);
  }

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

  /** grpc-message's percent-encoding: printable ASCII stays, every other byte of the UTF-8 is %XX. */
  static String percentEncoded(String text) {
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

  private static void putSetting(byte[] into, int at, int id, int value) {
    into[at] = (byte) (id >>> 8);
    into[at + 1] = (byte) id;
    putInt(into, at + 2, value);
  }

  private static void putInt(byte[] into, int at, int value) {
    into[at] = (byte) (value >>> 24);
    into[at + 1] = (byte) (value >>> 16);
    into[at + 2] = (byte) (value >>> 8);
    into[at + 3] = (byte) value;
  }

  private static int readInt(byte[] from, int at) {
    return ((from[at] & 0xff) << 24) | ((from[at + 1] & 0xff) << 16) | ((from[at + 2] & 0xff) << 8)
        | (from[at + 3] & 0xff);
  }

  /** The client broke HTTP/2: the connection ends with a GOAWAY carrying {@code code}. */
  private static final class ProtocolError extends IOException {
    final int code;

    ProtocolError(int code, String message) {
      super(message);
      this.code = code;
    }
  }
}
