package io.quorate.sql.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Random SQL text from a small grammar over the fuzz schema ({@link #SCHEMA}): queries with
 * typed random expressions, and DML with edge-case values. Expressions are mostly well
 * typed so that statements get past the analyzer and reach the executor; some casts and
 * arguments are deliberately out of range. Tokens are separated by spaces, so a mutator can
 * work on {@code split(" ")}; the few literals with spaces inside are split too, which only
 * adds more broken inputs.
 */
final class RandomStatements {

  /** The value types the generator reasons about. */
  enum Type { INT, NUM, DBL, TEXT, BOOL, DATE, TS }

  /** A column visible in a scope: the qualified name to write and its type. */
  record Column(String name, Type type) {}

  /** A table of the schema: name, key column, and its columns in order. */
  record Table(String name, List<Column> columns) {}

  static final List<String> SCHEMA = List.of(
      "CREATE TABLE dept (id integer PRIMARY KEY, name text NOT NULL, budget numeric(10,2), "
          + "score double precision, open boolean, founded date, audited timestamp)",
      "CREATE UNIQUE INDEX dept_name_key ON dept (name)",
      "CREATE TABLE emp (id integer PRIMARY KEY, dept_id integer REFERENCES dept (id), name text, "
          + "salary numeric(10,2), rating double precision, active boolean, hired date, updated timestamp)",
      "CREATE INDEX emp_dept_idx ON emp (dept_id)",
      "CREATE TABLE item (id integer PRIMARY KEY, emp_id integer, label text, price numeric(10,2), "
          + "weight double precision, shipped boolean, due date, created timestamp)",
      "CREATE INDEX item_emp_label_idx ON item (emp_id, label)",
      "INSERT INTO dept VALUES (1, 'eng', 1000.50, 1.5, true, '2001-02-03', '2020-01-01 10:00:00'), "
          + "(2, 'ops', NULL, NULL, false, NULL, NULL), (3, '', -5.25, 'NaN', NULL, '1999-12-31', "
          + "'1999-12-31 23:59:59')",
      "INSERT INTO emp VALUES (1, 1, 'ann', 100.00, 4.5, true, '2010-05-06', '2021-03-04 05:06:07'), "
          + "(2, 1, 'bob', NULL, -1.0, false, NULL, NULL), (3, 2, NULL, 0.01, 'Infinity', NULL, '2000-02-29', "
          + "'2000-02-29 00:00:00'), (4, NULL, 'O''Neil', 99999999.99, 0, true, '1970-01-01', NULL)",
      "INSERT INTO item VALUES (1, 1, 'pen', 1.25, 0.1, true, '2024-01-31', '2024-01-31 12:00:00'), "
          + "(2, 1, 'ink', NULL, NULL, NULL, NULL, NULL), (3, 4, '', 0, -0.0, false, '2024-02-29', NULL), "
          + "(4, 9, 'pad', 3.50, 2.5, true, NULL, '2023-06-15 08:30:00')");

  static final List<Table> TABLES = List.of(
      table("dept", "id INT", "name TEXT", "budget NUM", "score DBL", "open BOOL", "founded DATE", "audited TS"),
      table("emp", "id INT", "dept_id INT", "name TEXT", "salary NUM", "rating DBL", "active BOOL", "hired DATE",
          "updated TS"),
      table("item", "id INT", "emp_id INT", "label TEXT", "price NUM", "weight DBL", "shipped BOOL", "due DATE",
          "created TS"));

  private static final String[] INT_LITERALS = {"0", "1", "-1", "2", "3", "7", "42", "2147483647", "-2147483648",
      "9223372036854775807", "-9223372036854775808", "99999999999999999999", "NULL"};
  private static final String[] NUM_LITERALS = {"0.5", "12.34", "-99999999.99", "1e20", "123456789012.345",
      "0.001", "1e-30", "NULL"};
  private static final String[] DBL_LITERALS = {"3.14", "-0.0", "1.5e308", "'NaN'::double precision",
      "'Infinity'::float8", "'-Infinity'::double precision", "1e-320", "NULL"};
  private static final String[] TEXT_LITERALS = {"''", "'a'", "'hello'", "'O''Brien'", "'%'", "'_x%'", "'12'",
      "'-7'", "'1e400'", "'NaN'", "'2024-02-30'", "'2024-13-01'", "'true'", "'ß∑😀'", "'\\'", "'eng'",
      "'yyyy-mm-dd'", "'YYYY-MM-DD HH24:MI'", "NULL"};
  private static final String[] DATE_LITERALS = {"DATE '2024-01-31'", "DATE '2000-02-29'", "'infinity'::date",
      "DATE '0001-01-01'", "DATE '9999-12-31'", "'4713-01-01 BC'::date", "'2024-02-30'::date", "NULL"};
  private static final String[] TS_LITERALS = {"TIMESTAMP '2024-01-01 10:00:00'", "'infinity'::timestamp",
      "TIMESTAMP '1999-12-31 23:59:59.999999'", "'2024-01-01T25:00'::timestamp", "TIMESTAMP '294276-12-31 00:00:00'",
      "NULL"};
  private static final String[] INTERVALS = {"INTERVAL '1 day'", "INTERVAL '-3 hours'", "INTERVAL '1 month'",
      "INTERVAL '100000000 years'", "INTERVAL '0'"};
  private static final String[] SQL_TYPES = {"integer", "bigint", "smallint", "numeric", "numeric(5,2)",
      "double precision", "real", "text", "varchar(3)", "boolean", "date", "timestamp", "interval", "char(2)"};

  private final Random random;

  RandomStatements(Random random) {
    this.random = random;
  }

  private static Table table(String name, String... columns) {
    List<Column> list = new ArrayList<>();
    for (String column : columns) {
      String[] parts = column.split(" ");
      list.add(new Column(parts[0], Type.valueOf(parts[1])));
    }
    return new Table(name, list);
  }

  /** A random statement: mostly queries, some DML, a few transaction-control statements. */
  String statement() {
    int pick = random.nextInt(100);
    if (pick < 55) {
      return query();
    } else if (pick < 65) {
      return insert();
    } else if (pick < 75) {
      return update();
    } else if (pick < 82) {
      return delete();
    } else if (pick < 90) {
      return setOperation();
    } else if (pick < 95) {
      return "WITH c AS ( " + select(List.of(randomType(), randomType()), new ArrayList<>(), 2) + " ) SELECT * FROM c"
          + (random.nextBoolean() ? " ORDER BY 1 LIMIT 3" : "");
    }
    return oneOf("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT s1", "ROLLBACK TO SAVEPOINT s1", "RELEASE SAVEPOINT s1",
        "EXPLAIN " + query());
  }

  String query() {
    List<Column> scope = new ArrayList<>();
    String from = from(scope, 2);
    if (random.nextInt(4) == 0) {
      return aggregateQuery(scope, from);
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    if (random.nextInt(6) == 0) {
      sql.append("DISTINCT ");
    }
    int items = 1 + random.nextInt(3);
    List<String> selected = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      selected.add(random.nextInt(8) == 0 ? window(scope) : expression(randomType(), scope, 3));
    }
    sql.append(String.join(" , ", selected)).append(" FROM ").append(from);
    if (random.nextBoolean()) {
      sql.append(" WHERE ").append(expression(Type.BOOL, scope, 3));
    }
    appendOrderAndLimit(sql, items);
    return sql.toString();
  }

  private String aggregateQuery(List<Column> scope, String from) {
    List<String> groupKeys = new ArrayList<>();
    int keys = random.nextInt(3);
    for (int i = 0; i < keys; i++) {
      groupKeys.add(random.nextInt(4) == 0 ? expression(randomType(), scope, 1) : pick(scope).name());
    }
    List<String> selected = new ArrayList<>(groupKeys);
    int aggregates = 1 + random.nextInt(2);
    for (int i = 0; i < aggregates; i++) {
      selected.add(aggregate(scope));
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(" , ", selected)).append(" FROM ")
        .append(from);
    if (random.nextBoolean()) {
      sql.append(" WHERE ").append(expression(Type.BOOL, scope, 2));
    }
    if (!groupKeys.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(" , ", groupKeys));
    }
    if (random.nextInt(3) == 0) {
      sql.append(" HAVING ").append(aggregate(scope)).append(" ")
          .append(oneOf("> 1", "< 1", "= 1", "<> 1", "IS NULL", "IS NOT NULL"));
    }
    appendOrderAndLimit(sql, selected.size());
    return sql.toString();
  }

  private String aggregate(List<Column> scope) {
    Column column = pick(scope);
    String distinct = random.nextInt(5) == 0 ? "DISTINCT " : "";
    String argument = random.nextInt(4) == 0 ? expression(column.type(), scope, 1) : column.name();
    return switch (random.nextInt(10)) {
      case 0 -> "count(*)";
      case 1 -> "count( " + distinct + argument + " )";
      case 2 -> "min( " + argument + " )";
      case 3 -> "max( " + argument + " )";
      case 4 -> "sum( " + distinct + expression(numericType(), scope, 1) + " )";
      case 5 -> "avg( " + expression(numericType(), scope, 1) + " )";
      case 6 -> "string_agg( " + expression(Type.TEXT, scope, 1) + " , " + oneOf("','", "''", "NULL") + " )";
      case 7 -> "bool_and( " + expression(Type.BOOL, scope, 1) + " )";
      case 8 -> oneOf("stddev", "variance", "var_pop") + "( " + expression(numericType(), scope, 1) + " )";
      default -> "array_agg( " + argument + " )";
    };
  }

  private String window(List<Column> scope) {
    String function = switch (random.nextInt(5)) {
      case 0 -> "row_number( )";
      case 1 -> "rank( )";
      case 2 -> "sum( " + expression(numericType(), scope, 1) + " )";
      case 3 -> "ntile( " + oneOf("2", "0", "-1", "NULL") + " )";
      default -> "count(*)";
    };
    StringBuilder over = new StringBuilder(function).append(" OVER ( ");
    if (random.nextBoolean()) {
      over.append("PARTITION BY ").append(pick(scope).name()).append(" ");
    }
    if (random.nextBoolean()) {
      over.append("ORDER BY ").append(pick(scope).name()).append(random.nextBoolean() ? " DESC " : " ");
    }
    return over.append(")").toString();
  }

  private void appendOrderAndLimit(StringBuilder sql, int items) {
    if (random.nextBoolean()) {
      sql.append(" ORDER BY ").append(random.nextInt(20) == 0 ? items + 1 : 1 + random.nextInt(items))
          .append(oneOf("", " DESC", " NULLS FIRST", " DESC NULLS LAST"));
    }
    if (random.nextInt(3) == 0) {
      sql.append(" LIMIT ").append(oneOf("0", "1", "3", "NULL", "-1", "ALL", "2147483648", "1 + 1"));
      if (random.nextBoolean()) {
        sql.append(" OFFSET ").append(oneOf("0", "1", "-1", "100", "9223372036854775807"));
      }
    }
  }

  /** A FROM clause; adds the columns it makes visible to {@code scope}. */
  private String from(List<Column> scope, int depth) {
    String first = fromItem(scope, depth);
    int joins = random.nextInt(3);
    StringBuilder from = new StringBuilder(first);
    for (int i = 0; i < joins; i++) {
      String kind = oneOf("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN", ",");
      List<Column> before = new ArrayList<>(scope);
      String item = fromItem(scope, depth);
      from.append(" ").append(kind).append(" ").append(item);
      if (kind.equals("JOIN") || kind.endsWith("LEFT JOIN") || kind.endsWith("RIGHT JOIN") || kind.equals("FULL JOIN")) {
        from.append(" ON ").append(joinCondition(before, scope));
      }
    }
    return from.toString();
  }

  private String joinCondition(List<Column> left, List<Column> all) {
    List<Column> right = all.subList(left.size(), all.size());
    if (random.nextInt(4) == 0 || left.isEmpty() || right.isEmpty()) {
      return expression(Type.BOOL, all, 2);
    }
    Column a = pick(left);
    List<Column> sameType = right.stream().filter(c -> c.type() == a.type()).toList();
    Column b = sameType.isEmpty() ? pick(right) : sameType.get(random.nextInt(sameType.size()));
    return a.name() + " " + oneOf("=", "=", "=", "<", "<>", ">=") + " " + b.name();
  }

  private int aliasCounter;

  private String fromItem(List<Column> scope, int depth) {
    String alias = "t" + aliasCounter++;
    int pick = random.nextInt(10);
    if (pick == 0 && depth > 0) {
      Type a = randomType();
      Type b = randomType();
      scope.add(new Column(alias + ".x", a));
      scope.add(new Column(alias + ".y", b));
      return "( " + select(List.of(a, b), new ArrayList<>(), depth - 1) + " ) AS " + alias + " ( x , y )";
    } else if (pick == 1) {
      scope.add(new Column(alias + ".g", Type.INT));
      return "generate_series( " + oneOf("1", "-2", "NULL") + " , " + oneOf("3", "0", "5") + " "
          + oneOf("", ", 2", ", -1", ", 0") + " ) AS " + alias + " ( g )";
    }
    Table table = TABLES.get(random.nextInt(TABLES.size()));
    for (Column column : table.columns()) {
      scope.add(new Column(alias + "." + column.name(), column.type()));
    }
    return table.name() + " " + alias;
  }

  /** A SELECT producing exactly {@code types}, seeing the {@code outer} columns (correlation). */
  private String select(List<Type> types, List<Column> outer, int depth) {
    List<Column> scope = new ArrayList<>(outer);
    String from = depth > 0 ? fromItem(scope, depth - 1) : fromItem(scope, 0);
    String items = types.stream().map(t -> expression(t, scope, 2)).collect(Collectors.joining(" , "));
    String where = random.nextBoolean() ? " WHERE " + expression(Type.BOOL, scope, 2) : "";
    return "SELECT " + items + " FROM " + from + where;
  }

  String setOperation() {
    List<Type> types = List.of(randomType(), randomType());
    List<Type> right = random.nextInt(8) == 0 ? List.of(randomType(), randomType()) : types;
    return select(types, new ArrayList<>(), 1) + " " + oneOf("UNION", "UNION ALL", "INTERSECT", "EXCEPT",
        "EXCEPT ALL") + " " + select(right, new ArrayList<>(), 1) + (random.nextBoolean() ? " ORDER BY 2" : "");
  }

  String insert() {
    Table table = TABLES.get(random.nextInt(TABLES.size()));
    List<Column> columns = table.columns();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.name()).append(" ( ")
        .append(columns.stream().map(Column::name).collect(Collectors.joining(" , "))).append(" ) ");
    if (random.nextInt(4) == 0) {
      sql.append(select(columns.stream().map(Column::type).toList(), new ArrayList<>(), 1));
    } else {
      sql.append("VALUES ");
      int rows = 1 + random.nextInt(2);
      for (int r = 0; r < rows; r++) {
        sql.append(r == 0 ? "" : " , ").append("( ").append(columns.stream()
            .map(c -> c.name().equals("id") ? key() : value(c.type())).collect(Collectors.joining(" , ")))
            .append(" )");
      }
    }
    if (random.nextInt(4) == 0) {
      sql.append(" ON CONFLICT ").append(oneOf("DO NOTHING", "( id ) DO NOTHING",
          "( id ) DO UPDATE SET id = excluded.id + 100"));
    }
    if (random.nextInt(3) == 0) {
      sql.append(" RETURNING ").append(oneOf("*", "id", "id + 1 , " + columns.get(2).name()));
    }
    return sql.toString();
  }

  private String key() {
    return oneOf("1", "2", "5", "6", "7", "100", "-1", "NULL", "2147483647", "2147483648", "'8'", "3.7");
  }

  /** A literal or a small expression of {@code type}, mixed with edge cases. */
  private String value(Type type) {
    if (random.nextInt(6) == 0) {
      return expression(type, List.of(), 1);
    }
    return literal(random.nextInt(10) == 0 ? randomType() : type);
  }

  String update() {
    Table table = TABLES.get(random.nextInt(TABLES.size()));
    List<Column> scope = new ArrayList<>();
    for (Column column : table.columns()) {
      scope.add(new Column(table.name() + "." + column.name(), column.type()));
    }
    Column target = pick(table.columns());
    StringBuilder sql = new StringBuilder("UPDATE ").append(table.name()).append(" SET ").append(target.name())
        .append(" = ").append(random.nextInt(3) == 0 ? value(target.type()) : expression(target.type(), scope, 2));
    if (random.nextInt(4) != 0) {
      sql.append(" WHERE ").append(expression(Type.BOOL, scope, 2));
    }
    if (random.nextInt(4) == 0) {
      sql.append(" RETURNING *");
    }
    return sql.toString();
  }

  String delete() {
    Table table = TABLES.get(random.nextInt(TABLES.size()));
    List<Column> scope = new ArrayList<>();
    for (Column column : table.columns()) {
      scope.add(new Column(table.name() + "." + column.name(), column.type()));
    }
    return "DELETE FROM " + table.name() + " WHERE " + expression(Type.BOOL, scope, 2)
        + (random.nextInt(4) == 0 ? " RETURNING id" : "");
  }

  /** An expression of (usually) {@code type} over the {@code scope} columns. */
  String expression(Type type, List<Column> scope, int depth) {
    if (depth <= 0 || random.nextInt(4) == 0) {
      return leaf(type, scope);
    }
    int d = depth - 1;
    return switch (random.nextInt(8)) {
      case 0 -> "CASE WHEN " + expression(Type.BOOL, scope, d) + " THEN " + expression(type, scope, d)
          + (random.nextBoolean() ? " ELSE " + expression(type, scope, d) : "") + " END";
      case 1 -> "COALESCE( " + expression(type, scope, d) + " , " + expression(type, scope, d) + " )";
      case 2 -> "CAST( " + expression(random.nextInt(3) == 0 ? randomType() : type, scope, d) + " AS "
          + sqlType(type) + " )";
      case 3 -> "( SELECT " + expression(type, scope, 1) + " FROM " + TABLES.get(random.nextInt(3)).name()
          + " LIMIT 1 )";
      default -> "( " + typed(type, scope, d) + " )";
    };
  }

  private String typed(Type type, List<Column> scope, int d) {
    Supplier<String> integer = () -> expression(Type.INT, scope, d);
    Supplier<String> text = () -> expression(Type.TEXT, scope, d);
    return switch (type) {
      case INT -> switch (random.nextInt(6)) {
        case 0 -> integer.get() + " " + oneOf("+", "-", "*", "/", "%") + " " + integer.get();
        case 1 -> oneOf("length", "char_length", "ascii", "octet_length") + "( " + text.get() + " )";
        case 2 -> oneOf("abs", "sign") + "( " + integer.get() + " )";
        case 3 -> oneOf("mod", "gcd", "div") + "( " + integer.get() + " , " + integer.get() + " )";
        case 4 -> "strpos( " + text.get() + " , " + text.get() + " )";
        default -> "EXTRACT( " + oneOf("YEAR", "DAY", "DOW", "EPOCH") + " FROM " + expression(Type.DATE, scope, d)
            + " )::integer";
      };
      case NUM -> switch (random.nextInt(4)) {
        case 0 -> expression(Type.NUM, scope, d) + " " + oneOf("+", "-", "*", "/", "%") + " "
            + expression(oneOf(Type.NUM, Type.INT), scope, d);
        case 1 -> oneOf("round", "trunc") + "( " + expression(Type.NUM, scope, d) + " , " + integer.get() + " )";
        case 2 -> oneOf("abs", "ceil", "floor", "sqrt", "ln", "exp") + "( " + expression(Type.NUM, scope, d) + " )";
        default -> "power( " + expression(Type.NUM, scope, d) + " , " + expression(Type.NUM, scope, d) + " )";
      };
      case DBL -> switch (random.nextInt(3)) {
        case 0 -> expression(Type.DBL, scope, d) + " " + oneOf("+", "-", "*", "/") + " "
            + expression(oneOf(Type.DBL, Type.INT), scope, d);
        case 1 -> oneOf("sqrt", "ln", "log10", "exp", "sin", "cbrt", "degrees", "floor") + "( "
            + expression(Type.DBL, scope, d) + " )";
        default -> oneOf("power", "atan2", "log") + "( " + expression(Type.DBL, scope, d) + " , "
            + expression(Type.DBL, scope, d) + " )";
      };
      case TEXT -> switch (random.nextInt(9)) {
        case 0 -> text.get() + " || " + expression(randomType(), scope, d);
        case 1 -> oneOf("upper", "lower", "initcap", "reverse", "md5", "btrim", "quote_literal") + "( " + text.get()
            + " )";
        case 2 -> oneOf("substr", "left", "right") + "( " + text.get() + " , " + integer.get() + " )";
        case 3 -> oneOf("lpad", "rpad") + "( " + text.get() + " , " + length() + " , " + text.get() + " )";
        case 4 -> "repeat( " + text.get() + " , " + length() + " )";
        case 5 -> "split_part( " + text.get() + " , " + text.get() + " , " + integer.get() + " )";
        case 6 -> oneOf("replace", "translate") + "( " + text.get() + " , " + text.get() + " , " + text.get() + " )";
        case 7 -> "to_char( " + expression(oneOf(Type.TS, Type.NUM, Type.INT), scope, d) + " , " + text.get() + " )";
        default -> "substring( " + text.get() + " FROM " + integer.get() + " FOR " + integer.get() + " )";
      };
      case BOOL -> predicate(scope, d);
      case DATE -> switch (random.nextInt(3)) {
        case 0 -> expression(Type.DATE, scope, d) + " " + oneOf("+", "-") + " " + integer.get();
        case 1 -> "make_date( " + integer.get() + " , " + integer.get() + " , " + integer.get() + " )";
        default -> "CAST( " + text.get() + " AS date )";
      };
      case TS -> switch (random.nextInt(3)) {
        case 0 -> "date_trunc( " + oneOf("'year'", "'hour'", "'week'", "'bogus'", "''") + " , "
            + expression(Type.TS, scope, d) + " )";
        case 1 -> expression(Type.TS, scope, d) + " " + oneOf("+", "-") + " " + oneOf(INTERVALS);
        default -> "to_timestamp( " + expression(Type.DBL, scope, d) + " )::timestamp";
      };
    };
  }

  /**
   * A result length for repeat and padding: small, or far beyond what a string can hold
   * (which must fail cleanly). Never a computed value: an honest 900-million-character
   * result is legal but would only measure memory.
   */
  private String length() {
    return oneOf("0", "3", "-1", "NULL", "100", "2147483647");
  }

  private String predicate(List<Column> scope, int d) {
    Type type = randomType();
    return switch (random.nextInt(11)) {
      case 0 -> expression(type, scope, d) + " " + oneOf("=", "<>", "<", "<=", ">", ">=", "IS DISTINCT FROM") + " "
          + expression(type, scope, d);
      case 1 -> expression(Type.BOOL, scope, d) + " " + oneOf("AND", "OR") + " " + expression(Type.BOOL, scope, d);
      case 2 -> "NOT " + expression(Type.BOOL, scope, d);
      case 3 -> expression(type, scope, d) + " IS " + oneOf("NULL", "NOT NULL");
      case 4 -> expression(Type.TEXT, scope, d) + " " + oneOf("LIKE", "NOT LIKE", "ILIKE") + " "
          + oneOf("'%'", "'a%'", "'_'", "'%\\'", "'\\%%'", "''", "'%e%n%'", "NULL");
      case 5 -> expression(type, scope, d) + " " + oneOf("BETWEEN", "NOT BETWEEN", "BETWEEN SYMMETRIC") + " "
          + expression(type, scope, d) + " AND " + expression(type, scope, d);
      case 6 -> expression(type, scope, d) + " " + oneOf("IN", "NOT IN") + " ( " + expression(type, scope, d)
          + " , " + literal(type) + (random.nextBoolean() ? " , NULL" : "") + " )";
      case 7 -> expression(type, scope, d) + " " + oneOf("IN", "NOT IN") + " ( "
          + select(List.of(type), scope, 0) + " )";
      case 8 -> oneOf("EXISTS", "NOT EXISTS") + " ( " + select(List.of(randomType()), scope, 0) + " )";
      case 9 -> expression(type, scope, d) + " " + oneOf("=", "<", ">") + " " + oneOf("ANY", "ALL") + " ( "
          + select(List.of(type), scope, 0) + " )";
      default -> "starts_with( " + expression(Type.TEXT, scope, d) + " , " + expression(Type.TEXT, scope, d) + " )";
    };
  }

  private String leaf(Type type, List<Column> scope) {
    List<Column> matching = scope.stream().filter(c -> c.type() == type).toList();
    if (!matching.isEmpty() && random.nextInt(3) != 0) {
      return matching.get(random.nextInt(matching.size())).name();
    }
    return literal(type);
  }

  String literal(Type type) {
    return switch (type) {
      case INT -> oneOf(INT_LITERALS);
      case NUM -> oneOf(NUM_LITERALS);
      case DBL -> oneOf(DBL_LITERALS);
      case TEXT -> oneOf(TEXT_LITERALS);
      case BOOL -> oneOf("true", "false", "NULL", "'yes'::boolean", "'maybe'::boolean");
      case DATE -> oneOf(DATE_LITERALS);
      case TS -> oneOf(TS_LITERALS);
    };
  }

  private String sqlType(Type type) {
    if (random.nextInt(4) == 0) {
      return oneOf(SQL_TYPES);
    }
    return switch (type) {
      case INT -> "integer";
      case NUM -> "numeric(10,2)";
      case DBL -> "double precision";
      case TEXT -> "text";
      case BOOL -> "boolean";
      case DATE -> "date";
      case TS -> "timestamp";
    };
  }

  private Type randomType() {
    Type[] types = Type.values();
    return types[random.nextInt(types.length)];
  }

  private Type numericType() {
    return oneOf(Type.INT, Type.NUM, Type.DBL);
  }

  private Column pick(List<Column> columns) {
    return columns.get(random.nextInt(columns.size()));
  }

  @SafeVarargs
  private <T> T oneOf(T... choices) {
    return choices[random.nextInt(choices.length)];
  }
}
