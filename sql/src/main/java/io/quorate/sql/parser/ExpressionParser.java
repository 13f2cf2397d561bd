package io.quorate.sql.parser;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.Expression.Literal;
import io.quorate.sql.ast.OrderItem;
import io.quorate.sql.ast.Query;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.TypeNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses expressions with PostgreSQL's operator precedence, lowest first: OR, AND, NOT,
 * IS, comparison, BETWEEN/IN/LIKE, other operators ({@code ||}, {@code ->}, ...),
 * {@code + -}, {@code * / %}, {@code ^}, unary minus, {@code ::} and subscripts.
 */
final class ExpressionParser {

  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
  private static final Set<String> TYPE_LITERAL_NAMES = Set.of("date", "time", "timestamp", "timestamptz",
      "interval", "int", "integer", "int2", "int4", "int8", "smallint", "bigint", "numeric", "decimal", "real",
      "float4", "float8", "double", "text", "varchar", "char", "character", "bool", "boolean", "uuid", "json",
      "jsonb", "bytea");
  private static final Set<String> NO_PAREN_FUNCTIONS = Set.of("current_date", "current_timestamp",
      "current_time", "localtimestamp", "localtime", "current_user", "session_user", "user", "current_schema",
      "current_catalog");

  /** Keywords that are still function names when a parenthesis follows (PostgreSQL's type_func_name_keyword). */
  private static final Set<String> FUNCTION_NAME_KEYWORDS = Set.of("left", "right", "similar", "overlaps");

  private final TokenStream tokens;
  private final QueryParser queries;
  private final SpecialForms specialForms;

  ExpressionParser(TokenStream tokens, QueryParser queries) {
    this.tokens = tokens;
    this.queries = queries;
    this.specialForms = new SpecialForms(tokens, this);
  }

  Expression parse() {
    tokens.enter();
    try {
      return or();
    } finally {
      tokens.exit();
    }
  }

  List<Expression> list() {
    List<Expression> expressions = new ArrayList<>();
    do {
      expressions.add(parse());
    } while (tokens.acceptSymbol(","));
    return expressions;
  }

  private Expression or() {
    Expression left = and();
    while (tokens.at("or")) {
      int position = tokens.next().position();
      left = new Expression.Binary("or", left, and(), position);
    }
    return left;
  }

  private Expression and() {
    Expression left = not();
    while (tokens.at("and")) {
      int position = tokens.next().position();
      left = new Expression.Binary("and", left, not(), position);
    }
    return left;
  }

  private Expression not() {
    if (tokens.at("not")) {
      int position = tokens.next().position();
      tokens.enter();
      try {
        return new Expression.Unary("not", not(), position);
      } finally {
        tokens.exit();
      }
    }
    return is();
  }

  private Expression is() {
    Expression left = comparison();
    while (true) {
      int position = tokens.peek().position();
      if (tokens.accept("isnull")) {
        left = new Expression.IsNull(left, false, position);
      } else if (tokens.accept("notnull")) {
        left = new Expression.IsNull(left, true, position);
      } else if (tokens.accept("is")) {
        boolean negated = tokens.accept("not");
        if (tokens.accept("null")) {
          left = new Expression.IsNull(left, negated, position);
        } else if (tokens.accept("true")) {
          left = new Expression.IsTruth(left, true, negated, position);
        } else if (tokens.accept("false")) {
          left = new Expression.IsTruth(left, false, negated, position);
        } else if (tokens.accept("unknown")) {
          left = new Expression.IsTruth(left, null, negated, position);
        } else if (tokens.acceptSequence("distinct", "from")) {
          left = new Expression.IsDistinctFrom(left, comparison(), negated, position);
        } else {
          throw tokens.unexpected();
        }
      } else {
        return left;
      }
    }
  }

