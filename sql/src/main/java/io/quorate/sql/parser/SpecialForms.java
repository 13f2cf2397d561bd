package io.quorate.sql.parser;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.Expression.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL's functions with keyword-separated arguments, parsed into ordinary calls:
 * {@code POSITION(a IN b)} is position(a, b), {@code SUBSTRING(s FROM i FOR n)} is
 * substring(s, i, n), {@code TRIM(LEADING c FROM s)} is ltrim(s, c).
 */
final class SpecialForms {

  private final TokenStream tokens;
  private final ExpressionParser expressions;

  SpecialForms(TokenStream tokens, ExpressionParser expressions) {
    this.tokens = tokens;
    this.expressions = expressions;
  }

  Expression position() {
    int position = tokens.next().position();
    tokens.expectSymbol("(");
    Expression needle = expressions.otherOperator();
    if (!tokens.accept("in")) {
      tokens.expectSymbol(",");
    }
    Expression haystack = expressions.parse();
    tokens.expectSymbol(")");
    return Expression.FunctionCall.of("position", List.of(needle, haystack), position);
  }

  Expression substring() {
    int position = tokens.next().position();
    tokens.expectSymbol("(");
    List<Expression> arguments = new ArrayList<>();
    arguments.add(expressions.parse());
    if (tokens.accept("from")) {
      arguments.add(expressions.parse());
      if (tokens.accept("for")) {
        arguments.add(expressions.parse());
      }
    } else if (tokens.accept("for")) {
      arguments.add(new Literal(Literal.Kind.INTEGER, "1", 0));
      arguments.add(expressions.parse());
    } else {
      while (tokens.acceptSymbol(",")) {
        arguments.add(expressions.parse());
      }
    }
    tokens.expectSymbol(")");
    return Expression.FunctionCall.of("substring", arguments, position);
  }

  Expression trim() {
    int position = tokens.next().position();
    tokens.expectSymbol("(");
    String function = "btrim";
    if (tokens.accept("leading")) {
      function = "ltrim";
    } else if (tokens.accept("trailing")) {
      function = "rtrim";
    } else {
      tokens.accept("both");
    }
    Expression characters = null;
    Expression source;
    if (tokens.accept("from")) {
      source = expressions.parse();
    } else {
      Expression first = expressions.parse();
      if (tokens.accept("from")) {
        characters = first;
        source = expressions.parse();
      } else if (tokens.acceptSymbol(",")) {
        source = first;
        characters = expressions.parse();
      } else {
        source = first;
      }
    }
    tokens.expectSymbol(")");
    List<Expression> arguments = characters == null ? List.of(source) : List.of(source, characters);
    return Expression.FunctionCall.of(function, arguments, position);
  }
}
