package io.quorate.sql.parser;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.Statement.ColumnConstraint;
import io.quorate.sql.ast.Statement.ColumnDefinition;
import io.quorate.sql.ast.Statement.ForeignKeyAction;
import io.quorate.sql.ast.Statement.TableConstraint;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/** Parses CREATE, DROP, ALTER TABLE and TRUNCATE. */
final class DdlParser {

  private final TokenStream tokens;
  private final QueryParser queries;
  private final ExpressionParser expressions;

  DdlParser(TokenStream tokens, QueryParser queries) {
    this.tokens = tokens;
    this.queries = queries;
    this.expressions = queries.expressions();
  }

  Statement create() {
    int position = tokens.peek().position();
    if (tokens.accept("table")) {
      return createTable();
    }
    if (tokens.at("temporary") || tokens.at("temp") || tokens.at("unlogged")) {
      throw SqlException.featureNotSupported("temporary and unlogged tables are not supported")
          .withPosition(position);
    }
    if (tokens.acceptSequence("unique", "index")) {
      return createIndex(true);
    }
    if (tokens.accept("index")) {
      return createIndex(false);
    }
    if (tokens.accept("schema")) {
      boolean ifNotExists = tokens.acceptSequence("if", "not", "exists");
      return new Statement.CreateSchema(tokens.identifier(), ifNotExists);
    }
    if (tokens.accept("sequence")) {
      return createSequence();
    }
    boolean orReplace = tokens.acceptSequence("or", "replace");
    if (tokens.accept("view")) {
      return createView(orReplace);
    }
    throw tokens.unexpected();
  }

  private Statement createTable() {
    boolean ifNotExists = tokens.acceptSequence("if", "not", "exists");
    QualifiedName name = queries.qualifiedName();
    if (tokens.at("as") || (tokens.atSymbol("(") && tokens.peek(1).kind() != TokenKind.END && asColumnList())) {
      List<String> names = tokens.atSymbol("(") ? queries.nameList() : List.of();
      tokens.expect("as");
      Query query = queries.query();
      if (tokens.acceptSequence("with", "no", "data")) {
        throw SqlException.featureNotSupported("CREATE TABLE AS ... WITH NO DATA is not supported");
      }
      tokens.acceptSequence("with", "data");
      return new Statement.CreateTable(name, ifNotExists, List.of(), List.of(), List.of(), names, query);
    }
    tokens.expectSymbol("(");
    List<ColumnDefinition> columns = new ArrayList<>();
    List<TableConstraint> constraints = new ArrayList<>();
    if (!tokens.atSymbol(")")) {
      do {
        if (atTableConstraint()) {
          constraints.add(tableConstraint());
        } else {
          columns.add(columnDefinition());
        }
      } while (tokens.acceptSymbol(","));
    }
    tokens.expectSymbol(")");
    List<String> options = new ArrayList<>();
    if (tokens.accept("with")) {
      tokens.expectSymbol("(");
      do {
        int start = tokens.peek().position();
        tokens.anyIdentifier();
        if (tokens.acceptSymbol("=")) {
          tokens.next();
        }
        options.add(tokens.sourceFrom(start));
      } while (tokens.acceptSymbol(","));
      tokens.expectSymbol(")");
    }
    return new Statement.CreateTable(name, ifNotExists, columns, constraints, options, List.of(), null);
  }

  /** True if a parenthesised list of bare names followed by AS is next: CREATE TABLE t (a, b) AS .... */
  private boolean asColumnList() {
    int mark = tokens.mark();
    try {
      queries.nameList();
      return tokens.at("as");
    } catch (SqlException notANameList) {
      return false;
    } finally {
      tokens.reset(mark);
    }
  }

  private boolean atTableConstraint() {
    return tokens.at("constraint") || tokens.at("primary") || tokens.at("unique") || tokens.at("check")
        || tokens.at("foreign");
  }

