package io.quorate.it.fault.history;

/**
 * Judges whether a recorded history is one the system's consistency model allows.
 *
 * <p>A checker reads the history once and does not modify it. Values of the wrong type
 * for an operation it checks are a harness bug and throw {@link IllegalArgumentException};
 * operations with names it does not check are ignored, so a history may also hold, say,
 * the fault schedule's events.
 */
public interface Checker {

  CheckResult check(History history);
}
