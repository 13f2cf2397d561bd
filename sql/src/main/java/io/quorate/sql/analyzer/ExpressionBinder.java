package io.quorate.sql.analyzer;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.Expression.Literal;
import io.quorate.sql.catalog.system.SystemFunctions;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.expression.BoundExpression.Constant;
import io.quorate.sql.expression.LikeMatcher;
import io.quorate.sql.expression.Operators;
import io.quorate.sql.expression.QuantifiedArray;
import io.quorate.sql.expression.RegexMatcher;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.CommonType;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Binds expressions: resolves names in a {@link Scope}, types every node with
 * PostgreSQL's rules, inserts implicit casts and folds casts of constants (so a bad
 * literal is reported where it is written). Aggregates are allowed only where the
 * caller says; they stay in the tree as {@link BoundExpression.AggregateCall} for the
 * query analyzer to move into an aggregate node.
 */
final class ExpressionBinder {

  private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
  /** A record's field by position; one shared instance so equal selections are equal expressions. */
  private static final io.quorate.sql.expression.ScalarFunction FIELD =
      (arguments, context) -> ((List<?>) arguments[0]).get(((Long) arguments[1]).intValue());

  private final BindContext context;
  private final FunctionBinder functions;
  private Scope scope;
  /** Why aggregates are not allowed here (PostgreSQL's clause name), or null when they are. */
  private String aggregatesForbiddenIn;
  /** True while binding an aggregate's own arguments, where another aggregate would be nested. */
  private boolean insideAggregate;
  /** The WINDOW clause of the SELECT being bound, by name. */
  private java.util.Map<String, Expression.WindowSpec> namedWindows = java.util.Map.of();
  private boolean windowsAllowed;

  ExpressionBinder(BindContext context, Scope scope) {
    this.context = context;
    this.scope = scope;
    this.functions = new FunctionBinder(this);
  }

  BindContext context() {
    return context;
  }

  Scope scope() {
    return scope;
  }

  /** Binds with aggregates and window functions forbidden, naming {@code clause} in the error. */
  BoundExpression bindPlain(Expression expression, String clause) {
    return bindIn(expression, clause, false);
  }

  /** Binds where aggregates (and, if {@code windows}, window functions) may appear. */
  BoundExpression bindWithAggregates(Expression expression, boolean windows) {
    return bindIn(expression, null, windows);
  }

  /** The clause aggregates are not allowed in (PostgreSQL's wording), or null where they are. */
  String aggregatesForbiddenIn() {
    return aggregatesForbiddenIn;
  }

  boolean insideAggregate() {
    return insideAggregate;
  }

  void setNamedWindows(java.util.Map<String, Expression.WindowSpec> windows) {
    this.namedWindows = windows;
  }

  /**
   * {@code spec} with the named window it refers to filled in, by PostgreSQL's rules: the
   * partitioning comes from the named window, ORDER BY from whichever has one (not
   * both), the frame from the referring window if it has one.
   */
  Expression.WindowSpec resolveWindow(Expression.WindowSpec spec) {
    if (spec.reference() == null) {
      return spec;
    }
    Expression.WindowSpec named = namedWindows.get(spec.reference());
    if (named == null) {
      throw new SqlException(SqlState.UNDEFINED_OBJECT, "window \"" + spec.reference() + "\" does not exist");
    }
    Expression.WindowSpec base = resolveWindow(named);
    if (!spec.partitionBy().isEmpty()) {
      throw new SqlException(SqlState.WINDOWING_ERROR,
          "cannot override PARTITION BY clause of window \"" + spec.reference() + "\"");
    }
    if (!spec.orderBy().isEmpty() && !base.orderBy().isEmpty()) {
      throw new SqlException(SqlState.WINDOWING_ERROR,
          "cannot override ORDER BY clause of window \"" + spec.reference() + "\"");
    }
    return new Expression.WindowSpec(null, base.partitionBy(),
        spec.orderBy().isEmpty() ? base.orderBy() : spec.orderBy(), spec.frame() != null ? spec.frame() : base.frame());
  }

