package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.SchemaInfo;

/**
 * How catalog objects get their OIDs. Built-in objects keep PostgreSQL's OIDs, which
 * clients know (pg_catalog 11, public 2200, int4 23, btree 403). User objects derive
 * theirs from their ids, which are never reused: a table's OID is its id times 1024; its
 * indexes follow it (plus the index id, below 256), then its CHECK and FOREIGN KEY
 * constraints (from plus 256) and its column defaults (plus 512 plus the column number).
 * So an object keeps its OID for its whole life, in every view and on every node,
 * without an OID counter of its own. Schemas and roles take ids from the same allocator.
 */
public final class ObjectIds {

  public static final long PG_CATALOG_NAMESPACE = 11;
  public static final long PG_TOAST_NAMESPACE = 99;
  public static final long PUBLIC_NAMESPACE = 2200;
  public static final long INFORMATION_SCHEMA_NAMESPACE = 13207;
  public static final long HEAP_ACCESS_METHOD = 2;
  public static final long BTREE_ACCESS_METHOD = 403;
  public static final long DEFAULT_TABLESPACE = 1663;
  public static final long DEFAULT_COLLATION = 100;
  public static final long DATABASE = 16384;
  /** pg_class's own OID: the class of relations in pg_description and pg_depend. */
  public static final long PG_CLASS = 1259;

  private static final int SHIFT = 10;
  private static final int FIRST_CONSTRAINT = 256;
  private static final int FIRST_DEFAULT = 512;

  private ObjectIds() {}

  public static long relation(long tableId) {
    return tableId << SHIFT;
  }

  public static long index(long tableId, int indexId) {
    return (tableId << SHIFT) + indexId;
  }

  /** A CHECK or FOREIGN KEY constraint: {@code ordinal} counts the table's checks, then its foreign keys. */
  public static long constraint(long tableId, int ordinal) {
    return (tableId << SHIFT) + FIRST_CONSTRAINT + ordinal;
  }

  /** The pg_attrdef row of column number {@code attnum}. */
  public static long columnDefault(long tableId, int attnum) {
    return (tableId << SHIFT) + FIRST_DEFAULT + attnum;
  }

  /** The table an OID of a table, index, constraint or default belongs to. */
  public static long tableIdOf(long oid) {
    return oid >> SHIFT;
  }

  public static long role(long id) {
    return id << SHIFT;
  }

  public static long namespace(SchemaInfo schema) {
    return schema.id() == SchemaInfo.PUBLIC_ID ? PUBLIC_NAMESPACE : schema.id() << SHIFT;
  }
}
