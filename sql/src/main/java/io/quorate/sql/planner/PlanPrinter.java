package io.quorate.sql.planner;

import io.quorate.sql.expression.BoundExpression.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * EXPLAIN's text: one line per node in PostgreSQL's style ({@code Seq Scan on t},
 * {@code Index Scan using t_pkey on t}, {@code Hash Join}, ...) with its conditions
 * indented below. Projections are not shown, as PostgreSQL shows none.
 */
public final class PlanPrinter {

  private PlanPrinter() {}

  public static List<String> print(PlanNode plan) {
    List<String> lines = new ArrayList<>();
    print(plan, 0, lines);
    return lines;
  }

  private static void print(PlanNode node, int depth, List<String> lines) {
    if (node instanceof PlanNode.Project project && !(project.input() instanceof PlanNode.Values)) {
      print(project.input(), depth, lines);
      return;
    }
    String indent = depth == 0 ? "" : "  ".repeat(depth * 3 - 2) + "->  ";
    String detail = "  ".repeat(depth * 3 + 1);
    lines.add(indent + title(node));
    for (String line : details(node)) {
      lines.add(detail + line);
    }
    for (PlanNode input : node.inputs()) {
      print(input, depth + 1, lines);
    }
  }

  private static String title(PlanNode node) {
    return switch (node) {
      case PlanNode.TableScan scan -> scan.range().isAll() && scan.order() == PlanNode.ScanOrder.ANY
          ? "Seq Scan on " + scan.table().name()
          : "Index Scan" + (scan.reverse() ? " Backward" : "") + " using " + scan.index().name() + " on "
              + scan.table().name();
      case PlanNode.Values ignored -> "Values Scan";
      case PlanNode.Filter ignored -> "Filter";
      case PlanNode.Project ignored -> "Result";
      case PlanNode.Join join -> (join.isHashJoin() ? "Hash" : "Nested Loop") + switch (join.kind()) {
        case INNER -> join.isHashJoin() ? " Join" : "";
        case LEFT -> " Left Join";
        case RIGHT -> " Right Join";
        case FULL -> " Full Join";
      };
      case PlanNode.Aggregate aggregate -> aggregate.groupKeys().isEmpty() ? "Aggregate" : "HashAggregate";
      case PlanNode.Window ignored -> "WindowAgg";
      case PlanNode.ProjectSet ignored -> "ProjectSet";
      case PlanNode.Sort sort -> sort.limit() > 0 ? "Sort (top-N " + sort.limit() + ")" : "Sort";
      case PlanNode.Limit ignored -> "Limit";
      case PlanNode.Distinct distinct -> distinct.keyCount() > 0 ? "Unique" : "HashAggregate (distinct)";
      case PlanNode.SetOperation operation -> operation.operator() == io.quorate.sql.ast.QueryBody.SetOperation
          .Operator.UNION ? (operation.all() ? "Append" : "HashAggregate (union)")
          : "HashSetOp " + (operation.operator().name().charAt(0) + operation.operator().name().substring(1)
              .toLowerCase(java.util.Locale.ROOT)) + (operation.all() ? " All" : "");
      case PlanNode.FunctionScan function -> "Function Scan on " + function.name();
      case PlanNode.CteScan cte -> "CTE Scan on " + cte.cte().name();
      case PlanNode.RecursiveUnion ignored -> "Recursive Union";
    };
  }

  private static List<String> details(PlanNode node) {
    List<String> lines = new ArrayList<>();
    List<String> names = node.inputs().isEmpty() ? names(node) : inputNames(node);
    switch (node) {
      case PlanNode.TableScan scan -> {
        if (!scan.range().isAll()) {
          lines.add("Index Cond: " + range(scan, names));
        }
        if (scan.filter() != null) {
          lines.add("Filter: " + ExpressionPrinter.print(scan.filter(), names));
        }
      }
      case PlanNode.Filter filter -> lines.add("Filter: " + ExpressionPrinter.print(filter.condition(), names));
      case PlanNode.Join join -> {
        List<String> left = names(join.left());
        List<String> right = names(join.right());
        for (int i = 0; i < join.leftKeys().size(); i++) {
          lines.add("Hash Cond: (" + ExpressionPrinter.print(join.leftKeys().get(i), left) + " = "
              + ExpressionPrinter.print(join.rightKeys().get(i), right) + ")");
        }
        if (join.condition() != null) {
          lines.add("Join Filter: "
              + ExpressionPrinter.print(join.condition(), names));
        }
      }
      case PlanNode.Aggregate aggregate -> {
        if (!aggregate.groupKeys().isEmpty()) {
          lines.add("Group Key: " + aggregate.groupKeys().stream().map(k -> ExpressionPrinter.print(k, names))
              .collect(Collectors.joining(", ")));
        }
      }
      case PlanNode.Sort sort -> lines.add("Sort Key: " + sortKeys(sort.keys(), names));
      default -> {
        // no details
      }
    }
    return lines;
  }

  private static String sortKeys(List<SortKey> keys, List<String> names) {
    return keys.stream().map(k -> ExpressionPrinter.print(k.expression(), names) + (k.descending() ? " DESC" : "")
        + (k.nullsFirst() != k.descending() ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : ""))
        .collect(Collectors.joining(", "));
  }

  private static String range(PlanNode.TableScan scan, List<String> names) {
    List<String> parts = new ArrayList<>();
    KeyRange range = scan.range();
    for (int i = 0; i < range.equal().size(); i++) {
      parts.add("(" + column(scan, i) + " = " + ExpressionPrinter.print(range.equal().get(i), names) + ")");
    }
    int next = range.equal().size();
    if (range.lower() != null) {
      parts.add("(" + column(scan, next) + (range.lowerInclusive() ? " >= " : " > ")
          + ExpressionPrinter.print(range.lower(), names) + ")");
    }
    if (range.upper() != null) {
      parts.add("(" + column(scan, next) + (range.upperInclusive() ? " <= " : " < ")
          + ExpressionPrinter.print(range.upper(), names) + ")");
    }
    return String.join(" AND ", parts);
  }

  private static String column(PlanNode.TableScan scan, int position) {
    return scan.table().columns().get(scan.index().columns().get(position)).name();
  }

  private static List<String> names(PlanNode node) {
    return node.columns().stream().map(c -> c.table() == null ? c.name() : c.table() + "." + c.name()).toList();
  }

  /** The names of the row a node's expressions see: its input's columns (left then right for joins). */
  private static List<String> inputNames(PlanNode node) {
    List<String> names = new ArrayList<>();
    if (node instanceof PlanNode.Join join) {
      names.addAll(names(join.left()));
      names.addAll(names(join.right()));
      return names;
    }
    return names(node.inputs().get(0));
  }

}
