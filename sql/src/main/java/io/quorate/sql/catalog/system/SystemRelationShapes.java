package io.quorate.sql.catalog.system;

import java.util.HashMap;
import java.util.Map;

/**
 * The columns of each system relation, as PostgreSQL 15 declares them (names, order and
 * OIDs copied from a PostgreSQL 15 server), so that {@code SELECT *} and clients that read
 * columns by position see the same shape. Types are written as PostgreSQL names them,
 * with {@code char} standing for {@code "char"}; {@link SystemColumn#parse} maps them onto
 * the engine's types.
 */
final class SystemRelationShapes {

  /** A relation's identity and columns. */
  record Shape(String schema, String name, long oid, boolean view, String columns) {}

  private static final Map<String, Shape> SHAPES = new HashMap<>();

  static {
    define("information_schema", "columns", 13295, true,
        "table_catalog name, table_schema name, table_name name, column_name name, "
        + "ordinal_position integer, column_default text, is_nullable text, data_type text, "
        + "character_maximum_length integer, character_octet_length integer, "
        + "numeric_precision integer, numeric_precision_radix integer, numeric_scale integer, "
        + "datetime_precision integer, interval_type text, interval_precision integer, "
        + "character_set_catalog name, character_set_schema name, character_set_name name, "
        + "collation_catalog name, collation_schema name, collation_name name, domain_catalog name, "
        + "domain_schema name, domain_name name, udt_catalog name, udt_schema name, udt_name name, "
        + "scope_catalog name, scope_schema name, scope_name name, maximum_cardinality integer, "
        + "dtd_identifier name, is_self_referencing text, is_identity text, "
        + "identity_generation text, identity_start text, identity_increment text, "
        + "identity_maximum text, identity_minimum text, identity_cycle text, is_generated text, "
        + "generation_expression text, is_updatable text");
    define("information_schema", "key_column_usage", 13329, true,
        "constraint_catalog name, constraint_schema name, constraint_name name, "
        + "table_catalog name, table_schema name, table_name name, column_name name, "
        + "ordinal_position integer, position_in_unique_constraint integer");
    define("information_schema", "schemata", 13382, true,
        "catalog_name name, schema_name name, schema_owner name, "
        + "default_character_set_catalog name, default_character_set_schema name, "
        + "default_character_set_name name, sql_path text");
    define("information_schema", "table_constraints", 13411, true,
        "constraint_catalog name, constraint_schema name, constraint_name name, "
        + "table_catalog name, table_schema name, table_name name, constraint_type text, "
        + "is_deferrable text, initially_deferred text, enforced text, nulls_distinct text");
    define("information_schema", "tables", 13425, true,
        "table_catalog name, table_schema name, table_name name, table_type text, "
        + "self_referencing_column_name name, reference_generation text, "
        + "user_defined_type_catalog name, user_defined_type_schema name, "
        + "user_defined_type_name name, is_insertable_into text, is_typed text, commit_action text");
    define("information_schema", "views", 13483, true,
        "table_catalog name, table_schema name, table_name name, view_definition text, "
        + "check_option text, is_updatable text, is_insertable_into text, is_trigger_updatable text, "
        + "is_trigger_deletable text, is_trigger_insertable_into text");
    define("pg_catalog", "pg_am", 2601, false,
        "oid oid, amname name, amhandler regproc, amtype char");
    define("pg_catalog", "pg_attrdef", 2604, false,
        "oid oid, adrelid oid, adnum smallint, adbin text");
    define("pg_catalog", "pg_attribute", 1249, false,
        "attrelid oid, attname name, atttypid oid, attstattarget integer, attlen smallint, "
        + "attnum smallint, attndims integer, attcacheoff integer, atttypmod integer, "
        + "attbyval boolean, attalign char, attstorage char, attcompression char, "
        + "attnotnull boolean, atthasdef boolean, atthasmissing boolean, attidentity char, "
        + "attgenerated char, attisdropped boolean, attislocal boolean, attinhcount integer, "
        + "attcollation oid, attacl text[], attoptions text[], attfdwoptions text[], "
        + "attmissingval text");
    define("pg_catalog", "pg_auth_members", 1261, false,
        "roleid oid, member oid, grantor oid, admin_option boolean");
    define("pg_catalog", "pg_class", 1259, false,
        "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, "
        + "relam oid, relfilenode oid, reltablespace oid, relpages integer, reltuples real, "
        + "relallvisible integer, reltoastrelid oid, relhasindex boolean, relisshared boolean, "
        + "relpersistence char, relkind char, relnatts smallint, relchecks smallint, "
        + "relhasrules boolean, relhastriggers boolean, relhassubclass boolean, "
        + "relrowsecurity boolean, relforcerowsecurity boolean, relispopulated boolean, "
        + "relreplident char, relispartition boolean, relrewrite oid, relfrozenxid xid, "
        + "relminmxid xid, relacl text[], reloptions text[], relpartbound text");
    define("pg_catalog", "pg_collation", 3456, false,
        "oid oid, collname name, collnamespace oid, collowner oid, collprovider char, "
        + "collisdeterministic boolean, collencoding integer, collcollate text, collctype text, "
        + "colliculocale text, collversion text");
    define("pg_catalog", "pg_constraint", 2606, false,
        "oid oid, conname name, connamespace oid, contype char, condeferrable boolean, "
        + "condeferred boolean, convalidated boolean, conrelid oid, contypid oid, conindid oid, "
        + "conparentid oid, confrelid oid, confupdtype char, confdeltype char, confmatchtype char, "
        + "conislocal boolean, coninhcount integer, connoinherit boolean, conkey smallint[], "
        + "confkey smallint[], conpfeqop oid[], conppeqop oid[], conffeqop oid[], "
        + "confdelsetcols smallint[], conexclop oid[], conbin text");
    define("pg_catalog", "pg_database", 1262, false,
        "oid oid, datname name, datdba oid, encoding integer, datlocprovider char, "
        + "datistemplate boolean, datallowconn boolean, datconnlimit integer, datfrozenxid xid, "
        + "datminmxid xid, dattablespace oid, datcollate text, datctype text, daticulocale text, "
        + "datcollversion text, datacl text[]");
    define("pg_catalog", "pg_depend", 2608, false,
        "classid oid, objid oid, objsubid integer, refclassid oid, refobjid oid, "
        + "refobjsubid integer, deptype char");
    define("pg_catalog", "pg_description", 2609, false,
        "objoid oid, classoid oid, objsubid integer, description text");
    define("pg_catalog", "pg_enum", 3501, false,
        "oid oid, enumtypid oid, enumsortorder real, enumlabel name");
    define("pg_catalog", "pg_extension", 3079, false,
        "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable boolean, "
        + "extversion text, extconfig oid[], extcondition text[]");
    define("pg_catalog", "pg_index", 2610, false,
        "indexrelid oid, indrelid oid, indnatts smallint, indnkeyatts smallint, "
        + "indisunique boolean, indnullsnotdistinct boolean, indisprimary boolean, "
        + "indisexclusion boolean, indimmediate boolean, indisclustered boolean, indisvalid boolean, "
        + "indcheckxmin boolean, indisready boolean, indislive boolean, indisreplident boolean, "
        + "indkey int2vector, indcollation oidvector, indclass oidvector, indoption int2vector, "
        + "indexprs text, indpred text");
    define("pg_catalog", "pg_indexes", 12043, true,
        "schemaname name, tablename name, indexname name, tablespace name, indexdef text");
    define("pg_catalog", "pg_inherits", 2611, false,
        "inhrelid oid, inhparent oid, inhseqno integer, inhdetachpending boolean");
    define("pg_catalog", "pg_namespace", 2615, false,
        "oid oid, nspname name, nspowner oid, nspacl text[]");
    define("pg_catalog", "pg_partitioned_table", 3350, false,
        "partrelid oid, partstrat char, partnatts smallint, partdefid oid, partattrs int2vector, "
        + "partclass oidvector, partcollation oidvector, partexprs text");
    define("pg_catalog", "pg_policy", 3256, false,
        "oid oid, polname name, polrelid oid, polcmd char, polpermissive boolean, polroles oid[], "
        + "polqual text, polwithcheck text");
    define("pg_catalog", "pg_proc", 1255, false,
        "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost real, "
        + "prorows real, provariadic oid, prosupport regproc, prokind char, prosecdef boolean, "
        + "proleakproof boolean, proisstrict boolean, proretset boolean, provolatile char, "
        + "proparallel char, pronargs smallint, pronargdefaults smallint, prorettype oid, "
        + "proargtypes oidvector, proallargtypes oid[], proargmodes char[], proargnames text[], "
        + "proargdefaults text, protrftypes oid[], prosrc text, probin text, prosqlbody text, "
        + "proconfig text[], proacl text[]");
    define("pg_catalog", "pg_publication", 6104, false,
        "oid oid, pubname name, pubowner oid, puballtables boolean, pubinsert boolean, "
        + "pubupdate boolean, pubdelete boolean, pubtruncate boolean, pubviaroot boolean");
    define("pg_catalog", "pg_publication_namespace", 6237, false,
        "oid oid, pnpubid oid, pnnspid oid");
    define("pg_catalog", "pg_publication_rel", 6106, false,
        "oid oid, prpubid oid, prrelid oid, prqual text, prattrs int2vector");
    define("pg_catalog", "pg_range", 3541, false,
        "rngtypid oid, rngsubtype oid, rngmultitypid oid, rngcollation oid, rngsubopc oid, "
        + "rngcanonical regproc, rngsubdiff regproc");
    define("pg_catalog", "pg_rewrite", 2618, false,
        "oid oid, rulename name, ev_class oid, ev_type char, ev_enabled char, is_instead boolean, "
        + "ev_qual text, ev_action text");
    define("pg_catalog", "pg_roles", 12000, true,
        "rolname name, rolsuper boolean, rolinherit boolean, rolcreaterole boolean, "
        + "rolcreatedb boolean, rolcanlogin boolean, rolreplication boolean, rolconnlimit integer, "
        + "rolpassword text, rolvaliduntil timestamptz, rolbypassrls boolean, rolconfig text[], "
        + "oid oid");
    define("pg_catalog", "pg_sequence", 2224, false,
        "seqrelid oid, seqtypid oid, seqstart bigint, seqincrement bigint, seqmax bigint, "
        + "seqmin bigint, seqcache bigint, seqcycle boolean");
    define("pg_catalog", "pg_sequences", 12048, true,
        "schemaname name, sequencename name, sequenceowner name, data_type regtype, "
        + "start_value bigint, min_value bigint, max_value bigint, increment_by bigint, "
        + "cycle boolean, cache_size bigint, last_value bigint");
    define("pg_catalog", "pg_settings", 12104, true,
        "name text, setting text, unit text, category text, short_desc text, extra_desc text, "
        + "context text, vartype text, source text, min_val text, max_val text, enumvals text[], "
        + "boot_val text, reset_val text, sourcefile text, sourceline integer, "
        + "pending_restart boolean");
    define("pg_catalog", "pg_shdescription", 2396, false,
        "objoid oid, classoid oid, description text");
    define("pg_catalog", "pg_statistic_ext", 3381, false,
        "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, "
        + "stxstattarget integer, stxkeys int2vector, stxkind char[], stxexprs text");
    define("pg_catalog", "pg_tables", 12033, true,
        "schemaname name, tablename name, tableowner name, tablespace name, hasindexes boolean, "
        + "hasrules boolean, hastriggers boolean, rowsecurity boolean");
    define("pg_catalog", "pg_tablespace", 1213, false,
        "oid oid, spcname name, spcowner oid, spcacl text[], spcoptions text[]");
    define("pg_catalog", "pg_trigger", 2620, false,
        "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype smallint, "
        + "tgenabled char, tgisinternal boolean, tgconstrrelid oid, tgconstrindid oid, "
        + "tgconstraint oid, tgdeferrable boolean, tginitdeferred boolean, tgnargs smallint, "
        + "tgattr int2vector, tgargs bytea, tgqual text, tgoldtable name, tgnewtable name");
    define("pg_catalog", "pg_type", 1247, false,
        "oid oid, typname name, typnamespace oid, typowner oid, typlen smallint, typbyval boolean, "
        + "typtype char, typcategory char, typispreferred boolean, typisdefined boolean, "
        + "typdelim char, typrelid oid, typsubscript regproc, typelem oid, typarray oid, "
        + "typinput regproc, typoutput regproc, typreceive regproc, typsend regproc, "
        + "typmodin regproc, typmodout regproc, typanalyze regproc, typalign char, typstorage char, "
        + "typnotnull boolean, typbasetype oid, typtypmod integer, typndims integer, "
        + "typcollation oid, typdefaultbin text, typdefault text, typacl text[]");
    define("pg_catalog", "pg_user", 12014, true,
        "usename name, usesysid oid, usecreatedb boolean, usesuper boolean, userepl boolean, "
        + "usebypassrls boolean, passwd text, valuntil timestamptz, useconfig text[]");
    define("pg_catalog", "pg_views", 12028, true,
        "schemaname name, viewname name, viewowner name, definition text");
  }

  private SystemRelationShapes() {}

  private static void define(String schema, String name, long oid, boolean view, String columns) {
    SHAPES.put(schema + "." + name, new Shape(schema, name, oid, view, columns));
  }

  /** The shape of {@code schema.name}; fails for a relation not defined here (a bug). */
  static Shape of(String schema, String name) {
    Shape shape = SHAPES.get(schema + "." + name);
    if (shape == null) {
      throw new IllegalStateException("no shape for " + schema + "." + name);
    }
    return shape;
  }
}
