package io.quorate.sql.executor;

import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.Statement.ColumnDefinition;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.ForeignKeyInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.SchemaInfo;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.encoding.KeyFormat;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.planner.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE and DROP of tables, indexes, views, sequences and schemas, and TRUNCATE. Every
 * change is written through the catalog store in the caller's transaction, so it
 * commits or rolls back with it.
 */
public final class DdlExecutor {

  private final DdlContext context;

  public DdlExecutor(DdlContext context) {
    this.context = context;
  }

  public void createTable(Statement.CreateTable create) {
    String schema = context.creationSchema(create.name());
    String name = create.name().name();
    if (context.catalog().relationExists(schema, name)) {
      if (create.ifNotExists()) {
        context.notices().accept("relation \"" + name + "\" already exists, skipping");
        return;
      }
      throw SqlException.duplicateTable(name);
    }
    if (!create.storageOptions().isEmpty()) {
      context.notices().accept("storage options are accepted and ignored: " + String.join(", ",
          create.storageOptions()));
    }
    TableBuilder builder = new TableBuilder(context, context.store().allocateId(context.transaction()), schema,
        name);
    for (ColumnDefinition column : create.columns()) {
      builder.addColumn(column);
    }
    for (Statement.TableConstraint constraint : create.constraints()) {
      builder.addConstraint(constraint);
    }
    TableInfo table = builder.build();
    for (SequenceInfo sequence : builder.sequences()) {
      context.store().putSequence(context.transaction(), sequence);
    }
    context.store().putTable(context.transaction(), table);
  }