  private Expression comparison() {
    Expression left = predicate();
    Token token = tokens.peek();
    if (token.kind() == TokenKind.OPERATOR && COMPARISONS.contains(token.text())) {
      tokens.next();
      if (tokens.at("any") || tokens.at("some") || tokens.at("all")) {
        return quantified(left, token);
      }
      Expression right = predicate();
      if (tokens.peek().kind() == TokenKind.OPERATOR && COMPARISONS.contains(tokens.peek().text())) {
        throw tokens.unexpected(); // comparisons do not associate in PostgreSQL
      }
      return new Expression.Binary(token.text(), left, right, token.position());
    }
    return left;
  }

  private Expression quantified(Expression left, Token operator) {
    boolean all = tokens.next().is("all");
    tokens.expectSymbol("(");
    Expression result;
    Query query = subqueryUntilClose();
    if (query != null) {
      result = new Expression.Quantified(left, operator.text(), all, query, null, operator.position());
    } else {
      result = new Expression.Quantified(left, operator.text(), all, null, parse(), operator.position());
    }
    tokens.expectSymbol(")");
    return result;
  }

  private Expression predicate() {
    Expression left = otherOperator();
    while (true) {
      int mark = tokens.mark();
      int position = tokens.peek().position();
      boolean negated = tokens.accept("not");
      if (tokens.accept("between")) {
        boolean symmetric = tokens.accept("symmetric");
        if (!symmetric) {
          tokens.accept("asymmetric");
        }
        Expression low = otherOperator();
        tokens.expect("and");
        Expression high = otherOperator();
        left = new Expression.Between(left, low, high, negated, symmetric, position);
      } else if (tokens.accept("in")) {
        left = in(left, negated, position);
      } else if (tokens.at("like") || tokens.at("ilike")) {
        boolean caseInsensitive = tokens.next().is("ilike");
        Expression pattern = otherOperator();
        Expression escape = tokens.accept("escape") ? otherOperator() : null;
        left = new Expression.Like(left, pattern, escape, caseInsensitive, negated, position);
      } else if (tokens.at("similar")) {
        throw SqlException.featureNotSupported("SIMILAR TO is not supported").withPosition(position);
      } else {
        tokens.reset(mark);
        return left;
      }
    }
  }

  private Expression in(Expression left, boolean negated, int position) {
    tokens.expectSymbol("(");
    Expression result;
    Query query = subqueryUntilClose();
    if (query != null) {
      result = new Expression.InSubquery(left, query, negated, position);
    } else {
      result = new Expression.InList(left, list(), negated, position);
    }
    tokens.expectSymbol(")");
    return result;
  }

  Expression otherOperator() {
    Expression left = additive();
    while (true) {
      Token token = tokens.peek();
      if (token.is("operator") && tokens.peek(1).isSymbol("(")) {
        String operator = qualifiedOperator();
        left = new Expression.Binary(operator, left, additive(), token.position());
        continue;
      }
      if (token.kind() != TokenKind.OPERATOR || COMPARISONS.contains(token.text())
          || Set.of("+", "-", "*", "/", "%", "^").contains(token.text())) {
        return left;
      }
      tokens.next();
      left = new Expression.Binary(token.text(), left, additive(), token.position());
    }
  }

  /** {@code OPERATOR(pg_catalog.~)}, psql's way of naming an operator: the operator's symbol. */
  private String qualifiedOperator() {
    tokens.next();
    tokens.expectSymbol("(");
    if (tokens.peek().is("pg_catalog") && tokens.peek(1).isSymbol(".")) {
      tokens.next();
      tokens.next();
    }
    Token operator = tokens.next();
    if (operator.kind() != TokenKind.OPERATOR) {
      throw tokens.errorAt(operator);
    }
    tokens.expectSymbol(")");
    return operator.text();
  }

  /**
   * The name after COLLATE. Text compares by code point whatever the collation, so only
   * the collations that mean exactly that are accepted: default, "C" and "POSIX".
   */
  private void collation(int position) {
    String name = tokens.anyIdentifier();
    if (name.equals("pg_catalog") && tokens.acceptSymbol(".")) {
      name = tokens.anyIdentifier();
    }
    if (!name.equals("default") && !name.equals("C") && !name.equals("POSIX")) {
      throw new SqlException(SqlState.UNDEFINED_OBJECT, "collation \"" + name + "\" for encoding \"UTF8\" does not exist")
          .withPosition(position);
    }
  }