  boolean windowsAllowed() {
    return windowsAllowed;
  }

  /** Binds inside an aggregate's arguments: no nested aggregates or windows. */
  BoundExpression bindAggregateArgument(Expression expression) {
    boolean saved = insideAggregate;
    insideAggregate = true;
    try {
      return bindIn(expression, "aggregate function calls", false);
    } finally {
      insideAggregate = saved;
    }
  }

  /** Binds {@code expression} with the given aggregate/window permissions, restoring them afterwards. */
  private BoundExpression bindIn(Expression expression, String forbidAggregatesIn, boolean windows) {
    String savedAggregates = aggregatesForbiddenIn;
    boolean savedWindows = windowsAllowed;
    aggregatesForbiddenIn = forbidAggregatesIn;
    windowsAllowed = windows;
    try {
      return bind(expression);
    } finally {
      aggregatesForbiddenIn = savedAggregates;
      windowsAllowed = savedWindows;
    }
  }

  /** A condition (WHERE, ON, HAVING, CHECK): must be boolean; untyped literals are read as boolean. */
  BoundExpression bindCondition(Expression expression, String clause, boolean aggregates) {
    BoundExpression bound = aggregates ? bindWithAggregates(expression, false) : bindPlain(expression, clause);
    return requireBoolean(bound, "argument of " + clause, expression.position());
  }

  BoundExpression requireBoolean(BoundExpression bound, String what, int position) {
    if (bound.type().kind() == SqlType.Kind.UNKNOWN) {
      return cast(bound, SqlType.BOOLEAN, false, position);
    }
    if (bound.type().kind() != SqlType.Kind.BOOLEAN) {
      throw new SqlException(SqlState.DATATYPE_MISMATCH,
          what + " must be type boolean, not type " + bound.type().base().pgName()).withPosition(position);
    }
    return bound;
  }

  BoundExpression bind(Expression expression) {
    try {
      return bindNode(expression);
    } catch (SqlException error) {
      throw error.position() == 0 && expression.position() > 0 ? error.withPosition(expression.position()) : error;
    }
  }

  private BoundExpression bindNode(Expression expression) {
    return switch (expression) {
      case Literal literal -> literal(literal);
      case Expression.ColumnRef ref -> {
        if (Parser.isDefaultMarker(ref)) {
          throw SqlException.syntaxError("DEFAULT is not allowed in this context", ref.position());
        }
        yield scope.resolve(ref.parts(), ref.position());
      }
      case Expression.Parameter parameter -> {
        context.parameterTypes().putIfAbsent(parameter.index(), SqlType.UNKNOWN);
        yield new BoundExpression.Parameter(parameter.index(), context.parameterTypes().get(parameter.index()));
      }
      case Expression.Unary unary -> unary.operator().equals("not")
          ? new BoundExpression.Not(requireBoolean(bind(unary.operand()), "argument of NOT", unary.position()))
          : Operators.unary(unary.operator(), bind(unary.operand()));
      case Expression.Binary binary -> binary(binary);
      case Expression.Like like -> like(like);
      case Expression.IsNull isNull -> new BoundExpression.IsNull(bind(isNull.value()), isNull.negated());
      case Expression.IsTruth truth -> isTruth(truth);
      case Expression.IsDistinctFrom distinct -> {
        BoundExpression[] pair = coercePair(bind(distinct.left()), bind(distinct.right()), "=");
        yield new BoundExpression.IsDistinct(pair[0], pair[1], distinct.negated());
      }
      case Expression.Between between -> between(between);
      case Expression.InList in -> inList(in);
      case Expression.InSubquery in -> quantifiedSubquery(in.value(), "=", false, in.query(), in.negated());
      case Expression.Exists exists -> subquery(BoundExpression.Subquery.Kind.EXISTS, exists.query(), null, null);
      case Expression.ScalarSubquery scalar ->
          subquery(BoundExpression.Subquery.Kind.SCALAR, scalar.query(), null, null);
      case Expression.Quantified quantified -> quantified.query() != null
          ? quantifiedSubquery(quantified.value(), quantified.operator(), quantified.all(), quantified.query(), false)
          : quantifiedArray(quantified);
      case Expression.Case caseExpression -> caseExpression(caseExpression);
      case Expression.Cast cast -> cast(bind(cast.value()), cast.type(), true, cast.position());
      case Expression.FunctionCall call -> functions.bind(call);
      case Expression.ArrayConstructor array -> array(array);
      case Expression.ArraySubquery array -> subquery(BoundExpression.Subquery.Kind.ARRAY, array.query(), null, null);
      case Expression.Subscript subscript -> subscript(subscript);
      case Expression.FieldSelection selection -> fieldSelection(selection);
    };
  }

