package io.quorate.sql.ast;

import io.quorate.sql.types.SqlType;
import java.util.List;

/** A parsed SQL statement. Names not written are null; lists not written are empty. */
public sealed interface Statement permits Query, Statement.CreateTable, Statement.DropObjects,
    Statement.CreateIndex, Statement.AlterTable, Statement.Truncate, Statement.CreateSchema,
    Statement.CreateSequence, Statement.CreateView, Statement.Insert, Statement.Update, Statement.Delete,
    Statement.Copy, Statement.Begin, Statement.Commit, Statement.Rollback, Statement.Savepoint,
    Statement.ReleaseSavepoint, Statement.SetVariable, Statement.Show, Statement.ResetVariable,
    Statement.SetTransaction, Statement.Explain, Statement.Prepare, Statement.Execute, Statement.Deallocate,
    Statement.CreateRole, Statement.AlterRole, Statement.DropRole, Statement.Vacuum {

  /** CREATE TABLE, or CREATE TABLE ... AS query when {@code asQuery} is set (then {@code columns} is empty). */
  record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnDefinition> columns,
      List<TableConstraint> constraints, List<String> storageOptions, List<String> asColumnNames, Query asQuery)
      implements Statement {}

  /**
   * A column of CREATE TABLE or ALTER TABLE ADD COLUMN; {@code identityOptions} holds an
   * identity column's sequence options ({@code AS IDENTITY (START WITH 10)}), name null.
   */
  record ColumnDefinition(String name, SqlType type, Serial serial, List<ColumnConstraint> constraints,
      int position, CreateSequence identityOptions) {
    /** serial/bigserial/smallserial, or an identity column. */
    public enum Serial { NONE, SERIAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT }
  }

  /** A constraint written on a column. {@code name} is the CONSTRAINT name or null. */
  sealed interface ColumnConstraint {
    String name();
  }

  record NotNullConstraint(String name, boolean notNull) implements ColumnConstraint {}

  record DefaultConstraint(String name, Expression value, String sourceText) implements ColumnConstraint {}

  record PrimaryKeyConstraint(String name) implements ColumnConstraint {}

  record UniqueConstraint(String name) implements ColumnConstraint {}

  record CheckConstraint(String name, Expression condition, String sourceText) implements ColumnConstraint {}

  record ReferencesConstraint(String name, QualifiedName table, List<String> columns, ForeignKeyAction onDelete,
      ForeignKeyAction onUpdate) implements ColumnConstraint {}

  /** What a foreign key does when the referenced row goes. */
  enum ForeignKeyAction { NO_ACTION, RESTRICT, CASCADE, SET_NULL, SET_DEFAULT }

  /** A table constraint: PRIMARY KEY, UNIQUE, CHECK or FOREIGN KEY over named columns. */
  record TableConstraint(String name, Kind kind, List<String> columns, Expression check, String checkText,
      QualifiedName referencedTable, List<String> referencedColumns, ForeignKeyAction onDelete,
      ForeignKeyAction onUpdate) {
    public enum Kind { PRIMARY_KEY, UNIQUE, CHECK, FOREIGN_KEY }
  }

  /** DROP TABLE/INDEX/VIEW/SEQUENCE/SCHEMA names [CASCADE]. */
  record DropObjects(ObjectKind kind, List<QualifiedName> names, boolean ifExists, boolean cascade)
      implements Statement {}

  /** The kinds of named object DDL creates and drops. */
  enum ObjectKind {
    TABLE, INDEX, VIEW, SEQUENCE, SCHEMA;

    public String sqlName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** CREATE [UNIQUE] INDEX [name] ON table (columns). */
  record CreateIndex(String name, boolean unique, boolean ifNotExists, QualifiedName table,
      List<IndexColumn> columns) implements Statement {}

  /** One column of an index key. */
  record IndexColumn(String column, boolean descending, Boolean nullsFirst) {}

  /** ALTER TABLE name action, ... */
  record AlterTable(QualifiedName table, boolean ifExists, List<AlterAction> actions) implements Statement {}

  /** One ALTER TABLE action. */
  sealed interface AlterAction {}

  record AddColumn(ColumnDefinition column, boolean ifNotExists) implements AlterAction {}

  record DropColumn(String column, boolean ifExists, boolean cascade) implements AlterAction {}

  record RenameColumn(String from, String to) implements AlterAction {}

  record RenameTable(String to) implements AlterAction {}

  record AddConstraint(TableConstraint constraint) implements AlterAction {}

  record DropConstraint(String name, boolean ifExists) implements AlterAction {}

  record AlterColumnDefault(String column, Expression value, String sourceText) implements AlterAction {}

  record AlterColumnNotNull(String column, boolean notNull) implements AlterAction {}

  /** TRUNCATE [TABLE] names. */
  record Truncate(List<QualifiedName> tables, boolean cascade) implements Statement {}

  /** CREATE SCHEMA [IF NOT EXISTS] name. */
  record CreateSchema(String name, boolean ifNotExists) implements Statement {}

  /** CREATE SEQUENCE with its options; null options take PostgreSQL's defaults. */
  record CreateSequence(QualifiedName name, boolean ifNotExists, Long increment, Long minValue, Long maxValue,
      Long start, boolean cycle) implements Statement {}

  /** CREATE [OR REPLACE] VIEW name [(columns)] AS query. */
  record CreateView(QualifiedName name, boolean orReplace, List<String> columnNames, Query query,
      String queryText) implements Statement {}

  /** INSERT INTO table [(columns)] query | DEFAULT VALUES [ON CONFLICT ...] [RETURNING ...]. */
  record Insert(QualifiedName table, String alias, List<String> columns, Query source, OnConflict onConflict,
      List<QueryBody.SelectItem> returning, Overriding overriding) implements Statement {}

  /** OVERRIDING SYSTEM VALUE / USER VALUE for identity columns; NONE when not written. */
  enum Overriding { NONE, SYSTEM, USER }

  /**
   * ON CONFLICT [(columns)] DO NOTHING | DO UPDATE SET ... [WHERE ...]; {@code assignments}
   * empty means DO NOTHING.
   */
  record OnConflict(List<String> targetColumns, List<Assignment> assignments, Expression where) {}

  /** {@code column = value}; value null means DEFAULT. */
  record Assignment(String column, Expression value, int position) {}

  /** UPDATE table [alias] SET ... [FROM ...] [WHERE ...] [RETURNING ...]. */
  record Update(QualifiedName table, String alias, List<Assignment> assignments, List<TableRef> from,
      Expression where, List<QueryBody.SelectItem> returning) implements Statement {}

  /** DELETE FROM table [alias] [USING ...] [WHERE ...] [RETURNING ...]. */
  record Delete(QualifiedName table, String alias, List<TableRef> using, Expression where,
      List<QueryBody.SelectItem> returning) implements Statement {}

  /**
   * COPY table [(columns)] FROM STDIN | TO STDOUT, or COPY (query) TO STDOUT, [WITH (options)];
   * exactly one of table and query is set.
   */
  record Copy(QualifiedName table, List<String> columns, Query query, boolean from, CopyOptions options)
      implements Statement {}

  /** COPY's options: format, delimiter, null string, header, quote, escape. */
  record CopyOptions(boolean csv, String delimiter, String nullString, boolean header, String quote,
      String escape) {}

  /** BEGIN / START TRANSACTION with optional characteristics (null = session default). */
  record Begin(TransactionMode mode) implements Statement {}

  /** ISOLATION LEVEL and READ ONLY/WRITE as written; null fields were not written. */
  record TransactionMode(String isolation, Boolean readOnly) {}

  /** COMMIT / END. */
  record Commit() implements Statement {}

  /** ROLLBACK [TO [SAVEPOINT] name]; savepoint null rolls the whole transaction back. */
  record Rollback(String savepoint) implements Statement {}

  /** SAVEPOINT name. */
  record Savepoint(String name) implements Statement {}

  /** RELEASE [SAVEPOINT] name. */
  record ReleaseSavepoint(String name) implements Statement {}

  /** SET [SESSION|LOCAL] name TO/= values; values empty with {@code toDefault} means DEFAULT. */
  record SetVariable(String name, List<String> values, boolean local, boolean toDefault) implements Statement {}

  /** SHOW name | SHOW ALL. */
  record Show(String name) implements Statement {}

  /** RESET name | RESET ALL (name "all"). */
  record ResetVariable(String name) implements Statement {}

  /** SET TRANSACTION ... or SET SESSION CHARACTERISTICS AS TRANSACTION .... */
  record SetTransaction(TransactionMode mode, boolean sessionDefault) implements Statement {}

  /** EXPLAIN [ANALYZE] statement. */
  record Explain(Statement statement, boolean analyze) implements Statement {}

  /** PREPARE name [(types)] AS statement. */
  record Prepare(String name, List<SqlType> parameterTypes, Statement statement) implements Statement {}

  /** EXECUTE name [(arguments)]. */
  record Execute(String name, List<Expression> arguments) implements Statement {}

  /** DEALLOCATE [PREPARE] name | ALL (name null). */
  record Deallocate(String name) implements Statement {}

  /**
   * Role attributes as written; null fields were not written. {@code password} is set
   * when {@code passwordGiven}, and null then means PASSWORD NULL.
   */
  record RoleOptions(Boolean login, Boolean superuser, boolean passwordGiven, String password) {
    public static final RoleOptions NONE = new RoleOptions(null, null, false, null);
  }

  /** CREATE ROLE / CREATE USER (which defaults to LOGIN) name [WITH] options. */
  record CreateRole(String name, boolean user, RoleOptions options) implements Statement {}

  /** ALTER ROLE/USER name [WITH] options, or ALTER ROLE name RENAME TO newName. */
  record AlterRole(String name, RoleOptions options, String newName) implements Statement {}

  /** DROP ROLE/USER [IF EXISTS] names. */
  record DropRole(List<String> names, boolean ifExists) implements Statement {}

  /** VACUUM [ANALYZE] [tables] or ANALYZE [tables] ({@code vacuum} false): accepted, nothing to do. */
  record Vacuum(boolean vacuum, boolean analyze, List<QualifiedName> tables) implements Statement {}
}
