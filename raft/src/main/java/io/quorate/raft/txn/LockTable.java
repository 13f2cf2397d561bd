package io.quorate.raft.txn;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Exclusive key locks of the primary's transactions, granted in arrival order. A
 * request that would close a cycle of waiting transactions fails at once with
 * {@code DEADLOCK}; one not granted in time fails with {@code LOCK_TIMEOUT}. Each
 * transaction waits for at most one key at a time, so following owners from the lock
 * wanted finds every cycle. Thread-safe; one monitor guards the table.
 */
final class LockTable {

  private static final class Lock {
    PrimaryTransaction owner;
    final ArrayDeque<PrimaryTransaction> waiters = new ArrayDeque<>();
  }

  private final Map<ByteKey, Lock> locks = new HashMap<>();

  /** Blocks until {@code txn} holds {@code key}. */
  synchronized void acquire(PrimaryTransaction txn, ByteKey key, long timeoutMillis) {
    Lock lock = locks.computeIfAbsent(key, k -> new Lock());
    if (lock.owner == txn) {
      return;
    }
    if (lock.owner == null && lock.waiters.isEmpty()) {
      grant(lock, txn, key);
      return;
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    lock.waiters.addLast(txn);
    txn.waitingOn = key;
    try {
      while (true) {
        txn.throwIfAborted();
        if (lock.owner == null && lock.waiters.peekFirst() == txn) {
          lock.waiters.removeFirst();
          grant(lock, txn, key);
          return;
        }
        if (closesCycle(txn, lock.owner)) {
          throw new StoreException(StoreException.Kind.DEADLOCK,
              "Deadlock detected: transaction " + txn.id() + " waits for " + describe(lock.owner)
                  + ", which waits for this transaction");
        }
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
          throw new StoreException(StoreException.Kind.LOCK_TIMEOUT,
              "Could not lock a row within " + timeoutMillis + " ms: held by " + describe(lock.owner));
        }
        wait(Math.max(1, remainingNanos / 1_000_000L));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(StoreException.Kind.TIMEOUT, "Interrupted while waiting for a lock", e);
    } finally {
      txn.waitingOn = null;
      if (lock.owner != txn) {
        lock.waiters.remove(txn);
        if (lock.owner == null && lock.waiters.isEmpty()) {
          locks.remove(key);
        }
        notifyAll();
      }
    }
  }

  private static void grant(Lock lock, PrimaryTransaction txn, ByteKey key) {
    lock.owner = txn;
    txn.heldLocks.add(key);
  }

  private boolean closesCycle(PrimaryTransaction waiter, PrimaryTransaction owner) {
    PrimaryTransaction current = owner;
    for (int hops = 0; current != null && hops <= locks.size(); hops++) {
      if (current == waiter) {
        return true;
      }
      ByteKey next = current.waitingOn;
      if (next == null) {
        return false;
      }
      Lock lock = locks.get(next);
      current = lock == null ? null : lock.owner;
    }
    return false;
  }

  private static String describe(PrimaryTransaction owner) {
    return owner == null ? "a transaction that just finished" : "transaction " + owner.id();
  }

  /** Releases every lock {@code txn} holds and wakes the waiters. */
  synchronized void releaseAll(PrimaryTransaction txn) {
    for (ByteKey key : txn.heldLocks) {
      Lock lock = locks.get(key);
      if (lock != null && lock.owner == txn) {
        lock.owner = null;
        if (lock.waiters.isEmpty()) {
          locks.remove(key);
        }
      }
    }
    txn.heldLocks.clear();
    notifyAll();
  }

  /** Wakes every waiter, so aborted transactions notice. */
  synchronized void wakeAll() {
    notifyAll();
  }
}
