package io.quorate.sql.parser;

import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Query;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.TableRef;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The SQL parser: PostgreSQL-dialect text in, statements out. Syntax errors are 42601
 * with the 1-based position of the offending token, worded as PostgreSQL words them.
 * Stateless; {@link #parse} may be called from any thread.
 */
public final class Parser {

  private final TokenStream tokens;
  private final QueryParser queries;
  private final ExpressionParser expressions;
  private final DdlParser ddl;
  private final RoleParser roles;

  private Parser(String sql) {
    this.tokens = new TokenStream(sql);
    this.queries = new QueryParser(tokens);
    this.expressions = queries.expressions();
    this.ddl = new DdlParser(tokens, queries);
    this.roles = new RoleParser(tokens, queries);
  }

  /** Every statement in {@code sql}, which holds zero or more separated by semicolons. */
  public static List<Statement> parse(String sql) {
    return new Parser(sql).statements();
  }

  /** Exactly one statement; an empty string or a second statement is a syntax error. */
  public static Statement parseOne(String sql) {
    List<Statement> statements = parse(sql);
    if (statements.size() != 1) {
      throw SqlException.syntaxError(statements.isEmpty() ? "empty statement" : "cannot insert multiple commands "
          + "into a prepared statement", 0);
    }
    return statements.get(0);
  }

  /** One expression, as stored for DEFAULT and CHECK; anything after it is a syntax error. */
  public static Expression parseExpression(String sql) {
    Parser parser = new Parser(sql);
    Expression expression = parser.expressions.parse();
    if (!parser.tokens.atEnd()) {
      throw parser.tokens.unexpected();
    }
    return expression;
  }

  /** A possibly schema-qualified name such as {@code public.t_id_seq}, as nextval('...') takes it. */
  public static io.quorate.sql.ast.QualifiedName parseQualifiedName(String text) {
    Parser parser = new Parser(text);
    io.quorate.sql.ast.QualifiedName name = parser.queries.qualifiedName();
    if (!parser.tokens.atEnd()) {
      throw parser.tokens.unexpected();
    }
    return name;
  }

  /** The text of the value {@code DEFAULT} stands for in INSERT ... VALUES. */
  public static boolean isDefaultMarker(Expression expression) {
    return expression instanceof Expression.ColumnRef ref && ref.parts().size() == 1
        && ref.parts().get(0).equals(QueryParser.DEFAULT_MARKER);
  }

  private List<Statement> statements() {
    List<Statement> statements = new ArrayList<>();
    while (!tokens.atEnd()) {
      if (tokens.acceptSymbol(";")) {
        continue;
      }
      statements.add(statement());
      if (!tokens.atEnd() && !tokens.atSymbol(";")) {
        throw tokens.unexpected();
      }
    }
    return statements;
  }

  private boolean atRole() {
    return tokens.at("role") || tokens.at("user");
  }

  private Statement statement() {
    if (queries.atQueryStart()) {
      return queries.query();
    }
    Token token = tokens.next();
    return switch (token.kind() == TokenKind.IDENTIFIER ? token.text() : "") {
      case "insert" -> insert();
      case "update" -> update();
      case "delete" -> delete();
      case "create" -> atRole() ? roles.create() : ddl.create();
      case "drop" -> atRole() ? roles.drop() : ddl.drop();
      case "alter" -> atRole() ? roles.alter() : ddl.alterTable();
      case "vacuum" -> roles.vacuum(true);
      case "analyze", "analyse" -> roles.vacuum(false);
      case "truncate" -> ddl.truncate();
      case "begin" -> begin();
      case "start" -> {
        tokens.expect("transaction");
        yield new Statement.Begin(transactionMode());
      }
      case "commit", "end" -> {
        acceptTransactionWord();
        yield new Statement.Commit();
      }
      case "rollback", "abort" -> rollback();
      case "savepoint" -> new Statement.Savepoint(tokens.identifier());
      case "release" -> {
        tokens.accept("savepoint");
        yield new Statement.ReleaseSavepoint(tokens.identifier());
      }
      case "set" -> set();
      case "show" -> show();
      case "reset" -> new Statement.ResetVariable(variableName());
      case "explain" -> explain();
      case "prepare" -> prepare();
      case "execute" -> execute();
      case "deallocate" -> {
        tokens.accept("prepare");
        yield new Statement.Deallocate(tokens.accept("all") ? null : tokens.identifier());
      }
      case "copy" -> copy();
      default -> throw tokens.errorAt(token);
    };
  }

  private void acceptTransactionWord() {
    if (!tokens.accept("work")) {
      tokens.accept("transaction");
    }
  }

  private Statement begin() {
    acceptTransactionWord();
    return new Statement.Begin(transactionMode());
  }

  private Statement.TransactionMode transactionMode() {
    String isolation = null;
    Boolean readOnly = null;
    do {
      if (tokens.acceptSequence("isolation", "level")) {
        if (tokens.acceptSequence("read", "committed")) {
          isolation = "read committed";
        } else if (tokens.acceptSequence("read", "uncommitted")) {
          isolation = "read uncommitted";
        } else if (tokens.acceptSequence("repeatable", "read")) {
          isolation = "repeatable read";
        } else {
          tokens.expect("serializable");
          isolation = "serializable";
        }
      } else if (tokens.acceptSequence("read", "only")) {
        readOnly = true;
      } else if (tokens.acceptSequence("read", "write")) {
        readOnly = false;
      } else if (tokens.acceptSequence("not", "deferrable") || tokens.accept("deferrable")) {
        continue;
      } else {
        break;
      }
    } while (tokens.acceptSymbol(",") || tokens.at("isolation") || tokens.at("read") || tokens.at("not")
        || tokens.at("deferrable"));
    return new Statement.TransactionMode(isolation, readOnly);
  }

  private Statement rollback() {
    acceptTransactionWord();
    if (tokens.accept("to")) {
      tokens.accept("savepoint");
      return new Statement.Rollback(tokens.identifier());
    }
    return new Statement.Rollback(null);
  }

  private Statement set() {
    if (tokens.acceptSequence("session", "characteristics", "as", "transaction")) {
      return new Statement.SetTransaction(transactionMode(), true);
    }
    if (tokens.accept("transaction")) {
      return new Statement.SetTransaction(transactionMode(), false);
    }
    boolean local = tokens.accept("local");
    if (!local) {
      tokens.accept("session");
    }
    String name;
    if (tokens.acceptSequence("time", "zone")) {
      name = "timezone";
      if (tokens.accept("local") || tokens.accept("default")) {
        return new Statement.SetVariable(name, List.of(), local, true);
      }
      return new Statement.SetVariable(name, List.of(settingValue()), local, false);
    }
    if (tokens.accept("names")) {
      return new Statement.SetVariable("client_encoding", List.of(settingValue()), local, false);
    }
    name = variableName();
    if (!tokens.accept("to") && !tokens.acceptSymbol("=")) {
      throw tokens.unexpected();
    }
    if (tokens.accept("default")) {
      return new Statement.SetVariable(name, List.of(), local, true);
    }
    List<String> values = new ArrayList<>();
    do {
      values.add(settingValue());
    } while (tokens.acceptSymbol(","));
    return new Statement.SetVariable(name, values, local, false);
  }

  private String variableName() {
    if (tokens.acceptSequence("transaction", "isolation", "level")) {
      return "transaction_isolation";
    }
    if (tokens.acceptSequence("time", "zone")) {
      return "timezone";
    }
    StringBuilder name = new StringBuilder(tokens.anyIdentifier());
    while (tokens.acceptSymbol(".")) {
      name.append('.').append(tokens.anyIdentifier());
    }
    return name.toString();
  }

  /** A setting's value: a word, a string, or a possibly signed number, as text. */
  private String settingValue() {
    Token token = tokens.next();
    switch (token.kind()) {
      case IDENTIFIER, STRING, INTEGER, DECIMAL -> {
        return token.text();
      }
      case QUOTED_IDENTIFIER -> {
        return "\"" + token.text() + "\""; // Settings decides whether the quotes matter
      }
      case OPERATOR -> {
        if (token.text().equals("-") || token.text().equals("+")) {
          Token number = tokens.next();
          if (number.kind() == TokenKind.INTEGER || number.kind() == TokenKind.DECIMAL) {
            return (token.text().equals("-") ? "-" : "") + number.text();
          }
        }
        throw tokens.errorAt(token);
      }
      default -> throw tokens.errorAt(token);
    }
  }

  private Statement show() {
    if (tokens.accept("all")) {
      return new Statement.Show("all");
    }
    return new Statement.Show(variableName().toLowerCase(Locale.ROOT));
  }

  private Statement explain() {
    boolean analyze = tokens.accept("analyze") || tokens.accept("analyse");
    if (tokens.atSymbol("(")) {
      tokens.next();
      do {
        String option = tokens.anyIdentifier();
        boolean on = !tokens.accept("false") && !tokens.accept("off");
        if (!on) {
          continue;
        }
        tokens.accept("true");
        tokens.accept("on");
        if (option.equals("analyze")) {
          analyze = true;
        }
      } while (tokens.acceptSymbol(","));
      tokens.expectSymbol(")");
    }
    tokens.accept("verbose");
    return new Statement.Explain(statement(), analyze);
  }

  private Statement prepare() {
    String name = tokens.identifier();
    List<SqlType> types = new ArrayList<>();
    if (tokens.acceptSymbol("(")) {
      do {
        types.add(expressions.type());
      } while (tokens.acceptSymbol(","));
      tokens.expectSymbol(")");
    }
    tokens.expect("as");
    return new Statement.Prepare(name, types, statement());
  }

  private Statement execute() {
    String name = tokens.identifier();
    List<Expression> arguments = List.of();
    if (tokens.acceptSymbol("(")) {
      arguments = expressions.list();
      tokens.expectSymbol(")");
    }
    return new Statement.Execute(name, arguments);
  }

  private Statement insert() {
    tokens.expect("into");
    QualifiedName table = queries.qualifiedName();
    String alias = tokens.accept("as") ? tokens.identifier() : null;
    List<String> columns = List.of();
    if (tokens.atSymbol("(") && !queries.atQueryStart()) {
      columns = queries.nameList();
    }
    Statement.Overriding overriding = Statement.Overriding.NONE;
    if (tokens.accept("overriding")) {
      overriding = tokens.accept("user") ? Statement.Overriding.USER : Statement.Overriding.SYSTEM;
      if (overriding == Statement.Overriding.SYSTEM) {
        tokens.expect("system");
      }
      tokens.expect("value");
    }
    Query source;
    if (tokens.acceptSequence("default", "values")) {
      source = null;
    } else {
      source = queries.query();
    }
    Statement.OnConflict onConflict = null;
    if (tokens.acceptSequence("on", "conflict")) {
      onConflict = onConflict();
    }
    List<QueryBody.SelectItem> returning = tokens.accept("returning") ? queries.selectItems() : List.of();
    return new Statement.Insert(table, alias, columns, source, onConflict, returning, overriding);
  }

  private Statement.OnConflict onConflict() {
    List<String> target = List.of();
    if (tokens.atSymbol("(")) {
      target = queries.nameList();
    } else if (tokens.acceptSequence("on", "constraint")) {
      throw SqlException.featureNotSupported("ON CONFLICT ON CONSTRAINT is not supported");
    }
    tokens.expect("do");
    if (tokens.accept("nothing")) {
      return new Statement.OnConflict(target, List.of(), null);
    }
    tokens.expect("update");
    tokens.expect("set");
    List<Statement.Assignment> assignments = assignments();
    Expression where = tokens.accept("where") ? expressions.parse() : null;
    return new Statement.OnConflict(target, assignments, where);
  }

  private List<Statement.Assignment> assignments() {
    List<Statement.Assignment> assignments = new ArrayList<>();
    do {
      int position = tokens.peek().position();
      if (tokens.atSymbol("(")) {
        throw SqlException.featureNotSupported("multiple-column assignment is not supported").withPosition(position);
      }
      String column = tokens.identifier();
      if (tokens.atSymbol(".") || tokens.atSymbol("[")) {
        throw SqlException.featureNotSupported("assignment to a field or element is not supported")
            .withPosition(position);
      }
      tokens.expectSymbol("=");
      Expression value = tokens.accept("default") ? null : expressions.parse();
      assignments.add(new Statement.Assignment(column, value, position));
    } while (tokens.acceptSymbol(","));
    return assignments;
  }

  private Statement update() {
    tokens.accept("only");
    QualifiedName table = queries.qualifiedName();
    String alias = tokens.at("set") ? null : queries.alias();
    tokens.expect("set");
    List<Statement.Assignment> assignments = assignments();
    List<TableRef> from = tokens.accept("from") ? queries.fromItems() : List.of();
    Expression where = whereClause();
    List<QueryBody.SelectItem> returning = tokens.accept("returning") ? queries.selectItems() : List.of();
    return new Statement.Update(table, alias, assignments, from, where, returning);
  }

  private Expression whereClause() {
    if (!tokens.accept("where")) {
      return null;
    }
    if (tokens.acceptSequence("current", "of")) {
      throw SqlException.featureNotSupported("WHERE CURRENT OF is not supported");
    }
    return expressions.parse();
  }

  private Statement delete() {
    tokens.expect("from");
    tokens.accept("only");
    QualifiedName table = queries.qualifiedName();
    String alias = tokens.at("using") || tokens.at("where") ? null : queries.alias();
    List<TableRef> using = tokens.accept("using") ? queries.fromItems() : List.of();
    Expression where = whereClause();
    List<QueryBody.SelectItem> returning = tokens.accept("returning") ? queries.selectItems() : List.of();
    return new Statement.Delete(table, alias, using, where, returning);
  }

  private Statement copy() {
    if (tokens.acceptSymbol("(")) {
      Query query = queries.query();
      tokens.expectSymbol(")");
      tokens.expect("to"); // as in PostgreSQL, a query can only be copied out
      tokens.expect("stdout");
      return new Statement.Copy(null, List.of(), query, false, copyOptions());
    }
    QualifiedName table = queries.qualifiedName();
    List<String> columns = tokens.atSymbol("(") ? queries.nameList() : List.of();
    boolean from;
    if (tokens.accept("from")) {
      from = true;
      tokens.expect("stdin");
    } else {
      tokens.expect("to");
      from = false;
      tokens.expect("stdout");
    }
    return new Statement.Copy(table, columns, null, from, copyOptions());
  }

  private Statement.CopyOptions copyOptions() {
    boolean csv = false;
    String delimiter = null;
    String nullString = null;
    boolean header = false;
    String quote = "\"";
    String escape = null;
    boolean parenthesized = tokens.accept("with") && tokens.acceptSymbol("(") || tokens.acceptSymbol("(");
    while (!tokens.atEnd() && !tokens.atSymbol(";") && !tokens.atSymbol(")")) {
      String option = tokens.anyIdentifier();
      switch (option) {
        case "format" -> csv = tokens.anyIdentifier().equals("csv");
        case "csv" -> csv = true;
        case "binary" -> throw SqlException.featureNotSupported("COPY BINARY is not supported");
        case "delimiter" -> delimiter = copyString();
        case "null" -> nullString = copyString();
        case "header" -> {
          header = !tokens.accept("false") && !tokens.accept("off");
          if (header && !tokens.accept("true")) {
            tokens.accept("on");
          }
        }
        case "quote" -> quote = copyString();
        case "escape" -> escape = copyString();
        // FREEZE only spares PostgreSQL a later vacuum pass; there is none here (pgbench -i sends it)
        case "freeze" -> {
          if (!tokens.accept("true") && !tokens.accept("on") && !tokens.accept("false")) {
            tokens.accept("off");
          }
        }
        default -> throw SqlException.syntaxError("option \"" + option + "\" not recognized", 0);
      }
      tokens.acceptSymbol(",");
    }
    if (parenthesized) {
      tokens.expectSymbol(")");
    }
    return new Statement.CopyOptions(csv, delimiter != null ? delimiter : csv ? "," : "\t",
        nullString != null ? nullString : csv ? "" : "\\N", header, quote, escape != null ? escape : quote);
  }

  private String copyString() {
    tokens.accept("as");
    Token token = tokens.next();
    if (token.kind() != TokenKind.STRING) {
      throw tokens.errorAt(token);
    }
    return token.text();
  }
}
