package io.quorate.sql.catalog.system;

import io.quorate.sql.ast.QualifiedName;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system relations by name, and how a query reads one: as the literal rows the
 * statement's catalog snapshot gives (plans are kept per snapshot, so they never go
 * stale), except that values which depend on the session are computed when read.
 */
public final class SystemRelations {

  /** Adds relations to the registry; each defining class registers its own. */
  interface Registrar {
    void add(String schema, String name, SystemRelation.RowSource source);
  }

  private static final Map<String, SystemRelation> RELATIONS = new LinkedHashMap<>();

  static {
    Registrar registrar = (schema, name, source) ->
        RELATIONS.put(schema + "." + name, new SystemRelation(SystemRelationShapes.of(schema, name), source));
    PgClassRelations.register(registrar);
    Constraints.register(registrar);
    PgGlobalRelations.register(registrar);
    PgSettings.register(registrar);
    PgConvenienceViews.register(registrar);
    InformationSchemaViews.register(registrar);
  }

  private SystemRelations() {}

  static Collection<SystemRelation> all() {
    return RELATIONS.values();
  }

  /**
   * The system relation {@code name} refers to, or null when it names none. pg_catalog
   * comes first on every search path, as in PostgreSQL; information_schema only when it
   * is on the path or written.
   */
  public static SystemRelation find(QualifiedName name, List<String> searchPath) {
    if (name.schema() != null) {
      return RELATIONS.get(name.schema() + "." + name.name());
    }
    SystemRelation relation = RELATIONS.get("pg_catalog." + name.name());
    if (relation == null && searchPath.contains("information_schema")) {
      relation = RELATIONS.get("information_schema." + name.name());
    }
    return relation;
  }

  /** True for the schemas whose relations are the engine's own and cannot be changed. */
  public static boolean isSystemSchema(String schema) {
    return schema.equals("pg_catalog") || schema.equals("information_schema");
  }
}