  private Expression additive() {
    Expression left = multiplicative();
    while (tokens.atSymbol("+") || tokens.atSymbol("-")) {
      Token token = tokens.next();
      left = new Expression.Binary(token.text(), left, multiplicative(), token.position());
    }
    return left;
  }

  private Expression multiplicative() {
    Expression left = exponent();
    while (tokens.atSymbol("*") || tokens.atSymbol("/") || tokens.atSymbol("%")) {
      Token token = tokens.next();
      left = new Expression.Binary(token.text(), left, exponent(), token.position());
    }
    return left;
  }

  private Expression exponent() {
    Expression left = unary();
    while (tokens.atSymbol("^")) {
      Token token = tokens.next();
      left = new Expression.Binary("^", left, unary(), token.position());
    }
    return left;
  }

  private Expression unary() {
    tokens.enter();
    try {
      return unaryExpression();
    } finally {
      tokens.exit();
    }
  }

  private Expression unaryExpression() {
    Token token = tokens.peek();
    if (token.isSymbol("-") || token.isSymbol("+")) {
      tokens.next();
      Expression operand = unary();
      if (token.isSymbol("-") && operand instanceof Literal literal
          && (literal.kind() == Literal.Kind.INTEGER || literal.kind() == Literal.Kind.DECIMAL)
          && !literal.text().startsWith("-")) {
        return new Literal(literal.kind(), "-" + literal.text(), token.position());
      }
      return new Expression.Unary(token.text(), operand, token.position());
    }
    if (token.kind() == TokenKind.OPERATOR && Set.of("@", "~", "|/", "||/").contains(token.text())) {
      tokens.next();
      return new Expression.Unary(token.text(), unary(), token.position());
    }
    return postfix(primary());
  }

  private Expression postfix(Expression operand) {
    Expression result = operand;
    while (true) {
      Token token = tokens.peek();
      if (tokens.acceptSymbol("::")) {
        result = new Expression.Cast(result, type(), token.position());
      } else if (tokens.acceptSymbol("[")) {
        Expression index = parse();
        if (tokens.atSymbol(":")) {
          throw SqlException.featureNotSupported("array slices are not supported").withPosition(token.position());
        }
        tokens.expectSymbol("]");
        result = new Expression.Subscript(result, index, token.position());
      } else if (tokens.at("collate")) {
        tokens.next();
        collation(token.position());
      } else if (tokens.at("at") && tokens.peek(1).is("time") && tokens.peek(2).is("zone")) {
        tokens.next();
        tokens.next();
        tokens.next();
        Expression zone = exponent();
        result = Expression.FunctionCall.of("timezone", List.of(zone, result), token.position());
      } else {
        return result;
      }
    }
  }

  private Expression primary() {
    Token token = tokens.peek();
    int position = token.position();
    switch (token.kind()) {
      case INTEGER -> {
        tokens.next();
        return new Literal(Literal.Kind.INTEGER, token.text(), position);
      }
      case DECIMAL -> {
        tokens.next();
        return new Literal(Literal.Kind.DECIMAL, token.text(), position);
      }
      case STRING -> {
        tokens.next();
        return new Literal(Literal.Kind.STRING, token.text(), position);
      }
      case PARAMETER -> {
        tokens.next();
        return parameter(token);
      }
      case QUOTED_IDENTIFIER -> {
        return nameOrCall();
      }
      case IDENTIFIER -> {
        return keywordOrName(token);
      }
      case PUNCTUATION -> {
        if (token.isSymbol("(")) {
          return parenthesized();
        }
        throw tokens.unexpected();
      }
      default -> throw tokens.unexpected();
    }
  }

  private Expression parameter(Token token) {
    try {
      int index = Integer.parseInt(token.text());
      if (index >= 1) {
        return new Expression.Parameter(index, token.position());
      }
    } catch (NumberFormatException tooLarge) {
      // reported below
    }
    throw new SqlException(SqlState.UNDEFINED_PARAMETER, "there is no parameter $" + token.text())
        .withPosition(token.position());
  }

