package io.quorate.sql.parser;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.OrderItem;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.ast.TableRef;
import io.quorate.sql.error.SqlException;
import java.util.ArrayList;
import java.util.List;

/** Parses queries: WITH, SELECT, VALUES, set operations, FROM items, ORDER BY and LIMIT. */
final class QueryParser {

  private final TokenStream tokens;
  private final ExpressionParser expressions;

  QueryParser(TokenStream tokens) {
    this.tokens = tokens;
    this.expressions = new ExpressionParser(tokens, this);
  }

  ExpressionParser expressions() {
    return expressions;
  }

  /** True if a query starts at the next token (possibly after opening parentheses). */
  boolean atQueryStart() {
    int ahead = 0;
    while (tokens.peek(ahead).isSymbol("(")) {
      ahead++;
    }
    Token token = tokens.peek(ahead);
    return token.is("select") || token.is("with") || token.is("values") || token.is("table");
  }

  Query query() {
    tokens.enter();
    try {
      return queryAtDepth();
    } finally {
      tokens.exit();
    }
  }

  private Query queryAtDepth() {
    int position = tokens.peek().position();
    List<Query.CommonTable> with = List.of();
    boolean recursive = false;
    if (tokens.accept("with")) {
      recursive = tokens.accept("recursive");
      with = commonTables();
    }
    QueryBody body = setOperation();
    List<OrderItem> orderBy = List.of();
    if (tokens.acceptSequence("order", "by")) {
      orderBy = orderItems();
    }
    Expression limit = null;
    Expression offset = null;
    for (int clauses = 0; clauses < 2; clauses++) {
      if (limit == null && tokens.accept("limit")) {
        limit = tokens.accept("all") ? null : expressions.parse();
      } else if (offset == null && tokens.accept("offset")) {
        offset = expressions.parse();
        if (!tokens.accept("rows")) {
          tokens.accept("row");
        }
      } else if (limit == null && tokens.accept("fetch")) {
        limit = fetchFirst();
      }
    }
    if (tokens.at("for") && (tokens.peek(1).is("update") || tokens.peek(1).is("share"))) {
      throw SqlException.featureNotSupported("SELECT FOR UPDATE/SHARE is not supported")
          .withPosition(tokens.peek().position());
    }
    if (with.isEmpty() && orderBy.isEmpty() && limit == null && offset == null
        && body instanceof QueryBody.Nested nested) {
      return nested.query();
    }
    return new Query(with, recursive, body, orderBy, limit, offset, position);
  }

  private Expression fetchFirst() {
    if (!tokens.accept("first")) {
      tokens.expect("next");
    }
    Expression count = tokens.at("row") || tokens.at("rows")
        ? new Expression.Literal(Expression.Literal.Kind.INTEGER, "1", 0)
        : expressions.parse();
    if (!tokens.accept("rows")) {
      tokens.expect("row");
    }
    tokens.expect("only");
    return count;
  }

  private List<Query.CommonTable> commonTables() {
    List<Query.CommonTable> tables = new ArrayList<>();
    do {
      String name = tokens.identifier();
      List<String> columns = tokens.atSymbol("(") ? nameList() : List.of();
      tokens.expect("as");
      if (tokens.acceptSequence("not", "materialized") || tokens.accept("materialized")) {
        // a planning hint; every CTE is evaluated once here
      }
      tokens.expectSymbol("(");
      Query query = query();
      tokens.expectSymbol(")");
      tables.add(new Query.CommonTable(name, columns, query));
    } while (tokens.acceptSymbol(","));
    return tables;
  }

  /** {@code (a, b, c)}. */
  List<String> nameList() {
    tokens.expectSymbol("(");
    List<String> names = new ArrayList<>();
    do {
      names.add(tokens.identifier());
    } while (tokens.acceptSymbol(","));
    tokens.expectSymbol(")");
    return names;
  }

  /** UNION and EXCEPT bind equally and less tightly than INTERSECT, left to right. */
  private QueryBody setOperation() {
    QueryBody left = intersect();
    while (tokens.at("union") || tokens.at("except")) {
      QueryBody.SetOperation.Operator operator = tokens.next().is("union")
          ? QueryBody.SetOperation.Operator.UNION : QueryBody.SetOperation.Operator.EXCEPT;
      boolean all = setQuantifier();
      left = new QueryBody.SetOperation(operator, all, left, intersect());
    }
    return left;
  }

  private QueryBody intersect() {
    QueryBody left = queryPrimary();
    while (tokens.accept("intersect")) {
      boolean all = setQuantifier();
      left = new QueryBody.SetOperation(QueryBody.SetOperation.Operator.INTERSECT, all, left, queryPrimary());
    }
    return left;
  }

  private boolean setQuantifier() {
    if (tokens.accept("all")) {
      return true;
    }
    tokens.accept("distinct");
    return false;
  }

