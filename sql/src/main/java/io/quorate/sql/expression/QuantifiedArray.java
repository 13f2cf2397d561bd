package io.quorate.sql.expression;

import io.quorate.sql.types.ValueComparator;
import java.util.List;

/** {@code value op ANY/ALL (array)} with SQL's NULL rules. */
public final class QuantifiedArray {

  private QuantifiedArray() {}

  public static Boolean test(Object value, List<?> array, String operator, boolean all) {
    if (array == null) {
      return null;
    }
    if (array.isEmpty()) {
      return all;
    }
    if (value == null) {
      return null;
    }
    boolean sawNull = false;
    for (Object item : array) {
      if (item == null) {
        sawNull = true;
        continue;
      }
      boolean matches = BoundExpression.Comparison.test(operator, ValueComparator.compare(value, item));
      if (matches && !all) {
        return true;
      }
      if (!matches && all) {
        return false;
      }
    }
    return sawNull ? null : all;
  }
}
