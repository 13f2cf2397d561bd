package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;

/** The column name PostgreSQL gives a select-list item that has no alias. */
final class OutputNames {

  private OutputNames() {}

  static String of(Expression expression) {
    return switch (expression) {
      case Expression.ColumnRef ref -> ref.name();
      case Expression.FunctionCall call -> call.name().contains(".")
          ? call.name().substring(call.name().lastIndexOf('.') + 1) : call.name();
      case Expression.Cast cast -> {
        String inner = of(cast.value());
        yield inner.equals("?column?") ? typeName(cast) : inner;
      }
      case Expression.Case ignored -> "case";
      case Expression.Exists ignored -> "exists";
      case Expression.ArrayConstructor ignored -> "array";
      case Expression.ArraySubquery ignored -> "array";
      case Expression.ScalarSubquery subquery -> subqueryName(subquery);
      case Expression.Subscript subscript -> of(subscript.array());
      case Expression.FieldSelection selection -> selection.field();
      default -> "?column?";
    };
  }

  private static String typeName(Expression.Cast cast) {
    if (!(cast.value() instanceof Expression.Literal)) {
      return "?column?";
    }
    return switch (cast.type().kind()) {
      case INTEGER -> "int4";
      case BIGINT -> "int8";
      case SMALLINT -> "int2";
      case BOOLEAN -> "bool";
      case REAL -> "float4";
      case DOUBLE -> "float8";
      case VARCHAR -> "varchar";
      case CHAR -> "bpchar";
      default -> cast.type().isArray() ? "?column?" : cast.type().kind().pgName().split(" ")[0];
    };
  }

  private static String subqueryName(Expression.ScalarSubquery subquery) {
    if (subquery.query().body() instanceof io.quorate.sql.ast.QueryBody.Select select && select.items().size() == 1
        && select.items().get(0) instanceof io.quorate.sql.ast.QueryBody.ExpressionItem item) {
      return item.alias() != null ? item.alias() : of(item.expression());
    }
    return "?column?";
  }
}
