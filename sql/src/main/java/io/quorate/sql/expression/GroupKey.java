package io.quorate.sql.expression;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Values made into a hash key that is equal exactly when the SQL values are equal:
 * numerics ignore scale (1.0 = 1.00), -0.0 equals 0.0. Callers bring a column's values
 * to one type first. Used by GROUP BY, DISTINCT, hash joins and set operations.
 */
public final class GroupKey {

  private GroupKey() {}

  public static List<Object> of(Object[] values) {
    List<Object> key = new ArrayList<>(values.length);
    for (Object value : values) {
      key.add(normalize(value));
    }
    return Collections.unmodifiableList(key);
  }

  /** One value in its hash-key form. */
  public static Object normalize(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
    }
    if (value instanceof Double d) {
      return d == 0 ? 0.0 : d;
    }
    if (value instanceof Float f) {
      return f == 0 ? 0.0 : (double) f;
    }
    return value;
  }
}
