package io.quorate.it.fault.history;

/** A compare-and-set of register {@code key}: if it holds {@code expected}, set {@code newValue}. */
public record Cas(int key, int expected, int newValue) {

  @Override
  public String toString() {
    return "k" + key + " " + expected + "->" + newValue;
  }
}
