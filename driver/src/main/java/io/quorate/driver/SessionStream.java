package io.quorate.driver;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.TopologyRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One Session stream to one node: a request goes out and {@link #call} returns the
 * responses to it, through the one that ends it. The stream has a TCP connection of its
 * own ({@link GrpcSocket}), connected at the first call, which the calling thread writes
 * and reads itself. Used by one thread at a time (its connection's); {@link #close} may
 * come from any thread.
 */
final class SessionStream implements AutoCloseable {

  /** The stream broke or timed out: the node may or may not have run the request. */
  static final class Lost extends Exception {
    Lost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Larger than any answer the node sends (result batches are at most about 1 MiB). */
  private static final int MAX_RESPONSE_BYTES = 80 << 20;
  private static final String PATH = "/" + SqlServiceGrpc.getSessionMethod().getFullMethodName();
  /** Requests up to this size are encoded into {@link #scratch}; a larger one gets an array of its own. */
  private static final int SCRATCH_BYTES = 4096;

  private final ConnectionUrl.HostAndPort node;
  private final int connectTimeoutMillis;
  private volatile GrpcSocket socket;
  private long nextRequestId = 1;
  /** The calling thread's buffer for encoding a request. */
  private final byte[] scratch = new byte[SCRATCH_BYTES];
  private final ResponseDecoder decoder = new ResponseDecoder();
  private volatile boolean broken;
  /** Whether the owning thread is in {@link #call}: a close from elsewhere then only closes the socket. */
  private volatile boolean calling;
  /** The session's id and secret for Cancel, from its login. */
  private volatile long sessionId;
  private volatile long secret;

  private SessionStream(ConnectionUrl.HostAndPort node, int connectTimeoutSeconds) {
    this.node = node;
    this.connectTimeoutMillis = (int) TimeUnit.SECONDS.toMillis(Math.max(1, connectTimeoutSeconds));
  }

  static SessionStream open(ConnectionUrl.HostAndPort node, int connectTimeoutSeconds) {
    return new SessionStream(node, connectTimeoutSeconds);
  }

  ConnectionUrl.HostAndPort node() {
    return node;
  }

  boolean broken() {
    return broken;
  }

  /** Records what the node's Opened said to name this session in a Cancel. */
  void opened(long sessionId, long secret) {
    this.sessionId = sessionId;
    this.secret = secret;
  }

  long sessionId() {
    return sessionId;
  }

  long secret() {
    return secret;
  }

  /**
   * Sends {@code request} and collects its responses through the one that ends it (a
   * last Completed, an Error, Opened, a challenge or Pong).
   *
   * @param timeoutMillis how long to wait for each response; 0 waits as long as it takes
   */
  List<Response> call(SessionRequest.Builder request, long timeoutMillis) throws Lost {
    return call(new Request() {
      private SessionRequest message;

      @Override
      public int encodedSize(long requestId) {
        message = request.setRequestId(requestId).build();
        return message.getSerializedSize();
      }

      @Override
      public void writeTo(CodedOutputStream out, long requestId) throws IOException {
        message.writeTo(out);
      }
    }, timeoutMillis);
  }

  /** A request as it is sent: {@link #encodedSize} first, then {@link #writeTo} writes that many bytes. */
  interface Request {
    int encodedSize(long requestId);

    void writeTo(CodedOutputStream out, long requestId) throws IOException;
  }

  /**
   * Opens the session's connection: at the port where the node serves sessions on their
   * own threads (its client port, node/DESIGN.md "Sessions on the client port"), asked of
   * the node itself now, so that a port that changed with a restart is never used; at its
   * admin port, where grpc-java's server serves the same call, when it reports none, cannot
   * be asked, or cannot be reached there (a firewall).
   */
  private GrpcSocket connect() throws IOException {
    int sessionPort = 0;
    try {
      sessionPort = SqlServiceGrpc.newBlockingStub(Channels.to(node, connectTimeoutMillis / 1000))
          .withDeadlineAfter(Math.min(connectTimeoutMillis, ClusterTopology.ASK_TIMEOUT_MILLIS), TimeUnit.MILLISECONDS)
          .topology(TopologyRequest.getDefaultInstance())
          .getSessionPort();
    } catch (StatusRuntimeException unanswered) {
      // the admin port's own connection below says what is wrong
    }
    if (sessionPort > 0) {
      try {
        return GrpcSocket.start(node.host(), sessionPort, PATH, connectTimeoutMillis, MAX_RESPONSE_BYTES);
      } catch (IOException unreachable) {
        // not reachable at that port from here: the admin port serves the same call
      }
    }
    return GrpcSocket.start(node.host(), node.port(), PATH, connectTimeoutMillis, MAX_RESPONSE_BYTES);
  }

  /** Sends {@code request}, as {@link #call(SessionRequest.Builder, long)}. */
  List<Response> call(Request request, long timeoutMillis) throws Lost {
    if (broken) {
      throw new Lost("the connection to " + node + " was lost before", null);
    }
    long id = nextRequestId++;
    GrpcSocket open = socket;
    try {
      if (open == null) {
        open = connect();
        socket = open;
      }
    } catch (IOException e) {
      throw lost("could not connect to " + node + ": " + e.getMessage(), e);
    }
    Silence silence = timeoutMillis > 0 ? new Silence(open, timeoutMillis) : null;
    calling = true;
    try {
      int size = request.encodedSize(id);
      byte[] bytes = size <= SCRATCH_BYTES ? scratch : new byte[size];
      CodedOutputStream encoder = CodedOutputStream.newInstance(bytes, 0, size);
      request.writeTo(encoder, id);
      encoder.checkNoSpaceLeft();
      open.send(bytes, size);
      List<Response> answer = new ArrayList<>(2);
      while (true) {
        Response response = decoder.decode(open.receive());
        if (silence != null) {
          silence.heard();
        }
        answer.add(response);
        if (ends(response)) {
          if (response instanceof Response.Other other && other.message().hasError()
              && other.message().getError().getFatal()) {
            broken = true;
          }
          return answer;
        }
      }
    } catch (InvalidProtocolBufferException e) {
      throw lost("the connection to " + node + " was lost: an undecodable response: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      if (silence != null && silence.expired()) {
        throw lost("no answer from " + node + " within " + timeoutMillis + " ms", e);
      }
      throw lost("the connection to " + node + " was lost: " + e.getMessage(), e);
    } finally {
      calling = false;
      if (silence != null && silence.stop()) {
        broken = true; // it closed the socket as the answer came: the next request needs another stream
      }
    }
  }

  /**
   * A call's time limit ({@link Timeouts}): closes the socket when the node has sent
   * nothing for that long, which ends the blocked read (the socket stays in blocking
   * mode, so a read costs one system call instead of a poll and two reads).
   */
  private static final class Silence implements Runnable {
    private final GrpcSocket socket;
    private final long limitNanos;
    private volatile long lastHeard = System.nanoTime();
    private volatile boolean expired;
    private boolean stopped;
    private ScheduledFuture<?> check;

    Silence(GrpcSocket socket, long limitMillis) {
      this.socket = socket;
      this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
      checkIn(limitNanos);
    }

    void heard() {
      lastHeard = System.nanoTime();
    }

    boolean expired() {
      return expired;
    }

    /** Stops watching; returns whether the limit passed and the socket was closed. */
    synchronized boolean stop() {
      stopped = true;
      if (check != null) {
        check.cancel(false);
      }
      return expired;
    }

    private synchronized void checkIn(long nanos) {
      if (!stopped) {
        check = Timeouts.after(nanos, TimeUnit.NANOSECONDS, this);
      }
    }

    @Override
    public void run() {
      long silent = System.nanoTime() - lastHeard;
      if (silent < limitNanos) {
        checkIn(limitNanos - silent);
        return;
      }
      synchronized (this) {
        if (stopped) {
          return;
        }
        expired = true;
      }
      socket.close();
    }
  }

  private Lost lost(String message, Throwable cause) {
    broken = true;
    close();
    return new Lost(message, cause);
  }

  private static boolean ends(Response response) {
    return switch (response) {
      case Response.Done done -> done.last();
      case Response.Rows rows -> false;
      case Response.Other other -> true;
    };
  }

  /**
   * Ends the stream; the node ends the session and rolls back its open transaction. An
   * idle stream says so to the node first; a close during a call (from another thread:
   * abort, a pool) just closes the socket, which wakes the calling thread and never waits
   * for it.
   */
  @Override
  public void close() {
    GrpcSocket open = socket;
    if (open != null) {
      if (!broken && !calling) {
        try {
          open.halfClose();
        } catch (IOException alreadyGone) {
          // the connection is closing anyway
        }
      }
      open.close();
    }
    broken = true;
  }
}