  ColumnDefinition columnDefinition() {
    int position = tokens.peek().position();
    String name = tokens.identifier();
    ColumnDefinition.Serial serial = ColumnDefinition.Serial.NONE;
    SqlType type;
    Token typeToken = tokens.peek();
    if (typeToken.is("serial") || typeToken.is("serial4") || typeToken.is("bigserial") || typeToken.is("serial8")
        || typeToken.is("smallserial") || typeToken.is("serial2")) {
      tokens.next();
      serial = ColumnDefinition.Serial.SERIAL;
      type = typeToken.text().startsWith("big") || typeToken.text().equals("serial8") ? SqlType.BIGINT
          : typeToken.text().startsWith("small") || typeToken.text().equals("serial2") ? SqlType.SMALLINT
          : SqlType.INTEGER;
    } else {
      type = expressions.type();
    }
    List<ColumnConstraint> constraints = new ArrayList<>();
    Statement.CreateSequence identityOptions = null;
    while (true) {
      String constraintName = tokens.accept("constraint") ? tokens.identifier() : null;
      if (tokens.acceptSequence("not", "null")) {
        constraints.add(new Statement.NotNullConstraint(constraintName, true));
      } else if (tokens.accept("null")) {
        constraints.add(new Statement.NotNullConstraint(constraintName, false));
      } else if (tokens.accept("default")) {
        int start = tokens.peek().position();
        Expression value = defaultValue();
        constraints.add(new Statement.DefaultConstraint(constraintName, value, tokens.sourceFrom(start)));
      } else if (tokens.acceptSequence("primary", "key")) {
        constraints.add(new Statement.PrimaryKeyConstraint(constraintName));
      } else if (tokens.accept("unique")) {
        constraints.add(new Statement.UniqueConstraint(constraintName));
      } else if (tokens.accept("check")) {
        constraints.add(check(constraintName));
      } else if (tokens.accept("references")) {
        constraints.add(references(constraintName));
      } else if (tokens.accept("generated")) {
        serial = identity();
        identityOptions = identityOptions();
      } else if (constraintName != null) {
        throw tokens.unexpected();
      } else {
        break;
      }
    }
    return new ColumnDefinition(name, type, serial, constraints, position, identityOptions);
  }

  /** A DEFAULT expression: PostgreSQL's b_expr, so {@code DEFAULT 1 NOT NULL} parses as intended. */
  private Expression defaultValue() {
    if (tokens.at("not")) {
      throw tokens.unexpected();
    }
    return expressions.parse();
  }

  private ColumnDefinition.Serial identity() {
    ColumnDefinition.Serial serial;
    if (tokens.accept("always")) {
      serial = ColumnDefinition.Serial.IDENTITY_ALWAYS;
    } else {
      tokens.expect("by");
      tokens.expect("default");
      serial = ColumnDefinition.Serial.IDENTITY_BY_DEFAULT;
    }
    tokens.expect("as");
    tokens.expect("identity");
    return serial;
  }

  /** An identity column's optional {@code (sequence options)}, or null. */
  private Statement.CreateSequence identityOptions() {
    if (!tokens.acceptSymbol("(")) {
      return null;
    }
    Statement.CreateSequence options = sequenceOptions(null, false, true);
    tokens.expectSymbol(")");
    return options;
  }

  private Statement.CheckConstraint check(String name) {
    tokens.expectSymbol("(");
    int start = tokens.peek().position();
    Expression condition = expressions.parse();
    String text = tokens.sourceFrom(start);
    tokens.expectSymbol(")");
    return new Statement.CheckConstraint(name, condition, text);
  }

  private Statement.ReferencesConstraint references(String name) {
    QualifiedName table = queries.qualifiedName();
    List<String> columns = tokens.atSymbol("(") ? queries.nameList() : List.of();
    ForeignKeyAction[] actions = referentialActions();
    return new Statement.ReferencesConstraint(name, table, columns, actions[0], actions[1]);
  }

  /** {@code [ON DELETE action] [ON UPDATE action]} in either order: {delete, update}. */
  private ForeignKeyAction[] referentialActions() {
    ForeignKeyAction[] actions = {ForeignKeyAction.NO_ACTION, ForeignKeyAction.NO_ACTION};
    while (tokens.at("on") && (tokens.peek(1).is("delete") || tokens.peek(1).is("update"))) {
      tokens.next();
      int which = tokens.next().is("delete") ? 0 : 1;
      actions[which] = referentialAction();
    }
    return actions;
  }

  private ForeignKeyAction referentialAction() {
    if (tokens.accept("cascade")) {
      return ForeignKeyAction.CASCADE;
    }
    if (tokens.accept("restrict")) {
      return ForeignKeyAction.RESTRICT;
    }
    if (tokens.acceptSequence("no", "action")) {
      return ForeignKeyAction.NO_ACTION;
    }
    if (tokens.acceptSequence("set", "null")) {
      return ForeignKeyAction.SET_NULL;
    }
    tokens.expect("set");
    tokens.expect("default");
    return ForeignKeyAction.SET_DEFAULT;
  }

