package io.quorate.node.kv;

import static io.quorate.node.server.StoreErrors.respond;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.quorate.protocol.v1.BeginRequest;
import io.quorate.protocol.v1.BeginResponse;
import io.quorate.protocol.v1.CommitResponse;
import io.quorate.protocol.v1.Empty;
import io.quorate.protocol.v1.KeyRequest;
import io.quorate.protocol.v1.KeyValue;
import io.quorate.protocol.v1.KvServiceGrpc;
import io.quorate.protocol.v1.LocalGetRequest;
import io.quorate.protocol.v1.LocalScanRequest;
import io.quorate.protocol.v1.PutRequest;
import io.quorate.protocol.v1.ScanRequest;
import io.quorate.protocol.v1.ScanResponse;
import io.quorate.protocol.v1.TxnRequest;
import io.quorate.protocol.v1.ValueResponse;
import io.quorate.raft.cluster.ReplicatedStore;
import io.quorate.raft.txn.IsolationLevel;
import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves {@code KvService}: transactions on the primary through handles, and stale
 * reads of this node's applied state on any role.
 */
public final class KvServiceImpl extends KvServiceGrpc.KvServiceImplBase implements AutoCloseable {

  /** The most entries one scan response carries; clients page with the last key. */
  static final int MAX_SCAN_ENTRIES = 10_000;

  private final ReplicatedStore store;
  private final OpenTransactions transactions;

  public KvServiceImpl(ReplicatedStore store, Duration idleTimeout) {
    this.store = store;
    this.transactions = new OpenTransactions(idleTimeout);
  }

  @Override
  public void begin(BeginRequest request, StreamObserver<BeginResponse> out) {
    respond(out, () -> {
      UUID clientId = request.getClientId().size() == 16 ? uuid(request.getClientId()) : UUID.randomUUID();
      IsolationLevel isolation = switch (request.getIsolation()) {
        case REPEATABLE_READ -> IsolationLevel.REPEATABLE_READ;
        case SERIALIZABLE -> IsolationLevel.SERIALIZABLE;
        default -> IsolationLevel.READ_COMMITTED;
      };
      var txn = store.transactions().begin(isolation, request.getReadOnly(), clientId, request.getCallId());
      return BeginResponse.newBuilder().setTxnId(transactions.add(txn)).build();
    });
  }

  @Override
  public void get(KeyRequest request, StreamObserver<ValueResponse> out) {
    respond(out, () -> value(transactions.with(request.getTxnId(), false, t -> t.get(request.getKey().toByteArray())), -1));
  }

  @Override
  public void lockForUpdate(KeyRequest request, StreamObserver<ValueResponse> out) {
    respond(out, () -> value(
        transactions.with(request.getTxnId(), false, t -> t.lockForUpdate(request.getKey().toByteArray())), -1));
  }

  @Override
  public void scan(ScanRequest request, StreamObserver<ScanResponse> out) {
    respond(out, () -> transactions.with(request.getTxnId(), false, t -> page(
        t.scan(bound(request.getStart()), bound(request.getEnd()), request.getReverse()), request.getLimit(), -1)));
  }

  @Override
  public void put(PutRequest request, StreamObserver<Empty> out) {
    respond(out, () -> transactions.with(request.getTxnId(), false, t -> {
      t.put(request.getKey().toByteArray(), request.getValue().toByteArray());
      return Empty.getDefaultInstance();
    }));
  }

  @Override
  public void delete(KeyRequest request, StreamObserver<Empty> out) {
    respond(out, () -> transactions.with(request.getTxnId(), false, t -> {
      t.delete(request.getKey().toByteArray());
      return Empty.getDefaultInstance();
    }));
  }

  @Override
  public void commit(TxnRequest request, StreamObserver<CommitResponse> out) {
    respond(out, () -> CommitResponse.newBuilder()
        .setLogIndex(transactions.with(request.getTxnId(), true, t -> t.commit())).build());
  }

  @Override
  public void abort(TxnRequest request, StreamObserver<Empty> out) {
    respond(out, () -> transactions.with(request.getTxnId(), true, t -> {
      t.abort();
      return Empty.getDefaultInstance();
    }));
  }

  @Override
  public void localGet(LocalGetRequest request, StreamObserver<ValueResponse> out) {
    respond(out, () -> {
      awaitApplied(request.getMinIndex(), request.getTimeoutMillis());
      try (ReadView view = store.openLocalView()) {
        return value(view.get(request.getKey().toByteArray()), view.appliedIndex());
      }
    });
  }

  @Override
  public void localScan(LocalScanRequest request, StreamObserver<ScanResponse> out) {
    respond(out, () -> {
      awaitApplied(request.getMinIndex(), request.getTimeoutMillis());
      try (ReadView view = store.openLocalView()) {
        return page(view.scan(bound(request.getStart()), bound(request.getEnd()), false), request.getLimit(),
            view.appliedIndex());
      }
    });
  }

  private void awaitApplied(long index, long timeoutMillis) {
    if (index <= 0) {
      return;
    }
    Duration timeout = Duration.ofMillis(timeoutMillis <= 0 ? 30_000 : timeoutMillis);
    try {
      store.waitForApplied(index, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreException(StoreException.Kind.TIMEOUT,
          "This node has not applied index " + index + " within " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Kind.TIMEOUT, "Interrupted while waiting for index " + index);
    }
  }

  private static ScanResponse page(ReadView.Cursor cursor, int limit, long appliedIndex) {
    int max = limit <= 0 ? MAX_SCAN_ENTRIES : Math.min(limit, MAX_SCAN_ENTRIES);
    ScanResponse.Builder response = ScanResponse.newBuilder().setAppliedIndex(appliedIndex);
    try (cursor) {
      for (Map.Entry<byte[], byte[]> e = cursor.next(); e != null; e = cursor.next()) {
        if (response.getEntriesCount() == max) {
          response.setTruncated(true);
          break;
        }
        response.addEntries(KeyValue.newBuilder()
            .setKey(ByteString.copyFrom(e.getKey())).setValue(ByteString.copyFrom(e.getValue())));
      }
    }
    return response.build();
  }

  private static ValueResponse value(byte[] value, long appliedIndex) {
    ValueResponse.Builder response = ValueResponse.newBuilder().setAppliedIndex(appliedIndex);
    if (value != null) {
      response.setFound(true).setValue(ByteString.copyFrom(value));
    }
    return response.build();
  }

  private static byte[] bound(ByteString bytes) {
    return bytes.isEmpty() ? null : bytes.toByteArray();
  }

  private static UUID uuid(ByteString bytes) {
    ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  @Override
  public void close() {
    transactions.close();
  }
}
