package io.quorate.sql.ast;

import static io.quorate.sql.ast.QueryPrinter.expression;
import static io.quorate.sql.ast.QueryPrinter.list;

import io.quorate.sql.ast.Statement.ColumnConstraint;
import io.quorate.sql.ast.Statement.ColumnDefinition;
import io.quorate.sql.ast.Statement.ForeignKeyAction;
import io.quorate.sql.ast.Statement.TableConstraint;
import io.quorate.sql.types.SqlType;
import java.util.List;

/**
 * Prints syntax trees back as SQL text that the parser reads to an equal tree (positions
 * and kept source text aside). Compound expressions are fully parenthesised and names
 * are quoted where a bare word could read differently, so the text is unambiguous rather
 * than pretty. Where the parser builds one tree from several spellings, the printer
 * writes one of them: {@code date 'x'} prints as {@code CAST('x' AS date)},
 * {@code EXTRACT(year FROM x)} as {@code "extract"('year', x)}. Stateless and
 * thread-safe.
 */
public final class AstPrinter {

  private AstPrinter() {}

  /** The statement as SQL text, without a trailing semicolon. */
  public static String print(Statement statement) {
    StringBuilder out = new StringBuilder();
    statement(out, statement);
    return out.toString();
  }

  /** The expression as SQL text. */
  public static String print(Expression expression) {
    StringBuilder out = new StringBuilder();
    expression(out, expression);
    return out.toString();
  }

  private static void roleOptions(StringBuilder out, Statement.RoleOptions options) {
    if (options.login() != null) {
      out.append(options.login() ? " LOGIN" : " NOLOGIN");
    }
    if (options.superuser() != null) {
      out.append(options.superuser() ? " SUPERUSER" : " NOSUPERUSER");
    }
    if (options.passwordGiven()) {
      out.append(" PASSWORD ");
      if (options.password() == null) {
        out.append("NULL");
      } else {
        Names.string(out, options.password());
      }
    }
  }

