package io.quorate.sql.executor;

import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.Statement.ColumnDefinition;
import io.quorate.sql.ast.Statement.TableConstraint;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.CheckInfo;
import io.quorate.sql.catalog.ColumnInfo;
import io.quorate.sql.catalog.ForeignKeyInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.CommonType;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a table definition from column definitions and constraints, with PostgreSQL's
 * generated names ({@code t_pkey}, {@code t_a_key}, {@code t_a_check}, {@code t_a_fkey},
 * {@code t_a_seq}) and its checks: one primary key, existing referenced keys, defaults
 * that are constant expressions of the right type.
 */
final class TableBuilder {

  private static final Pattern NEXTVAL = Pattern.compile("nextval\\('([^']+)'\\)");

  private final DdlContext context;
  private final long id;
  private final String schema;
  private final String name;
  private final List<ColumnInfo> columns = new ArrayList<>();
  private final List<SequenceInfo> sequences = new ArrayList<>();
  private final List<TableConstraint> constraints = new ArrayList<>();
  private final Set<String> usedNames = new HashSet<>();

  TableBuilder(DdlContext context, long id, String schema, String name) {
    this.context = context;
    this.id = id;
    this.schema = schema;
    this.name = name;
  }

  /** Starts from an existing table, for ALTER TABLE. */
  TableBuilder(DdlContext context, TableInfo table) {
    this(context, table.id(), table.schema(), table.name());
    columns.addAll(table.columns());
  }

  List<SequenceInfo> sequences() {
    return sequences;
  }

  List<ColumnInfo> columns() {
    return columns;
  }

  void addColumn(ColumnDefinition definition) {
    for (ColumnInfo existing : columns) {
      if (!existing.dropped() && existing.name().equals(definition.name())) {
        throw new SqlException(SqlState.DUPLICATE_COLUMN, "column \"" + definition.name() + "\" specified more "
            + "than once");
      }
    }
    boolean notNull = false;
    String defaultSql = null;
    ColumnInfo.Identity identity = ColumnInfo.Identity.NONE;
    if (definition.serial() != ColumnDefinition.Serial.NONE) {
      String sequence = uniqueName(context.catalog(), schema, name + "_" + definition.name() + "_seq");
      long max = definition.type().kind() == SqlType.Kind.SMALLINT ? Short.MAX_VALUE
          : definition.type().kind() == SqlType.Kind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
      Statement.CreateSequence options = definition.identityOptions();
      long increment = options != null && options.increment() != null ? options.increment() : 1;
      long minValue = options != null && options.minValue() != null ? options.minValue() : increment > 0 ? 1 : -max;
      long maxValue = options != null && options.maxValue() != null ? options.maxValue() : increment > 0 ? max : -1;
      long start = options != null && options.start() != null ? options.start()
          : increment > 0 ? minValue : maxValue;
      sequences.add(new SequenceInfo(context.store().allocateId(context.transaction()), schema, sequence, increment,
          minValue, maxValue, start, options != null && options.cycle()));
      defaultSql = "nextval('" + schema + "." + sequence + "')";
      notNull = true;
      identity = switch (definition.serial()) {
        case IDENTITY_ALWAYS -> ColumnInfo.Identity.ALWAYS;
        case IDENTITY_BY_DEFAULT -> ColumnInfo.Identity.BY_DEFAULT;
        default -> ColumnInfo.Identity.NONE;
      };
    }
    for (Statement.ColumnConstraint constraint : definition.constraints()) {
      switch (constraint) {
        case Statement.NotNullConstraint nullability -> notNull = nullability.notNull();
        case Statement.DefaultConstraint value -> {
          context.analyzer().constantExpression(value.value(), definition.type(), "DEFAULT expressions");
          defaultSql = value.sourceText();
        }
        case Statement.PrimaryKeyConstraint primary -> {
          notNull = true;
          constraints.add(new TableConstraint(primary.name(), TableConstraint.Kind.PRIMARY_KEY,
              List.of(definition.name()), null, null, null, List.of(), null, null));
        }
        case Statement.UniqueConstraint unique -> constraints.add(new TableConstraint(unique.name(),
            TableConstraint.Kind.UNIQUE, List.of(definition.name()), null, null, null, List.of(), null, null));
        case Statement.CheckConstraint check -> constraints.add(new TableConstraint(check.name(),
            TableConstraint.Kind.CHECK, List.of(definition.name()), check.condition(), check.sourceText(), null,
            List.of(), null, null));
        case Statement.ReferencesConstraint references -> constraints.add(new TableConstraint(references.name(),
            TableConstraint.Kind.FOREIGN_KEY, List.of(definition.name()), null, null, references.table(),
            references.columns(), references.onDelete(), references.onUpdate()));
      }
    }
    columns.add(new ColumnInfo(definition.name(), definition.type(), notNull, defaultSql, identity, false));
  }

