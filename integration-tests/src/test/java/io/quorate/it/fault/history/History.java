package io.quorate.it.fault.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A thread-safe recorder of the operations that client processes run against a system
 * under test, for checkers to judge afterwards.
 *
 * <p>Each process (an int chosen by the harness) has at most one operation in flight:
 * {@link #invoke} starts it, and exactly one of {@link #ok}, {@link #fail} or {@link #info}
 * ends it. Breaking that protocol is a harness bug and throws {@link IllegalStateException}.
 * Every event gets the next index under one lock, so index order is recording order; a
 * harness must therefore record an invocation before sending the operation and its
 * outcome after the reply arrives, so that the indices bound the real interval.
 */
public final class History {

  private final List<Op> ops = new ArrayList<>();
  private final Map<Integer, Op> pendingByProcess = new HashMap<>();

  /** Records that {@code process} sends operation {@code f} with argument {@code value}. */
  public synchronized Op invoke(int process, String f, Object value) {
    Op pending = pendingByProcess.get(process);
    if (pending != null) {
      throw new IllegalStateException(
          "process " + process + " invokes " + f + " while " + pending + " is in flight");
    }
    Op op = record(process, Op.Type.INVOKE, f, value);
    pendingByProcess.put(process, op);
    return op;
  }

  /** Records that the process's pending operation took effect, with result {@code value}. */
  public Op ok(int process, Object value) {
    return complete(process, Op.Type.OK, value);
  }

  /** Records that the process's pending operation definitely did not take effect. */
  public Op fail(int process, Object value) {
    return complete(process, Op.Type.FAIL, value);
  }

  /**
   * Records that the outcome of the process's pending operation is unknown: it may take
   * effect at any time after its invocation, or never. The process may invoke again.
   */
  public Op info(int process, Object value) {
    return complete(process, Op.Type.INFO, value);
  }

  /** A copy of every event so far, in index order. */
  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /**
   * Every invocation so far with its outcome, in invocation order. An invocation still in
   * flight has a null completion, which checkers treat as {@link Op.Type#INFO}.
   */
  public synchronized List<Pair> pairs() {
    List<Pair> pairs = new ArrayList<>();
    Map<Integer, Integer> openPairByProcess = new HashMap<>();
    for (Op op : ops) {
      if (op.type() == Op.Type.INVOKE) {
        openPairByProcess.put(op.process(), pairs.size());
        pairs.add(new Pair(op, null));
      } else {
        int position = openPairByProcess.remove(op.process());
        pairs.set(position, new Pair(pairs.get(position).invoke(), op));
      }
    }
    return pairs;
  }

  /**
   * Writes one line per event (index, milliseconds since the first event, process, type,
   * f, value) to {@code file}, creating its parent directories; meant as the artifact of
   * a failing run.
   *
   * @throws UncheckedIOException if the file cannot be written
   */
  public void writeTo(Path file) {
    List<Op> snapshot = ops();
    long startNanos = snapshot.isEmpty() ? 0 : snapshot.get(0).timeNanos();
    List<String> lines = new ArrayList<>(snapshot.size());
    for (Op op : snapshot) {
      lines.add(String.format("%6d %12.3f ms  p%-3d %-6s %-9s %s",
          op.index(), (op.timeNanos() - startNanos) / 1e6, op.process(), op.type(), op.f(),
          op.value()));
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the history to " + file, e);
    }
  }

  private synchronized Op complete(int process, Op.Type type, Object value) {
    Op pending = pendingByProcess.remove(process);
    if (pending == null) {
      throw new IllegalStateException(
          "process " + process + " completes (" + type + ") with no operation in flight");
    }
    return record(process, type, pending.f(), value);
  }

  private Op record(int process, Op.Type type, String f, Object value) {
    Op op = new Op(ops.size(), process, type, f, value, System.nanoTime());
    ops.add(op);
    return op;
  }

  /**
   * An invocation and its outcome.
   *
   * @param invoke the {@link Op.Type#INVOKE} event
   * @param completion the outcome, or null if none was recorded (outcome unknown)
   */
  public record Pair(Op invoke, Op completion) {

    private static final int MAX_VALUE_CHARS = 60;

    public Pair {
      Objects.requireNonNull(invoke, "invoke");
    }

    /** The operation took effect. */
    public boolean isOk() {
      return completion != null && completion.type() == Op.Type.OK;
    }

    /** The operation definitely did not take effect. */
    public boolean isFail() {
      return completion != null && completion.type() == Op.Type.FAIL;
    }

    /** The operation may or may not have taken effect: INFO, or no outcome recorded. */
    public boolean isUnknown() {
      return completion == null || completion.type() == Op.Type.INFO;
    }

    public int process() {
      return invoke.process();
    }

    public String f() {
      return invoke.f();
    }

    /** The invocation's argument. */
    public Object argument() {
      return invoke.value();
    }

    /** The completion's value, or null if there is no completion. */
    public Object result() {
      return completion == null ? null : completion.value();
    }

    /**
     * The pair as a short phrase for anomaly messages, long values cut:
     * {@code p3 add 7 -> OK [#12..#15]}.
     */
    @Override
    public String toString() {
      StringBuilder text = new StringBuilder()
          .append('p').append(process()).append(' ').append(f());
      if (argument() != null) {
        text.append(' ').append(shorten(argument()));
      }
      if (completion == null) {
        return text.append(" -> no outcome [#").append(invoke.index()).append("..]").toString();
      }
      text.append(" -> ").append(completion.type());
      if (result() != null && !result().equals(argument())) {
        text.append(' ').append(shorten(result()));
      }
      return text.append(" [#").append(invoke.index()).append("..#")
          .append(completion.index()).append(']').toString();
    }

    private static String shorten(Object value) {
      String text = String.valueOf(value);
      return text.length() <= MAX_VALUE_CHARS
          ? text
          : text.substring(0, MAX_VALUE_CHARS) + "...(" + text.length() + " chars)";
    }
  }
}
