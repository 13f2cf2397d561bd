package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.planner.PlanNode.JoinKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Reorders a tree of three or more inner joins so that each table joins one it shares
 * an equality with, smallest estimated input first: FROM a, b, c WHERE a.x = c.x AND
 * c.y = b.y runs as (a join c) join b instead of starting with a cross product. A
 * projection restores the original column order, so nothing above changes.
 */
final class JoinOrder {

  private static final long UNKNOWN_TABLE_ROWS = 1000;

  private JoinOrder() {}

  /** Top-down, so a whole tree of inner joins is reordered at once from its root. */
  static PlanNode apply(PlanNode node) {
    PlanNode reordered = rewrite(node);
    if (reordered != node) {
      return reordered;
    }
    List<PlanNode> inputs = node.inputs();
    if (inputs.isEmpty()) {
      return node;
    }
    return Plans.withInputs(node, inputs.stream().map(JoinOrder::apply).toList());
  }

  private record Leaf(PlanNode plan, int offset, long estimatedRows) {}

  private static PlanNode rewrite(PlanNode node) {
    PlanNode input = node instanceof PlanNode.Filter filter ? filter.input() : node;
    if (!(input instanceof PlanNode.Join root) || root.kind() != JoinKind.INNER || root.isHashJoin()) {
      return node;
    }
    List<Leaf> leaves = new ArrayList<>();
    List<BoundExpression> conjuncts = new ArrayList<>();
    if (!flatten(root, 0, leaves, conjuncts) || leaves.size() < 3) {
      return node;
    }
    if (node instanceof PlanNode.Filter filter) {
      conjuncts.addAll(Conjuncts.split(filter.condition()));
    }
    List<BoundExpression> movable = new ArrayList<>();
    List<BoundExpression> fixed = new ArrayList<>();
    for (BoundExpression conjunct : conjuncts) {
      int[] range = Conjuncts.columnRange(conjunct);
      (range != null && range.length == 1 ? fixed : movable).add(conjunct);
    }
    List<Leaf> order = greedyOrder(leaves, movable);
    int width = root.columns().size();
    int[] newIndex = new int[width];
    PlanNode tree = null;
    int position = 0;
    for (Leaf leaf : order) {
      int leafWidth = leaf.plan().columns().size();
      for (int i = 0; i < leafWidth; i++) {
        newIndex[leaf.offset() + i] = position + i;
      }
      position += leafWidth;
      tree = tree == null ? leaf.plan() : PlanNode.Join.of(JoinKind.INNER, tree, leaf.plan(), null);
    }
    List<BoundExpression> remapped = new ArrayList<>();
    for (BoundExpression conjunct : movable) {
      remapped.add(remap(conjunct, newIndex));
    }
    PlanNode joined = PredicatePushdown.push(tree, remapped);
    List<BoundExpression> restore = new ArrayList<>();
    List<PlanColumn> columns = root.columns();
    for (int i = 0; i < width; i++) {
      restore.add(new BoundExpression.Column(newIndex[i], columns.get(i).type(), columns.get(i).name()));
    }
    PlanNode result = new PlanNode.Project(joined, List.copyOf(restore), columns);
    return fixed.isEmpty() ? result : new PlanNode.Filter(result, Conjuncts.join(fixed));
  }

  /**
   * Collects the leaves of nested inner joins and their conditions, in the root's column
   * layout. False when a condition cannot be moved there: a correlated subquery reads
   * the row of the join it was written on, whose layout only matches at offset 0.
   */
  private static boolean flatten(PlanNode node, int offset, List<Leaf> leaves, List<BoundExpression> conjuncts) {
    if (node instanceof PlanNode.Join join && join.kind() == JoinKind.INNER && !join.isHashJoin()) {
      boolean movable = flatten(join.left(), offset, leaves, conjuncts)
          && flatten(join.right(), offset + join.left().columns().size(), leaves, conjuncts);
      for (BoundExpression conjunct : Conjuncts.split(join.condition())) {
        int[] range = Conjuncts.columnRange(conjunct);
        movable &= offset == 0 || range == null || range.length != 1;
        conjuncts.add(Conjuncts.shift(conjunct, offset));
      }
      return movable;
    }
    PlanNode leaf = apply(node);
    leaves.add(new Leaf(leaf, offset, estimate(leaf)));
    return true;
  }

  private static long estimate(PlanNode node) {
    return switch (node) {
      case PlanNode.Values values -> values.rows().size();
      case PlanNode.TableScan scan -> scan.filter() != null || !scan.range().isAll() ? UNKNOWN_TABLE_ROWS / 10
          : UNKNOWN_TABLE_ROWS;
      case PlanNode.Filter filter -> Math.max(1, estimate(filter.input()) / 10);
      default -> UNKNOWN_TABLE_ROWS;
    };
  }

  /** Starts from the smallest leaf; then always the smallest leaf connected to those placed, else the smallest. */
  private static List<Leaf> greedyOrder(List<Leaf> leaves, List<BoundExpression> conjuncts) {
    List<Leaf> remaining = new ArrayList<>(leaves);
    List<Leaf> order = new ArrayList<>();
    while (!remaining.isEmpty()) {
      Leaf best = null;
      boolean bestConnected = false;
      for (Leaf leaf : remaining) {
        boolean connected = !order.isEmpty() && connects(leaf, order, conjuncts);
        if (best == null || (connected && !bestConnected)
            || (connected == bestConnected && leaf.estimatedRows() < best.estimatedRows())) {
          best = leaf;
          bestConnected = connected;
        }
      }
      order.add(best);
      remaining.remove(best);
    }
    return order;
  }

  /** True if some equality joins {@code leaf} with leaves already placed and nothing else. */
  private static boolean connects(Leaf leaf, List<Leaf> placed, List<BoundExpression> conjuncts) {
    for (BoundExpression conjunct : conjuncts) {
      if (!(conjunct instanceof BoundExpression.Comparison comparison) || !comparison.operator().equals("=")) {
        continue;
      }
      boolean touchesLeaf = false;
      boolean touchesPlaced = false;
      boolean onlyKnown = true;
      for (int column : columnsOf(conjunct)) {
        if (inside(leaf, column)) {
          touchesLeaf = true;
        } else if (placed.stream().anyMatch(p -> inside(p, column))) {
          touchesPlaced = true;
        } else {
          onlyKnown = false;
        }
      }
      if (touchesLeaf && touchesPlaced && onlyKnown) {
        return true;
      }
    }
    return false;
  }

  private static boolean inside(Leaf leaf, int column) {
    return column >= leaf.offset() && column < leaf.offset() + leaf.plan().columns().size();
  }

  private static List<Integer> columnsOf(BoundExpression expression) {
    List<Integer> columns = new ArrayList<>();
    expression.visit(e -> {
      if (e instanceof BoundExpression.Column column) {
        columns.add(column.index());
      }
    });
    return columns;
  }

  private static BoundExpression remap(BoundExpression expression, int[] newIndex) {
    return expression.transform(e -> e instanceof BoundExpression.Column c
        ? new BoundExpression.Column(newIndex[c.index()], c.type(), c.name()) : e);
  }
}
