package io.quorate.node.sqlrpc;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's work, run in order and one piece at a time: either right on the thread
 * that offers it, when the session has nothing queued or running ({@link #tryRunHere}), or
 * on a worker pool. A network event loop runs short work itself this way and hands
 * anything that may wait (commits, scans, logins) to the pool without reordering it.
 */
final class SessionWork {

  private static final Logger LOG = LoggerFactory.getLogger(SessionWork.class);

  private final Executor pool;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /** Whether some thread is running this session's work; guarded by this. */
  private boolean busy;

  SessionWork(Executor pool) {
    this.pool = pool;
  }

  /**
   * Runs {@code work} on this thread now if the session is idle and returns true;
   * returns false, running nothing, if other work is queued or running. Work queued by
   * {@code work} itself runs on the pool after it.
   */
  boolean tryRunHere(Runnable work) {
    synchronized (this) {
      if (busy) {
        return false;
      }
      busy = true;
    }
    try {
      work.run();
    } finally {
      handOverOrIdle();
    }
    return true;
  }

  /** Queues {@code work} to run on the pool after everything queued before it. */
  void submit(Runnable work) {
    synchronized (this) {
      queue.add(work);
      if (busy) {
        return;
      }
      busy = true;
    }
    pool.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queue.poll();
        if (next == null) {
          busy = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        LOG.error("A session's work failed outside its own error handling", e);
      }
    }
  }

  private void handOverOrIdle() {
    synchronized (this) {
      if (queue.isEmpty()) {
        busy = false;
        return;
      }
    }
    pool.execute(this::drain);
  }
}