  TableConstraint tableConstraint() {
    String name = tokens.accept("constraint") ? tokens.identifier() : null;
    if (tokens.acceptSequence("primary", "key")) {
      return new TableConstraint(name, TableConstraint.Kind.PRIMARY_KEY, queries.nameList(), null, null, null,
          List.of(), null, null);
    }
    if (tokens.accept("unique")) {
      return new TableConstraint(name, TableConstraint.Kind.UNIQUE, queries.nameList(), null, null, null, List.of(),
          null, null);
    }
    if (tokens.accept("check")) {
      Statement.CheckConstraint check = check(name);
      return new TableConstraint(name, TableConstraint.Kind.CHECK, List.of(), check.condition(), check.sourceText(),
          null, List.of(), null, null);
    }
    tokens.expect("foreign");
    tokens.expect("key");
    List<String> columns = queries.nameList();
    tokens.expect("references");
    QualifiedName table = queries.qualifiedName();
    List<String> referenced = tokens.atSymbol("(") ? queries.nameList() : List.of();
    ForeignKeyAction[] actions = referentialActions();
    return new TableConstraint(name, TableConstraint.Kind.FOREIGN_KEY, columns, null, null, table, referenced,
        actions[0], actions[1]);
  }

  private Statement createIndex(boolean unique) {
    tokens.accept("concurrently");
    boolean ifNotExists = tokens.acceptSequence("if", "not", "exists");
    String name = tokens.at("on") ? null : tokens.identifier();
    tokens.expect("on");
    QualifiedName table = queries.qualifiedName();
    if (tokens.accept("using")) {
      String method = tokens.identifier();
      if (!method.equals("btree")) {
        throw SqlException.featureNotSupported("index access method \"" + method + "\" is not supported");
      }
    }
    tokens.expectSymbol("(");
    List<Statement.IndexColumn> columns = new ArrayList<>();
    do {
      if (tokens.atSymbol("(")) {
        throw SqlException.featureNotSupported("expression indexes are not supported")
            .withPosition(tokens.peek().position());
      }
      String column = tokens.identifier();
      boolean descending = tokens.accept("desc");
      if (!descending) {
        tokens.accept("asc");
      }
      columns.add(new Statement.IndexColumn(column, descending, queries.nullsOrder()));
    } while (tokens.acceptSymbol(","));
    tokens.expectSymbol(")");
    if (tokens.at("where")) {
      throw SqlException.featureNotSupported("partial indexes are not supported").withPosition(tokens.peek().position());
    }
    return new Statement.CreateIndex(name, unique, ifNotExists, table, columns);
  }

  private Statement createSequence() {
    boolean ifNotExists = tokens.acceptSequence("if", "not", "exists");
    QualifiedName name = queries.qualifiedName();
    return sequenceOptions(name, ifNotExists, false);
  }

  /** Sequence options up to the end of the statement, or up to ')' when {@code parenthesised}. */
  private Statement.CreateSequence sequenceOptions(QualifiedName name, boolean ifNotExists, boolean parenthesised) {
    Long increment = null;
    Long minValue = null;
    Long maxValue = null;
    Long start = null;
    boolean cycle = false;
    while (!tokens.atEnd() && !tokens.atSymbol(";") && !(parenthesised && tokens.atSymbol(")"))) {
      if (tokens.accept("increment")) {
        tokens.accept("by");
        increment = signedLong();
      } else if (tokens.accept("minvalue")) {
        minValue = signedLong();
      } else if (tokens.accept("maxvalue")) {
        maxValue = signedLong();
      } else if (tokens.accept("start")) {
        tokens.accept("with");
        start = signedLong();
      } else if (tokens.accept("cycle")) {
        cycle = true;
      } else if (tokens.acceptSequence("no", "cycle") || tokens.acceptSequence("no", "minvalue")
          || tokens.acceptSequence("no", "maxvalue")) {
        continue;
      } else if (tokens.accept("cache")) {
        signedLong();
      } else if (tokens.accept("as")) {
        expressions.type();
      } else {
        throw tokens.unexpected();
      }
    }
    return new Statement.CreateSequence(name, ifNotExists, increment, minValue, maxValue, start, cycle);
  }

  private long signedLong() {
    boolean negative = tokens.acceptSymbol("-");
    Token token = tokens.next();
    if (token.kind() != TokenKind.INTEGER) {
      throw tokens.errorAt(token);
    }
    try {
      return Long.parseLong((negative ? "-" : "") + token.text());
    } catch (NumberFormatException tooLarge) {
      throw SqlException.numericOutOfRange("bigint").withPosition(token.position());
    }
  }

