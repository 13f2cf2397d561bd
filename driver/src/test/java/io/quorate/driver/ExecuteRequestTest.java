package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.quorate.protocol.v1.CommitId;
import io.quorate.protocol.v1.Execute;
import io.quorate.protocol.v1.SessionRequest;
import io.quorate.protocol.v1.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-encoded Execute request is byte for byte what protobuf writes for the same request. */
class ExecuteRequestTest {

  private static final String[] TEXTS = {"", "SELECT abalance FROM pgbench_accounts WHERE aid = $1", "naïve ☃ 𝄞",
      "x".repeat(5000)};

  @Test
  void encodesExactlyAsProtobuf() throws IOException {
    Random random = new Random(3);
    for (int i = 0; i < 3000; i++) {
      String sql = TEXTS[random.nextInt(TEXTS.length)];
      int fetchSize = random.nextBoolean() ? 0 : random.nextInt(1 << random.nextInt(31));
      Execute.Builder expected = Execute.newBuilder().setSql(sql).setFetchSize(fetchSize);
      List<TextValues.Parameter> parameters = random.nextInt(4) == 0 ? null : new ArrayList<>();
      for (int p = parameters == null ? 0 : random.nextInt(6); p > 0; p--) {
        TextValues.Parameter parameter = randomParameter(random);
        parameters.add(parameter);
        expected.addParameterTypes(parameter.oid()).addParameters(value(parameter.value()));
      }
      ExecuteRequest request = new ExecuteRequest(sql, parameters, fetchSize);
      if (random.nextBoolean()) {
        byte[] clientId = new byte[random.nextBoolean() ? 16 : 0];
        random.nextBytes(clientId);
        long callId = random.nextInt(3) == 0 ? 0 : random.nextLong() >>> random.nextInt(64);
        request.commitId(clientId, callId);
        expected.setCommitId(CommitId.newBuilder().setClientId(ByteString.copyFrom(clientId)).setCallId(callId));
      }
      boolean resend = random.nextBoolean();
      request.resend(resend);
      expected.setResend(resend);
      int staleness = random.nextBoolean() ? 0 : random.nextInt(Integer.MAX_VALUE);
      request.maxStalenessMillis(staleness);
      expected.setMaxStalenessMillis(staleness);
      long requestId = random.nextInt(5) == 0 ? 0 : random.nextLong() >>> random.nextInt(64);

      byte[] protobuf = SessionRequest.newBuilder().setRequestId(requestId).setExecute(expected).build().toByteArray();
      int size = request.encodedSize(requestId);
      assertEquals(protobuf.length, size);
      byte[] encoded = new byte[size];
      CodedOutputStream out = CodedOutputStream.newInstance(encoded);
      request.writeTo(out, requestId);
      out.checkNoSpaceLeft();
      assertArrayEquals(protobuf, encoded);
    }
  }

  private static TextValues.Parameter randomParameter(Random random) {
    Object value = switch (random.nextInt(5)) {
      case 0 -> null;
      case 1 -> random.nextLong() >> random.nextInt(64);
      case 2 -> random.nextBoolean();
      case 3 -> TEXTS[random.nextInt(TEXTS.length)];
      default -> {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        yield bytes;
      }
    };
    return new TextValues.Parameter(random.nextInt(3) == 0 ? -random.nextInt(5) : random.nextInt(4000), value);
  }

  private static Value value(Object value) {
    return switch (value) {
      case null -> Value.newBuilder().setNull(true).build();
      case Long integer -> Value.newBuilder().setInteger(integer).build();
      case Boolean bool -> Value.newBuilder().setBoolean(bool).build();
      case String text -> Value.newBuilder().setText(text).build();
      case byte[] bytes -> Value.newBuilder().setBytea(ByteString.copyFrom(bytes)).build();
      default -> throw new IllegalArgumentException(value.getClass().getName());
    };
  }
}
