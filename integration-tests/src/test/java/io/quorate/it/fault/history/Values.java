package io.quorate.it.fault.history;

/** Typed access to operation values; a value of the wrong type is a harness bug. */
final class Values {

  private Values() {}

  /**
   * {@code value} as a {@code type}.
   *
   * @throws IllegalArgumentException if it is null or of another type
   */
  static <T> T required(Class<T> type, Object value, History.Pair pair) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "expected a " + type.getSimpleName() + " but found "
              + (value == null ? "null" : value.getClass().getSimpleName() + " " + value)
              + " in " + pair);
    }
    return type.cast(value);
  }
}
