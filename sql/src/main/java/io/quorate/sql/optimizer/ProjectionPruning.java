package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.expression.ColumnsUsed;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells each table scan which columns the rest of the plan reads, so it decodes only
 * those (the others stay NULL in the row; the layout does not change). Walks down from
 * the root, which needs all its columns, collecting per node the input columns that
 * its expressions and its own needed outputs use. Nodes whose semantics depend on
 * whole rows (DISTINCT, set operations, recursive unions) need every input column, and
 * so does any expression holding a correlated subquery, whose outer references were
 * bound against the whole row.
 */
final class ProjectionPruning {

  private ProjectionPruning() {}

  static PlanNode apply(PlanNode plan) {
    return prune(plan, all(plan));
  }

  private static PlanNode prune(PlanNode node, BitSet needed) {
    return switch (node) {
      case PlanNode.TableScan scan -> pruneScan(scan, needed);
      case PlanNode.Project project -> withInput(node, prune(project.input(),
          uses(project.expressions(), project.input())));
      case PlanNode.Filter filter -> withInput(node, prune(filter.input(),
          union(needed, uses(List.of(filter.condition()), filter.input()))));
      case PlanNode.Sort sort -> withInput(node, prune(sort.input(),
          union(needed, uses(sort.keys().stream().map(SortKey::expression).toList(), sort.input()))));
      case PlanNode.Limit limit -> withInput(node, prune(limit.input(), needed));
      case PlanNode.Distinct distinct -> withInput(node, prune(distinct.input(),
          distinct.keyCount() > 0 ? union(needed, first(distinct.keyCount())) : all(distinct.input())));
      case PlanNode.Aggregate aggregate -> {
        List<BoundExpression> used = new ArrayList<>(aggregate.groupKeys());
        used.addAll(aggregate.aggregates());
        yield withInput(node, prune(aggregate.input(), uses(used, aggregate.input())));
      }
      case PlanNode.Window window -> withInput(node, prune(window.input(),
          union(inputPart(needed, window.input()), uses(List.copyOf(window.functions()), window.input()))));
      case PlanNode.ProjectSet set -> withInput(node, prune(set.input(),
          union(inputPart(needed, set.input()), uses(List.copyOf(set.functions()), set.input()))));
      case PlanNode.Join join -> pruneJoin(join, needed);
      default -> pruneAllInputs(node);
    };
  }

  private static PlanNode pruneScan(PlanNode.TableScan scan, BitSet needed) {
    BitSet read = scan.filter() == null ? needed : union(needed, uses(List.of(scan.filter()), scan));
    int width = scan.table().columns().size();
    Set<Integer> decoded = new HashSet<>();
    for (int column = read.nextSetBit(0); column >= 0 && column < width; column = read.nextSetBit(column + 1)) {
      decoded.add(column);
    }
    return decoded.size() == width ? scan : scan.withDecodedColumns(decoded);
  }

  private static PlanNode pruneJoin(PlanNode.Join join, BitSet needed) {
    int leftWidth = join.left().columns().size();
    int width = leftWidth + join.right().columns().size();
    BitSet joined = join.condition() == null ? needed
        : union(needed, ColumnsUsed.of(List.of(join.condition()), width));
    BitSet left = union(joined.get(0, leftWidth), uses(join.leftKeys(), join.left()));
    BitSet right = union(joined.get(leftWidth, width), uses(join.rightKeys(), join.right()));
    return Plans.withInputs(join, List.of(prune(join.left(), left), prune(join.right(), right)));
  }

  private static PlanNode pruneAllInputs(PlanNode node) {
    List<PlanNode> inputs = new ArrayList<>();
    for (PlanNode input : node.inputs()) {
      inputs.add(prune(input, all(input)));
    }
    return inputs.isEmpty() ? node : Plans.withInputs(node, inputs);
  }

  private static PlanNode withInput(PlanNode node, PlanNode input) {
    return Plans.withInputs(node, List.of(input));
  }

  private static BitSet uses(List<BoundExpression> expressions, PlanNode input) {
    return ColumnsUsed.of(expressions, input.columns().size());
  }

  /** The needed columns that belong to {@code input} (nodes that append computed columns to their input row). */
  private static BitSet inputPart(BitSet needed, PlanNode input) {
    return needed.get(0, input.columns().size());
  }

  private static BitSet all(PlanNode node) {
    return first(node.columns().size());
  }

  private static BitSet first(int count) {
    BitSet columns = new BitSet();
    columns.set(0, count);
    return columns;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet result = (BitSet) a.clone();
    result.or(b);
    return result;
  }
}
