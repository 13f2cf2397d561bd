package io.quorate.sql.ast;

import io.quorate.sql.ast.Expression.Frame;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes queries, FROM items and expressions as SQL text for {@link AstPrinter}. Every
 * compound expression is parenthesised, so the text never depends on precedence.
 */
final class QueryPrinter {

  /** What the parser turns {@code DEFAULT} in a VALUES row into (QueryParser.DEFAULT_MARKER). */
  private static final String DEFAULT_MARKER = "\u0000default";

  private QueryPrinter() {}

  static void query(StringBuilder out, Query query) {
    if (!query.with().isEmpty()) {
      out.append("WITH ");
      if (query.recursive()) {
        out.append("RECURSIVE ");
      }
      list(out, query.with(), QueryPrinter::commonTable);
      out.append(' ');
    }
    body(out, query.body());
    if (!query.orderBy().isEmpty()) {
      out.append(" ORDER BY ");
      list(out, query.orderBy(), QueryPrinter::orderItem);
    }
    if (query.limit() != null) {
      out.append(" LIMIT ");
      expression(out, query.limit());
    }
    if (query.offset() != null) {
      out.append(" OFFSET ");
      expression(out, query.offset());
    }
  }

  private static void commonTable(StringBuilder out, Query.CommonTable table) {
    Names.identifier(out, table.name());
    if (!table.columnNames().isEmpty()) {
      out.append(' ');
      Names.list(out, table.columnNames());
    }
    out.append(" AS (");
    query(out, table.query());
    out.append(')');
  }

  /**
   * Set operations print without parentheses: the parser keeps a parenthesised operand as
   * {@link QueryBody.Nested}, so the trees it builds always match the left-associative,
   * INTERSECT-first reading.
   */
  private static void body(StringBuilder out, QueryBody body) {
    switch (body) {
      case QueryBody.Select select -> select(out, select);
      case QueryBody.Values values -> {
        out.append("VALUES ");
        list(out, values.rows(), (o, row) -> {
          o.append('(');
          list(o, row, QueryPrinter::expression);
          o.append(')');
        });
      }
      case QueryBody.SetOperation operation -> {
        body(out, operation.left());
        out.append(' ').append(operation.operator().name()).append(operation.all() ? " ALL " : " ");
        body(out, operation.right());
      }
      case QueryBody.Nested nested -> {
        out.append('(');
        query(out, nested.query());
        out.append(')');
      }
    }
  }

  private static void select(StringBuilder out, QueryBody.Select select) {
    out.append("SELECT");
    if (select.distinct()) {
      out.append(" DISTINCT");
      if (!select.distinctOn().isEmpty()) {
        out.append(" ON (");
        list(out, select.distinctOn(), QueryPrinter::expression);
        out.append(')');
      }
    }
    if (!select.items().isEmpty()) {
      out.append(' ');
      selectItems(out, select.items());
    }
    if (!select.from().isEmpty()) {
      out.append(" FROM ");
      fromItems(out, select.from());
    }
    if (select.where() != null) {
      out.append(" WHERE ");
      expression(out, select.where());
    }
    if (!select.groupBy().isEmpty()) {
      out.append(" GROUP BY ");
      list(out, select.groupBy(), QueryPrinter::expression);
    }
    if (select.having() != null) {
      out.append(" HAVING ");
      expression(out, select.having());
    }
    if (!select.windows().isEmpty()) {
      out.append(" WINDOW ");
      list(out, select.windows(), (o, named) -> {
        Names.identifier(o, named.name());
        o.append(" AS");
        windowBody(o, named.spec());
      });
    }
  }

  /** A select list, also RETURNING's. */
  static void selectItems(StringBuilder out, List<QueryBody.SelectItem> items) {
    list(out, items, (o, item) -> {
      switch (item) {
        case QueryBody.Star star -> {
          for (String part : star.qualifier()) {
            Names.identifier(o, part);
            o.append('.');
          }
          o.append('*');
        }
        case QueryBody.ExpressionItem expressionItem -> {
          expression(o, expressionItem.expression());
          if (expressionItem.alias() != null) {
            o.append(" AS ");
            Names.identifier(o, expressionItem.alias());
          }
        }
      }
    });
  }

