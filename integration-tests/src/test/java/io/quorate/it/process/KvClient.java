package io.quorate.it.process;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.quorate.protocol.v1.BeginRequest;
import io.quorate.protocol.v1.Isolation;
import io.quorate.protocol.v1.KeyRequest;
import io.quorate.protocol.v1.KvServiceGrpc;
import io.quorate.protocol.v1.LocalGetRequest;
import io.quorate.protocol.v1.LocalScanRequest;
import io.quorate.protocol.v1.PutRequest;
import io.quorate.protocol.v1.ScanResponse;
import io.quorate.protocol.v1.TxnRequest;
import io.quorate.protocol.v1.ValueResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A thin client of one node's KV service, for tests; every call has a deadline. */
final class KvClient {

  private final KvServiceGrpc.KvServiceBlockingStub stub;

  KvClient(ManagedChannel channel) {
    this.stub = KvServiceGrpc.newBlockingStub(channel);
  }

  private KvServiceGrpc.KvServiceBlockingStub call() {
    return stub.withDeadlineAfter(40, TimeUnit.SECONDS);
  }

  long begin(UUID clientId, long callId, boolean readOnly) {
    ByteBuffer id = ByteBuffer.allocate(16).putLong(clientId.getMostSignificantBits())
        .putLong(clientId.getLeastSignificantBits());
    return call().begin(BeginRequest.newBuilder().setIsolation(Isolation.READ_COMMITTED).setReadOnly(readOnly)
        .setClientId(ByteString.copyFrom(id.array())).setCallId(callId).build()).getTxnId();
  }

  String lockForUpdate(long txn, String key) {
    return value(call().lockForUpdate(KeyRequest.newBuilder().setTxnId(txn).setKey(bytes(key)).build()));
  }

  String get(long txn, String key) {
    return value(call().get(KeyRequest.newBuilder().setTxnId(txn).setKey(bytes(key)).build()));
  }

  void put(long txn, String key, String value) {
    call().put(PutRequest.newBuilder().setTxnId(txn).setKey(bytes(key)).setValue(bytes(value)).build());
  }

  long commit(long txn) {
    return call().commit(TxnRequest.newBuilder().setTxnId(txn).build()).getLogIndex();
  }

  void abortQuietly(long txn) {
    try {
      call().abort(TxnRequest.newBuilder().setTxnId(txn).build());
    } catch (RuntimeException e) {
      // the transaction is gone already
    }
  }

  /** This node's applied value of {@code key} once it has applied {@code minIndex}. */
  String localGet(String key, long minIndex) {
    return value(call().localGet(LocalGetRequest.newBuilder().setKey(bytes(key)).setMinIndex(minIndex)
        .setTimeoutMillis(30_000).build()));
  }

  /** How many keys start with {@code prefix} in this node's applied state. */
  int localCount(String prefix, long minIndex) {
    int count = 0;
    ByteString start = bytes(prefix);
    ByteString end = bytes(prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1));
    while (true) {
      ScanResponse page = call().localScan(LocalScanRequest.newBuilder().setStart(start).setEnd(end)
          .setMinIndex(minIndex).setTimeoutMillis(30_000).build());
      count += page.getEntriesCount();
      if (!page.getTruncated()) {
        return count;
      }
      // Continue just after the last key of this page.
      start = page.getEntries(page.getEntriesCount() - 1).getKey().concat(ByteString.copyFrom(new byte[] {0}));
    }
  }

  private static String value(ValueResponse response) {
    return response.getFound() ? response.getValue().toString(StandardCharsets.UTF_8) : null;
  }

  static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
