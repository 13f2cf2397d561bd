package io.quorate.sql.optimizer;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.SortKey;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Generic plan-tree rewriting: rebuild a node with new inputs, or with its expressions mapped. */
final class Plans {

  private Plans() {}

  /** Rewrites bottom-up: inputs first, then {@code rewrite} on the rebuilt node. */
  static PlanNode transform(PlanNode node, UnaryOperator<PlanNode> rewrite) {
    List<PlanNode> inputs = node.inputs();
    PlanNode rebuilt = node;
    if (!inputs.isEmpty()) {
      List<PlanNode> next = new ArrayList<>();
      boolean changed = false;
      for (PlanNode input : inputs) {
        PlanNode transformed = transform(input, rewrite);
        changed |= transformed != input;
        next.add(transformed);
      }
      if (changed) {
        rebuilt = withInputs(node, next);
      }
    }
    return rewrite.apply(rebuilt);
  }

  static PlanNode withInputs(PlanNode node, List<PlanNode> inputs) {
    return switch (node) {
      case PlanNode.Filter filter -> new PlanNode.Filter(inputs.get(0), filter.condition());
      case PlanNode.Project project -> new PlanNode.Project(inputs.get(0), project.expressions(), project.columns());
      case PlanNode.Join join -> new PlanNode.Join(join.kind(), inputs.get(0), inputs.get(1), join.leftKeys(),
          join.rightKeys(), join.condition(), join.columns());
      case PlanNode.Aggregate aggregate -> new PlanNode.Aggregate(inputs.get(0), aggregate.groupKeys(),
          aggregate.aggregates(), aggregate.columns());
      case PlanNode.Window window -> new PlanNode.Window(inputs.get(0), window.functions(), window.columns());
      case PlanNode.ProjectSet set -> new PlanNode.ProjectSet(inputs.get(0), set.functions(), set.columns());
      case PlanNode.Sort sort -> new PlanNode.Sort(inputs.get(0), sort.keys(), sort.limit());
      case PlanNode.Limit limit -> new PlanNode.Limit(inputs.get(0), limit.limit(), limit.offset());
      case PlanNode.Distinct distinct -> new PlanNode.Distinct(inputs.get(0), distinct.keyCount());
      case PlanNode.SetOperation operation -> new PlanNode.SetOperation(operation.operator(), operation.all(),
          inputs.get(0), inputs.get(1), operation.columns());
      case PlanNode.RecursiveUnion union -> new PlanNode.RecursiveUnion(inputs.get(0), inputs.get(1),
          union.workTable(), union.all(), union.columns());
      default -> node;
    };
  }

  /** The node with {@code map} applied to each of its own expressions (not its inputs'). */
  static PlanNode mapExpressions(PlanNode node, UnaryOperator<BoundExpression> map) {
    return switch (node) {
      case PlanNode.TableScan scan -> scan.withFilter(scan.filter() == null ? null : map.apply(scan.filter()));
      case PlanNode.Values values -> new PlanNode.Values(values.rows().stream()
          .map(row -> row.stream().map(map).toList()).toList(), values.columns());
      case PlanNode.Filter filter -> new PlanNode.Filter(filter.input(), map.apply(filter.condition()));
      case PlanNode.Project project -> new PlanNode.Project(project.input(),
          project.expressions().stream().map(map).toList(), project.columns());
      case PlanNode.Join join -> new PlanNode.Join(join.kind(), join.left(), join.right(),
          join.leftKeys().stream().map(map).toList(), join.rightKeys().stream().map(map).toList(),
          join.condition() == null ? null : map.apply(join.condition()), join.columns());
      case PlanNode.Sort sort -> new PlanNode.Sort(sort.input(), sort.keys().stream()
          .map(k -> new SortKey(map.apply(k.expression()), k.descending(), k.nullsFirst())).toList(), sort.limit());
      case PlanNode.FunctionScan function -> new PlanNode.FunctionScan(function.name(),
          function.arguments().stream().map(map).toList(), function.valueType(), function.ordinality(),
          function.columns());
      case PlanNode.Limit limit -> new PlanNode.Limit(limit.input(),
          limit.limit() == null ? null : map.apply(limit.limit()),
          limit.offset() == null ? null : map.apply(limit.offset()));
      default -> node;
    };
  }
}
