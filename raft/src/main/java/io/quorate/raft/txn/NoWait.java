package io.quorate.raft.txn;

import java.util.function.Supplier;

/**
 * Marks work running on a thread that must not wait, such as a network event loop that
 * serves many sessions: while it runs, a transaction whose read barrier is not satisfied
 * at once (the primary's lease has lapsed and a ReadIndex round is needed) fails with
 * {@link StoreException.Kind#WOULD_WAIT} before reading anything, instead of waiting. The
 * caller then runs the same work again on a thread that may wait.
 */
public final class NoWait {

  private static final ThreadLocal<Boolean> ACTIVE = new ThreadLocal<>();

  private NoWait() {}

  /** Runs {@code work} with waiting refused on this thread, and returns its result. */
  public static <T> T call(Supplier<T> work) {
    Boolean outer = ACTIVE.get();
    ACTIVE.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        ACTIVE.remove();
      }
    }
  }

  /** Whether this thread runs work that must not wait. */
  public static boolean onThisThread() {
    return ACTIVE.get() != null;
  }

  /** Whether {@code error}, or one of its causes, is the refusal of a wait under {@link #call}. */
  public static boolean refused(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof StoreException store && store.kind() == StoreException.Kind.WOULD_WAIT) {
        return true;
      }
    }
    return false;
  }
}
