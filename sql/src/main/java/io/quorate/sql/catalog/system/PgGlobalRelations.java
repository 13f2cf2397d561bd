package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.Role;
import io.quorate.sql.types.ObjectReference;
import java.util.List;
import java.util.Map;

/**
 * pg_namespace, pg_type, pg_am, pg_collation, pg_tablespace, pg_database, pg_roles and
 * pg_user, and the relations of features the engine does not have (descriptions,
 * inheritance, policies, publications, triggers, ...), which are empty.
 */
final class PgGlobalRelations {

  private static final List<String> EMPTY = List.of("pg_description", "pg_shdescription", "pg_inherits",
      "pg_auth_members", "pg_policy", "pg_statistic_ext", "pg_publication", "pg_publication_namespace",
      "pg_publication_rel", "pg_trigger", "pg_partitioned_table", "pg_depend", "pg_extension", "pg_enum",
      "pg_range", "pg_rewrite", "pg_proc");

  private PgGlobalRelations() {}

  static void register(SystemRelations.Registrar registrar) {
    registrar.add("pg_catalog", "pg_namespace", PgGlobalRelations::pgNamespace);
    registrar.add("pg_catalog", "pg_type", PgGlobalRelations::pgType);
    registrar.add("pg_catalog", "pg_am", PgGlobalRelations::pgAm);
    registrar.add("pg_catalog", "pg_collation", PgGlobalRelations::pgCollation);
    registrar.add("pg_catalog", "pg_tablespace", PgGlobalRelations::pgTablespace);
    registrar.add("pg_catalog", "pg_database", PgGlobalRelations::pgDatabase);
    registrar.add("pg_catalog", "pg_roles", PgGlobalRelations::pgRoles);
    registrar.add("pg_catalog", "pg_user", PgGlobalRelations::pgUser);
    for (String name : EMPTY) {
      registrar.add("pg_catalog", name, (context, rows) -> { });
    }
  }

  private static void pgNamespace(SystemContext context, SystemRelation.Rows rows) {
    for (Map.Entry<Long, String> namespace : context.namespaces().entrySet()) {
      rows.add().set("oid", namespace.getKey()).set("nspname", namespace.getValue())
          .set("nspowner", Role.BOOTSTRAP_SUPERUSER_OID);
    }
  }

  private static void pgType(SystemContext context, SystemRelation.Rows rows) {
    for (PgTypes.TypeEntry type : PgTypes.all()) {
      rows.add()
          .set("oid", type.oid())
          .set("typname", type.name())
          .set("typnamespace", ObjectIds.PG_CATALOG_NAMESPACE)
          .set("typowner", Role.BOOTSTRAP_SUPERUSER_OID)
          .set("typlen", (long) type.length())
          .set("typbyval", type.byValue())
          .set("typtype", type.category().equals("P") ? "p" : "b")
          .set("typcategory", type.category())
          .set("typispreferred", type.preferred())
          .set("typisdefined", true)
          .set("typdelim", ",")
          .set("typelem", type.element())
          .set("typarray", type.array())
          .set("typinput", new ObjectReference(type.input().equals("array_in") ? PgTypes.ARRAY_IN : 0, type.input()))
          .set("typalign", type.align())
          .set("typstorage", type.storage())
          .set("typtypmod", -1L)
          .set("typcollation", type.collation());
    }
  }

  private static void pgAm(SystemContext context, SystemRelation.Rows rows) {
    rows.add().set("oid", ObjectIds.HEAP_ACCESS_METHOD).set("amname", "heap").set("amtype", "t");
    rows.add().set("oid", ObjectIds.BTREE_ACCESS_METHOD).set("amname", "btree").set("amtype", "i");
  }

  private static void pgCollation(SystemContext context, SystemRelation.Rows rows) {
    collation(rows, ObjectIds.DEFAULT_COLLATION, "default", "d", null);
    collation(rows, 950, "C", "c", "C");
    collation(rows, 951, "POSIX", "c", "POSIX");
  }

  private static void collation(SystemRelation.Rows rows, long oid, String name, String provider, String locale) {
    rows.add().set("oid", oid).set("collname", name).set("collnamespace", ObjectIds.PG_CATALOG_NAMESPACE)
        .set("collowner", Role.BOOTSTRAP_SUPERUSER_OID).set("collprovider", provider)
        .set("collisdeterministic", true).set("collencoding", -1L).set("collcollate", locale)
        .set("collctype", locale);
  }

  private static void pgTablespace(SystemContext context, SystemRelation.Rows rows) {
    rows.add().set("oid", ObjectIds.DEFAULT_TABLESPACE).set("spcname", "pg_default")
        .set("spcowner", Role.BOOTSTRAP_SUPERUSER_OID);
    rows.add().set("oid", 1664L).set("spcname", "pg_global").set("spcowner", Role.BOOTSTRAP_SUPERUSER_OID);
  }

  /** One database; text is compared by code point, so its collation is C. */
  private static void pgDatabase(SystemContext context, SystemRelation.Rows rows) {
    rows.add()
        .set("oid", ObjectIds.DATABASE)
        .set("datname", SystemContext.DATABASE_NAME)
        .set("datdba", Role.BOOTSTRAP_SUPERUSER_OID)
        .set("encoding", 6L) // UTF8
        .set("datlocprovider", "c")
        .set("datallowconn", true)
        .set("datconnlimit", -1L)
        .set("dattablespace", ObjectIds.DEFAULT_TABLESPACE)
        .set("datcollate", "C")
        .set("datctype", "C");
  }

  private static void pgRoles(SystemContext context, SystemRelation.Rows rows) {
    for (Role role : context.catalog().roles()) {
      rows.add()
          .set("rolname", role.name())
          .set("rolsuper", role.superuser())
          .set("rolinherit", true)
          .set("rolcreaterole", role.superuser())
          .set("rolcreatedb", role.superuser())
          .set("rolcanlogin", role.canLogin())
          .set("rolreplication", false)
          .set("rolconnlimit", -1L)
          .set("rolpassword", "********")
          .set("rolbypassrls", role.superuser())
          .set("oid", role.oid());
    }
  }

  private static void pgUser(SystemContext context, SystemRelation.Rows rows) {
    for (Role role : context.catalog().roles()) {
      if (role.canLogin()) {
        rows.add()
            .set("usename", role.name())
            .set("usesysid", role.oid())
            .set("usecreatedb", role.superuser())
            .set("usesuper", role.superuser())
            .set("userepl", false)
            .set("usebypassrls", role.superuser())
            .set("passwd", "********");
      }
    }
  }
}
