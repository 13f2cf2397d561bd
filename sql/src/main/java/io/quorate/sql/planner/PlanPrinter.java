package io.quorate.sql.planner;

import io.quorate.sql.expression.BoundExpression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EXPLAIN's text: one line per node in PostgreSQL's style ({@code Seq Scan on t},
 * {@code Index Scan using t_pkey on t}, {@code Hash Join}, ...) with its conditions
 * indented below. Projections are not shown, as PostgreSQL shows none; an expression
 * reading a projection's or an aggregate's output is shown as what that column computes,
 * as PostgreSQL deparses it. The WITH queries the plan reads are shown under its first
 * node ({@code CTE name}), each once, as PostgreSQL shows materialised ones.
 */
public final class PlanPrinter {

  private final List<String> lines = new ArrayList<>();
  private final Set<CommonTableResult> printedCommonTables = new HashSet<>();
  /** PostgreSQL qualifies sort and group keys only when the statement reads more than one relation. */
  private final boolean qualifyKeys;

  private PlanPrinter(boolean qualifyKeys) {
    this.qualifyKeys = qualifyKeys;
  }

  public static List<String> print(PlanNode plan) {
    PlanPrinter printer = new PlanPrinter(relationCount(plan, new HashSet<>()) > 1);
    printer.print(plan, null, true);
    return printer.lines;
  }

  /**
   * Prints {@code node} and its inputs. {@code prefix} is the indentation before the
   * node's arrow, null for the plan's first node (no arrow); {@code first} says whether
   * the WITH queries the subtree reads are to be shown under this node.
   */
  private void print(PlanNode node, String prefix, boolean first) {
    if (node instanceof PlanNode.Project project && !(project.input() instanceof PlanNode.Values)) {
      print(project.input(), prefix, first);
      return;
    }
    lines.add(prefix == null ? title(node) : prefix + "->  " + title(node));
    String detail = prefix == null ? "  " : prefix + "      ";
    for (String line : details(node)) {
      lines.add(detail + line);
    }
    if (first) {
      printCommonTables(node, detail);
    }
    for (PlanNode input : node.inputs()) {
      print(input, detail, false);
    }
  }

  /** The not yet printed WITH queries read under {@code node}: {@code CTE name}, then the query's plan. */
  private void printCommonTables(PlanNode node, String indent) {
    List<CommonTableResult> read = new ArrayList<>();
    commonTablesRead(node, read);
    for (CommonTableResult table : read) {
      if (printedCommonTables.add(table)) {
        lines.add(indent + "CTE " + table.name());
        print(table.plan(), indent + "  ", true);
      }
    }
  }

  /** The WITH queries (not work tables) that CTE scans in {@code node}'s tree read, in plan order. */
  private static void commonTablesRead(PlanNode node, List<CommonTableResult> read) {
    if (node instanceof PlanNode.CteScan scan && scan.cte().plan() != null && !read.contains(scan.cte())) {
      read.add(scan.cte());
    }
    for (PlanNode input : node.inputs()) {
      commonTablesRead(input, read);
    }
  }

