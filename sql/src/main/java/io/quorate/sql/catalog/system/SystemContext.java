package io.quorate.sql.catalog.system;

import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.catalog.SchemaInfo;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.catalog.TableInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as the system relations and catalog functions see it in one statement: a
 * snapshot and the search path (for visibility and for how names print). Relations are
 * listed once, on first use. One statement, one thread.
 */
public final class SystemContext {

  /** The one database an engine serves, as current_database() and pg_database name it. */
  public static final String DATABASE_NAME = "quorate";

  private final Catalog catalog;
  private final List<String> searchPath;
  private static final java.util.regex.Pattern SERIAL_DEFAULT = java.util.regex.Pattern.compile(
      "nextval\\('([^']+)'\\)");

  private List<RelationEntry> relations;
  private Map<Long, RelationEntry> relationsByOid;
  private java.util.Set<Long> tablesWithTriggers;

  public SystemContext(Catalog catalog, List<String> searchPath) {
    this.catalog = catalog;
    this.searchPath = searchPath;
  }

  Catalog catalog() {
    return catalog;
  }

  /** The search path as set, schemas that do not exist included. */
  List<String> searchPathNames() {
    return searchPath;
  }

  /** The effective search path: pg_catalog first unless listed, as PostgreSQL makes it. */
  List<String> effectiveSearchPath() {
    List<String> path = new ArrayList<>();
    if (!searchPath.contains("pg_catalog")) {
      path.add("pg_catalog");
    }
    for (String schema : searchPath) {
      if (isSchema(schema)) {
        path.add(schema);
      }
    }
    return path;
  }

  private boolean isSchema(String name) {
    return catalog.hasSchema(name) || name.equals("pg_catalog") || name.equals("information_schema");
  }

  /**
   * True when PostgreSQL would list triggers on the table: its foreign keys are checked
   * by triggers on both the referencing and the referenced table (pg_class.relhastriggers;
   * psql prints "Foreign-key constraints" and "Referenced by" only then).
   */
  boolean hasTriggers(TableInfo table) {
    if (tablesWithTriggers == null) {
      tablesWithTriggers = new java.util.HashSet<>();
      for (TableInfo each : catalog.tables()) {
        for (io.quorate.sql.catalog.ForeignKeyInfo key : each.foreignKeys()) {
          tablesWithTriggers.add(each.id());
          tablesWithTriggers.add(key.referencedTableId());
        }
      }
    }
    return tablesWithTriggers.contains(table.id());
  }

  /** Every relation: system relations, then user tables with their indexes, then sequences. */
  List<RelationEntry> relations() {
    if (relations == null) {
      List<RelationEntry> all = new ArrayList<>();
      for (SystemRelation system : SystemRelations.all()) {
        all.add(RelationEntry.of(system));
      }
      for (TableInfo table : catalog.tables()) {
        all.add(RelationEntry.of(table));
        for (IndexInfo index : table.allIndexes()) {
          all.add(RelationEntry.of(table, index));
        }
      }
      for (SequenceInfo sequence : catalog.sequences()) {
        all.add(RelationEntry.of(sequence));
      }
      relations = List.copyOf(all);
      relationsByOid = new HashMap<>();
      for (RelationEntry entry : relations) {
        relationsByOid.put(entry.oid(), entry);
      }
    }
    return relations;
  }

  /** The relation with {@code oid}, or null. */
  RelationEntry relation(long oid) {
    relations();
    return relationsByOid.get(oid);
  }

  /** The schemas pg_namespace lists, by OID in a stable order. */
  Map<Long, String> namespaces() {
    Map<Long, String> namespaces = new LinkedHashMap<>();
    namespaces.put(ObjectIds.PG_CATALOG_NAMESPACE, "pg_catalog");
    namespaces.put(ObjectIds.PG_TOAST_NAMESPACE, "pg_toast");
    namespaces.put(ObjectIds.INFORMATION_SCHEMA_NAMESPACE, "information_schema");
    for (String name : catalog.schemas()) {
      namespaces.put(ObjectIds.namespace(catalog.schema(name)), name);
    }
    return namespaces;
  }

  long namespaceOid(String schema) {
    return switch (schema) {
      case "pg_catalog" -> ObjectIds.PG_CATALOG_NAMESPACE;
      case "information_schema" -> ObjectIds.INFORMATION_SCHEMA_NAMESPACE;
      default -> {
        SchemaInfo info = catalog.schema(schema);
        yield info == null ? 0 : ObjectIds.namespace(info);
      }
    };
  }

  /** The schema with {@code oid}, or null. */
  String namespaceName(long oid) {
    return namespaces().get(oid);
  }

  /**
   * Whether {@code relation} is found by its bare name: its schema is on the search path
   * and no schema before it has a relation of that name (pg_table_is_visible).
   */
  boolean isVisible(RelationEntry relation) {
    for (String schema : effectiveSearchPath()) {
      if (schema.equals(relation.schema())) {
        return true;
      }
      if (findIn(schema, relation.name()) != null) {
        return false;
      }
    }
    return false;
  }

  private RelationEntry findIn(String schema, String name) {
    for (RelationEntry entry : relations()) {
      if (entry.schema().equals(schema) && entry.name().equals(name)) {
        return entry;
      }
    }
    return null;
  }

  /** The relation {@code name} names, looked up as PostgreSQL's regclass input does, or null. */
  RelationEntry findRelation(QualifiedName name) {
    if (name.schema() != null) {
      return findIn(name.schema(), name.name());
    }
    for (String schema : effectiveSearchPath()) {
      RelationEntry entry = findIn(schema, name.name());
      if (entry != null) {
        return entry;
      }
    }
    return null;
  }

  /** regclass output: the bare name when visible, else schema-qualified. */
  String relationText(RelationEntry relation) {
    return isVisible(relation) ? quoteIfNeeded(relation.name())
        : quoteIfNeeded(relation.schema()) + "." + quoteIfNeeded(relation.name());
  }

  /**
   * A column default as PostgreSQL prints it: as written, except a serial column's, which
   * this engine keeps schema-qualified ({@code nextval('public.t_id_seq')}) so that it
   * does not depend on the search path. PostgreSQL keeps that sequence as a regclass and
   * prints {@code nextval('t_id_seq'::regclass)}, qualified only when not visible.
   */
  String defaultText(String defaultSql) {
    java.util.regex.Matcher serial = SERIAL_DEFAULT.matcher(defaultSql);
    if (!serial.matches()) {
      return defaultSql;
    }
    SequenceInfo sequence;
    try {
      sequence = catalog.sequence(io.quorate.sql.parser.Parser.parseQualifiedName(serial.group(1)), List.of());
    } catch (io.quorate.sql.error.SqlException unquotedName) {
      return defaultSql; // the sequence name, written unquoted, does not read back as a name
    }
    return sequence == null ? defaultSql : "nextval('" + relationText(RelationEntry.of(sequence)) + "'::regclass)";
  }

  /** The role with {@code oid}, or null. */
  Role role(long oid) {
    for (Role role : catalog.roles()) {
      if (role.oid() == oid) {
        return role;
      }
    }
    return null;
  }

  /**
   * The name an identifier prints as: double-quoted unless it is a plain lower-case name
   * (PostgreSQL also quotes reserved words; names like that are rare in catalogs).
   */
  static String quoteIfNeeded(String name) {
    if (name.matches("[a-z_][a-z0-9_$]*")) {
      return name;
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
