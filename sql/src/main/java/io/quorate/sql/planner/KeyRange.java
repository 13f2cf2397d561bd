package io.quorate.sql.planner;

import io.quorate.sql.expression.BoundExpression;
import java.util.List;

/**
 * Bounds on an index scan: equality on the first {@code equal.size()} key columns, then
 * optionally a lower and an upper bound on the next one. Values are expressions
 * evaluated when the scan opens (parameters, constants, outer columns).
 */
public record KeyRange(List<BoundExpression> equal, BoundExpression lower, boolean lowerInclusive,
    BoundExpression upper, boolean upperInclusive) {

  public static final KeyRange ALL = new KeyRange(List.of(), null, false, null, false);

  public boolean isAll() {
    return equal.isEmpty() && lower == null && upper == null;
  }
}
