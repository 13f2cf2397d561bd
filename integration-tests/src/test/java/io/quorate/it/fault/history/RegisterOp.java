package io.quorate.it.fault.history;

import java.util.Objects;

/**
 * One operation on one register as the linearizability search sees it, with the
 * register's sequential specification: a read must return the current value, a write
 * replaces it, a compare-and-set replaces it only if it holds the expected value.
 *
 * @param pair the recorded invocation and outcome
 * @param kind what the operation does
 * @param value the value read (null: absent), written, or set by a compare-and-set
 * @param expected the value a compare-and-set requires; unused otherwise
 * @param required whether the operation certainly took effect (OK); if not, its outcome
 *     is unknown and it may take effect at any time after its invocation, or never
 */
record RegisterOp(History.Pair pair, Kind kind, Integer value, int expected, boolean required) {

  enum Kind { READ, WRITE, CAS }

  /** Whether the operation may take effect when the register holds {@code register}. */
  boolean accepts(Integer register) {
    return switch (kind) {
      case READ -> Objects.equals(register, value);
      case WRITE -> true;
      case CAS -> register != null && register == expected;
    };
  }

  /** What the register holds after the operation takes effect on {@code register}. */
  Integer apply(Integer register) {
    return kind == Kind.READ ? register : value;
  }

  /** The operation in a few words, without its key: {@code p2 cas 1->3 [#14..#17]}. */
  @Override
  public String toString() {
    String what = switch (kind) {
      case READ -> "read " + value;
      case WRITE -> "write " + value;
      case CAS -> "cas " + expected + "->" + value;
    };
    String end = pair.completion() == null
        ? "no outcome"
        : "#" + pair.completion().index() + (required ? "" : " " + pair.completion().type());
    return "p" + pair.process() + " " + what + " [#" + pair.invoke().index() + ".." + end + "]";
  }
}