  static void orderItem(StringBuilder out, OrderItem item) {
    expression(out, item.expression());
    if (item.descending()) {
      out.append(" DESC");
    }
    if (item.nullsFirst() != null) {
      out.append(item.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  static void fromItems(StringBuilder out, List<TableRef> items) {
    list(out, items, QueryPrinter::tableRef);
  }

  private static void tableRef(StringBuilder out, TableRef ref) {
    switch (ref) {
      case TableRef.Named named -> {
        Names.qualified(out, named.name());
        alias(out, named.alias(), named.columnAliases());
      }
      case TableRef.Subquery subquery -> {
        out.append('(');
        query(out, subquery.query());
        out.append(')');
        alias(out, subquery.alias(), subquery.columnAliases());
      }
      case TableRef.Function function -> {
        // The parser reads a FROM function's name as a table name: at most schema.name.
        Names.functionName(out, function.call().name(), 2);
        out.append('(');
        list(out, function.call().arguments(), QueryPrinter::expression);
        out.append(')');
        if (function.ordinality()) {
          out.append(" WITH ORDINALITY");
        }
        alias(out, function.alias(), function.columnAliases());
      }
      case TableRef.Join join -> join(out, join);
    }
  }

  private static void join(StringBuilder out, TableRef.Join join) {
    tableRef(out, join.left());
    out.append(join.natural() ? " NATURAL " : " ");
    out.append(switch (join.kind()) {
      case INNER -> "INNER JOIN ";
      case LEFT -> "LEFT JOIN ";
      case RIGHT -> "RIGHT JOIN ";
      case FULL -> "FULL JOIN ";
      case CROSS -> "CROSS JOIN ";
    });
    // Joins associate to the left; a join on the right was parenthesised in the source.
    boolean nested = join.right() instanceof TableRef.Join;
    out.append(nested ? "(" : "");
    tableRef(out, join.right());
    out.append(nested ? ")" : "");
    if (join.condition() != null) {
      out.append(" ON ");
      expression(out, join.condition());
    } else if (!join.using().isEmpty()) {
      out.append(" USING ");
      Names.list(out, join.using());
    }
  }

  private static void alias(StringBuilder out, String alias, List<String> columns) {
    if (alias == null) {
      return;
    }
    out.append(" AS ");
    Names.identifier(out, alias);
    if (!columns.isEmpty()) {
      out.append(' ');
      Names.list(out, columns);
    }
  }

  /**
   * An expression where the parser reads a whole expression (a select item, WHERE, an
   * argument...): the outermost operator needs no parentheses there. Leaving them off also
   * keeps {@code (SELECT ...) + 1} readable: the parser takes {@code ((SELECT} for a
   * parenthesised query.
   */
  static void expression(StringBuilder out, Expression expression) {
    switch (expression) {
      case Expression.Unary unary -> unary(out, unary);
      case Expression.Binary binary -> binary(out, binary);
      case Expression.IsNull n -> predicate(out, n);
      case Expression.IsTruth n -> predicate(out, n);
      case Expression.IsDistinctFrom n -> predicate(out, n);
      case Expression.Between n -> predicate(out, n);
      case Expression.InList n -> predicate(out, n);
      case Expression.InSubquery n -> predicate(out, n);
      case Expression.Like n -> predicate(out, n);
      case Expression.Quantified n -> predicate(out, n);
      default -> operand(out, expression);
    }
  }

  /** An expression as an operand of another: operators and predicates in parentheses. */
  static void operand(StringBuilder out, Expression expression) {
    switch (expression) {
      case Expression.Literal literal -> literal(out, literal);
      case Expression.ColumnRef ref -> {
        if (ref.parts().size() == 1 && ref.parts().get(0).equals(DEFAULT_MARKER)) {
          out.append("DEFAULT");
        } else {
          Names.dotted(out, ref.parts());
        }
      }
      case Expression.Parameter parameter -> out.append('$').append(parameter.index());
      case Expression.Cast cast -> {
        out.append("CAST(");
        expression(out, cast.value());
        out.append(" AS ").append(cast.type().pgName()).append(')');
      }
      case Expression.FunctionCall call -> functionCall(out, call);
      case Expression.Case caseExpression -> caseExpression(out, caseExpression);
      case Expression.Exists exists -> {
        out.append("EXISTS (");
        query(out, exists.query());
        out.append(')');
      }
      case Expression.ScalarSubquery subquery -> {
        out.append('(');
        query(out, subquery.query());
        out.append(')');
      }
      case Expression.ArrayConstructor array -> {
        out.append("ARRAY[");
        list(out, array.elements(), QueryPrinter::expression);
        out.append(']');
      }
      case Expression.ArraySubquery array -> {
        out.append("ARRAY(");
        query(out, array.query());
        out.append(')');
      }
      case Expression.Subscript subscript -> {
        out.append('(');
        expression(out, subscript.array());
        out.append(")[");
        expression(out, subscript.index());
        out.append(']');
      }
      case Expression.FieldSelection selection -> {
        out.append('(');
        expression(out, selection.record());
        out.append(").");
        Names.identifier(out, selection.field());
      }
      default -> {
        out.append('(');
        expression(out, expression);
        out.append(')');
      }
    }
  }

  private static void unary(StringBuilder out, Expression.Unary unary) {
    // The space keeps "- -1" from reading as a comment.
    out.append(unary.operator().equals("not") ? "NOT" : unary.operator()).append(' ');
    operand(out, unary.operand());
  }

  private static void binary(StringBuilder out, Expression.Binary binary) {
    operand(out, binary.left());
    String operator = binary.operator();
    out.append(' ').append(operator.equals("and") || operator.equals("or") ? operator.toUpperCase() : operator)
        .append(' ');
    operand(out, binary.right());
  }

  /** The IS, BETWEEN, IN, LIKE and quantified forms; their operands in parentheses. */
  private static void predicate(StringBuilder out, Expression expression) {
    switch (expression) {
      case Expression.IsNull isNull -> {
        operand(out, isNull.value());
        out.append(isNull.negated() ? " IS NOT NULL" : " IS NULL");
      }
      case Expression.IsTruth isTruth -> {
        operand(out, isTruth.value());
        out.append(isTruth.negated() ? " IS NOT " : " IS ");
        out.append(isTruth.truth() == null ? "UNKNOWN" : isTruth.truth() ? "TRUE" : "FALSE");
      }
      case Expression.IsDistinctFrom distinct -> {
        operand(out, distinct.left());
        out.append(distinct.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        operand(out, distinct.right());
      }
      case Expression.Between between -> {
        operand(out, between.value());
        out.append(between.negated() ? " NOT BETWEEN " : " BETWEEN ");
        out.append(between.symmetric() ? "SYMMETRIC " : "");
        operand(out, between.low());
        out.append(" AND ");
        operand(out, between.high());
      }
      case Expression.InList in -> {
        operand(out, in.value());
        out.append(in.negated() ? " NOT IN (" : " IN (");
        list(out, in.list(), QueryPrinter::expression);
        out.append(')');
      }
      case Expression.InSubquery in -> {
        operand(out, in.value());
        out.append(in.negated() ? " NOT IN (" : " IN (");
        query(out, in.query());
        out.append(')');
      }
      case Expression.Like like -> {
        operand(out, like.value());
        out.append(like.negated() ? " NOT" : "").append(like.caseInsensitive() ? " ILIKE " : " LIKE ");
        operand(out, like.pattern());
        if (like.escape() != null) {
          out.append(" ESCAPE ");
          operand(out, like.escape());
        }
      }
      case Expression.Quantified quantified -> {
        operand(out, quantified.value());
        out.append(' ').append(quantified.operator()).append(quantified.all() ? " ALL (" : " ANY (");
        if (quantified.query() != null) {
          query(out, quantified.query());
        } else {
          expression(out, quantified.array());
        }
        out.append(')');
      }
      default -> throw new IllegalStateException("unhandled expression " + expression.getClass().getSimpleName());
    }
  }

  private static void literal(StringBuilder out, Expression.Literal literal) {
    switch (literal.kind()) {
      case NULL -> out.append("NULL");
      case BOOLEAN -> out.append(literal.text().equals("true") ? "TRUE" : "FALSE");
      case INTEGER, DECIMAL -> out.append(literal.text());
      case STRING -> Names.string(out, literal.text());
    }
  }

  private static void functionCall(StringBuilder out, Expression.FunctionCall call) {
    // extract, position, substring, trim and the no-parenthesis functions have special
    // syntax; as quoted names they are plain calls, which is what the parser made of them.
    Names.functionName(out, call.name(), Integer.MAX_VALUE);
    out.append('(');
    if (call.star()) {
      out.append('*');
    } else {
      out.append(call.distinct() ? "DISTINCT " : "");
      list(out, call.arguments(), QueryPrinter::expression);
      if (!call.orderBy().isEmpty()) {
        out.append(" ORDER BY ");
        list(out, call.orderBy(), QueryPrinter::orderItem);
      }
    }
    out.append(')');
    if (call.filter() != null) {
      out.append(" FILTER (WHERE ");
      expression(out, call.filter());
      out.append(')');
    }
    if (call.window() != null) {
      window(out, call.window());
    }
  }

  private static void window(StringBuilder out, Expression.WindowSpec window) {
    out.append(" OVER");
    windowBody(out, window);
  }

  /** {@code " (name PARTITION BY ... ORDER BY ... frame)"}. */
  private static void windowBody(StringBuilder out, Expression.WindowSpec window) {
    out.append(" (");
    String separator = "";
    if (window.reference() != null) {
      Names.identifier(out, window.reference());
      separator = " ";
    }
    if (!window.partitionBy().isEmpty()) {
      out.append("PARTITION BY ");
      list(out, window.partitionBy(), QueryPrinter::expression);
      separator = " ";
    }
    if (!window.orderBy().isEmpty()) {
      out.append(separator).append("ORDER BY ");
      list(out, window.orderBy(), QueryPrinter::orderItem);
      separator = " ";
    }
    Frame frame = window.frame();
    if (frame != null) {
      out.append(separator).append(frame.rows() ? "ROWS BETWEEN " : "RANGE BETWEEN ");
      frameBound(out, frame.start(), frame.startOffset());
      out.append(" AND ");
      frameBound(out, frame.end(), frame.endOffset());
    }
    out.append(')');
  }

  private static void frameBound(StringBuilder out, Frame.Bound bound, Expression offset) {
    switch (bound) {
      case UNBOUNDED_PRECEDING -> out.append("UNBOUNDED PRECEDING");
      case UNBOUNDED_FOLLOWING -> out.append("UNBOUNDED FOLLOWING");
      case CURRENT_ROW -> out.append("CURRENT ROW");
      case PRECEDING, FOLLOWING -> {
        operand(out, offset);
        out.append(bound == Frame.Bound.PRECEDING ? " PRECEDING" : " FOLLOWING");
      }
    }
  }

  private static void caseExpression(StringBuilder out, Expression.Case caseExpression) {
    out.append("CASE");
    if (caseExpression.operand() != null) {
      out.append(' ');
      expression(out, caseExpression.operand());
    }
    for (Expression.When when : caseExpression.whens()) {
      out.append(" WHEN ");
      expression(out, when.condition());
      out.append(" THEN ");
      expression(out, when.result());
    }
    if (caseExpression.elseResult() != null) {
      out.append(" ELSE ");
      expression(out, caseExpression.elseResult());
    }
    out.append(" END");
  }

  /** Writes {@code items} separated by {@code ", "}. */
  static <T> void list(StringBuilder out, List<T> items, BiConsumer<StringBuilder, T> writer) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      writer.accept(out, items.get(i));
    }
  }
}