  private QueryBody queryPrimary() {
    if (tokens.acceptSymbol("(")) {
      Query inner = query();
      tokens.expectSymbol(")");
      return new QueryBody.Nested(inner);
    }
    if (tokens.accept("values")) {
      return values();
    }
    if (tokens.at("table")) {
      int position = tokens.next().position();
      QualifiedName name = qualifiedName();
      return new QueryBody.Select(false, List.of(), List.of(new QueryBody.Star(List.of(), position)),
          List.of(new TableRef.Named(name, null, List.of(), position)), null, List.of(), null, List.of());
    }
    tokens.expect("select");
    return select();
  }

  private QueryBody values() {
    List<List<Expression>> rows = new ArrayList<>();
    do {
      tokens.expectSymbol("(");
      rows.add(valuesRow());
      tokens.expectSymbol(")");
    } while (tokens.acceptSymbol(","));
    return new QueryBody.Values(rows);
  }

  /** One VALUES row; {@code DEFAULT} is kept as a column reference named "default" for INSERT. */
  private List<Expression> valuesRow() {
    List<Expression> row = new ArrayList<>();
    do {
      if (tokens.at("default")) {
        row.add(new Expression.ColumnRef(List.of(DEFAULT_MARKER), tokens.next().position()));
      } else {
        row.add(expressions.parse());
      }
    } while (tokens.acceptSymbol(","));
    return row;
  }

  /** The name a DEFAULT item of VALUES is parsed to; no real column can be called this. */
  static final String DEFAULT_MARKER = "\u0000default";

  private QueryBody select() {
    boolean distinct = false;
    List<Expression> distinctOn = List.of();
    if (tokens.accept("distinct")) {
      distinct = true;
      if (tokens.accept("on")) {
        tokens.expectSymbol("(");
        distinctOn = expressions.list();
        tokens.expectSymbol(")");
      }
    } else {
      tokens.accept("all");
    }
    List<QueryBody.SelectItem> items = atSelectListEnd() ? List.of() : selectItems();
    List<TableRef> from = List.of();
    if (tokens.accept("from")) {
      from = fromItems();
    }
    Expression where = tokens.accept("where") ? expressions.parse() : null;
    List<Expression> groupBy = List.of();
    if (tokens.acceptSequence("group", "by")) {
      tokens.accept("all");
      groupBy = expressions.list();
    }
    Expression having = tokens.accept("having") ? expressions.parse() : null;
    List<QueryBody.NamedWindow> windows = new ArrayList<>();
    if (tokens.accept("window")) {
      do {
        String name = tokens.identifier();
        tokens.expect("as");
        windows.add(new QueryBody.NamedWindow(name, expressions.windowSpec()));
      } while (tokens.acceptSymbol(","));
    }
    return new QueryBody.Select(distinct, distinctOn, items, from, where, groupBy, having, List.copyOf(windows));
  }

  private boolean atSelectListEnd() {
    return tokens.atEnd() || tokens.atSymbol(")") || tokens.atSymbol(";") || tokens.at("from")
        || tokens.at("where") || tokens.at("union") || tokens.at("except") || tokens.at("intersect")
        || tokens.at("order") || tokens.at("limit") || tokens.at("group");
  }

  /** A select list, also RETURNING's. */
  List<QueryBody.SelectItem> selectItems() {
    List<QueryBody.SelectItem> items = new ArrayList<>();
    do {
      items.add(selectItem());
    } while (tokens.acceptSymbol(","));
    return items;
  }

  private QueryBody.SelectItem selectItem() {
    int position = tokens.peek().position();
    if (tokens.acceptSymbol("*")) {
      return new QueryBody.Star(List.of(), position);
    }
    int mark = tokens.mark();
    List<String> qualifier = new ArrayList<>();
    while ((tokens.peek().kind() == TokenKind.IDENTIFIER || tokens.peek().kind() == TokenKind.QUOTED_IDENTIFIER)
        && tokens.peek(1).isSymbol(".")) {
      qualifier.add(tokens.next().text());
      tokens.next();
      if (tokens.acceptSymbol("*")) {
        return new QueryBody.Star(List.copyOf(qualifier), position);
      }
    }
    tokens.reset(mark);
    Expression expression = expressions.parse();
    String alias = null;
    if (tokens.accept("as")) {
      alias = tokens.anyIdentifier();
    } else if (tokens.atIdentifier()) {
      alias = tokens.identifier();
    }
    return new QueryBody.ExpressionItem(expression, alias);
  }

  List<OrderItem> orderItems() {
    List<OrderItem> items = new ArrayList<>();
    do {
      Expression expression = expressions.parse();
      boolean descending = false;
      if (tokens.accept("desc")) {
        descending = true;
      } else {
        tokens.accept("asc");
      }
      items.add(new OrderItem(expression, descending, nullsOrder()));
    } while (tokens.acceptSymbol(","));
    return items;
  }

