package io.quorate.node.server;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import io.quorate.raft.txn.StoreException;

/**
 * The one place where store failures become gRPC statuses. The store's error kind
 * travels in the {@value #KIND_KEY} trailer so clients can react without parsing text.
 */
public final class StoreErrors {

  public static final String KIND_KEY = "quorate-error-kind";
  public static final Metadata.Key<String> KIND = Metadata.Key.of(KIND_KEY, Metadata.ASCII_STRING_MARSHALLER);

  private StoreErrors() {}

  /** Completes a unary call with {@code body}'s result, or with its failure translated. */
  public static <T> void respond(StreamObserver<T> out, Supplier<T> body) {
    T response;
    try {
      response = body.get();
    } catch (RuntimeException e) {
      out.onError(toStatus(e));
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }

  public static StatusRuntimeException toStatus(Throwable error) {
    if (error instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (!(error instanceof StoreException e)) {
      return Status.INTERNAL.withDescription("Internal error: " + error).withCause(error).asRuntimeException();
    }
    Status status = switch (e.kind()) {
      case NOT_PRIMARY, READ_ONLY -> Status.FAILED_PRECONDITION;
      case LEADERSHIP_LOST, SERIALIZATION_FAILURE, DEADLOCK -> Status.ABORTED;
      case OUTCOME_UNKNOWN -> Status.UNKNOWN;
      case NOT_READY -> Status.UNAVAILABLE;
      case LOCK_TIMEOUT, TIMEOUT -> Status.DEADLINE_EXCEEDED;
      case TRANSACTION_CLOSED -> Status.NOT_FOUND;
      case TOO_LARGE -> Status.RESOURCE_EXHAUSTED;
      case STORAGE, WOULD_WAIT -> Status.INTERNAL;
    };
    Metadata trailers = new Metadata();
    trailers.put(KIND, e.kind().name());
    return status.withDescription(e.getMessage()).asRuntimeException(trailers);
  }
}
