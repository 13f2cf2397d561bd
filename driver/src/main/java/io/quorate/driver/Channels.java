package io.quorate.driver;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel per node address, shared by every connection of this class loader, for
 * the short unary calls (Topology, Cancel); a session's own stream has a TCP connection
 * of its own ({@link GrpcSocket}). A channel idle for a minute lets its TCP connection go
 * and reconnects on the next call.
 */
final class Channels {

  /** Larger than any answer the node sends (result batches are at most about 1 MiB). */
  private static final int MAX_RESPONSE_BYTES = 80 << 20;
  private static final ConcurrentHashMap<ConnectionUrl.HostAndPort, ManagedChannel> CHANNELS =
      new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> CHANNELS.values().forEach(ManagedChannel::shutdownNow),
        "quorate-driver-channels"));
  }

  private Channels() {}

  static ManagedChannel to(ConnectionUrl.HostAndPort node, int connectTimeoutSeconds) {
    return CHANNELS.computeIfAbsent(node, address -> NettyChannelBuilder.forAddress(address.host(), address.port())
        .usePlaintext()
        // the blocking stubs' answers need no executor hop
        .directExecutor()
        .maxInboundMessageSize(MAX_RESPONSE_BYTES)
        .idleTimeout(1, TimeUnit.MINUTES)
        .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
            (int) TimeUnit.SECONDS.toMillis(Math.max(1, connectTimeoutSeconds)))
        .build());
  }
}
