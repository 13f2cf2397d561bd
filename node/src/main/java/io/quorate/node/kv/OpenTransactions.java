package io.quorate.node.kv;

import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.Transaction;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KV service's open transactions by handle. A transaction idle for longer than the
 * idle timeout is aborted, so a client that vanished cannot hold locks forever. Calls on
 * one transaction are serialized. Thread-safe.
 */
final class OpenTransactions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OpenTransactions.class);

  private static final class Entry {
    final Transaction txn;
    volatile long lastUsedNanos = System.nanoTime();

    Entry(Transaction txn) {
      this.txn = txn;
    }
  }

  private final Map<Long, Entry> open = new ConcurrentHashMap<>();
  private final AtomicLong handles = new AtomicLong();
  private final Duration idleTimeout;
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "kv-idle-reaper");
    t.setDaemon(true);
    return t;
  });

  OpenTransactions(Duration idleTimeout) {
    this.idleTimeout = idleTimeout;
    long period = Math.max(1000, idleTimeout.toMillis() / 4);
    reaper.scheduleWithFixedDelay(this::abortIdle, period, period, TimeUnit.MILLISECONDS);
  }

  long add(Transaction txn) {
    long handle = handles.incrementAndGet();
    open.put(handle, new Entry(txn));
    return handle;
  }

  /** Runs {@code action} on the transaction; {@code finishes} removes it afterwards, whatever happens. */
  <T> T with(long handle, boolean finishes, Function<Transaction, T> action) {
    Entry entry = finishes ? open.remove(handle) : open.get(handle);
    if (entry == null) {
      throw new StoreException(StoreException.Kind.TRANSACTION_CLOSED,
          "No open transaction " + handle + " (it ended, was aborted after being idle, or the node restarted)");
    }
    synchronized (entry) {
      entry.lastUsedNanos = System.nanoTime();
      try {
        return action.apply(entry.txn);
      } catch (StoreException e) {
        if (!finishes && e.kind() != StoreException.Kind.LOCK_TIMEOUT) {
          open.remove(handle);
        }
        throw e;
      }
    }
  }

  private void abortIdle() {
    long now = System.nanoTime();
    for (Map.Entry<Long, Entry> e : open.entrySet()) {
      Entry entry = e.getValue();
      if (now - entry.lastUsedNanos > idleTimeout.toNanos() && open.remove(e.getKey(), entry)) {
        synchronized (entry) {
          entry.txn.abort();
        }
        LOG.info("Aborted an idle transaction [handle={}, idleSeconds={}]", e.getKey(), idleTimeout.toSeconds());
      }
    }
  }

  @Override
  public void close() {
    reaper.shutdownNow();
    for (Long handle : open.keySet()) {
      Entry entry = open.remove(handle);
      if (entry != null) {
        entry.txn.abort();
      }
    }
  }
}
