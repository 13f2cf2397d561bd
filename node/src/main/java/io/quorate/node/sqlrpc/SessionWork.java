package io.quorate.node.sqlrpc;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
  private final Runnable whenIdle;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  /** Whether some thread is running this session's work; guarded by this. */
  private boolean busy;

  /**
   * @param whenIdle run each time the session has finished everything offered to it, once
   *     it no longer counts as busy (a session asks for its next request there, so that
   *     request finds the session idle and may run on the thread that delivers it)
   */
  SessionWork(Executor pool, Runnable whenIdle) {
    this.pool = pool;
    this.whenIdle = whenIdle;
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

  /**
   * Queues {@code work} to run on the pool after everything queued before it; on this
   * thread when the pool has been shut down (the node is stopping and a session ends).
   */
  void submit(Runnable work) {
    synchronized (this) {
      queue.add(work);
      if (busy) {
        return;
      }
      busy = true;
    }
    startDrain();
  }

  private void startDrain() {
    try {
      pool.execute(this::drain);
    } catch (RejectedExecutionException stopping) {
      drain();
    }
  }

  private void drain() {
    while (!idleIfNothingQueued()) {
      Runnable next;
      synchronized (this) {
        next = queue.poll(); // only this thread takes from the queue while the session is busy
      }
      try {
        next.run();
      } catch (RuntimeException | Error e) {
        LOG.error("A session's work failed outside its own error handling", e);
      }
    }
    whenIdle.run();
  }

  private void handOverOrIdle() {
    if (idleIfNothingQueued()) {
      whenIdle.run();
    } else {
      startDrain();
    }
  }

  /** Marks the session idle when nothing is queued, and says whether it did. */
  private synchronized boolean idleIfNothingQueued() {
    busy = !queue.isEmpty();
    return !busy;
  }
}
