package io.quorate.it.fault.history;

/**
 * The value of a register operation: the register's key and the value written or read.
 *
 * @param value null when a read is invoked, and for a register that was never written
 */
public record KeyValue(int key, Integer value) {

  @Override
  public String toString() {
    return "k" + key + "=" + value;
  }
}