  void addConstraint(TableConstraint constraint) {
    constraints.add(constraint);
  }

  /** The table with every added constraint applied on top of {@code base} (null for a new table). */
  TableInfo build() {
    return build(null);
  }

  TableInfo build(TableInfo base) {
    IndexInfo primaryKey = base == null ? null : base.primaryKey();
    List<IndexInfo> secondary = base == null ? new ArrayList<>() : new ArrayList<>(base.secondaryIndexes());
    List<CheckInfo> checks = base == null ? new ArrayList<>() : new ArrayList<>(base.checks());
    List<ForeignKeyInfo> foreignKeys = base == null ? new ArrayList<>() : new ArrayList<>(base.foreignKeys());
    int nextIndexId = base == null ? IndexInfo.PRIMARY_ID + 1 : base.nextIndexId();
    if (base != null) {
      for (IndexInfo index : base.allIndexes()) {
        usedNames.add(index.name());
      }
      base.checks().forEach(check -> usedNames.add(check.name()));
      base.foreignKeys().forEach(key -> usedNames.add(key.name()));
    }
    for (TableConstraint constraint : constraints) {
      List<Integer> positions = positions(constraint.columns());
      switch (constraint.kind()) {
        case PRIMARY_KEY -> {
          if (primaryKey != null) {
            throw new SqlException(SqlState.INVALID_TABLE_DEFINITION,
                "multiple primary keys for table \"" + name + "\" are not allowed");
          }
          String indexName = constraintName(constraint, name + "_pkey");
          primaryKey = new IndexInfo(IndexInfo.PRIMARY_ID, indexName, true, positions, ascending(positions),
              indexName);
          for (int position : positions) {
            columns.set(position, columns.get(position).withNotNull(true));
          }
        }
        case UNIQUE -> {
          String indexName = constraintName(constraint, name + "_" + String.join("_", constraint.columns()) + "_key");
          secondary.add(new IndexInfo(nextIndexId++, indexName, true, positions, ascending(positions), indexName));
        }
        case CHECK -> {
          String checkName = constraintName(constraint, name + "_" + (constraint.columns().size() == 1
              ? constraint.columns().get(0) + "_" : "") + "check");
          checks.add(new CheckInfo(checkName, constraint.checkText()));
        }
        case FOREIGN_KEY -> {
          // after the keys: a foreign key may reference this table's own primary key or unique columns
        }
      }
    }
    List<IndexInfo> ownKeys = new ArrayList<>(secondary);
    if (primaryKey != null) {
      ownKeys.add(0, primaryKey);
    }
    for (TableConstraint constraint : constraints) {
      if (constraint.kind() == TableConstraint.Kind.FOREIGN_KEY) {
        foreignKeys.add(foreignKey(constraint, positions(constraint.columns()), ownKeys));
      }
    }
    TableInfo table = new TableInfo(id, schema, name, List.copyOf(columns), primaryKey, List.copyOf(secondary),
        List.copyOf(checks), List.copyOf(foreignKeys), base == null ? 1 : base.rowVersion(), null, List.of());
    for (CheckInfo check : table.checks()) {
      context.analyzer().tableCondition(table, io.quorate.sql.parser.Parser.parseExpression(check.conditionSql()),
          "check constraints");
    }
    return table;
  }

  private String constraintName(TableConstraint constraint, String generated) {
    if (constraint.name() != null && !usedNames.add(constraint.name())) {
      throw new SqlException(SqlState.DUPLICATE_OBJECT, "constraint \"" + constraint.name() + "\" for relation \""
          + name + "\" already exists");
    }
    if (constraint.name() != null) {
      usedNames.remove(constraint.name());
    }
    String chosen = constraint.name() != null ? constraint.name() : uniqueName(context.catalog(), schema, generated);
    if (!usedNames.add(chosen) || (constraint.name() != null && constraint.kind() != TableConstraint.Kind.CHECK
        && constraint.kind() != TableConstraint.Kind.FOREIGN_KEY && context.catalog().relationExists(schema, chosen))) {
      throw new SqlException(SqlState.DUPLICATE_TABLE, "relation \"" + chosen + "\" already exists");
    }
    return chosen;
  }