  private Expression parenthesized() {
    int position = tokens.next().position();
    Query query = subqueryUntilClose();
    if (query != null) {
      tokens.expectSymbol(")");
      return new Expression.ScalarSubquery(query, position);
    }
    Expression inner = parse();
    if (tokens.atSymbol(",")) {
      throw SqlException.featureNotSupported("row constructors are not supported").withPosition(position);
    }
    tokens.expectSymbol(")");
    return fieldSelections(inner);
  }

  /** {@code (record).field}, possibly repeated: {@code ((r).inner).x}. */
  private Expression fieldSelections(Expression record) {
    Expression result = record;
    while (tokens.atSymbol(".")) {
      Token dot = tokens.next();
      if (tokens.atSymbol("*")) {
        throw SqlException.featureNotSupported("(record).* is not supported").withPosition(dot.position());
      }
      result = new Expression.FieldSelection(result, tokens.anyIdentifier(), dot.position());
    }
    return result;
  }

  /**
   * After an opening parenthesis: the subquery that fills it up to the closing one, or
   * null (position unchanged) when it holds an expression such as {@code (SELECT 1) + 1}.
   */
  private Query subqueryUntilClose() {
    if (!queries.atQueryStart()) {
      return null;
    }
    if (!tokens.atSymbol("(")) {
      return queries.query(); // starts with SELECT/WITH/VALUES/TABLE: a query for certain
    }
    int mark = tokens.mark();
    try {
      Query query = queries.query();
      if (tokens.atSymbol(")")) {
        return query;
      }
    } catch (SqlException notAQuery) {
      // an expression that starts with a parenthesised subquery
    }
    tokens.reset(mark);
    return null;
  }

  private Expression keywordOrName(Token token) {
    int position = token.position();
    String word = token.text();
    switch (word) {
      case "null" -> {
        tokens.next();
        return new Literal(Literal.Kind.NULL, "null", position);
      }
      case "true", "false" -> {
        tokens.next();
        return new Literal(Literal.Kind.BOOLEAN, word, position);
      }
      case "case" -> {
        return caseExpression();
      }
      case "cast" -> {
        tokens.next();
        tokens.expectSymbol("(");
        Expression value = parse();
        tokens.expect("as");
        SqlType type = type();
        tokens.expectSymbol(")");
        return new Expression.Cast(value, type, position);
      }
      case "exists" -> {
        if (tokens.peek(1).isSymbol("(")) {
          tokens.next();
          tokens.next();
          Query query = queries.query();
          tokens.expectSymbol(")");
          return new Expression.Exists(query, position);
        }
      }
      case "array" -> {
        return array();
      }
      case "extract" -> {
        if (tokens.peek(1).isSymbol("(") && tokens.peek(3).is("from")) {
          tokens.next();
          tokens.next();
          String field = tokens.next().text();
          tokens.expect("from");
          Expression source = parse();
          tokens.expectSymbol(")");
          return Expression.FunctionCall.of("extract",
              List.of(new Literal(Literal.Kind.STRING, field, position), source), position);
        }
      }
      case "position" -> {
        if (tokens.peek(1).isSymbol("(")) {
          return specialForms.position();
        }
      }
      case "substring" -> {
        if (tokens.peek(1).isSymbol("(")) {
          return specialForms.substring();
        }
      }
      case "trim" -> {
        if (tokens.peek(1).isSymbol("(")) {
          return specialForms.trim();
        }
      }
      default -> {
        // fall through to names, calls and typed literals
      }
    }
    if (NO_PAREN_FUNCTIONS.contains(word) && !tokens.peek(1).isSymbol("(")) {
      tokens.next();
      return Expression.FunctionCall.of(word, List.of(), position);
    }
    Expression typed = typedLiteral();
    if (typed != null) {
      return typed;
    }
    if (TokenStream.isReserved(word) && !(FUNCTION_NAME_KEYWORDS.contains(word) && tokens.peek(1).isSymbol("("))) {
      throw tokens.unexpected();
    }
    return nameOrCall();
  }

