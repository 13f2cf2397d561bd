package io.quorate.sql.types;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * Orders non-null values of one type as PostgreSQL does: numbers numerically (NaN above
 * everything, -0 equal to 0), text by code point (collation "C"), bytea unsigned, false
 * before true, arrays element by element. Values of different numeric classes compare
 * numerically, so callers need not coerce integer against numeric first.
 */
public final class ValueComparator {

  /** Total order over non-null values; nulls are the caller's business. */
  public static final Comparator<Object> INSTANCE = ValueComparator::compare;

  private ValueComparator() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compare(Object left, Object right) {
    if (left instanceof Long a && right instanceof Long b) {
      return Long.compare(a, b);
    }
    if (left instanceof Number a && right instanceof Number b) {
      return compareNumbers(a, b);
    }
    if (left instanceof String a && right instanceof String b) {
      return compareText(a, b);
    }
    if (left instanceof java.util.UUID a && right instanceof java.util.UUID b) {
      int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
      return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }
    if (left instanceof List<?> a && right instanceof List<?> b) {
      return compareArrays(a, b);
    }
    if (left instanceof Comparable a && left.getClass() == right.getClass()) {
      return a.compareTo(right);
    }
    throw new IllegalArgumentException("cannot compare " + left.getClass().getSimpleName() + " with "
        + right.getClass().getSimpleName());
  }

  /** Code-point order, which is also UTF-8 byte order, PostgreSQL's "C" collation. */
  public static int compareText(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean surrogateX = Character.isSurrogate(x);
        boolean surrogateY = Character.isSurrogate(y);
        if (surrogateX != surrogateY) {
          return surrogateX ? 1 : -1; // a surrogate pair encodes a code point above every BMP char
        }
        return Character.compare(x, y);
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int compareNumbers(Number a, Number b) {
    if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      if (x == y) {
        return 0; // -0.0 equals 0.0
      }
      return Double.compare(x, y); // NaN sorts above everything, as in PostgreSQL
    }
    return toBigDecimal(a).compareTo(toBigDecimal(b));
  }

  static BigDecimal toBigDecimal(Number number) {
    return number instanceof BigDecimal decimal ? decimal : BigDecimal.valueOf(number.longValue());
  }

  private static int compareArrays(List<?> a, List<?> b) {
    int length = Math.min(a.size(), b.size());
    for (int i = 0; i < length; i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1; // NULL elements sort last
        }
        continue;
      }
      int order = compare(x, y);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
