package io.quorate.sql.slt;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wraps a database so no statement runs past a deadline: the runner only checks its time
 * limit between records, and one slow query (an eight-way join on a naive engine) must
 * not hold the file forever. Statements run one at a time on a single worker thread, so
 * the engine still sees one thread per file; a statement still running at the deadline is
 * interrupted and reported as an {@link IllegalStateException}, which the runner counts as
 * a failed record.
 */
final class TimeLimitedDatabase implements SltDatabase {

  private final SltDatabase delegate;
  private final long deadlineNanos;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "slt-statement");
    thread.setDaemon(true);
    return thread;
  });

  TimeLimitedDatabase(SltDatabase delegate, long deadlineNanos) {
    this.delegate = delegate;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public SltConnection connect() {
    SltConnection connection = delegate.connect();
    return new SltConnection() {
      @Override
      public SltResult execute(String sql) throws SltError {
        return withinDeadline(sql, connection);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  private SltResult withinDeadline(String sql, SltConnection connection) throws SltError {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      throw new IllegalStateException("time limit reached before the statement started");
    }
    Future<SltResult> result = worker.submit(() -> connection.execute(sql));
    try {
      return result.get(remaining, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new IllegalStateException("statement still running when the time limit was reached");
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a statement", e);
    }
  }

  private static SltError rethrown(Throwable cause) {
    if (cause instanceof SltError error) {
      return error;
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    throw new IllegalStateException(cause);
  }

  @Override
  public void restart() {
    delegate.restart();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    delegate.close();
  }
}
