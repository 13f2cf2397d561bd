package io.quorate.sql.ast;

import io.quorate.sql.types.SqlType;
import java.util.List;

/**
 * An expression as written, before names are resolved or types known. Every node keeps
 * the 1-based position of its first character for error messages (0 when synthesised).
 */
public sealed interface Expression {

  int position();

  /** NULL, TRUE/FALSE, a number (its source text) or a string constant. */
  record Literal(Kind kind, String text, int position) implements Expression {
    public enum Kind { NULL, BOOLEAN, INTEGER, DECIMAL, STRING }
  }

  /** A possibly qualified column name: {@code a}, {@code t.a}, {@code s.t.a}. */
  record ColumnRef(List<String> parts, int position) implements Expression {
    public String name() {
      return parts.get(parts.size() - 1);
    }
  }

  /** {@code $n}, 1-based. */
  record Parameter(int index, int position) implements Expression {}

  /** A prefix operator: {@code -x}, {@code +x}, {@code NOT x}, {@code ~x}, {@code @ x}. */
  record Unary(String operator, Expression operand, int position) implements Expression {}

  /** An infix operator, including AND, OR, comparisons and {@code ||}. */
  record Binary(String operator, Expression left, Expression right, int position) implements Expression {}

  /** {@code x [NOT] LIKE/ILIKE pattern [ESCAPE e]}. */
  record Like(Expression value, Expression pattern, Expression escape, boolean caseInsensitive, boolean negated,
      int position) implements Expression {}

  /** {@code x IS [NOT] NULL}. */
  record IsNull(Expression value, boolean negated, int position) implements Expression {}

  /** {@code x IS [NOT] TRUE/FALSE/UNKNOWN}; {@code truth} null means UNKNOWN. */
  record IsTruth(Expression value, Boolean truth, boolean negated, int position) implements Expression {}

  /** {@code x IS [NOT] DISTINCT FROM y}. */
  record IsDistinctFrom(Expression left, Expression right, boolean negated, int position) implements Expression {}

  /** {@code x [NOT] BETWEEN [SYMMETRIC] low AND high}. */
  record Between(Expression value, Expression low, Expression high, boolean negated, boolean symmetric,
      int position) implements Expression {}

  /** {@code x [NOT] IN (a, b, ...)}. */
  record InList(Expression value, List<Expression> list, boolean negated, int position) implements Expression {}

  /** {@code x [NOT] IN (SELECT ...)}. */
  record InSubquery(Expression value, Query query, boolean negated, int position) implements Expression {}

  /** {@code EXISTS (SELECT ...)}. */
  record Exists(Query query, int position) implements Expression {}

  /** {@code (SELECT ...)} used as a value. */
  record ScalarSubquery(Query query, int position) implements Expression {}

  /** {@code x op ANY/ALL (SELECT ...)} or {@code x op ANY/ALL (array)}; one of query, array is set. */
  record Quantified(Expression value, String operator, boolean all, Query query, Expression array, int position)
      implements Expression {}

  /** {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}. */
  record Case(Expression operand, List<When> whens, Expression elseResult, int position) implements Expression {}

  /** One {@code WHEN condition THEN result} arm. */
  record When(Expression condition, Expression result) {}

  /** {@code CAST(x AS type)}, {@code x::type} or {@code type 'literal'}. */
  record Cast(Expression value, SqlType type, int position) implements Expression {}

  /**
   * A function call. {@code star} is {@code count(*)}; {@code orderBy} is an aggregate's
   * {@code ORDER BY} inside the parentheses; {@code window} is set for window calls.
   */
  record FunctionCall(String name, List<Expression> arguments, boolean distinct, boolean star,
      List<OrderItem> orderBy, Expression filter, WindowSpec window, int position) implements Expression {

    public static FunctionCall of(String name, List<Expression> arguments, int position) {
      return new FunctionCall(name, arguments, false, false, List.of(), null, null, position);
    }
  }

  /** {@code ARRAY[a, b]}. */
  record ArrayConstructor(List<Expression> elements, int position) implements Expression {}

  /** {@code ARRAY(SELECT ...)}. */
  record ArraySubquery(Query query, int position) implements Expression {}

  /** {@code x[i]}: from 1 for arrays, from 0 for int2vector and oidvector, like PostgreSQL. */
  record Subscript(Expression array, Expression index, int position) implements Expression {}

  /** {@code (record).field}: one field of a composite value. */
  record FieldSelection(Expression record, String field, int position) implements Expression {}

  /**
   * A window: {@code OVER (PARTITION BY ... ORDER BY ... [frame])}; {@code reference}
   * names a window of the query's WINDOW clause that this one starts from
   * ({@code OVER w}, {@code OVER (w ORDER BY x)}), or is null.
   */
  record WindowSpec(String reference, List<Expression> partitionBy, List<OrderItem> orderBy, Frame frame) {}

  /** {@code ROWS/RANGE BETWEEN start AND end}; offsets are set for n PRECEDING/FOLLOWING. */
  record Frame(boolean rows, Bound start, Expression startOffset, Bound end, Expression endOffset) {
    public enum Bound { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }
  }
}
