package io.quorate.sql.catalog;

import io.quorate.sql.ast.QualifiedName;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable snapshot of the schema objects, as one transaction sees them. Tables,
 * views, indexes and sequences share one namespace per schema, as in PostgreSQL.
 * Unqualified names are looked up along the session's search path.
 */
public final class Catalog {

  private final Map<String, SchemaInfo> schemas = new HashMap<>();
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<Long, TableInfo> tablesById;
  private final Map<String, TableInfo> tablesByName = new HashMap<>();
  private final Map<String, SequenceInfo> sequencesByName = new HashMap<>();
  private final Map<Long, SequenceInfo> sequencesById;
  private final Map<String, TableInfo> indexOwners = new HashMap<>();
  private final Map<String, String> databaseSettings;

  Catalog(Collection<SchemaInfo> schemas, Map<Long, TableInfo> tables, Map<Long, SequenceInfo> sequences,
      Collection<Role> roles, Map<String, String> databaseSettings) {
    this.databaseSettings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(databaseSettings));
    for (SchemaInfo schema : schemas) {
      this.schemas.put(schema.name(), schema);
    }
    for (Role role : roles) {
      this.roles.put(role.name(), role);
    }
    this.tablesById = Map.copyOf(tables);
    this.sequencesById = Map.copyOf(sequences);
    for (TableInfo table : tables.values()) {
      tablesByName.put(key(table.schema(), table.name()), table);
      for (IndexInfo index : table.allIndexes()) {
        indexOwners.put(key(table.schema(), index.name()), table);
      }
    }
    for (SequenceInfo sequence : sequences.values()) {
      sequencesByName.put(key(sequence.schema(), sequence.name()), sequence);
    }
  }

  private static String key(String schema, String name) {
    return schema + "\u0000" + name;
  }

  public boolean hasSchema(String name) {
    return schemas.containsKey(name);
  }

  /** The schema names, sorted. */
  public Set<String> schemas() {
    return new TreeSet<>(schemas.keySet());
  }

  /** The schema called {@code name}, or null. */
  public SchemaInfo schema(String name) {
    return schemas.get(name);
  }

  /** The role called {@code name}, or null. */
  public Role role(String name) {
    return roles.get(name);
  }

  public Collection<Role> roles() {
    return roles.values();
  }

  /** The database's settings (name as the engine spells it → value), which new sessions start with. */
  public Map<String, String> databaseSettings() {
    return databaseSettings;
  }

  public Collection<SequenceInfo> sequences() {
    return sequencesById.values();
  }

  public Collection<TableInfo> tables() {
    return tablesById.values();
  }

  public TableInfo tableById(long id) {
    return tablesById.get(id);
  }

  public SequenceInfo sequenceById(long id) {
    return sequencesById.get(id);
  }

  /** The table or view named {@code name}, or null. */
  public TableInfo table(QualifiedName name, List<String> searchPath) {
    String schema = resolveSchema(name, searchPath, s -> tablesByName.containsKey(key(s, name.name())));
    return schema == null ? null : tablesByName.get(key(schema, name.name()));
  }

  public SequenceInfo sequence(QualifiedName name, List<String> searchPath) {
    String schema = resolveSchema(name, searchPath, s -> sequencesByName.containsKey(key(s, name.name())));
    return schema == null ? null : sequencesByName.get(key(schema, name.name()));
  }

  /** The table owning the index {@code name}, or null. */
  public TableInfo indexOwner(QualifiedName name, List<String> searchPath) {
    String schema = resolveSchema(name, searchPath, s -> indexOwners.containsKey(key(s, name.name())));
    return schema == null ? null : indexOwners.get(key(schema, name.name()));
  }

  /** True if a table, view, index or sequence called {@code name} exists in {@code schema}. */
  public boolean relationExists(String schema, String name) {
    String key = key(schema, name);
    return tablesByName.containsKey(key) || sequencesByName.containsKey(key) || indexOwners.containsKey(key);
  }

  private String resolveSchema(QualifiedName name, List<String> searchPath,
      java.util.function.Predicate<String> exists) {
    if (name.schema() != null) {
      return name.schema();
    }
    for (String schema : searchPath) {
      if (exists.test(schema)) {
        return schema;
      }
    }
    return null;
  }

  /** The tables whose foreign keys reference {@code tableId}. */
  public List<TableInfo> referencingTables(long tableId) {
    return tablesById.values().stream()
        .filter(t -> t.foreignKeys().stream().anyMatch(k -> k.referencedTableId() == tableId))
        .toList();
  }
}