  /** {@code NULLS FIRST} (true), {@code NULLS LAST} (false) or nothing written (null). */
  Boolean nullsOrder() {
    if (tokens.acceptSequence("nulls", "first")) {
      return true;
    }
    return tokens.acceptSequence("nulls", "last") ? false : null;
  }

  List<TableRef> fromItems() {
    List<TableRef> items = new ArrayList<>();
    do {
      items.add(joinedTable());
    } while (tokens.acceptSymbol(","));
    return items;
  }

  private TableRef joinedTable() {
    tokens.enter();
    try {
      return joins();
    } finally {
      tokens.exit();
    }
  }

  private TableRef joins() {
    TableRef left = tablePrimary();
    while (true) {
      if (tokens.acceptSequence("cross", "join")) {
        left = new TableRef.Join(TableRef.Join.Kind.CROSS, left, tablePrimary(), null, List.of(), false);
        continue;
      }
      boolean natural = tokens.accept("natural");
      TableRef.Join.Kind kind = joinKind();
      if (kind == null) {
        if (natural) {
          throw tokens.unexpected();
        }
        return left;
      }
      TableRef right = tablePrimary();
      Expression condition = null;
      List<String> using = List.of();
      if (!natural) {
        if (tokens.accept("on")) {
          condition = expressions.parse();
        } else if (tokens.accept("using")) {
          using = nameList();
        } else {
          throw tokens.unexpected();
        }
      }
      left = new TableRef.Join(kind, left, right, condition, using, natural);
    }
  }

  private TableRef.Join.Kind joinKind() {
    TableRef.Join.Kind kind = null;
    if (tokens.accept("join")) {
      return TableRef.Join.Kind.INNER;
    }
    if (tokens.accept("inner")) {
      kind = TableRef.Join.Kind.INNER;
    } else if (tokens.accept("left")) {
      kind = TableRef.Join.Kind.LEFT;
    } else if (tokens.accept("right")) {
      kind = TableRef.Join.Kind.RIGHT;
    } else if (tokens.accept("full")) {
      kind = TableRef.Join.Kind.FULL;
    } else {
      return null;
    }
    if (kind != TableRef.Join.Kind.INNER) {
      tokens.accept("outer");
    }
    tokens.expect("join");
    return kind;
  }

  private TableRef tablePrimary() {
    int position = tokens.peek().position();
    if (tokens.at("lateral")) {
      throw SqlException.featureNotSupported("LATERAL is not supported").withPosition(position);
    }
    if (tokens.atSymbol("(")) {
      if (atQueryStart()) {
        tokens.next();
        Query query = query();
        tokens.expectSymbol(")");
        String alias = alias();
        List<String> columns = alias != null && tokens.atSymbol("(") ? nameList() : List.of();
        return new TableRef.Subquery(query, alias, columns, position);
      }
      tokens.next();
      TableRef inner = joinedTable();
      tokens.expectSymbol(")");
      String alias = alias();
      if (alias == null) {
        return inner;
      }
      // (a JOIN b) AS x: the join seen only through x, as a derived table over its columns
      List<String> columns = tokens.atSymbol("(") ? nameList() : List.of();
      QueryBody.Select all = new QueryBody.Select(false, List.of(), List.of(new QueryBody.Star(List.of(), position)),
          List.of(inner), null, List.of(), null, List.of());
      return new TableRef.Subquery(Query.of(all, position), alias, columns, position);
    }
    tokens.accept("only");
    QualifiedName name = qualifiedName();
    if (tokens.atSymbol("(")) {
      Expression call = functionCallAfterName(name, position);
      boolean ordinality = tokens.acceptSequence("with", "ordinality");
      String alias = alias();
      List<String> columns = alias != null && tokens.atSymbol("(") ? nameList() : List.of();
      return new TableRef.Function((Expression.FunctionCall) call, ordinality, alias, columns, position);
    }
    String alias = alias();
    List<String> columns = alias != null && tokens.atSymbol("(") ? nameList() : List.of();
    return new TableRef.Named(name, alias, columns, position);
  }

  private Expression functionCallAfterName(QualifiedName name, int position) {
    tokens.expectSymbol("(");
    List<Expression> arguments = tokens.atSymbol(")") ? List.of() : expressions.list();
    tokens.expectSymbol(")");
    return Expression.FunctionCall.of(name.toString(), arguments, position);
  }

  /** {@code [AS] alias}, or null. */
  String alias() {
    if (tokens.accept("as")) {
      return tokens.anyIdentifier();
    }
    return tokens.atIdentifier() ? tokens.identifier() : null;
  }

  QualifiedName qualifiedName() {
    String first = tokens.identifier();
    if (tokens.acceptSymbol(".")) {
      return new QualifiedName(first, tokens.anyIdentifier());
    }
    return new QualifiedName(null, first);
  }
}
