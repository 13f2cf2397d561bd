package io.quorate.sql.kv;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Exclusive key locks of the in-memory store, granted in arrival order, with a timeout
 * (55P03) and deadlock detection (40P01): the waiter that would close a cycle of waiting
 * transactions fails. Each transaction waits for one key at a time, so following lock
 * owners finds every cycle. Thread-safe; one monitor guards the table.
 */
final class KeyLocks {

  /** What the table needs to know of a transaction. */
  interface Owner {
    long id();

    ByteKey waitingOn();

    void waitingOn(ByteKey key);
  }

  private static final class Lock {
    Owner owner;
    final ArrayDeque<Owner> waiters = new ArrayDeque<>(1);
  }

  private final Map<ByteKey, Lock> locks = new HashMap<>();
  /** Transactions waiting in {@link #acquire}; releases wake no one when it is zero. */
  private int waiting;

  synchronized void acquire(Owner txn, ByteKey key, long timeoutMillis) {
    Lock lock = locks.computeIfAbsent(key, k -> new Lock());
    if (lock.owner == txn) {
      return;
    }
    if (lock.owner == null && lock.waiters.isEmpty()) {
      lock.owner = txn;
      return;
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    lock.waiters.addLast(txn);
    txn.waitingOn(key);
    waiting++;
    try {
      while (true) {
        if (lock.owner == null && lock.waiters.peekFirst() == txn) {
          lock.waiters.removeFirst();
          lock.owner = txn;
          return;
        }
        if (closesCycle(txn, lock.owner)) {
          throw new SqlException(SqlState.DEADLOCK_DETECTED, "deadlock detected")
              .withDetail("Transaction " + txn.id() + " waits for transaction "
                  + (lock.owner == null ? "?" : lock.owner.id()) + ", which waits for it.");
        }
        long remainingNanos = deadline - System.nanoTime();
        if (remainingNanos <= 0) {
          throw new SqlException(SqlState.LOCK_NOT_AVAILABLE, "canceling statement due to lock timeout");
        }
        wait(Math.max(1, remainingNanos / 1_000_000L));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
    } finally {
      waiting--;
      txn.waitingOn(null);
      if (lock.owner != txn) {
        lock.waiters.remove(txn);
        if (lock.owner == null && lock.waiters.isEmpty()) {
          locks.remove(key);
        }
        notifyAll();
      }
    }
  }

  private boolean closesCycle(Owner waiter, Owner owner) {
    Owner current = owner;
    for (int hops = 0; current != null && hops <= locks.size(); hops++) {
      if (current == waiter) {
        return true;
      }
      ByteKey next = current.waitingOn();
      if (next == null) {
        return false;
      }
      Lock lock = locks.get(next);
      current = lock == null ? null : lock.owner;
    }
    return false;
  }

  synchronized void releaseAll(Owner txn, Iterable<ByteKey> keys) {
    for (ByteKey key : keys) {
      Lock lock = locks.get(key);
      if (lock != null && lock.owner == txn) {
        lock.owner = null;
        if (lock.waiters.isEmpty()) {
          locks.remove(key);
        }
      }
    }
    if (waiting > 0) {
      notifyAll();
    }
  }
}