  /** {@code date '2024-01-01'}, {@code interval '1 day'}, {@code double precision '1.5'}. */
  private Expression typedLiteral() {
    Token token = tokens.peek();
    if (!TYPE_LITERAL_NAMES.contains(token.text())) {
      return null;
    }
    int mark = tokens.mark();
    try {
      SqlType type = type();
      Token literal = tokens.peek();
      if (literal.kind() == TokenKind.STRING) {
        tokens.next();
        return new Expression.Cast(new Literal(Literal.Kind.STRING, literal.text(), literal.position()), type,
            token.position());
      }
    } catch (SqlException notAType) {
      // not a typed literal; parse it as a name
    }
    tokens.reset(mark);
    return null;
  }

  private Expression nameOrCall() {
    int position = tokens.peek().position();
    List<String> parts = new ArrayList<>();
    parts.add(tokens.anyIdentifier());
    while (tokens.atSymbol(".") && tokens.peek(1).kind() != TokenKind.OPERATOR && !tokens.peek(1).isSymbol("*")) {
      tokens.next();
      parts.add(tokens.anyIdentifier());
    }
    if (tokens.atSymbol("(")) {
      String name = parts.size() == 2 && parts.get(0).equals("pg_catalog") ? parts.get(1) : String.join(".", parts);
      return functionCall(name, position);
    }
    return new Expression.ColumnRef(List.copyOf(parts), position);
  }

  private Expression functionCall(String name, int position) {
    tokens.expectSymbol("(");
    boolean distinct = false;
    boolean star = false;
    List<Expression> arguments = List.of();
    List<OrderItem> orderBy = List.of();
    if (tokens.acceptSymbol("*")) {
      star = true;
    } else if (!tokens.atSymbol(")")) {
      distinct = tokens.accept("distinct");
      if (!distinct) {
        tokens.accept("all");
      }
      arguments = list();
      if (tokens.acceptSequence("order", "by")) {
        orderBy = queries.orderItems();
      }
    }
    tokens.expectSymbol(")");
    Expression filter = null;
    if (tokens.accept("filter")) {
      tokens.expectSymbol("(");
      tokens.expect("where");
      filter = parse();
      tokens.expectSymbol(")");
    }
    Expression.WindowSpec window = null;
    if (tokens.accept("over")) {
      window = tokens.atSymbol("(") ? windowSpec()
          : new Expression.WindowSpec(tokens.identifier(), List.of(), List.of(), null);
    }
    return new Expression.FunctionCall(name, arguments, distinct, star, orderBy, filter, window, position);
  }

  /** {@code ( [name] [PARTITION BY ...] [ORDER BY ...] [frame] )}. */
  Expression.WindowSpec windowSpec() {
    tokens.expectSymbol("(");
    String reference = null;
    if (tokens.atIdentifier() && !tokens.at("partition") && !tokens.at("order") && !tokens.at("rows")
        && !tokens.at("range")) {
      reference = tokens.identifier();
    }
    List<Expression> partitionBy = List.of();
    List<OrderItem> orderBy = List.of();
    Expression.Frame frame = null;
    if (tokens.acceptSequence("partition", "by")) {
      partitionBy = list();
    }
    if (tokens.acceptSequence("order", "by")) {
      orderBy = queries.orderItems();
    }
    if (tokens.at("rows") || tokens.at("range")) {
      frame = frame();
    }
    tokens.expectSymbol(")");
    return new Expression.WindowSpec(reference, partitionBy, orderBy, frame);
  }

  private Expression.Frame frame() {
    boolean rows = tokens.next().is("rows");
    if (tokens.accept("between")) {
      Object[] start = frameBound();
      tokens.expect("and");
      Object[] end = frameBound();
      return new Expression.Frame(rows, (Expression.Frame.Bound) start[0], (Expression) start[1],
          (Expression.Frame.Bound) end[0], (Expression) end[1]);
    }
    Object[] start = frameBound();
    return new Expression.Frame(rows, (Expression.Frame.Bound) start[0], (Expression) start[1],
        Expression.Frame.Bound.CURRENT_ROW, null);
  }

