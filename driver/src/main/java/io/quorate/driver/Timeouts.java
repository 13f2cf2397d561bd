package io.quorate.driver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The driver's time limits (query timeouts, a silent node's session): one daemon thread
 * for every connection of this class loader; a cancelled limit leaves its queue at once.
 */
final class Timeouts {

  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, task -> {
    Thread thread = new Thread(task, "quorate-driver-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  static {
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private Timeouts() {}

  /** Runs {@code action} after {@code delay} unless the returned future is cancelled first. */
  static ScheduledFuture<?> after(long delay, TimeUnit unit, Runnable action) {
    return TIMER.schedule(action, delay, unit);
  }
}
