package io.quorate.om;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.protocol.v1.AdminServiceGrpc;
import java.util.concurrent.TimeUnit;

/** A connection to one node's admin API. */
final class AdminClient implements AutoCloseable {

  private final String address;
  private final ManagedChannel channel;

  AdminClient(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw OmException.usage("node address '" + address + "' is not host:adminPort");
    }
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw OmException.usage("node address '" + address + "' has a port that is not a number");
    }
    this.address = address;
    this.channel = NettyChannelBuilder.forAddress(address.substring(0, colon), port).usePlaintext().build();
  }

  AdminServiceGrpc.AdminServiceBlockingStub admin(long timeoutMillis) {
    if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
      // om polls nodes that are starting or restarting: try now, not after gRPC's reconnect backoff.
      channel.resetConnectBackoff();
    }
    return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** A stub without a deadline, for streams that last as long as their data needs (backup). */
  AdminServiceGrpc.AdminServiceBlockingStub adminStreaming() {
    return AdminServiceGrpc.newBlockingStub(channel);
  }

  String address() {
    return address;
  }

  /** One sentence for a failed call. */
  static String describe(StatusRuntimeException e) {
    Status status = e.getStatus();
    return switch (status.getCode()) {
      case UNAVAILABLE -> "node unreachable (" + rootCause(e) + ")";
      case DEADLINE_EXCEEDED -> "node did not answer in time";
      default -> status.getCode() + ": " + status.getDescription();
    };
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message.replaceFirst("^.*: ", "");
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
