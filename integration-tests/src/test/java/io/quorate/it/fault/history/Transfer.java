package io.quorate.it.fault.history;

/** Moves {@code amount} from account {@code from} to account {@code to}. */
public record Transfer(int from, int to, long amount) {

  @Override
  public String toString() {
    return amount + " from " + from + " to " + to;
  }
}
