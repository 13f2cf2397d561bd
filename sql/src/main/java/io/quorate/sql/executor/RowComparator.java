package io.quorate.sql.executor;

import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.types.ValueComparator;
import java.util.Comparator;
import java.util.List;

/** Orders rows by sort keys with direction and NULL placement; keys are evaluated beforehand. */
final class RowComparator {

  private RowComparator() {}

  /** Compares key arrays produced by {@link #keys}. */
  static Comparator<Object[]> forKeys(List<SortKey> keys) {
    return (a, b) -> {
      for (int i = 0; i < keys.size(); i++) {
        SortKey key = keys.get(i);
        int order = compareNullable(a[i], b[i], key.nullsFirst());
        if (order != 0) {
          return key.descending() && a[i] != null && b[i] != null ? -order : order;
        }
      }
      return 0;
    };
  }

  private static int compareNullable(Object a, Object b, boolean nullsFirst) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == nullsFirst ? -1 : 1;
    }
    return ValueComparator.compare(a, b);
  }

  static Object[] keys(List<SortKey> keys, Object[] row, EvaluationContext context) {
    Object[] values = new Object[keys.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = keys.get(i).expression().evaluate(row, context);
    }
    return values;
  }
}
