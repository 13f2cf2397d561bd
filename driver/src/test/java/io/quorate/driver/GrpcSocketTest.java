package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Headers;
import io.grpc.stub.StreamObserver;
import io.quorate.protocol.v1.Completed;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.Ping;
import io.quorate.protocol.v1.Pong;
import io.quorate.protocol.v1.Result;
import io.quorate.protocol.v1.Row;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.SqlServiceGrpc;
import io.quorate.protocol.v1.Value;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver's own HTTP/2 client for the Session stream, against grpc-java's Netty server:
 * messages both ways, answers and requests larger than HTTP/2's flow-control windows and
 * frames, the node ending the call with a status, and a close from another thread.
 */
class GrpcSocketTest {

  private static final String PATH = "/" + SqlServiceGrpc.getSessionMethod().getFullMethodName();
  private Server server;

  /** Answers Ping with Pong; "big N" with N bytes in one row; "size" with the size of the bytes sent; "fail" with UNAVAILABLE; "silence" not at all. */
  private static final class TestService extends SqlServiceGrpc.SqlServiceImplBase {
    @Override
    public StreamObserver<SessionRequest> session(StreamObserver<SessionResponse> responses) {
      return new StreamObserver<>() {
        @Override
        public void onNext(SessionRequest request) {
          long id = request.getRequestId();
          if (request.hasPing()) {
            responses.onNext(SessionResponse.newBuilder().setRequestId(id).setPong(Pong.newBuilder().setPrimary(true))
                .build());
            return;
          }
          String sql = request.getExecute().getSql();
          if (sql.startsWith("big ")) {
            byte[] bytes = pattern(Integer.parseInt(sql.substring(4)));
            responses.onNext(SessionResponse.newBuilder().setRequestId(id).setCompleted(Completed.newBuilder()
                .setLast(true).setResult(Result.newBuilder().addRows(Row.newBuilder()
                    .addValues(Value.newBuilder().setBytea(ByteString.copyFrom(bytes)))))).build());
          } else if (sql.equals("size")) {
            long size = request.getExecute().getParameters(0).getBytea().size();
            responses.onNext(SessionResponse.newBuilder().setRequestId(id)
                .setCompleted(Completed.newBuilder().setLast(true).setCommandTag(Long.toString(size))).build());
          } else if (sql.equals("fail")) {
            responses.onError(Status.UNAVAILABLE.withDescription("node n1 is stopping: 100% é").asRuntimeException());
          }
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {
          responses.onCompleted();
        }
      };
    }
  }

  @BeforeEach
  void startServer() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .maxInboundMessageSize(64 << 20)
        .addService(new TestService())
        .build()
        .start();
  }

  @AfterEach
  void stopServer() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(10, TimeUnit.SECONDS);
  }

  private GrpcSocket connect() throws IOException {
    return GrpcSocket.start("127.0.0.1", server.getPort(), PATH, 5_000, 80 << 20);
  }

  private static byte[] execute(long id, String sql) {
    return SessionRequest.newBuilder().setRequestId(id).setExecute(Execute.newBuilder().setSql(sql)).build()
        .toByteArray();
  }

  private static byte[] pattern(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void requestsAndAnswersAlternate() throws IOException {
    try (GrpcSocket call = connect()) {
      for (long id = 1; id <= 200; id++) {
        call.send(SessionRequest.newBuilder().setRequestId(id).setPing(Ping.getDefaultInstance()).build().toByteArray());
        SessionResponse answer = SessionResponse.parseFrom(call.receive());
        assertEquals(id, answer.getRequestId());
        assertTrue(answer.getPong().getPrimary());
      }
    }
  }

  @Test
  void answersLargerThanTheWindowsAndFramesArriveWhole() throws IOException {
    try (GrpcSocket call = connect()) {
      for (int size : new int[] {0, 16_380, 1 << 20, 5 << 20}) {
        call.send(execute(size, "big " + size));
        SessionResponse answer = SessionResponse.parseFrom(call.receive());
        assertArrayEquals(pattern(size), answer.getCompleted().getResult().getRows(0).getValues(0).getBytea()
            .toByteArray(), size + " bytes");
      }
    }
  }

  @Test
  void requestsLargerThanTheNodesWindowWaitForItToOpen() throws IOException {
    try (GrpcSocket call = connect()) {
      for (int size : new int[] {70_000, 3 << 20}) {
        call.send(SessionRequest.newBuilder().setRequestId(size).setExecute(Execute.newBuilder().setSql("size")
            .addParameters(Value.newBuilder().setBytea(ByteString.copyFrom(pattern(size))))).build().toByteArray());
        assertEquals(Integer.toString(size), SessionResponse.parseFrom(call.receive()).getCompleted().getCommandTag());
      }
    }
  }

  @Test
  void theNodeEndingTheCallIsReportedWithItsStatus() throws IOException {
    try (GrpcSocket call = connect()) {
      call.send(execute(1, "fail"));
      GrpcSocket.Ended ended = assertThrows(GrpcSocket.Ended.class, call::receive);
      assertEquals("the node ended the call: UNAVAILABLE (node n1 is stopping: 100% é)", ended.getMessage());
      assertThrows(GrpcSocket.Ended.class, () -> call.send(execute(2, "big 1")));
    }
  }

  @Test
  void aCloseFromAnotherThreadEndsAWaitingReceive() throws Exception {
    GrpcSocket call = connect();
    call.send(execute(1, "silence"));
    CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        call.receive();
        return null;
      } catch (IOException e) {
        return e;
      }
    });
    call.close();
    Throwable failure;
    try {
      failure = waiting.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failure = e.getCause();
    }
    assertTrue(failure instanceof IOException, "receive ended with " + failure);
  }

  @Test
  void requestHeadersDecodeAsTheirFields() throws Exception {
    String longPath = "/" + "p".repeat(300);
    Http2Headers fields = new DefaultHttp2HeadersDecoder(true)
        .decodeHeaders(1, Unpooled.wrappedBuffer(io.quorate.protocol.http2.Http2.requestHeaders("db1:7200", longPath)));
    assertEquals("POST", fields.method().toString());
    assertEquals("http", fields.scheme().toString());
    assertEquals(longPath, fields.path().toString());
    assertEquals("db1:7200", fields.authority().toString());
    assertEquals("application/grpc", fields.get("content-type").toString());
    assertEquals("trailers", fields.get("te").toString());
  }
}
