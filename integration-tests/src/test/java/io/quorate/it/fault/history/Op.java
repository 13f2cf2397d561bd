package io.quorate.it.fault.history;

import java.util.Objects;

/**
 * One event of a {@link History}: a client process invoking an operation, or that
 * operation's outcome.
 *
 * @param index the event's position in its history; index order is the order in which
 *     events were recorded, and checkers take it as real-time order
 * @param process the client process (one operation in flight at a time)
 * @param type whether this is the invocation or which kind of outcome
 * @param f the operation's name, such as {@code "add"} or {@code "read"}; an outcome
 *     carries its invocation's name
 * @param value the operation's argument (invocation) or result (outcome); may be null
 * @param timeNanos {@link System#nanoTime()} when the event was recorded, for people
 *     reading the history; checkers order by {@code index}
 */
public record Op(int index, int process, Type type, String f, Object value, long timeNanos) {

  /** What an event says about its operation. */
  public enum Type {
    /** The operation was sent. */
    INVOKE,
    /** The operation took effect. */
    OK,
    /** The operation definitely did not take effect. */
    FAIL,
    /**
     * The outcome is unknown (for example, the connection was lost during commit): the
     * operation may take effect at any time after its invocation, or never.
     */
    INFO
  }

  public Op {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
  }

  /** The event as one line: {@code #12 p3 OK add 7}. */
  @Override
  public String toString() {
    return "#" + index + " p" + process + " " + type + " " + f + " " + value;
  }
}