  private static void statement(StringBuilder out, Statement statement) {
    switch (statement) {
      case Query query -> QueryPrinter.query(out, query);
      case Statement.Insert insert -> insert(out, insert);
      case Statement.Update update -> update(out, update);
      case Statement.Delete delete -> delete(out, delete);
      case Statement.Copy copy -> copy(out, copy);
      case Statement.CreateTable create -> createTable(out, create);
      case Statement.CreateIndex create -> createIndex(out, create);
      case Statement.AlterTable alter -> alterTable(out, alter);
      case Statement.DropObjects drop -> {
        out.append("DROP ").append(drop.kind().name()).append(drop.ifExists() ? " IF EXISTS " : " ");
        list(out, drop.names(), Names::qualified);
        out.append(drop.cascade() ? " CASCADE" : "");
      }
      case Statement.Truncate truncate -> {
        out.append("TRUNCATE TABLE ");
        list(out, truncate.tables(), Names::qualified);
        out.append(truncate.cascade() ? " CASCADE" : "");
      }
      case Statement.CreateSchema create -> {
        out.append(create.ifNotExists() ? "CREATE SCHEMA IF NOT EXISTS " : "CREATE SCHEMA ");
        Names.identifier(out, create.name());
      }
      case Statement.CreateSequence create -> createSequence(out, create);
      case Statement.CreateView create -> {
        out.append(create.orReplace() ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ");
        Names.qualified(out, create.name());
        if (!create.columnNames().isEmpty()) {
          out.append(' ');
          Names.list(out, create.columnNames());
        }
        out.append(" AS ");
        QueryPrinter.query(out, create.query());
      }
      case Statement.CreateRole create -> {
        out.append(create.user() ? "CREATE USER " : "CREATE ROLE ");
        Names.identifier(out, create.name());
        roleOptions(out, create.options());
      }
      case Statement.AlterRole alter -> {
        out.append("ALTER ROLE ");
        Names.identifier(out, alter.name());
        if (alter.newName() != null) {
          out.append(" RENAME TO ");
          Names.identifier(out, alter.newName());
        } else {
          roleOptions(out, alter.options());
        }
      }
      case Statement.DropRole drop -> {
        out.append(drop.ifExists() ? "DROP ROLE IF EXISTS " : "DROP ROLE ");
        list(out, drop.names(), Names::identifier);
      }
      case Statement.Vacuum vacuum -> {
        out.append(vacuum.vacuum() ? (vacuum.analyze() ? "VACUUM ANALYZE" : "VACUUM") : "ANALYZE");
        if (!vacuum.tables().isEmpty()) {
          out.append(' ');
          list(out, vacuum.tables(), Names::qualified);
        }
      }
      default -> sessionStatement(out, statement);
    }
  }

  /** Transaction control, settings, EXPLAIN and prepared statements. */
  private static void sessionStatement(StringBuilder out, Statement statement) {
    switch (statement) {
      case Statement.Begin begin -> {
        out.append("BEGIN");
        transactionMode(out, begin.mode());
      }
      case Statement.Commit commit -> out.append("COMMIT");
      case Statement.Rollback rollback -> {
        out.append("ROLLBACK");
        if (rollback.savepoint() != null) {
          out.append(" TO SAVEPOINT ");
          Names.identifier(out, rollback.savepoint());
        }
      }
      case Statement.Savepoint savepoint -> {
        out.append("SAVEPOINT ");
        Names.identifier(out, savepoint.name());
      }
      case Statement.ReleaseSavepoint release -> {
        out.append("RELEASE SAVEPOINT ");
        Names.identifier(out, release.name());
      }
      case Statement.SetVariable set -> setVariable(out, set);
      case Statement.Show show -> {
        out.append("SHOW ");
        variableName(out, show.name());
      }
      case Statement.ResetVariable reset -> {
        out.append("RESET ");
        variableName(out, reset.name());
      }
      case Statement.SetTransaction set -> {
        out.append(set.sessionDefault() ? "SET SESSION CHARACTERISTICS AS TRANSACTION" : "SET TRANSACTION");
        transactionMode(out, set.mode());
      }
      case Statement.Explain explain -> {
        out.append(explain.analyze() ? "EXPLAIN ANALYZE " : "EXPLAIN ");
        statement(out, explain.statement());
      }
      case Statement.Prepare prepare -> {
        out.append("PREPARE ");
        Names.identifier(out, prepare.name());
        if (!prepare.parameterTypes().isEmpty()) {
          out.append(" (");
          list(out, prepare.parameterTypes(), (o, type) -> o.append(type.pgName()));
          out.append(')');
        }
        out.append(" AS ");
        statement(out, prepare.statement());
      }
      case Statement.Execute execute -> {
        out.append("EXECUTE ");
        Names.identifier(out, execute.name());
        if (!execute.arguments().isEmpty()) {
          out.append(" (");
          list(out, execute.arguments(), QueryPrinter::expression);
          out.append(')');
        }
      }
      case Statement.Deallocate deallocate -> {
        out.append("DEALLOCATE ");
        if (deallocate.name() == null) {
          out.append("ALL");
        } else {
          Names.identifier(out, deallocate.name());
        }
      }
      default -> throw new IllegalStateException("unhandled statement " + statement.getClass().getSimpleName());
    }
  }

  private static void transactionMode(StringBuilder out, Statement.TransactionMode mode) {
    String separator = " ";
    if (mode.isolation() != null) {
      out.append(" ISOLATION LEVEL ").append(mode.isolation().toUpperCase(java.util.Locale.ROOT));
      separator = ", ";
    }
    if (mode.readOnly() != null) {
      out.append(separator).append(mode.readOnly() ? "READ ONLY" : "READ WRITE");
    }
  }

  /** SHOW ALL and RESET ALL are stored as the name "all". */
  private static void variableName(StringBuilder out, String name) {
    if (name.equals("all")) {
      out.append("ALL");
    } else {
      Names.functionName(out, name, Integer.MAX_VALUE);
    }
  }

  private static void setVariable(StringBuilder out, Statement.SetVariable set) {
    out.append(set.local() ? "SET LOCAL " : "SET ");
    Names.functionName(out, set.name(), Integer.MAX_VALUE);
    out.append(" TO ");
    if (set.toDefault()) {
      out.append("DEFAULT");
    } else {
      list(out, set.values(), Names::string);
    }
  }

  private static void insert(StringBuilder out, Statement.Insert insert) {
    out.append("INSERT INTO ");
    Names.qualified(out, insert.table());
    if (insert.alias() != null) {
      out.append(" AS ");
      Names.identifier(out, insert.alias());
    }
    if (!insert.columns().isEmpty()) {
      out.append(' ');
      Names.list(out, insert.columns());
    }
    if (insert.overriding() != Statement.Overriding.NONE) {
      out.append(" OVERRIDING ").append(insert.overriding().name()).append(" VALUE");
    }
    if (insert.source() == null) {
      out.append(" DEFAULT VALUES");
    } else {
      out.append(' ');
      QueryPrinter.query(out, insert.source());
    }
    Statement.OnConflict onConflict = insert.onConflict();
    if (onConflict != null) {
      out.append(" ON CONFLICT");
      if (!onConflict.targetColumns().isEmpty()) {
        out.append(' ');
        Names.list(out, onConflict.targetColumns());
      }
      if (onConflict.assignments().isEmpty()) {
        out.append(" DO NOTHING");
      } else {
        out.append(" DO UPDATE SET ");
        assignments(out, onConflict.assignments());
        where(out, onConflict.where());
      }
    }
    returning(out, insert.returning());
  }

  private static void update(StringBuilder out, Statement.Update update) {
    out.append("UPDATE ");
    Names.qualified(out, update.table());
    if (update.alias() != null) {
      out.append(" AS ");
      Names.identifier(out, update.alias());
    }
    out.append(" SET ");
    assignments(out, update.assignments());
    if (!update.from().isEmpty()) {
      out.append(" FROM ");
      QueryPrinter.fromItems(out, update.from());
    }
    where(out, update.where());
    returning(out, update.returning());
  }

  private static void delete(StringBuilder out, Statement.Delete delete) {
    out.append("DELETE FROM ");
    Names.qualified(out, delete.table());
    if (delete.alias() != null) {
      out.append(" AS ");
      Names.identifier(out, delete.alias());
    }
    if (!delete.using().isEmpty()) {
      out.append(" USING ");
      QueryPrinter.fromItems(out, delete.using());
    }
    where(out, delete.where());
    returning(out, delete.returning());
  }

  private static void assignments(StringBuilder out, List<Statement.Assignment> assignments) {
    list(out, assignments, (o, assignment) -> {
      Names.identifier(o, assignment.column());
      o.append(" = ");
      if (assignment.value() == null) {
        o.append("DEFAULT");
      } else {
        expression(o, assignment.value());
      }
    });
  }

  private static void where(StringBuilder out, Expression where) {
    if (where != null) {
      out.append(" WHERE ");
      expression(out, where);
    }
  }

  private static void returning(StringBuilder out, List<QueryBody.SelectItem> returning) {
    if (!returning.isEmpty()) {
      out.append(" RETURNING ");
      QueryPrinter.selectItems(out, returning);
    }
  }

  /** Every option is written out, since the parser stores them with defaults filled in. */
  private static void copy(StringBuilder out, Statement.Copy copy) {
    out.append("COPY ");
    if (copy.query() != null) {
      out.append('(');
      QueryPrinter.query(out, copy.query());
      out.append(')');
    } else {
      Names.qualified(out, copy.table());
    }
    if (!copy.columns().isEmpty()) {
      out.append(' ');
      Names.list(out, copy.columns());
    }
    out.append(copy.from() ? " FROM STDIN" : " TO STDOUT");
    Statement.CopyOptions options = copy.options();
    out.append(" WITH (FORMAT ").append(options.csv() ? "csv" : "text");
    out.append(", DELIMITER ").append(Names.string(options.delimiter()));
    out.append(", NULL ").append(Names.string(options.nullString()));
    // The parser reads HEADER alone as true; "HEADER true" is not accepted.
    out.append(options.header() ? ", HEADER" : "");
    out.append(", QUOTE ").append(Names.string(options.quote()));
    out.append(", ESCAPE ").append(Names.string(options.escape())).append(')');
  }

  private static void createTable(StringBuilder out, Statement.CreateTable create) {
    out.append(create.ifNotExists() ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ");
    Names.qualified(out, create.name());
    if (create.asQuery() != null) {
      if (!create.asColumnNames().isEmpty()) {
        out.append(" (");
        list(out, create.asColumnNames(), Names::identifier);
        out.append(')');
      }
      out.append(" AS ").append(print(create.asQuery()));
      return;
    }
    out.append(" (");
    list(out, create.columns(), AstPrinter::columnDefinition);
    if (!create.columns().isEmpty() && !create.constraints().isEmpty()) {
      out.append(", ");
    }
    list(out, create.constraints(), AstPrinter::tableConstraint);
    out.append(')');
    if (!create.storageOptions().isEmpty()) {
      // Each option is kept as its source text, which reads back as itself.
      out.append(" WITH (").append(String.join(", ", create.storageOptions())).append(')');
    }
  }

  private static void columnDefinition(StringBuilder out, ColumnDefinition column) {
    Names.identifier(out, column.name());
    out.append(' ');
    if (column.serial() == ColumnDefinition.Serial.SERIAL) {
      out.append(serialName(column.type()));
    } else {
      out.append(column.type().pgName());
    }
    if (column.serial() == ColumnDefinition.Serial.IDENTITY_ALWAYS) {
      out.append(" GENERATED ALWAYS AS IDENTITY");
    } else if (column.serial() == ColumnDefinition.Serial.IDENTITY_BY_DEFAULT) {
      out.append(" GENERATED BY DEFAULT AS IDENTITY");
    }
    if (column.identityOptions() != null) {
      out.append(" (");
      sequenceOptions(out, column.identityOptions());
      out.append(" )");
    }
    for (ColumnConstraint constraint : column.constraints()) {
      out.append(' ');
      columnConstraint(out, constraint);
    }
  }

  private static String serialName(SqlType type) {
    return switch (type.kind()) {
      case SMALLINT -> "smallserial";
      case BIGINT -> "bigserial";
      default -> "serial";
    };
  }

  private static void columnConstraint(StringBuilder out, ColumnConstraint constraint) {
    constraintName(out, constraint.name());
    switch (constraint) {
      case Statement.NotNullConstraint notNull -> out.append(notNull.notNull() ? "NOT NULL" : "NULL");
      case Statement.DefaultConstraint defaultValue -> {
        // PostgreSQL reads a column DEFAULT as a b_expr: an operator, not a predicate, unparenthesised.
        out.append("DEFAULT ");
        QueryPrinter.operand(out, defaultValue.value());
      }
      case Statement.PrimaryKeyConstraint primaryKey -> out.append("PRIMARY KEY");
      case Statement.UniqueConstraint unique -> out.append("UNIQUE");
      case Statement.CheckConstraint check -> {
        out.append("CHECK (");
        expression(out, check.condition());
        out.append(')');
      }
      case Statement.ReferencesConstraint references ->
          references(out, references.table(), references.columns(), references.onDelete(), references.onUpdate());
    }
  }

  private static void tableConstraint(StringBuilder out, TableConstraint constraint) {
    constraintName(out, constraint.name());
    switch (constraint.kind()) {
      case PRIMARY_KEY -> out.append("PRIMARY KEY ");
      case UNIQUE -> out.append("UNIQUE ");
      case CHECK -> out.append("CHECK ");
      case FOREIGN_KEY -> out.append("FOREIGN KEY ");
    }
    if (constraint.kind() == TableConstraint.Kind.CHECK) {
      out.append('(');
      expression(out, constraint.check());
      out.append(')');
      return;
    }
    Names.list(out, constraint.columns());
    if (constraint.kind() == TableConstraint.Kind.FOREIGN_KEY) {
      out.append(' ');
      references(out, constraint.referencedTable(), constraint.referencedColumns(), constraint.onDelete(),
          constraint.onUpdate());
    }
  }

  private static void constraintName(StringBuilder out, String name) {
    if (name != null) {
      out.append("CONSTRAINT ");
      Names.identifier(out, name);
      out.append(' ');
    }
  }

  private static void references(StringBuilder out, QualifiedName table, List<String> columns,
      ForeignKeyAction onDelete, ForeignKeyAction onUpdate) {
    out.append("REFERENCES ");
    Names.qualified(out, table);
    if (!columns.isEmpty()) {
      out.append(' ');
      Names.list(out, columns);
    }
    out.append(" ON DELETE ").append(actionText(onDelete));
    out.append(" ON UPDATE ").append(actionText(onUpdate));
  }

  private static String actionText(ForeignKeyAction action) {
    return action.name().replace('_', ' ');
  }

  private static void createIndex(StringBuilder out, Statement.CreateIndex create) {
    out.append(create.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    out.append(create.ifNotExists() ? "IF NOT EXISTS " : "");
    if (create.name() != null) {
      Names.identifier(out, create.name());
      out.append(' ');
    }
    out.append("ON ");
    Names.qualified(out, create.table());
    out.append(" (");
    list(out, create.columns(), (o, column) -> {
      Names.identifier(o, column.column());
      o.append(column.descending() ? " DESC" : "");
      if (column.nullsFirst() != null) {
        o.append(column.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
      }
    });
    out.append(')');
  }

  private static void alterTable(StringBuilder out, Statement.AlterTable alter) {
    out.append(alter.ifExists() ? "ALTER TABLE IF EXISTS " : "ALTER TABLE ");
    Names.qualified(out, alter.table());
    out.append(' ');
    list(out, alter.actions(), AstPrinter::alterAction);
  }

  private static void alterAction(StringBuilder out, Statement.AlterAction action) {
    switch (action) {
      case Statement.AddColumn add -> {
        out.append(add.ifNotExists() ? "ADD COLUMN IF NOT EXISTS " : "ADD COLUMN ");
        columnDefinition(out, add.column());
      }
      case Statement.DropColumn drop -> {
        out.append(drop.ifExists() ? "DROP COLUMN IF EXISTS " : "DROP COLUMN ");
        Names.identifier(out, drop.column());
        out.append(drop.cascade() ? " CASCADE" : "");
      }
      case Statement.RenameColumn rename -> {
        out.append("RENAME COLUMN ");
        Names.identifier(out, rename.from());
        out.append(" TO ");
        Names.identifier(out, rename.to());
      }
      case Statement.RenameTable rename -> {
        out.append("RENAME TO ");
        Names.identifier(out, rename.to());
      }
      case Statement.AddConstraint add -> {
        out.append("ADD ");
        tableConstraint(out, add.constraint());
      }
      case Statement.DropConstraint drop -> {
        out.append(drop.ifExists() ? "DROP CONSTRAINT IF EXISTS " : "DROP CONSTRAINT ");
        Names.identifier(out, drop.name());
      }
      case Statement.AlterColumnDefault alter -> {
        out.append("ALTER COLUMN ");
        Names.identifier(out, alter.column());
        if (alter.value() == null) {
          out.append(" DROP DEFAULT");
        } else {
          out.append(" SET DEFAULT ");
          expression(out, alter.value());
        }
      }
      case Statement.AlterColumnNotNull alter -> {
        out.append("ALTER COLUMN ");
        Names.identifier(out, alter.column());
        out.append(alter.notNull() ? " SET NOT NULL" : " DROP NOT NULL");
      }
    }
  }

  private static void createSequence(StringBuilder out, Statement.CreateSequence create) {
    out.append(create.ifNotExists() ? "CREATE SEQUENCE IF NOT EXISTS " : "CREATE SEQUENCE ");
    Names.qualified(out, create.name());
    sequenceOptions(out, create);
  }

  private static void sequenceOptions(StringBuilder out, Statement.CreateSequence create) {
    if (create.increment() != null) {
      out.append(" INCREMENT BY ").append(create.increment());
    }
    if (create.minValue() != null) {
      out.append(" MINVALUE ").append(create.minValue());
    }
    if (create.maxValue() != null) {
      out.append(" MAXVALUE ").append(create.maxValue());
    }
    if (create.start() != null) {
      out.append(" START WITH ").append(create.start());
    }
    out.append(create.cycle() ? " CYCLE" : "");
  }
}
