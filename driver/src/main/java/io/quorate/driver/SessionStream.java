package io.quorate.driver;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One Session stream to one node: a request goes out and {@link #call} returns the
 * responses to it, through the one that ends it. Used by one thread at a time (its
 * connection's); {@link #close} may come from any thread.
 */
final class SessionStream implements AutoCloseable {

  /** The stream broke or timed out: the node may or may not have run the request. */
  static final class Lost extends Exception {
    Lost(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Object END = new Object();

  private final LinkedBlockingQueue<Object> responses = new LinkedBlockingQueue<>();
  private final ClientCallStreamObserver<SessionRequest> requests;
  private final ConnectionUrl.HostAndPort node;
  private long nextRequestId = 1;
  private boolean broken;
  /** The session's id and secret for Cancel, from its login. */
  private volatile long sessionId;
  private volatile long secret;

  private SessionStream(ConnectionUrl.HostAndPort node, ManagedChannel channel) {
    this.node = node;
    ClientCallStreamObserver<SessionRequest>[] call = new ClientCallStreamObserver[1];
    SqlServiceGrpc.newStub(channel).session(new ClientResponseObserver<SessionRequest, SessionResponse>() {
      @Override
      public void beforeStart(ClientCallStreamObserver<SessionRequest> stream) {
        call[0] = stream;
      }

      @Override
      public void onNext(SessionResponse response) {
        responses.add(response);
      }

      @Override
      public void onError(Throwable error) {
        responses.add(error);
      }

      @Override
      public void onCompleted() {
        responses.add(END);
      }
    });
    this.requests = call[0];
  }

  static SessionStream open(ConnectionUrl.HostAndPort node, ManagedChannel channel) {
    return new SessionStream(node, channel);
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
  List<SessionResponse> call(SessionRequest.Builder request, long timeoutMillis) throws Lost {
    if (broken) {
      throw new Lost("the connection to " + node + " was lost before", null);
    }
    long id = nextRequestId++;
    try {
      requests.onNext(request.setRequestId(id).build());
    } catch (RuntimeException e) {
      broken = true;
      throw new Lost("could not send to " + node + ": " + e.getMessage(), e);
    }
    List<SessionResponse> answer = new ArrayList<>();
    while (true) {
      Object next;
      try {
        next = timeoutMillis > 0 ? responses.poll(timeoutMillis, TimeUnit.MILLISECONDS) : responses.take();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        broken = true;
        close();
        throw new Lost("interrupted while waiting for " + node, interrupted);
      }
      if (next == null) {
        broken = true;
        close();
        throw new Lost("no answer from " + node + " within " + timeoutMillis + " ms", null);
      }
      if (next == END || next instanceof Throwable) {
        broken = true;
        Throwable cause = next instanceof Throwable error ? error : null;
        throw new Lost("the connection to " + node + " was lost" + (cause == null ? ""
            : ": " + describe(cause)), cause);
      }
      SessionResponse response = (SessionResponse) next;
      answer.add(response);
      if (ends(response)) {
        if (response.hasError() && response.getError().getFatal()) {
          broken = true;
        }
        return answer;
      }
    }
  }

  private static boolean ends(SessionResponse response) {
    return switch (response.getKindCase()) {
      case COMPLETED -> response.getCompleted().getLast();
      case RESULT -> false;
      default -> true;
    };
  }

  private static String describe(Throwable error) {
    if (error instanceof StatusRuntimeException status) {
      Status s = status.getStatus();
      return s.getCode() + (s.getDescription() == null ? "" : " (" + s.getDescription() + ")");
    }
    return error.toString();
  }

  /** Ends the stream; the node ends the session and rolls back its open transaction. */
  @Override
  public void close() {
    try {
      if (!broken) {
        requests.onCompleted();
      } else {
        requests.cancel("closed by the client", null);
      }
    } catch (RuntimeException alreadyGone) {
      // nothing to end
    }
    broken = true;
  }
}