  private BoundExpression literal(Literal literal) {
    return switch (literal.kind()) {
      case NULL -> new Constant(null, SqlType.UNKNOWN);
      case BOOLEAN -> new Constant(literal.text().equals("true"), SqlType.BOOLEAN);
      case STRING -> new Constant(literal.text(), SqlType.UNKNOWN);
      case DECIMAL -> new Constant(Casts.checkNumericSize(new BigDecimal(literal.text())), SqlType.NUMERIC);
      case INTEGER -> integerLiteral(literal.text());
    };
  }

  private static BoundExpression integerLiteral(String text) {
    try {
      long value = Long.parseLong(text);
      return new Constant(value, value == (int) value ? SqlType.INTEGER : SqlType.BIGINT);
    } catch (NumberFormatException tooLarge) {
      return new Constant(new BigDecimal(text), SqlType.NUMERIC);
    }
  }

  private BoundExpression binary(Expression.Binary binary) {
    String operator = binary.operator();
    if (operator.equals("and") || operator.equals("or")) {
      List<BoundExpression> operands = new ArrayList<>();
      flatten(binary, operator, operands);
      return new BoundExpression.Logical(operator.equals("and"), operands);
    }
    BoundExpression left = bind(binary.left());
    BoundExpression right = bind(binary.right());
    if (COMPARISONS.contains(operator)) {
      BoundExpression[] pair = coercePair(left, right, operator);
      return new BoundExpression.Comparison(operator, pair[0], pair[1]);
    }
    if (operator.equals("~~") || operator.equals("!~~")) {
      return likeCall(left, right, null, false, operator.startsWith("!"));
    }
    if (RegexMatcher.OPERATORS.contains(operator)) {
      boolean caseInsensitive = operator.endsWith("*");
      BoundExpression call = new BoundExpression.Call(operator,
          (a, c) -> RegexMatcher.matches((String) a[0], (String) a[1], caseInsensitive), true, false,
          List.of(textArgument(left, operator), textArgument(right, operator)), SqlType.BOOLEAN);
      return operator.startsWith("!") ? new BoundExpression.Not(call) : call;
    }
    return Operators.binary(operator, left, right);
  }

  private void flatten(Expression expression, String operator, List<BoundExpression> out) {
    if (expression instanceof Expression.Binary binary && binary.operator().equals(operator)) {
      flatten(binary.left(), operator, out);
      flatten(binary.right(), operator, out);
    } else {
      out.add(requireBoolean(bind(expression), "argument of " + operator.toUpperCase(java.util.Locale.ROOT),
          expression.position()));
    }
  }