  private Statement createView(boolean orReplace) {
    QualifiedName name = queries.qualifiedName();
    List<String> columns = tokens.atSymbol("(") ? queries.nameList() : List.of();
    tokens.expect("as");
    int start = tokens.peek().position();
    Query query = queries.query();
    return new Statement.CreateView(name, orReplace, columns, query, tokens.sourceFrom(start));
  }

  Statement drop() {
    Statement.ObjectKind kind;
    if (tokens.accept("table")) {
      kind = Statement.ObjectKind.TABLE;
    } else if (tokens.accept("index")) {
      tokens.accept("concurrently");
      kind = Statement.ObjectKind.INDEX;
    } else if (tokens.accept("view")) {
      kind = Statement.ObjectKind.VIEW;
    } else if (tokens.accept("sequence")) {
      kind = Statement.ObjectKind.SEQUENCE;
    } else if (tokens.accept("schema")) {
      kind = Statement.ObjectKind.SCHEMA;
    } else {
      throw tokens.unexpected();
    }
    boolean ifExists = tokens.acceptSequence("if", "exists");
    List<QualifiedName> names = new ArrayList<>();
    do {
      names.add(queries.qualifiedName());
    } while (tokens.acceptSymbol(","));
    boolean cascade = tokens.accept("cascade");
    if (!cascade) {
      tokens.accept("restrict");
    }
    return new Statement.DropObjects(kind, names, ifExists, cascade);
  }

  Statement alterTable() {
    tokens.expect("table");
    boolean ifExists = tokens.acceptSequence("if", "exists");
    tokens.accept("only");
    QualifiedName table = queries.qualifiedName();
    List<Statement.AlterAction> actions = new ArrayList<>();
    do {
      actions.add(alterAction());
    } while (tokens.acceptSymbol(","));
    return new Statement.AlterTable(table, ifExists, actions);
  }

  private Statement.AlterAction alterAction() {
    if (tokens.accept("add")) {
      if (atTableConstraint()) {
        return new Statement.AddConstraint(tableConstraint());
      }
      tokens.accept("column");
      boolean ifNotExists = tokens.acceptSequence("if", "not", "exists");
      return new Statement.AddColumn(columnDefinition(), ifNotExists);
    }
    if (tokens.accept("drop")) {
      if (tokens.accept("constraint")) {
        boolean ifExists = tokens.acceptSequence("if", "exists");
        return new Statement.DropConstraint(tokens.identifier(), ifExists);
      }
      tokens.accept("column");
      boolean ifExists = tokens.acceptSequence("if", "exists");
      String column = tokens.identifier();
      boolean cascade = tokens.accept("cascade");
      if (!cascade) {
        tokens.accept("restrict");
      }
      return new Statement.DropColumn(column, ifExists, cascade);
    }
    if (tokens.accept("rename")) {
      if (tokens.accept("to")) {
        return new Statement.RenameTable(tokens.identifier());
      }
      tokens.accept("column");
      String from = tokens.identifier();
      tokens.expect("to");
      return new Statement.RenameColumn(from, tokens.identifier());
    }
    if (tokens.accept("alter")) {
      tokens.accept("column");
      String column = tokens.identifier();
      if (tokens.acceptSequence("set", "default")) {
        int start = tokens.peek().position();
        Expression value = expressions.parse();
        return new Statement.AlterColumnDefault(column, value, tokens.sourceFrom(start));
      }
      if (tokens.acceptSequence("drop", "default")) {
        return new Statement.AlterColumnDefault(column, null, null);
      }
      if (tokens.acceptSequence("set", "not", "null")) {
        return new Statement.AlterColumnNotNull(column, true);
      }
      if (tokens.acceptSequence("drop", "not", "null")) {
        return new Statement.AlterColumnNotNull(column, false);
      }
      if (tokens.at("type") || tokens.acceptSequence("set", "data")) {
        throw SqlException.featureNotSupported("ALTER COLUMN TYPE is not supported")
            .withPosition(tokens.peek().position());
      }
    }
    throw tokens.unexpected();
  }

  Statement truncate() {
    tokens.accept("table");
    List<QualifiedName> tables = new ArrayList<>();
    do {
      tokens.accept("only");
      tables.add(queries.qualifiedName());
    } while (tokens.acceptSymbol(","));
    if (tokens.acceptSequence("restart", "identity") || tokens.acceptSequence("continue", "identity")) {
      // sequences are left as they are either way
    }
    boolean cascade = tokens.accept("cascade");
    if (!cascade) {
      tokens.accept("restrict");
    }
    return new Statement.Truncate(tables, cascade);
  }
}
