package io.quorate.node.sqlrpc;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server's network threads: one event loop per core (epoll where the platform
 * has it), instead of grpc-java's default of two per core.
 *
 * <p>A native session's point reads run on these loops and nothing on them waits
 * ({@link RpcSession}), so a loop per core keeps the cores busy. More loops only add
 * runnable threads: a loop that answers a client then often finds another thread queued
 * on its core, and the kernel wakes the client on the other core instead, which costs an
 * inter-processor interrupt per answer. Measured on 2 cores with 4 loops, about a third
 * of the answers woke their client on the other core; the figures with 2 and 4 loops are
 * in node/DESIGN.md and driver/DESIGN.md ("Benchmark").
 */
public final class NetworkLoops implements AutoCloseable {

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Class<? extends ServerChannel> channelType;

  private NetworkLoops(int threads) {
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory handlers = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("grpc-accept", true), handlers);
    this.workers = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("grpc-network", true),
        handlers);
    this.channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  /** One network loop per core this process may use. */
  public static NetworkLoops perCore() {
    return new NetworkLoops(Runtime.getRuntime().availableProcessors());
  }

  /** Makes {@code server} accept and serve its connections on these loops. */
  public NettyServerBuilder serve(NettyServerBuilder server) {
    return server.bossEventLoopGroup(boss).workerEventLoopGroup(workers).channelType(channelType);
  }

  /** Stops the loops, waiting up to a few seconds for them; call once the server using them has terminated. */
  @Override
  public void close() {
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    boss.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
    workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
  }
}
