package io.quorate.node.sqlrpc;

import static io.quorate.protocol.http2.Http2.COMPRESSION_ERROR;
import static io.quorate.protocol.http2.Http2.CONTINUATION;
import static io.quorate.protocol.http2.Http2.DATA;
import static io.quorate.protocol.http2.Http2.DEFAULT_WINDOW;
import static io.quorate.protocol.http2.Http2.FLAG_ACK;
import static io.quorate.protocol.http2.Http2.FLAG_END_HEADERS;
import static io.quorate.protocol.http2.Http2.FLAG_END_STREAM;
import static io.quorate.protocol.http2.Http2.FLAG_PADDED;
import static io.quorate.protocol.http2.Http2.FLOW_CONTROL_ERROR;
import static io.quorate.protocol.http2.Http2.FRAME_HEADER_BYTES;
import static io.quorate.protocol.http2.Http2.FRAME_SIZE_ERROR;
import static io.quorate.protocol.http2.Http2.GOAWAY;
import static io.quorate.protocol.http2.Http2.HEADERS;
import static io.quorate.protocol.http2.Http2.PING;
import static io.quorate.protocol.http2.Http2.PREFACE;
import static io.quorate.protocol.http2.Http2.PRIORITY;
import static io.quorate.protocol.http2.Http2.PROTOCOL_ERROR;
import static io.quorate.protocol.http2.Http2.PUSH_PROMISE;
import static io.quorate.protocol.http2.Http2.REFUSED_STREAM;
import static io.quorate.protocol.http2.Http2.RST_STREAM;
import static io.quorate.protocol.http2.Http2.SETTINGS;
import static io.quorate.protocol.http2.Http2.SETTINGS_INITIAL_WINDOW_SIZE;
import static io.quorate.protocol.http2.Http2.SETTINGS_MAX_CONCURRENT_STREAMS;
import static io.quorate.protocol.http2.Http2.SETTINGS_MAX_FRAME_SIZE;
import static io.quorate.protocol.http2.Http2.SETTINGS_MAX_HEADER_LIST_SIZE;
import static io.quorate.protocol.http2.Http2.WINDOW_UPDATE;
import static io.quorate.protocol.http2.Http2.putInt;
import static io.quorate.protocol.http2.Http2.putSetting;
import static io.quorate.protocol.http2.Http2.readInt;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.stub.ServerCallStreamObserver;
import io.quorate.protocol.http2.Http2;
import io.quorate.protocol.http2.MessageInbox;
import io.quorate.protocol.http2.PeerSettings;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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

  private static final String PATH = "/" + SqlServiceGrpc.getSessionMethod().getFullMethodName();
  /** What the client may send ahead, per stream and per connection, and its largest frame. */
  private static final int RECEIVE_WINDOW = 1 << 20;
  private static final int MAX_FRAME = 1 << 20;
  private static final int MAX_HEADER_LIST = 16 << 10;
  /** The largest request before the session has logged in (an Open or a SCRAM message). */
  private static final int LOGIN_REQUEST_BYTES = 64 << 10;
  /** The longest a grpc-message is sent (a client's path is repeated in one). */
  private static final int MAX_STATUS_MESSAGE = 1024;
  /** Bytes gathered before a write when the answer is not complete yet (a long result's batches). */
  private static final int WRITE_BUFFER = 1 << 16;

  private final SqlRpcService service;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String client;
  private final int maxRequestBytes;
  private final DefaultHttp2HeadersDecoder hpack = new DefaultHttp2HeadersDecoder(true, MAX_HEADER_LIST);
  private final byte[] readBuffer = new byte[1 << 16];
  private int readStart;
  private int readEnd;
  private byte[] writeBuffer = new byte[WRITE_BUFFER];
  private int writeEnd;
  private final byte[] frameHeader = new byte[FRAME_HEADER_BYTES];
  private final PeerSettings peer = new PeerSettings();
  private long streamSendWindow = DEFAULT_WINDOW;
  private long connectionSendWindow = DEFAULT_WINDOW;
  private long streamReceiveWindow = RECEIVE_WINDOW;
  private long connectionReceiveWindow = RECEIVE_WINDOW;
  private int unackedStream;
  private int unackedConnection;
  /** DATA bytes received on the stream and not yet cut into requests. */
  private final MessageInbox inbox;
  private ByteArrayOutputStream headerBlock;
  private int headerBlockStream;
  private boolean headerBlockEndsStream;
  /** The session's stream: 0 before its HEADERS. */
  private int stream;
  private int highestStream;
  private RpcSession session;
  private final Responses responses = new Responses();
  /**
   * Whether the session has logged in. Until then the connection has the PostgreSQL
   * server's authentication timeout (the socket's read timeout at the hand-over) as a
   * deadline, after which it is closed, and requests may be no larger than
   * {@link #LOGIN_REQUEST_BYTES}: a client that never logs in holds neither a thread nor
   * memory for long.
   */
  private volatile boolean loggedIn;
  /** A protocol error met while writing an answer (reading the client's frames for its window). */
  private ProtocolError brokenWhileAnswering;
  private boolean goneAway;
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
    this.inbox = new MessageInbox(LOGIN_REQUEST_BYTES, RECEIVE_WINDOW);
    this.client = String.valueOf(socket.getRemoteSocketAddress());
  }

  /**
   * Serves the connection on this thread until it ends, then closes it. {@code in} is
   * the socket's input with the preface's first bytes still to be read.
   */
  static void serve(SqlRpcService service, Socket socket, InputStream in, int maxRequestBytes) {
    try {
      SessionSocket connection = new SessionSocket(service, socket, in, maxRequestBytes);
      int loginMillis = socket.getSoTimeout();
      if (loginMillis > 0) {
        CompletableFuture.delayedExecutor(loginMillis, TimeUnit.MILLISECONDS).execute(() -> {
          if (!connection.loggedIn) {
            closeQuietly(socket); // ends a read or a write blocked on a client that never logged in
          }
        });
      }
      connection.run();
      closeGracefully(socket, in);
    } catch (IOException e) {
      LOG.debug("Native session connection setup failed [client={}, error={}]", socket.getRemoteSocketAddress(),
          e.toString());
    } finally {
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closed either way
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
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      byte[] discard = new byte[8192];
      long left = 1 << 20;
      int read = 0;
      while (left > 0 && read >= 0) {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis <= 0) {
          break;
        }
        socket.setSoTimeout((int) millis);
        read = in.read(discard);
        left -= Math.max(0, read);
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
      byte[] settings = new byte[24];
      putSetting(settings, 0, SETTINGS_MAX_CONCURRENT_STREAMS, 1);
      putSetting(settings, 6, SETTINGS_INITIAL_WINDOW_SIZE, RECEIVE_WINDOW);
      putSetting(settings, 12, SETTINGS_MAX_FRAME_SIZE, MAX_FRAME);
      putSetting(settings, 18, SETTINGS_MAX_HEADER_LIST_SIZE, MAX_HEADER_LIST);
      writeFrame(SETTINGS, 0, 0, settings, 0, settings.length);
      writeWindowUpdate(0, RECEIVE_WINDOW - DEFAULT_WINDOW);
      flush();
      while (true) {
        readFrame();
        runReceived();
        if (brokenWhileAnswering != null) {
          throw brokenWhileAnswering;
        }
        if (clientDone || reset || responses.closed) {
          break; // the client is done, or the call is over (a fatal error, a broken write)
        }
      }
      if (session != null && !reset && !inbox.isEmpty()) {
        responses.fail(Status.INTERNAL.withDescription("the request stream ended within a message"));
      }
      if (session != null && !reset) {
        session.onCompleted(); // ends the session and sends the trailers (unless sent above)
      }
      goAway(0); // this connection serves no further call: a client opens another for its next
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
      while (session != null && !reset && !responses.closed) {
        SessionRequest request = nextRequest();
        if (request == null) {
          break;
        }
        session.onNext(request); // runs it here (SessionWork on this thread) and sends the answer
        if (!loggedIn && session.isOpen()) {
          loggedIn = true;
          socket.setSoTimeout(0); // the login's time limit is over: sessions idle as long as their client wants
          inbox.limit(maxRequestBytes);
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
    int size;
    try {
      size = inbox.nextSize();
    } catch (MessageInbox.Refused refused) {
      responses.fail((refused.tooLarge() ? Status.RESOURCE_EXHAUSTED : Status.UNIMPLEMENTED)
          .withDescription(refused.getMessage()));
      throw new EOFException(refused.getMessage());
    }
    if (size < 0) {
      return null;
    }
    SessionRequest request;
    try {
      request = SessionRequest.parseFrom(CodedInputStream.newInstance(inbox.array(), inbox.messageOffset(), size));
    } catch (InvalidProtocolBufferException e) {
      responses.fail(Status.INTERNAL.withDescription("an undecodable request: " + e.getMessage()));
      throw new EOFException("undecodable request");
    }
    inbox.take(size);
    return request;
  }

  private void readFrame() throws IOException {
    byte[] header = frameHeader;
    readFully(header, 0, FRAME_HEADER_BYTES);
    int length = Http2.length(header);
    int type = Http2.type(header);
    int flags = Http2.flags(header);
    int streamId = Http2.streamId(header);
    if (length > MAX_FRAME) {
      throw new ProtocolError(FRAME_SIZE_ERROR, "a frame of " + length + " bytes, more than the " + MAX_FRAME
          + " allowed");
    }
    if (headerBlock != null && type != CONTINUATION) {
      throw new ProtocolError(PROTOCOL_ERROR, "a header block interrupted by a frame of type " + type);
    }
    if (type == DATA) {
      data(streamId, flags, length);
      return;
    }
    if (type > CONTINUATION || type == PRIORITY) { // PRIORITY and unknown types are ignored (RFC 9113 4.1, 5.5)
      skip(length);
      return;
    }
    int fixed = type == PING ? 8 : type == WINDOW_UPDATE || type == RST_STREAM ? 4 : -1;
    if (fixed >= 0 && length != fixed) {
      throw new ProtocolError(FRAME_SIZE_ERROR, "a frame of type " + type + " of " + length + " bytes");
    }
    byte[] payload = new byte[length];
    readFully(payload, 0, length);
    switch (type) {
      case HEADERS -> headers(streamId, flags, payload);
      case CONTINUATION -> continuation(streamId, flags, payload);
      case RST_STREAM -> {
        if (streamId == 0) {
          throw new ProtocolError(PROTOCOL_ERROR, "RST_STREAM on the connection");
        }
        if (streamId == stream) {
          reset = true;
        }
      }
      case SETTINGS -> settings(streamId, flags, payload);
      case PING -> {
        if (streamId != 0) {
          throw new ProtocolError(PROTOCOL_ERROR, "PING on a stream");
        }
        if ((flags & FLAG_ACK) == 0) {
          writeFrame(PING, FLAG_ACK, 0, payload, 0, payload.length); // sent with the next write or read
        }
      }
      case GOAWAY -> {
        if (payload.length < 8) {
          throw new ProtocolError(FRAME_SIZE_ERROR, "a GOAWAY frame of " + payload.length + " bytes");
        }
        // NO_ERROR: the client opens no more streams here, and the session's goes on to its end
        if (readInt(payload, 4) != 0) {
          clientDone = true;
        }
      }
      case WINDOW_UPDATE -> {
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
      default -> throw new IllegalStateException("frame type " + type + " was skipped above");
    }
  }

  /** A DATA frame: its payload (less padding) joins the inbox if it is the session's stream. */
  private void data(int streamId, int flags, int length) throws IOException {
    connectionReceiveWindow -= length;
    if (connectionReceiveWindow < 0) {
      throw new ProtocolError(FLOW_CONTROL_ERROR, "DATA beyond the connection's window");
    }
    unackedConnection += length;
    if (streamId == 0) {
      throw new ProtocolError(PROTOCOL_ERROR, "DATA on the connection");
    }
    if (streamId != stream || clientDone) {
      skip(length); // a stream refused or over: counted against the connection only
    } else {
      streamReceiveWindow -= length;
      if (streamReceiveWindow < 0) {
        throw new ProtocolError(FLOW_CONTROL_ERROR, "DATA beyond the stream's window");
      }
      unackedStream += length;
      readFully(inbox.room(length), inbox.end(), length);
      if (!inbox.added(length, (flags & FLAG_PADDED) != 0)) {
        throw new ProtocolError(PROTOCOL_ERROR, "DATA padding longer than its frame");
      }
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

  private void headers(int streamId, int flags, byte[] payload) throws IOException {
    byte[] fragment = Http2.headerFragment(flags, payload);
    if (fragment == null) {
      throw new ProtocolError(PROTOCOL_ERROR, "HEADERS padding longer than its frame");
    }
    headerBlock = new ByteArrayOutputStream();
    headerBlockStream = streamId;
    headerBlockEndsStream = (flags & FLAG_END_STREAM) != 0;
    headerBlock.write(fragment, 0, fragment.length);
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
      throw new ProtocolError(COMPRESSION_ERROR, "undecodable headers: " + e.getMessage());
    }
    if (streamId == stream && stream != 0) {
      if (!headerBlockEndsStream) {
        throw new ProtocolError(PROTOCOL_ERROR, "headers in the middle of the stream");
      }
      clientDone = true; // trailers
      return;
    }
    if (streamId != 0 && streamId <= highestStream && headerBlockEndsStream) {
      return; // the trailers of a stream refused before
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
    streamSendWindow = peer.initialWindow();
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
    long grown;
    try {
      grown = peer.apply(payload);
    } catch (IllegalArgumentException invalid) {
      throw new ProtocolError(payload.length % 6 != 0 ? FRAME_SIZE_ERROR : PROTOCOL_ERROR, invalid.getMessage());
    }
    if (stream != 0) {
      streamSendWindow += grown;
      if (streamSendWindow > Integer.MAX_VALUE) {
        throw new ProtocolError(FLOW_CONTROL_ERROR, "a send window beyond 2^31-1");
      }
    }
    writeFrame(SETTINGS, FLAG_ACK, 0, new byte[0], 0, 0);
    flush();
  }

  private static void expectLength(byte[] payload, int length, String frame) throws ProtocolError {
    if (payload.length != length) {
      throw new ProtocolError(FRAME_SIZE_ERROR, "a " + frame + " frame of " + payload.length + " bytes");
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
        if (total <= peer.maxFrame() && total <= streamSendWindow && total <= connectionSendWindow) {
          ensureRoom(FRAME_HEADER_BYTES + total);
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
      } catch (ProtocolError e) {
        brokenWhileAnswering = e; // the loop ends the connection with its GOAWAY
        closed = true;
      } catch (IOException e) {
        LOG.debug("Native session connection lost while answering [client={}, error={}]", client, e.toString());
        closed = true; // the loop ends after this request, and the session with it
      }
    }

    /** Writes a message larger than a frame or the windows, reading the client's frames while they are full. */
    private void sendData(byte[] message) throws IOException {
      int sent = 0;
      while (sent < message.length) {
        int allowed = (int) Math.min(Math.min(message.length - sent, peer.maxFrame()),
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

    /**
     * The response's first header fields. The block starts with a dynamic table size
     * update to 0: the client's decoder then expects none later, whatever table size its
     * SETTINGS announced, and this side never indexes anything.
     */
    private static ByteArrayOutputStream responseHeaders() {
      ByteArrayOutputStream block = new ByteArrayOutputStream();
      block.write(0x20); // dynamic table size update: 0
      block.write(0x88); // :status 200 (static index 8)
      Http2.literal(block, 31, null, "application/grpc"); // content-type
      return block;
    }

    private void sendHeaders() throws IOException {
      if (!headersSent) {
        headersSent = true;
        ByteArrayOutputStream block = responseHeaders();
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
        ByteArrayOutputStream block = headersSent ? new ByteArrayOutputStream() : responseHeaders();
        headersSent = true;
        Http2.literal(block, 0, "grpc-status", Integer.toString(status.getCode().value()));
        String description = status.getDescription();
        if (description != null) {
          if (description.length() > MAX_STATUS_MESSAGE) {
            description = description.substring(0, MAX_STATUS_MESSAGE) + "...";
          }
          Http2.literal(block, 0, "grpc-message", Http2.percentEncoded(description));
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
    if (goneAway) {
      return;
    }
    goneAway = true;
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
    writeFrame(RST_STREAM, 0, streamId, Http2.intPayload(code), 0, 4);
  }

  private void writeWindowUpdate(int streamId, int increment) throws IOException {
    writeFrame(WINDOW_UPDATE, 0, streamId, Http2.intPayload(increment), 0, 4);
  }

  private void writeFrame(int type, int flags, int streamId, byte[] payload, int offset, int length)
      throws IOException {
    ensureRoom(FRAME_HEADER_BYTES + length);
    writeFrameHeader(type, flags, streamId, length);
    System.arraycopy(payload, offset, writeBuffer, writeEnd, length);
    writeEnd += length;
  }

  /** Writes a frame header into the buffer, which has room for it. */
  private void writeFrameHeader(int type, int flags, int streamId, int length) {
    Http2.frameHeader(writeBuffer, writeEnd, type, flags, streamId, length);
    writeEnd += FRAME_HEADER_BYTES;
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
