package io.quorate.sql.parser;

import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import java.util.ArrayList;
import java.util.List;

/** CREATE/ALTER/DROP ROLE and USER, and VACUUM/ANALYZE. */
final class RoleParser {

  private final TokenStream tokens;
  private final QueryParser queries;

  RoleParser(TokenStream tokens, QueryParser queries) {
    this.tokens = tokens;
    this.queries = queries;
  }

  /** After CREATE, at ROLE or USER. */
  Statement create() {
    boolean user = tokens.next().is("user");
    String name = tokens.identifier();
    return new Statement.CreateRole(name, user, options());
  }

  /** After ALTER, at ROLE or USER (the same thing here). */
  Statement alter() {
    tokens.next();
    String name = tokens.identifier();
    if (tokens.acceptSequence("rename", "to")) {
      return new Statement.AlterRole(name, Statement.RoleOptions.NONE, tokens.identifier());
    }
    return new Statement.AlterRole(name, options(), null);
  }

  /** After DROP, at ROLE or USER (the same thing here). */
  Statement drop() {
    tokens.next();
    boolean ifExists = tokens.acceptSequence("if", "exists");
    List<String> names = new ArrayList<>();
    do {
      names.add(tokens.identifier());
    } while (tokens.acceptSymbol(","));
    return new Statement.DropRole(List.copyOf(names), ifExists);
  }

  private Statement.RoleOptions options() {
    tokens.accept("with");
    Boolean login = null;
    Boolean superuser = null;
    boolean passwordGiven = false;
    String password = null;
    while (tokens.peek().kind() == TokenKind.IDENTIFIER) {
      Token option = tokens.next();
      switch (option.text()) {
        case "login", "nologin" -> login = option.text().equals("login");
        case "superuser", "nosuperuser" -> superuser = option.text().equals("superuser");
        case "password" -> {
          passwordGiven = true;
          if (!tokens.accept("null")) {
            Token text = tokens.next();
            if (text.kind() != TokenKind.STRING) {
              throw tokens.errorAt(text);
            }
            password = text.text();
          }
        }
        case "encrypted" -> {
          if (!tokens.at("password")) {
            throw tokens.unexpected();
          }
        }
        // accepted and without effect: every role inherits, and there are no per-role limits yet
        case "inherit", "noinherit", "createdb", "nocreatedb", "createrole", "nocreaterole", "replication",
            "noreplication", "bypassrls", "nobypassrls" -> { }
        default -> throw SqlException.syntaxError("unrecognized role option \"" + option.text() + "\"",
            option.position());
      }
    }
    return new Statement.RoleOptions(login, superuser, passwordGiven, password);
  }

  /** After VACUUM or ANALYZE ({@code vacuum} false). */
  Statement vacuum(boolean vacuum) {
    boolean analyze = !vacuum;
    if (tokens.atSymbol("(")) {
      throw SqlException.featureNotSupported("VACUUM and ANALYZE options in parentheses are not supported")
          .withPosition(tokens.peek().position());
    }
    while (tokens.at("full") || tokens.at("freeze") || tokens.at("verbose") || tokens.at("analyze")
        || tokens.at("analyse")) {
      Token word = tokens.next();
      analyze |= word.is("analyze") || word.is("analyse");
    }
    List<QualifiedName> tables = new ArrayList<>();
    if (tokens.atIdentifier()) {
      do {
        tables.add(queries.qualifiedName());
      } while (tokens.acceptSymbol(","));
    }
    return new Statement.Vacuum(vacuum, analyze, List.copyOf(tables));
  }
}
