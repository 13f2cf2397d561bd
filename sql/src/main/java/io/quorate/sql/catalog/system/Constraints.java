package io.quorate.sql.catalog.system;

import io.quorate.sql.ast.Statement.ForeignKeyAction;
import io.quorate.sql.catalog.CheckInfo;
import io.quorate.sql.catalog.ForeignKeyInfo;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraints of the tables as pg_constraint lists them — primary keys, UNIQUE
 * constraints (their index's OID doubles as theirs), CHECKs and foreign keys — and their
 * definitions as pg_get_constraintdef prints them.
 */
final class Constraints {

  /** One constraint; exactly one of {@code index}, {@code check}, {@code foreignKey} is set. */
  record Entry(long oid, String name, String type, TableInfo table, IndexInfo index, CheckInfo check,
      ForeignKeyInfo foreignKey) {}

  private Constraints() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add("pg_catalog", "pg_constraint", Constraints::pgConstraint);
  }

  static List<Entry> of(TableInfo table) {
    List<Entry> entries = new ArrayList<>();
    for (IndexInfo index : table.allIndexes()) {
      if (index.isPrimary() || index.constraintName() != null) {
        entries.add(new Entry(ObjectIds.index(table.id(), index.id()),
            index.constraintName() != null ? index.constraintName() : index.name(), index.isPrimary() ? "p" : "u",
            table, index, null, null));
      }
    }
    int ordinal = 0;
    for (CheckInfo check : table.checks()) {
      entries.add(new Entry(ObjectIds.constraint(table.id(), ordinal++), check.name(), "c", table, null, check,
          null));
    }
    for (ForeignKeyInfo key : table.foreignKeys()) {
      entries.add(new Entry(ObjectIds.constraint(table.id(), ordinal++), key.name(), "f", table, null, null, key));
    }
    return entries;
  }

  /** The constraint with {@code oid}, or null. */
  static Entry find(SystemContext context, long oid) {
    TableInfo table = context.catalog().tableById(ObjectIds.tableIdOf(oid));
    if (table == null) {
      return null;
    }
    for (Entry entry : of(table)) {
      if (entry.oid() == oid) {
        return entry;
      }
    }
    return null;
  }

  private static void pgConstraint(SystemContext context, SystemRelation.Rows rows) {
    for (TableInfo table : context.catalog().tables()) {
      for (Entry entry : of(table)) {
        SystemRelation.Row row = rows.add()
            .set("oid", entry.oid())
            .set("conname", entry.name())
            .set("connamespace", context.namespaceOid(table.schema()))
            .set("contype", entry.type())
            .set("convalidated", true)
            .set("conrelid", ObjectIds.relation(table.id()))
            .set("confupdtype", " ")
            .set("confdeltype", " ")
            .set("confmatchtype", " ")
            .set("conislocal", true);
        if (entry.index() != null) {
          row.set("conindid", ObjectIds.index(table.id(), entry.index().id()))
              .set("conkey", attributeNumbers(entry.index().columns()));
        } else if (entry.check() != null) {
          row.set("conbin", entry.check().conditionSql()).set("conkey", List.of());
        } else {
          ForeignKeyInfo key = entry.foreignKey();
          TableInfo referenced = context.catalog().tableById(key.referencedTableId());
          IndexInfo referencedIndex = referenced == null ? null : indexOn(referenced, key.referencedColumns());
          row.set("conindid", referencedIndex == null ? 0L : ObjectIds.index(referenced.id(), referencedIndex.id()))
              .set("confrelid", ObjectIds.relation(key.referencedTableId()))
              .set("confupdtype", actionCode(key.onUpdate()))
              .set("confdeltype", actionCode(key.onDelete()))
              .set("confmatchtype", "s")
              .set("conkey", attributeNumbers(key.columns()))
              .set("confkey", attributeNumbers(key.referencedColumns()));
        }
      }
    }
  }

  /** The unique index a foreign key's referenced columns match, as PostgreSQL records in conindid. */
  private static IndexInfo indexOn(TableInfo table, List<Integer> columns) {
    for (IndexInfo index : table.allIndexes()) {
      if ((index.unique() || index.isPrimary()) && index.columns().equals(columns)) {
        return index;
      }
    }
    return null;
  }

  private static List<Long> attributeNumbers(List<Integer> positions) {
    return positions.stream().map(p -> (long) p + 1).toList();
  }

  private static String actionCode(ForeignKeyAction action) {
    return switch (action) {
      case NO_ACTION -> "a";
      case RESTRICT -> "r";
      case CASCADE -> "c";
      case SET_NULL -> "n";
      case SET_DEFAULT -> "d";
    };
  }

  /**
   * pg_get_constraintdef: {@code PRIMARY KEY (id)}, {@code FOREIGN KEY (a) REFERENCES t(id) ON DELETE CASCADE}.
   * A CHECK's condition is parenthesised, and once more unless {@code pretty}, as PostgreSQL prints it.
   */
  static String definition(SystemContext context, Entry entry, boolean pretty) {
    TableInfo table = entry.table();
    if (entry.index() != null) {
      return (entry.type().equals("p") ? "PRIMARY KEY " : "UNIQUE ") + columnList(table, entry.index().columns());
    }
    if (entry.check() != null) {
      String condition = entry.check().conditionSql();
      boolean parenthesised = isParenthesised(condition);
      if (pretty) {
        return "CHECK (" + (parenthesised ? condition.substring(1, condition.length() - 1) : condition) + ")";
      }
      return "CHECK (" + (parenthesised ? condition : "(" + condition + ")") + ")";
    }
    ForeignKeyInfo key = entry.foreignKey();
    TableInfo referenced = context.catalog().tableById(key.referencedTableId());
    StringBuilder text = new StringBuilder("FOREIGN KEY ").append(columnList(table, key.columns()))
        .append(" REFERENCES ")
        .append(context.relationText(RelationEntry.of(referenced)))
        .append(columnList(referenced, key.referencedColumns()));
    if (key.onUpdate() != ForeignKeyAction.NO_ACTION) {
      text.append(" ON UPDATE ").append(actionText(key.onUpdate()));
    }
    if (key.onDelete() != ForeignKeyAction.NO_ACTION) {
      text.append(" ON DELETE ").append(actionText(key.onDelete()));
    }
    return text.toString();
  }

  /** True when the whole text is one parenthesised expression: {@code (a > 0)}, not {@code (a) OR (b)}. */
  private static boolean isParenthesised(String text) {
    if (!text.startsWith("(") || !text.endsWith(")")) {
      return false;
    }
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        quoted = !quoted; // a doubled quote toggles twice, which leaves the state as it was
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
      if (depth == 0) {
        return false;
      }
    }
    return true;
  }

  private static String actionText(ForeignKeyAction action) {
    return action.name().replace('_', ' ');
  }

  static String columnList(TableInfo table, List<Integer> positions) {
    List<String> names = new ArrayList<>();
    for (int position : positions) {
      names.add(SystemContext.quoteIfNeeded(table.columns().get(position).name()));
    }
    return "(" + String.join(", ", names) + ")";
  }
}