  /** The relations (tables, WITH queries, functions, VALUES) the plan and the WITH queries it reads scan. */
  private static int relationCount(PlanNode node, Set<CommonTableResult> counted) {
    int count = switch (node) {
      case PlanNode.TableScan ignored -> 1;
      case PlanNode.FunctionScan ignored -> 1;
      case PlanNode.Values ignored -> 1;
      case PlanNode.CteScan scan -> 1 + (scan.cte().plan() != null && counted.add(scan.cte())
          ? relationCount(scan.cte().plan(), counted) : 0);
      default -> 0;
    };
    for (PlanNode input : node.inputs()) {
      count += relationCount(input, counted);
    }
    return count;
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
      case PlanNode.CteScan cte -> (cte.cte().plan() == null ? "WorkTable Scan on " : "CTE Scan on ")
          + cte.cte().name();
      case PlanNode.RecursiveUnion ignored -> "Recursive Union";
    };
  }

  private List<String> details(PlanNode node) {
    List<String> lines = new ArrayList<>();
    List<String> names = node.inputs().isEmpty() ? names(node, true) : inputNames(node);
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
        List<String> left = names(join.left(), true);
        List<String> right = names(join.right(), true);
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
          List<String> keyNames = names(aggregate.input(), qualifyKeys);
          lines.add("Group Key: " + aggregate.groupKeys().stream().map(k -> ExpressionPrinter.print(k, keyNames))
              .collect(Collectors.joining(", ")));
        }
      }
      case PlanNode.Sort sort -> lines.add("Sort Key: " + sortKeys(sort));
      default -> {
        // no details
      }
    }
    return lines;
  }

  private String sortKeys(PlanNode.Sort sort) {
    List<String> names = names(sort.input(), qualifyKeys);
    return sort.keys().stream().map(k -> sortKey(k.expression(), names, sort.input()) + (k.descending() ? " DESC" : "")
        + (k.nullsFirst() != k.descending() ? (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST") : ""))
        .collect(Collectors.joining(", "));
  }

  /** A sort key: PostgreSQL puts parentheses around any key that is not a plain column. */
  private static String sortKey(BoundExpression key, List<String> names, PlanNode input) {
    String text = ExpressionPrinter.print(key, names);
    return key instanceof BoundExpression.Column column && isPlainColumn(input, column.index()) ? text
        : "(" + text + ")";
  }

  /** Whether output column {@code index} of {@code node} is a table's column passed up unchanged. */
  private static boolean isPlainColumn(PlanNode node, int index) {
    return switch (node) {
      case PlanNode.Project project -> project.expressions().get(index) instanceof BoundExpression.Column column
          && isPlainColumn(project.input(), column.index());
      case PlanNode.Aggregate aggregate -> index < aggregate.groupKeys().size()
          && aggregate.groupKeys().get(index) instanceof BoundExpression.Column column
          && isPlainColumn(aggregate.input(), column.index());
      case PlanNode.Join join -> index < join.left().columns().size() ? isPlainColumn(join.left(), index)
          : isPlainColumn(join.right(), index - join.left().columns().size());
      case PlanNode.Filter filter -> isPlainColumn(filter.input(), index);
      case PlanNode.Sort sort -> isPlainColumn(sort.input(), index);
      case PlanNode.Limit limit -> isPlainColumn(limit.input(), index);
      case PlanNode.Distinct distinct -> isPlainColumn(distinct.input(), index);
      case PlanNode.Window window -> index < window.input().columns().size()
          && isPlainColumn(window.input(), index);
      case PlanNode.ProjectSet set -> index < set.input().columns().size() && isPlainColumn(set.input(), index);
      default -> true;
    };
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

  /**
   * What each output column of {@code node} shows as: a relation's column (with its
   * table's name when {@code qualified}), or the expression a projection or an
   * aggregate computes, shown over its own input's names.
   */
  private static List<String> names(PlanNode node, boolean qualified) {
    return switch (node) {
      case PlanNode.Project project -> printed(project.expressions(), names(project.input(), qualified));
      case PlanNode.Aggregate aggregate -> {
        List<String> input = names(aggregate.input(), qualified);
        List<String> names = new ArrayList<>(printed(aggregate.groupKeys(), input));
        names.addAll(printed(List.copyOf(aggregate.aggregates()), input));
        yield names;
      }
      case PlanNode.Join join -> {
        List<String> names = new ArrayList<>(names(join.left(), qualified));
        names.addAll(names(join.right(), qualified));
        yield names;
      }
      case PlanNode.Filter filter -> names(filter.input(), qualified);
      case PlanNode.Sort sort -> names(sort.input(), qualified);
      case PlanNode.Limit limit -> names(limit.input(), qualified);
      case PlanNode.Distinct distinct -> names(distinct.input(), qualified);
      case PlanNode.Window window -> withOwnColumns(names(window.input(), qualified), window, qualified);
      case PlanNode.ProjectSet set -> withOwnColumns(names(set.input(), qualified), set, qualified);
      default -> node.columns().stream().map(c -> columnName(c, qualified)).toList();
    };
  }

  private static List<String> printed(List<BoundExpression> expressions, List<String> names) {
    return expressions.stream().map(e -> ExpressionPrinter.print(e, names)).toList();
  }

  /** {@code inputNames} followed by the names of the columns {@code node} appends to its input row. */
  private static List<String> withOwnColumns(List<String> inputNames, PlanNode node, boolean qualified) {
    List<String> names = new ArrayList<>(inputNames);
    for (PlanColumn column : node.columns().subList(inputNames.size(), node.columns().size())) {
      names.add(columnName(column, qualified));
    }
    return names;
  }

  private static String columnName(PlanColumn column, boolean qualified) {
    return column.table() == null || !qualified ? column.name() : column.table() + "." + column.name();
  }

  /** The names of the row a node's expressions see: its input's columns (left then right for joins). */
  private static List<String> inputNames(PlanNode node) {
    List<String> names = new ArrayList<>();
    if (node instanceof PlanNode.Join join) {
      names.addAll(names(join.left(), true));
      names.addAll(names(join.right(), true));
      return names;
    }
    return names(node.inputs().get(0), true);
  }

}