  /** Both sides cast to their common type; 42883 when there is none, as for a missing operator. */
  BoundExpression[] coercePair(BoundExpression left, BoundExpression right, String operator) {
    SqlType common = CommonType.of(left.type(), right.type());
    if (common == null) {
      throw new SqlException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + left.type().base().pgName()
          + " " + operator + " " + right.type().base().pgName())
          .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
    }
    return new BoundExpression[] {coerce(left, common), coerce(right, common)};
  }

  /** {@code bound} converted implicitly to {@code type}; constants are converted now. */
  BoundExpression coerce(BoundExpression bound, SqlType type) {
    if (bound.type().equals(type)) {
      return bound;
    }
    if (bound instanceof BoundExpression.Parameter parameter && parameter.type().kind() == SqlType.Kind.UNKNOWN) {
      inferParameter(parameter.index(), type);
      return new BoundExpression.Parameter(parameter.index(), type);
    }
    return cast(bound, type, false, 0);
  }

  /** Records {@code type} for a parameter whose type was not known yet. */
  private void inferParameter(int index, SqlType type) {
    SqlType known = context.parameterTypes().get(index);
    if (known == null || known.kind() == SqlType.Kind.UNKNOWN) {
      context.parameterTypes().put(index, type);
    }
  }

  /** A cast, checked for existence and folded when the operand is a constant. */
  BoundExpression cast(BoundExpression bound, SqlType type, boolean explicit, int position) {
    SqlType from = bound.type();
    if (from.equals(type) && type.precision() < 0) {
      return bound;
    }
    if (bound instanceof BoundExpression.Parameter parameter && from.kind() == SqlType.Kind.UNKNOWN) {
      inferParameter(parameter.index(), type);
      return new BoundExpression.Parameter(parameter.index(), type);
    }
    if (!Casts.allowed(from, type, explicit ? Casts.Context.EXPLICIT : Casts.Context.ASSIGNMENT)) {
      throw new SqlException(SqlState.CANNOT_COERCE,
          "cannot cast type " + from.base().pgName() + " to " + type.pgName()).withPosition(position);
    }
    if (type.isObjectReference()) {
      return objectReference(bound, type, position);
    }
    if (bound instanceof Constant constant) {
      try {
        return new Constant(Casts.convert(constant.value(), from, type, explicit, context.zone()), type);
      } catch (SqlException error) {
        throw error.position() == 0 ? error.withPosition(position) : error;
      }
    }
    return new BoundExpression.Cast(bound, type, explicit);
  }

  /** A cast to regclass and the like needs the catalog: names are looked up, constants at once. */
  private BoundExpression objectReference(BoundExpression bound, SqlType type, int position) {
    BoundExpression converted = SystemFunctions.objectReference(bound, type, context.systemContext());
    if (bound instanceof Constant) {
      try {
        return new Constant(converted.evaluate(null, null), type);
      } catch (SqlException error) {
        throw error.position() == 0 ? error.withPosition(position) : error;
      }
    }
    return converted;
  }

  private BoundExpression like(Expression.Like like) {
    BoundExpression escape = like.escape() == null ? null : bind(like.escape());
    return likeCall(bind(like.value()), bind(like.pattern()), escape, like.caseInsensitive(), like.negated());
  }

  private BoundExpression likeCall(BoundExpression value, BoundExpression pattern, BoundExpression escape,
      boolean caseInsensitive, boolean negated) {
    List<BoundExpression> arguments = new ArrayList<>();
    arguments.add(textArgument(value, "~~"));
    arguments.add(textArgument(pattern, "~~"));
    if (escape != null) {
      arguments.add(textArgument(escape, "~~"));
    }
    BoundExpression call = new BoundExpression.Call(caseInsensitive ? "~~*" : "~~",
        (a, c) -> LikeMatcher.matches((String) a[0], (String) a[1], a.length > 2 ? (String) a[2] : "\\",
            caseInsensitive), true, false, List.copyOf(arguments), SqlType.BOOLEAN);
    return negated ? new BoundExpression.Not(call) : call;
  }

  private BoundExpression textArgument(BoundExpression bound, String operator) {
    SqlType type = bound.type();
    if (!type.isString() && type.kind() != SqlType.Kind.UNKNOWN) {
      throw new SqlException(SqlState.UNDEFINED_FUNCTION,
          "operator does not exist: " + type.base().pgName() + " " + operator + " unknown")
          .withHint("No operator matches the given name and argument types. You might need to add explicit type casts.");
    }
    return coerce(bound, SqlType.TEXT);
  }

  private BoundExpression isTruth(Expression.IsTruth truth) {
    BoundExpression value = requireBoolean(bind(truth.value()), "argument of IS " + (truth.truth() == null
        ? "UNKNOWN" : truth.truth() ? "TRUE" : "FALSE"), truth.position());
    if (truth.truth() == null) {
      return new BoundExpression.IsNull(value, truth.negated());
    }
    return new BoundExpression.IsDistinct(value, new Constant(truth.truth(), SqlType.BOOLEAN), !truth.negated());
  }

  private BoundExpression between(Expression.Between between) {
    BoundExpression value = bind(between.value());
    BoundExpression low = bind(between.low());
    BoundExpression high = bind(between.high());
    SqlType common = commonTypeOrNull(List.of(value, low, high));
    if (common == null) {
      coercePair(value, low, ">=");
      coercePair(value, high, "<=");
      coercePair(low, high, "<="); // one of the three throws 42883
      throw SqlException.internal("no common type for BETWEEN", null);
    }
    value = coerce(value, common);
    low = coerce(low, common);
    high = coerce(high, common);
    BoundExpression result = range(value, low, high);
    if (between.symmetric()) {
      result = new BoundExpression.Logical(false, List.of(result, range(value, high, low)));
    }
    return between.negated() ? new BoundExpression.Not(result) : result;
  }

  private static BoundExpression range(BoundExpression value, BoundExpression low, BoundExpression high) {
    return new BoundExpression.Logical(true, List.of(new BoundExpression.Comparison(">=", value, low),
        new BoundExpression.Comparison("<=", value, high)));
  }

  private BoundExpression inList(Expression.InList in) {
    BoundExpression value = bind(in.value());
    List<BoundExpression> items = new ArrayList<>();
    for (Expression item : in.list()) {
      items.add(bind(item));
    }
    List<BoundExpression> all = new ArrayList<>(items);
    all.add(value);
    SqlType common = commonTypeOrNull(all);
    if (common == null) {
      for (BoundExpression item : items) {
        coercePair(value, item, "="); // throws 42883 for the first item that does not match
      }
      commonType(all, "IN"); // items that do not match each other: 42804
    }
    List<BoundExpression> coerced = new ArrayList<>();
    for (BoundExpression item : items) {
      coerced.add(coerce(item, common));
    }
    return new BoundExpression.InList(coerce(value, common), List.copyOf(coerced), in.negated());
  }

  private BoundExpression subquery(BoundExpression.Subquery.Kind kind, io.quorate.sql.ast.Query query,
      BoundExpression operand, String operator) {
    Scope subqueryScope = new Scope(scope, true, List.of());
    PlanNode plan = context.subqueries().plan(query, subqueryScope);
    if (kind != BoundExpression.Subquery.Kind.EXISTS && plan.columns().size() != 1) {
      throw SqlException.syntaxError("subquery must return only one column", query.position());
    }
    SqlType type = kind == BoundExpression.Subquery.Kind.EXISTS ? SqlType.BOOLEAN : plan.columns().get(0).type();
    if (type.kind() == SqlType.Kind.UNKNOWN) {
      type = SqlType.TEXT;
    }
    if (kind == BoundExpression.Subquery.Kind.ARRAY) {
      type = SqlType.arrayOf(type);
    }
    return new BoundExpression.Subquery(kind, context.subqueries().runnable(plan), operand, operator,
        subqueryScope.correlated(), type, subqueryScope.outerReferences(), null);
  }

  private BoundExpression quantifiedSubquery(Expression value, String operator, boolean all,
      io.quorate.sql.ast.Query query, boolean negated) {
    BoundExpression operand = bind(value);
    Scope subqueryScope = new Scope(scope, true, List.of());
    PlanNode plan = context.subqueries().plan(query, subqueryScope);
    if (plan.columns().size() != 1) {
      throw SqlException.syntaxError("subquery has too many columns", query.position());
    }
    SqlType columnType = plan.columns().get(0).type();
    SqlType common = CommonType.of(operand.type(), columnType);
    if (common == null) {
      coercePair(operand, new Constant(null, columnType), operator);
    }
    if (!columnType.equals(common) && common.kind() != SqlType.Kind.UNKNOWN) {
      plan = castColumn(plan, common);
    }
    BoundExpression result = new BoundExpression.Subquery(all ? BoundExpression.Subquery.Kind.ALL
        : BoundExpression.Subquery.Kind.ANY, context.subqueries().runnable(plan), coerce(operand, common), operator,
        subqueryScope.correlated(), SqlType.BOOLEAN, subqueryScope.outerReferences(), null);
    return negated ? new BoundExpression.Not(result) : result;
  }

  /** Wraps a one-column plan so its column is converted to {@code type}. */
  private static PlanNode castColumn(PlanNode plan, SqlType type) {
    io.quorate.sql.planner.PlanColumn column = plan.columns().get(0);
    BoundExpression converted = new BoundExpression.Cast(new BoundExpression.Column(0, column.type(), column.name()),
        type, false);
    return new PlanNode.Project(plan, List.of(converted),
        List.of(new io.quorate.sql.planner.PlanColumn(column.table(), column.name(), type)));
  }

  private BoundExpression quantifiedArray(Expression.Quantified quantified) {
    BoundExpression value = bind(quantified.value());
    BoundExpression array = bind(quantified.array());
    if (array.type().kind() == SqlType.Kind.UNKNOWN) {
      array = coerce(array, SqlType.arrayOf(value.type().kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT
          : value.type()));
    }
    if (!array.type().isArray()) {
      throw new SqlException(SqlState.DATATYPE_MISMATCH, "op ANY/ALL (array) requires array on right side");
    }
    BoundExpression[] pair = coercePair(value, new Constant(null, array.type().element()), quantified.operator());
    SqlType element = pair[1].type();
    BoundExpression coercedArray = coerce(array, SqlType.arrayOf(element));
    String operator = quantified.operator();
    boolean all = quantified.all();
    return new BoundExpression.Call(all ? "all" : "any", (a, c) -> QuantifiedArray.test(a[0], (List<?>) a[1],
        operator, all), false, false, List.of(pair[0], coercedArray), SqlType.BOOLEAN);
  }

  private BoundExpression caseExpression(Expression.Case caseExpression) {
    BoundExpression operand = caseExpression.operand() == null ? null : bind(caseExpression.operand());
    List<BoundExpression> conditions = new ArrayList<>();
    List<BoundExpression> results = new ArrayList<>();
    for (Expression.When when : caseExpression.whens()) {
      if (operand != null) {
        BoundExpression[] pair = coercePair(operand, bind(when.condition()), "=");
        conditions.add(new BoundExpression.Comparison("=", pair[0], pair[1]));
      } else {
        conditions.add(requireBoolean(bind(when.condition()), "argument of CASE/WHEN", when.condition().position()));
      }
      results.add(bind(when.result()));
    }
    BoundExpression elseResult = caseExpression.elseResult() == null ? null : bind(caseExpression.elseResult());
    List<BoundExpression> all = new ArrayList<>(results);
    if (elseResult != null) {
      all.add(elseResult);
    }
    SqlType type = commonType(all, "CASE");
    List<BoundExpression> coerced = new ArrayList<>();
    for (BoundExpression result : results) {
      coerced.add(coerce(result, type));
    }
    return new BoundExpression.Case(List.copyOf(conditions), List.copyOf(coerced),
        elseResult == null ? null : coerce(elseResult, type), type);
  }

  /** The common type of {@code expressions}; 42804 "CASE types integer and text cannot be matched". */
  SqlType commonType(List<BoundExpression> expressions, String construct) {
    SqlType common = SqlType.UNKNOWN;
    for (BoundExpression expression : expressions) {
      if (expression.type().kind() == SqlType.Kind.UNKNOWN) {
        continue;
      }
      SqlType next = common.kind() == SqlType.Kind.UNKNOWN ? expression.type()
          : CommonType.of(common, expression.type());
      if (next == null) {
        throw new SqlException(SqlState.DATATYPE_MISMATCH, construct + " types " + common.base().pgName() + " and "
            + expression.type().base().pgName() + " cannot be matched");
      }
      common = next;
    }
    return common.kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT : common;
  }

  /** The common type of {@code expressions} (untyped literals take the others' type), or null if none. */
  static SqlType commonTypeOrNull(List<BoundExpression> expressions) {
    SqlType common = SqlType.UNKNOWN;
    for (BoundExpression expression : expressions) {
      if (expression.type().kind() == SqlType.Kind.UNKNOWN) {
        continue;
      }
      common = common.kind() == SqlType.Kind.UNKNOWN ? expression.type() : CommonType.of(common, expression.type());
      if (common == null) {
        return null;
      }
    }
    return common.kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT : common;
  }

  private BoundExpression array(Expression.ArrayConstructor array) {
    List<BoundExpression> elements = new ArrayList<>();
    for (Expression element : array.elements()) {
      elements.add(bind(element));
    }
    if (elements.isEmpty()) {
      throw new SqlException(SqlState.INDETERMINATE_DATATYPE, "cannot determine type of empty array")
          .withHint("Explicitly cast to the desired type, for example ARRAY[]::integer[].");
    }
    SqlType element = commonType(elements, "ARRAY");
    List<BoundExpression> coerced = new ArrayList<>();
    for (BoundExpression item : elements) {
      coerced.add(coerce(item, element));
    }
    return new BoundExpression.Call("array", (a, c) -> Collections.unmodifiableList(new ArrayList<>(
        java.util.Arrays.asList(a))), false, false, List.copyOf(coerced), SqlType.arrayOf(element));
  }

  private BoundExpression subscript(Expression.Subscript subscript) {
    BoundExpression array = bind(subscript.array());
    if (!array.type().isArray()) {
      throw new SqlException(SqlState.DATATYPE_MISMATCH, "cannot subscript type " + array.type().pgName()
          + " because it does not support subscripting");
    }
    BoundExpression index = coerce(bind(subscript.index()), SqlType.INTEGER);
    long lowerBound = array.type().lowerBound();
    return new BoundExpression.Call("subscript", (a, c) -> {
      List<?> values = (List<?>) a[0];
      long offset = (Long) a[1] - lowerBound;
      return offset >= 0 && offset < values.size() ? values.get((int) offset) : null;
    }, true, false, List.of(array, index), array.type().element());
  }

  /** {@code (record).field}: the field's value, NULL when the record is NULL. */
  private BoundExpression fieldSelection(Expression.FieldSelection selection) {
    BoundExpression record = bind(selection.record());
    SqlType type = record.type();
    if (type.kind() != SqlType.Kind.RECORD) {
      throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "column notation ." + selection.field()
          + " applied to type " + type.base().pgName() + ", which is not a composite type")
          .withPosition(selection.position());
    }
    for (int i = 0; i < type.fields().size(); i++) {
      SqlType.Field field = type.fields().get(i);
      if (field.name().equals(selection.field())) {
        return new BoundExpression.Call("." + field.name(), FIELD, true, false,
            List.of(record, new Constant((long) i, SqlType.INTEGER)), field.type());
      }
    }
    throw new SqlException(SqlState.UNDEFINED_COLUMN, "could not identify column \"" + selection.field()
        + "\" in record data type").withPosition(selection.position());
  }
}
