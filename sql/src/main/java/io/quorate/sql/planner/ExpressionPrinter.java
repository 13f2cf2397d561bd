package io.quorate.sql.planner;

import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.types.TextFormat;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** Prints bound expressions for EXPLAIN, naming columns by the row they read. */
final class ExpressionPrinter {

  private ExpressionPrinter() {}

  static String print(BoundExpression expression, List<String> names) {
    return switch (expression) {
      case BoundExpression.Constant constant -> constant.value() == null ? "NULL"
          : constant.value() instanceof Boolean bool ? bool.toString()
          : constant.type().isNumeric() ? TextFormat.format(constant.value(), constant.type(), ZoneOffset.UTC)
              : "'" + TextFormat.format(constant.value(), constant.type(), ZoneOffset.UTC).replace("'", "''") + "'::"
                  + constant.type().pgName();
      case BoundExpression.Column column -> column.index() < names.size() ? names.get(column.index())
          : column.name();
      case BoundExpression.OuterColumn outer -> "outer." + outer.name();
      case BoundExpression.Parameter parameter -> "$" + parameter.index();
      case BoundExpression.Comparison comparison -> "(" + print(comparison.left(), names) + " "
          + comparison.operator() + " " + print(comparison.right(), names) + ")";
      case BoundExpression.Logical logical -> "(" + logical.operands().stream().map(o -> print(o, names))
          .collect(Collectors.joining(logical.and() ? " AND " : " OR ")) + ")";
      case BoundExpression.Not not -> "(NOT " + print(not.operand(), names) + ")";
      case BoundExpression.IsNull isNull -> "(" + print(isNull.operand(), names) + (isNull.negated()
          ? " IS NOT NULL)" : " IS NULL)");
      case BoundExpression.Cast cast -> "(" + print(cast.operand(), names) + ")::" + cast.type().pgName();
      case BoundExpression.Call call -> call.name().chars().allMatch(c -> Character.isLetter(c) || c == '_')
          ? call.name() + "(" + call.arguments().stream().map(a -> print(a, names)).collect(Collectors.joining(", "))
              + ")"
          : call.arguments().size() == 2 ? "(" + print(call.arguments().get(0), names) + " " + call.name() + " "
              + print(call.arguments().get(1), names) + ")"
          : call.name() + "(" + call.arguments().stream().map(a -> print(a, names)).collect(Collectors.joining(", "))
              + ")";
      case BoundExpression.InList in -> "(" + print(in.operand(), names) + (in.negated() ? " NOT IN (" : " IN (")
          + in.list().stream().map(i -> print(i, names)).collect(Collectors.joining(", ")) + "))";
      case BoundExpression.Case ignored -> "CASE ... END";
      case BoundExpression.Coalesce coalesce -> "COALESCE(" + coalesce.operands().stream()
          .map(o -> print(o, names)).collect(Collectors.joining(", ")) + ")";
      case BoundExpression.IsDistinct distinct -> "(" + print(distinct.left(), names)
          + (distinct.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + print(distinct.right(), names)
          + ")";
      case BoundExpression.Subquery subquery -> "(SubPlan " + subquery.kind().name().toLowerCase() + ")";
      case BoundExpression.AggregateCall call -> call.name() + "(" + (call.star() ? "*" : call.arguments().stream()
          .map(a -> print(a, names)).collect(Collectors.joining(", "))) + ")";
      default -> expression.getClass().getSimpleName().toLowerCase();
    };
  }
}