  private Object[] frameBound() {
    if (tokens.acceptSequence("unbounded", "preceding")) {
      return new Object[] {Expression.Frame.Bound.UNBOUNDED_PRECEDING, null};
    }
    if (tokens.acceptSequence("unbounded", "following")) {
      return new Object[] {Expression.Frame.Bound.UNBOUNDED_FOLLOWING, null};
    }
    if (tokens.acceptSequence("current", "row")) {
      return new Object[] {Expression.Frame.Bound.CURRENT_ROW, null};
    }
    Expression offset = additive();
    if (tokens.accept("preceding")) {
      return new Object[] {Expression.Frame.Bound.PRECEDING, offset};
    }
    tokens.expect("following");
    return new Object[] {Expression.Frame.Bound.FOLLOWING, offset};
  }

  private Expression caseExpression() {
    int position = tokens.next().position();
    Expression operand = tokens.at("when") ? null : parse();
    List<Expression.When> whens = new ArrayList<>();
    while (tokens.accept("when")) {
      Expression condition = parse();
      tokens.expect("then");
      whens.add(new Expression.When(condition, parse()));
    }
    if (whens.isEmpty()) {
      throw tokens.unexpected();
    }
    Expression elseResult = tokens.accept("else") ? parse() : null;
    tokens.expect("end");
    return new Expression.Case(operand, whens, elseResult, position);
  }

  private Expression array() {
    int position = tokens.next().position();
    if (tokens.acceptSymbol("(")) {
      Query query = queries.query();
      tokens.expectSymbol(")");
      return new Expression.ArraySubquery(query, position);
    }
    tokens.expectSymbol("[");
    List<Expression> elements = tokens.atSymbol("]") ? List.of() : list();
    tokens.expectSymbol("]");
    return new Expression.ArrayConstructor(elements, position);
  }

  /** A type name with modifiers and array brackets, resolved to a {@link SqlType}. */
  SqlType type() {
    Token first = tokens.peek();
    String name = tokens.anyIdentifier();
    if (name.equals("double") && tokens.accept("precision")) {
      name = "double precision";
    } else if ((name.equals("character") || name.equals("char")) && tokens.accept("varying")) {
      name = "character varying";
    } else if (name.equals("pg_catalog") && tokens.acceptSymbol(".")) {
      name = tokens.anyIdentifier();
    }
    List<Integer> modifiers = new ArrayList<>();
    if (tokens.acceptSymbol("(")) {
      do {
        Token number = tokens.next();
        if (number.kind() != TokenKind.INTEGER) {
          throw tokens.errorAt(number);
        }
        modifiers.add(parseModifier(number));
      } while (tokens.acceptSymbol(","));
      tokens.expectSymbol(")");
    }
    if (name.equals("timestamp") || name.equals("time")) {
      if (tokens.acceptSequence("with", "time", "zone")) {
        if (name.equals("time")) {
          throw SqlException.featureNotSupported("type time with time zone is not supported")
              .withPosition(first.position());
        }
        name = "timestamptz";
      } else {
        tokens.acceptSequence("without", "time", "zone");
      }
      modifiers.clear(); // fractional-second precision: microseconds are always kept
    }
    SqlType type = TypeNames.resolve(name, modifiers, first.position());
    while (tokens.atSymbol("[") || tokens.at("array")) {
      if (tokens.accept("array")) {
        type = SqlType.arrayOf(type);
        continue;
      }
      tokens.next();
      if (tokens.peek().kind() == TokenKind.INTEGER) {
        tokens.next();
      }
      tokens.expectSymbol("]");
      type = SqlType.arrayOf(type);
    }
    return type;
  }

  private int parseModifier(Token number) {
    try {
      return Integer.parseInt(number.text());
    } catch (NumberFormatException tooLarge) {
      throw tokens.errorAt(number);
    }
  }
}