  /**
   * CREATE TABLE ... AS: a table with the query's columns (untyped literals become text),
   * filled with its rows in the same transaction; returns the row count, or -1 when the
   * table existed and IF NOT EXISTS skipped it.
   */
  public long createTableAs(Statement.CreateTable create, PlanNode plan) {
    String schema = context.creationSchema(create.name());
    String name = create.name().name();
    if (context.catalog().relationExists(schema, name)) {
      if (create.ifNotExists()) {
        context.notices().accept("relation \"" + name + "\" already exists, skipping");
        return -1;
      }
      throw SqlException.duplicateTable(name);
    }
    if (create.asColumnNames().size() > plan.columns().size()) {
      throw SqlException.syntaxError("too many column names were specified", 0);
    }
    List<ColumnInfo> columns = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < plan.columns().size(); i++) {
      String column = i < create.asColumnNames().size() ? create.asColumnNames().get(i) : plan.columns().get(i).name();
      if (!names.add(column)) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once");
      }
      io.quorate.sql.types.SqlType type = plan.columns().get(i).type();
      if (type.kind() == io.quorate.sql.types.SqlType.Kind.RECORD) {
        throw new SqlException(SqlState.INVALID_TABLE_DEFINITION, "column \"" + column + "\" has pseudo-type record");
      }
      columns.add(new ColumnInfo(column, type.kind() == io.quorate.sql.types.SqlType.Kind.UNKNOWN
          ? io.quorate.sql.types.SqlType.TEXT : type, false, null, ColumnInfo.Identity.NONE, false));
    }
    TableInfo table = new TableInfo(context.store().allocateId(context.transaction()), schema, name,
        List.copyOf(columns), null, List.of(), List.of(), List.of(), 1, null, List.of());
    context.store().putTable(context.transaction(), table);
    TableWriter writer = new TableWriter(context.transaction(), context.execution().evaluation(), context.catalog());
    long count = 0;
    for (Object[] row : PlanExecutor.collect(plan, context.execution(), Integer.MAX_VALUE)) {
      writer.insert(table, row, new io.quorate.sql.analyzer.BoundDml.TableChecks(List.of(), List.of()));
      count++;
    }
    return count;
  }

  public void createIndex(Statement.CreateIndex create) {
    TableInfo table = existingTable(create.table());
    List<Integer> columns = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Statement.IndexColumn column : create.columns()) {
      int position = table.columnPosition(column.column());
      if (position < 0) {
        throw SqlException.undefinedColumn(column.column());
      }
      columns.add(position);
      descending.add(column.descending());
      names.add(column.column());
    }
    String name = create.name() != null ? create.name()
        : TableBuilder.uniqueName(context.catalog(), table.schema(), table.name() + "_" + String.join("_", names)
            + "_idx");
    if (context.catalog().relationExists(table.schema(), name)) {
      if (create.ifNotExists()) {
        context.notices().accept("relation \"" + name + "\" already exists, skipping");
        return;
      }
      throw SqlException.duplicateTable(name);
    }
    IndexInfo index = new IndexInfo(table.nextIndexId(), name, create.unique(), List.copyOf(columns),
        List.copyOf(descending), null);
    List<IndexInfo> secondary = new ArrayList<>(table.secondaryIndexes());
    secondary.add(index);
    TableInfo updated = table.withIndexes(table.primaryKey(), secondary);
    buildIndex(updated, index);
    context.store().putTable(context.transaction(), updated);
  }

  /** Writes entries of a new index for the rows already in the table, checking uniqueness. */
  void buildIndex(TableInfo table, IndexInfo index) {
    for (Object[] row : rowsWithKeys(table)) {
      int width = table.columns().size();
      byte[] suffix = ((io.quorate.sql.types.Bytes) row[width]).toByteArray();
      byte[] key = TableStorage.indexKey(table, index, row, suffix);
      if (index.unique() && !TableStorage.hasNull(index, row) && context.transaction().get(key) != null) {
        throw new SqlException(SqlState.UNIQUE_VIOLATION, "could not create unique index \"" + index.name() + "\"")
            .withDetail("Key (" + keyText(table, index, row) + ") is duplicated.");
      }
      context.transaction().put(key, suffix);
    }
  }

  private String keyText(TableInfo table, IndexInfo index, Object[] row) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (int column : index.columns()) {
      names.add(table.columns().get(column).name());
      values.add(io.quorate.sql.types.TextFormat.format(row[column], table.columns().get(column).type(),
          context.execution().evaluation().zone()));
    }
    return String.join(", ", names) + ")=(" + String.join(", ", values);
  }

  /** Every row of {@code table} followed by its row key. */
  List<Object[]> rowsWithKeys(TableInfo table) {
    return PlanExecutor.collect(PlanNode.TableScan.full(table, true, List.of()), context.execution(),
        Integer.MAX_VALUE);
  }

  public void alterTable(Statement.AlterTable alter) {
    new AlterTableExecutor(context, this).alter(alter);
  }

  public void createView(Statement.CreateView create) {
    String schema = context.creationSchema(create.name());
    String name = create.name().name();
    TableInfo existing = context.catalog().table(new QualifiedName(schema, name), List.of());
    if (existing != null && !(create.orReplace() && existing.isView())) {
      throw SqlException.duplicateTable(name);
    }
    PlanNode plan = context.analyzer().query(create.query());
    List<String> names = new ArrayList<>();
    List<ColumnInfo> columns = new ArrayList<>();
    for (int i = 0; i < plan.columns().size(); i++) {
      String column = i < create.columnNames().size() ? create.columnNames().get(i) : plan.columns().get(i).name();
      names.add(column);
      columns.add(new ColumnInfo(column, plan.columns().get(i).type(), false, null, ColumnInfo.Identity.NONE,
          false));
    }
    long id = existing != null ? existing.id() : context.store().allocateId(context.transaction());
    context.store().putTable(context.transaction(), new TableInfo(id, schema, name, List.copyOf(columns), null,
        List.of(), List.of(), List.of(), 1, create.queryText(), List.copyOf(names)));
  }

  public void createSchema(Statement.CreateSchema create) {
    if (context.catalog().hasSchema(create.name())) {
      if (create.ifNotExists()) {
        context.notices().accept("schema \"" + create.name() + "\" already exists, skipping");
        return;
      }
      throw new SqlException(SqlState.DUPLICATE_SCHEMA, "schema \"" + create.name() + "\" already exists");
    }
    context.store().putSchema(context.transaction(),
        new SchemaInfo(create.name(), context.store().allocateId(context.transaction())));
  }

  public void createSequence(Statement.CreateSequence create) {
    String schema = context.creationSchema(create.name());
    if (context.catalog().relationExists(schema, create.name().name())) {
      if (create.ifNotExists()) {
        context.notices().accept("relation \"" + create.name().name() + "\" already exists, skipping");
        return;
      }
      throw SqlException.duplicateTable(create.name().name());
    }
    long increment = create.increment() != null ? create.increment() : 1;
    if (increment == 0) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "INCREMENT must not be zero");
    }
    long min = create.minValue() != null ? create.minValue() : increment > 0 ? 1 : Long.MIN_VALUE;
    long max = create.maxValue() != null ? create.maxValue() : increment > 0 ? Long.MAX_VALUE : -1;
    long start = create.start() != null ? create.start() : increment > 0 ? min : max;
    if (start < min || start > max) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "START value (" + start + ") cannot be "
          + (start < min ? "less than MINVALUE (" + min + ")" : "greater than MAXVALUE (" + max + ")"));
    }
    context.store().putSequence(context.transaction(), new SequenceInfo(context.store().allocateId(
        context.transaction()), schema, create.name().name(), increment, min, max, start, create.cycle()));
  }

  public void drop(Statement.DropObjects drop) {
    for (QualifiedName name : drop.names()) {
      switch (drop.kind()) {
        case TABLE, VIEW -> dropRelation(drop, name);
        case INDEX -> dropIndex(drop, name);
        case SEQUENCE -> dropSequence(drop, name);
        case SCHEMA -> dropSchema(drop, name);
      }
    }
  }

  private void missing(Statement.DropObjects drop, QualifiedName name, SqlException error) {
    if (!drop.ifExists()) {
      throw error;
    }
    context.notices().accept(drop.kind().sqlName() + " \"" + name.name() + "\" does not exist, skipping");
  }

  private void dropRelation(Statement.DropObjects drop, QualifiedName name) {
    TableInfo table = context.catalog().table(name, context.searchPath());
    if (table == null || table.isView() != (drop.kind() == Statement.ObjectKind.VIEW)) {
      if (table != null) {
        throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not a "
            + drop.kind().sqlName()).withHint("Use DROP " + (table.isView() ? "VIEW" : "TABLE") + " to remove a "
            + (table.isView() ? "view" : "table") + ".");
      }
      missing(drop, name, drop.kind() == Statement.ObjectKind.VIEW
          ? new SqlException(SqlState.UNDEFINED_TABLE, "view \"" + name.name() + "\" does not exist")
          : new SqlException(SqlState.UNDEFINED_TABLE, "table \"" + name.name() + "\" does not exist"));
      return;
    }
    for (TableInfo view : dependentViews(table)) {
      if (!drop.cascade()) {
        throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + (table.isView() ? "view " : "table ")
            + table.name() + " because other objects depend on it").withDetail("view " + view.name() + " depends on "
            + (table.isView() ? "view " : "table ") + table.name())
            .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      context.notices().accept("drop cascades to view " + view.name());
      context.store().deleteTable(context.transaction(), view);
    }
    for (TableInfo referencing : context.catalog().referencingTables(table.id())) {
      if (referencing.id() == table.id()) {
        continue;
      }
      if (!drop.cascade()) {
        throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + table.name()
            + " because other objects depend on it").withDetail("constraint " + referencing.foreignKeys().stream()
            .filter(k -> k.referencedTableId() == table.id()).findFirst().map(ForeignKeyInfo::name).orElse("")
            + " on table " + referencing.name() + " depends on table " + table.name())
            .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
      context.notices().accept("drop cascades to constraints on table " + referencing.name());
      List<ForeignKeyInfo> kept = referencing.foreignKeys().stream()
          .filter(k -> k.referencedTableId() != table.id()).toList();
      context.store().putTable(context.transaction(), referencing.withConstraints(referencing.checks(), kept));
    }
    if (!table.isView()) {
      deleteData(table);
      for (SequenceInfo sequence : ownedSequences(table)) {
        context.store().deleteSequence(context.transaction(), sequence);
      }
    }
    context.store().deleteTable(context.transaction(), table);
  }

  /**
   * The views whose query reads {@code relation} (directly, through a subquery, or
   * through another view): each view's query is planned and its scans looked at.
   */
  private List<TableInfo> dependentViews(TableInfo relation) {
    List<TableInfo> views = new ArrayList<>();
    for (TableInfo view : context.catalog().tables()) {
      if (!view.isView() || view.id() == relation.id()) {
        continue;
      }
      io.quorate.sql.ast.Query query = (io.quorate.sql.ast.Query) Parser.parseOne(view.viewSql());
      if (relation.isView() ? mentions(query, relation.name())
          : readsTable(context.analyzer().query(query), relation.id())) {
        views.add(view);
      }
    }
    return views;
  }

  private static boolean mentions(io.quorate.sql.ast.Query query, String name) {
    return io.quorate.sql.parser.Lexer.tokenize(io.quorate.sql.ast.AstPrinter.print(query)).stream()
        .anyMatch(token -> token.text().equals(name));
  }

  private static boolean readsTable(PlanNode plan, long tableId) {
    if (plan instanceof PlanNode.TableScan scan && scan.table().id() == tableId) {
      return true;
    }
    boolean[] found = {false};
    forEachExpression(plan, expression -> expression.visit(node -> {
      if (node instanceof io.quorate.sql.expression.BoundExpression.Subquery subquery
          && subquery.rows() instanceof PlanSubquery inner && readsTable(inner.plan(), tableId)) {
        found[0] = true;
      }
    }));
    if (found[0]) {
      return true;
    }
    if (plan instanceof PlanNode.CteScan cte && cte.cte().plan() != null && readsTable(cte.cte().plan(), tableId)) {
      return true;
    }
    for (PlanNode input : plan.inputs()) {
      if (readsTable(input, tableId)) {
        return true;
      }
    }
    return false;
  }

  private static void forEachExpression(PlanNode plan,
      java.util.function.Consumer<io.quorate.sql.expression.BoundExpression> action) {
    switch (plan) {
      case PlanNode.TableScan scan -> {
        if (scan.filter() != null) {
          action.accept(scan.filter());
        }
      }
      case PlanNode.Filter filter -> action.accept(filter.condition());
      case PlanNode.Project project -> project.expressions().forEach(action);
      case PlanNode.Join join -> {
        if (join.condition() != null) {
          action.accept(join.condition());
        }
      }
      default -> {
        // other nodes hold no subqueries the analyzer puts there
      }
    }
  }

  /** Sequences made for the table's serial and identity columns ({@code <table>_<column>_seq}). */
  private List<SequenceInfo> ownedSequences(TableInfo table) {
    List<SequenceInfo> owned = new ArrayList<>();
    for (ColumnInfo column : table.columns()) {
      String sequence = TableBuilder.ownedSequenceName(column);
      if (sequence != null) {
        SequenceInfo info = context.catalog().sequence(Parser.parseQualifiedName(sequence), List.of(table.schema()));
        if (info != null) {
          owned.add(info);
        }
      }
    }
    return owned;
  }

  /** Deletes every row and index entry of {@code table}. */
  void deleteData(TableInfo table) {
    byte[] start = TableStorage.tablePrefix(table);
    byte[] end = KeyFormat.prefixEnd(start);
    List<byte[]> keys = new ArrayList<>();
    try (KvCursor cursor = context.transaction().scan(start, end, false)) {
      while (cursor.advance()) {
        keys.add(cursor.key());
      }
    }
    for (byte[] key : keys) {
      context.transaction().delete(key);
    }
  }

  private void dropIndex(Statement.DropObjects drop, QualifiedName name) {
    TableInfo table = context.catalog().indexOwner(name, context.searchPath());
    if (table == null) {
      missing(drop, name, new SqlException(SqlState.UNDEFINED_OBJECT, "index \"" + name.name()
          + "\" does not exist"));
      return;
    }
    IndexInfo index = table.allIndexes().stream().filter(i -> i.name().equals(name.name())).findFirst()
        .orElseThrow();
    if (index.isPrimary() || index.constraintName() != null) {
      throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + index.name()
          + " because constraint " + index.name() + " on table " + table.name() + " requires it")
          .withHint("You can drop constraint " + index.name() + " on table " + table.name() + " instead.");
    }
    for (TableInfo referencing : context.catalog().referencingTables(table.id())) {
      for (io.quorate.sql.catalog.ForeignKeyInfo key : referencing.foreignKeys()) {
        if (key.referencedTableId() == table.id() && key.referencedColumns().equals(index.columns())) {
          throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop index " + index.name()
              + " because other objects depend on it").withDetail("constraint " + key.name() + " on table "
              + referencing.name() + " depends on index " + index.name())
              .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
        }
      }
    }
    deleteIndexEntries(table, index);
    List<IndexInfo> kept = table.secondaryIndexes().stream().filter(i -> i.id() != index.id()).toList();
    context.store().putTable(context.transaction(), table.withIndexes(table.primaryKey(), kept));
  }

  void deleteIndexEntries(TableInfo table, IndexInfo index) {
    byte[] start = TableStorage.indexPrefix(table, index.id());
    List<byte[]> keys = new ArrayList<>();
    try (KvCursor cursor = context.transaction().scan(start, KeyFormat.prefixEnd(start), false)) {
      while (cursor.advance()) {
        keys.add(cursor.key());
      }
    }
    for (byte[] key : keys) {
      context.transaction().delete(key);
    }
  }

  private void dropSequence(Statement.DropObjects drop, QualifiedName name) {
    SequenceInfo sequence = context.catalog().sequence(name, context.searchPath());
    if (sequence == null) {
      missing(drop, name, new SqlException(SqlState.UNDEFINED_TABLE, "sequence \"" + name.name()
          + "\" does not exist"));
      return;
    }
    context.store().deleteSequence(context.transaction(), sequence);
  }

  private void dropSchema(Statement.DropObjects drop, QualifiedName name) {
    String schema = name.name();
    if (!context.catalog().hasSchema(schema)) {
      missing(drop, name, new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + schema
          + "\" does not exist"));
      return;
    }
    List<TableInfo> tables = context.catalog().tables().stream().filter(t -> t.schema().equals(schema)).toList();
    if (!tables.isEmpty() && !drop.cascade()) {
      throw new SqlException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + schema
          + " because other objects depend on it").withDetail("table " + schema + "." + tables.get(0).name()
          + " depends on schema " + schema).withHint("Use DROP ... CASCADE to drop the dependent objects too.");
    }
    for (TableInfo table : tables) {
      if (!table.isView()) {
        deleteData(table);
      }
      context.store().deleteTable(context.transaction(), table);
    }
    context.store().deleteSchema(context.transaction(), schema);
  }

  public void truncate(Statement.Truncate truncate) {
    List<TableInfo> tables = new ArrayList<>();
    for (QualifiedName name : truncate.tables()) {
      tables.add(existingTable(name));
    }
    // with CASCADE, tables referencing truncated ones are truncated too, transitively
    for (int i = 0; i < tables.size(); i++) {
      TableInfo table = tables.get(i);
      for (TableInfo referencing : context.catalog().referencingTables(table.id())) {
        if (tables.stream().anyMatch(t -> t.id() == referencing.id())) {
          continue;
        }
        if (!truncate.cascade()) {
          throw SqlException.featureNotSupported("cannot truncate a table referenced in a foreign key constraint")
              .withDetail("Table \"" + referencing.name() + "\" references \"" + table.name() + "\".")
              .withHint("Truncate table \"" + referencing.name() + "\" at the same time, or use TRUNCATE ... CASCADE.");
        }
        context.notices().accept("truncate cascades to table \"" + referencing.name() + "\"");
        tables.add(referencing);
      }
    }
    for (TableInfo table : tables) {
      deleteData(table);
    }
  }

  TableInfo existingTable(QualifiedName name) {
    TableInfo table = context.catalog().table(name, context.searchPath());
    if (table == null) {
      throw SqlException.undefinedTable(name.toString());
    }
    if (table.isView()) {
      throw new SqlException(SqlState.WRONG_OBJECT_TYPE, "\"" + name.name() + "\" is not a table");
    }
    return table;
  }

}