  private List<Integer> positions(List<String> names) {
    List<Integer> positions = new ArrayList<>();
    for (String column : names) {
      int position = -1;
      for (int i = 0; i < columns.size(); i++) {
        if (!columns.get(i).dropped() && columns.get(i).name().equals(column)) {
          position = i;
        }
      }
      if (position < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" named in key does not exist");
      }
      positions.add(position);
    }
    return List.copyOf(positions);
  }

  private static List<Boolean> ascending(List<Integer> positions) {
    return positions.stream().map(p -> false).toList();
  }

  private ForeignKeyInfo foreignKey(TableConstraint constraint, List<Integer> positions, List<IndexInfo> ownKeys) {
    IndexInfo ownPrimaryKey = ownKeys.stream().filter(IndexInfo::isPrimary).findFirst().orElse(null);
    QualifiedName target = constraint.referencedTable();
    boolean self = target.name().equals(name) && (target.schema() == null || target.schema().equals(schema));
    TableInfo referenced = self ? null : context.catalog().table(target, context.searchPath());
    if (!self && (referenced == null || referenced.isView())) {
      throw SqlException.undefinedTable(target.toString());
    }
    List<ColumnInfo> referencedColumns = self ? columns : referenced.columns();
    IndexInfo referencedPrimary = self ? ownPrimaryKey : referenced.primaryKey();
    List<Integer> targets = new ArrayList<>();
    if (constraint.referencedColumns().isEmpty()) {
      if (referencedPrimary == null) {
        throw new SqlException(SqlState.INVALID_FOREIGN_KEY,
            "there is no primary key for referenced table \"" + target.name() + "\"");
      }
      targets.addAll(referencedPrimary.columns());
    } else {
      for (String column : constraint.referencedColumns()) {
        int position = -1;
        for (int i = 0; i < referencedColumns.size(); i++) {
          if (!referencedColumns.get(i).dropped() && referencedColumns.get(i).name().equals(column)) {
            position = i;
          }
        }
        if (position < 0) {
          throw new SqlException(SqlState.UNDEFINED_COLUMN,
              "column \"" + column + "\" referenced in foreign key constraint does not exist");
        }
        targets.add(position);
      }
    }
    if (targets.size() != positions.size()) {
      throw new SqlException(SqlState.INVALID_FOREIGN_KEY,
          "number of referencing and referenced columns for foreign key disagree");
    }
    List<IndexInfo> referencedKeys = self ? ownKeys : referenced.allIndexes();
    if (referencedKeys.stream().noneMatch(i -> i.unique() && i.columns().equals(targets))) {
      throw new SqlException(SqlState.INVALID_FOREIGN_KEY,
          "there is no unique constraint matching given keys for referenced table \"" + target.name() + "\"");
    }
    for (int i = 0; i < positions.size(); i++) {
      SqlType from = columns.get(positions.get(i)).type();
      SqlType to = referencedColumns.get(targets.get(i)).type();
      if (CommonType.of(from, to) == null || !Casts.allowed(from, to, Casts.Context.IMPLICIT)
          && !Casts.allowed(to, from, Casts.Context.IMPLICIT)) {
        throw new SqlException(SqlState.DATATYPE_MISMATCH, "foreign key constraint cannot be implemented")
            .withDetail("Key columns are of incompatible types: " + from.pgName() + " and " + to.pgName() + ".");
      }
    }
    if (constraint.onDelete() == Statement.ForeignKeyAction.SET_DEFAULT
        || constraint.onUpdate() == Statement.ForeignKeyAction.SET_DEFAULT) {
      throw SqlException.featureNotSupported("foreign key action SET DEFAULT is not supported");
    }
    String keyName = constraintName(constraint, name + "_" + String.join("_", constraint.columns()) + "_fkey");
    return new ForeignKeyInfo(keyName, positions, self ? id : referenced.id(), List.copyOf(targets),
        constraint.onDelete() == null ? Statement.ForeignKeyAction.NO_ACTION : constraint.onDelete(),
        constraint.onUpdate() == null ? Statement.ForeignKeyAction.NO_ACTION : constraint.onUpdate());
  }

  /** {@code base}, or {@code base1}, {@code base2}, ... : the first name not taken in {@code schema}. */
  static String uniqueName(Catalog catalog, String schema, String base) {
    String candidate = base.length() > 63 ? base.substring(0, 63) : base;
    for (int i = 1; catalog.relationExists(schema, candidate); i++) {
      candidate = base + i;
    }
    return candidate;
  }

  /** The sequence a serial or identity column draws from, or null. */
  static String ownedSequenceName(ColumnInfo column) {
    if (column.defaultSql() == null) {
      return null;
    }
    Matcher matcher = NEXTVAL.matcher(column.defaultSql());
    return matcher.matches() ? matcher.group(1) : null;
  }

}
