package io.quorate.sql.optimizer;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.KeyRange;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks how a table scan reads: for each of the table's indexes (primary key first),
 * the filter's conjuncts {@code column = value} on its leading columns and one range
 * ({@code <, <=, >, >=}) on the next make a key range; the index with the most equal
 * columns (then one with a range) wins, and the conjuncts it uses leave the filter.
 * A value is anything not reading the scanned row: constants, parameters, outer
 * columns of a correlated subquery.
 */
final class AccessPath {

  private AccessPath() {}

  static PlanNode apply(PlanNode plan) {
    return Plans.transform(plan, node -> node instanceof PlanNode.TableScan scan && scan.filter() != null
        && scan.range().isAll() ? choose(scan) : node);
  }

  private record Candidate(IndexInfo index, KeyRange range, List<BoundExpression> used, int score) {}

  private static PlanNode choose(PlanNode.TableScan scan) {
    List<BoundExpression> conjuncts = Conjuncts.split(scan.filter());
    TableInfo table = scan.table();
    Candidate best = null;
    for (IndexInfo index : table.allIndexes()) {
      Candidate candidate = candidate(index, conjuncts);
      if (candidate != null && (best == null || candidate.score() > best.score())) {
        best = candidate;
      }
    }
    if (best == null) {
      return scan;
    }
    List<BoundExpression> remaining = new ArrayList<>(conjuncts);
    remaining.removeAll(best.used());
    return scan.withAccess(best.index(), best.range(), Conjuncts.join(remaining));
  }

  private static Candidate candidate(IndexInfo index, List<BoundExpression> conjuncts) {
    List<BoundExpression> equal = new ArrayList<>();
    List<BoundExpression> used = new ArrayList<>();
    int position = 0;
    for (; position < index.columns().size(); position++) {
      BoundExpression[] match = find(conjuncts, index.columns().get(position), "=");
      if (match == null) {
        break;
      }
      equal.add(match[0]);
      used.add(match[1]);
    }
    BoundExpression lower = null;
    BoundExpression upper = null;
    boolean lowerInclusive = false;
    boolean upperInclusive = false;
    if (position < index.columns().size()) {
      int column = index.columns().get(position);
      for (String operator : new String[] {">=", ">"}) {
        BoundExpression[] match = find(conjuncts, column, operator);
        if (match != null && lower == null) {
          lower = match[0];
          lowerInclusive = operator.equals(">=");
          used.add(match[1]);
        }
      }
      for (String operator : new String[] {"<=", "<"}) {
        BoundExpression[] match = find(conjuncts, column, operator);
        if (match != null && upper == null) {
          upper = match[0];
          upperInclusive = operator.equals("<=");
          used.add(match[1]);
        }
      }
    }
    int score = equal.size() * 4 + (lower != null ? 1 : 0) + (upper != null ? 1 : 0)
        + (equal.size() == index.columns().size() && index.unique() ? 2 : 0);
    if (score == 0) {
      return null;
    }
    return new Candidate(index, new KeyRange(List.copyOf(equal), lower, lowerInclusive, upper, upperInclusive),
        used, score);
  }

  /** {value, conjunct} for a conjunct "column op value" (either way round), or null. */
  private static BoundExpression[] find(List<BoundExpression> conjuncts, int column, String operator) {
    for (BoundExpression conjunct : conjuncts) {
      if (!(conjunct instanceof BoundExpression.Comparison comparison)) {
        continue;
      }
      if (isColumn(comparison.left(), column) && comparison.operator().equals(operator)
          && Conjuncts.isRowIndependent(comparison.right())) {
        return new BoundExpression[] {comparison.right(), conjunct};
      }
      if (isColumn(comparison.right(), column) && comparison.operator().equals(mirror(operator))
          && Conjuncts.isRowIndependent(comparison.left())) {
        return new BoundExpression[] {comparison.left(), conjunct};
      }
    }
    return null;
  }

  private static boolean isColumn(BoundExpression expression, int column) {
    return expression instanceof BoundExpression.Column c && c.index() == column;
  }

  private static String mirror(String operator) {
    return switch (operator) {
      case ">" -> "<";
      case ">=" -> "<=";
      case "<" -> ">";
      case "<=" -> ">=";
      default -> operator;
    };
  }
}
