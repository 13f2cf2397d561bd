package io.quorate.sql.catalog.system;

import io.quorate.sql.types.SqlType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The types pg_type lists — every type the engine has, plus the catalog types clients
 * meet (name, oid, "char", ...) — with PostgreSQL's OIDs and attributes, and
 * format_type's names for them.
 */
final class PgTypes {

  /** A pg_type row's essentials; {@code displayName} is what format_type prints. */
  record TypeEntry(long oid, String name, String displayName, int length, boolean byValue, String category,
      boolean preferred, long element, long array, String input, String align, String storage, long collation) {

    boolean isArray() {
      return element != 0 && category.equals("A");
    }
  }

  /** pg_proc's OID of array_in, which clients compare typinput with to spot array types. */
  static final long ARRAY_IN = 750;

  private static final Map<Long, TypeEntry> BY_OID = new LinkedHashMap<>();

  static {
    base(16, "bool", "boolean", 1, true, "B", true, 1000, "boolin", "c", "p", 0);
    base(17, "bytea", "bytea", -1, false, "U", false, 1001, "byteain", "i", "x", 0);
    base(18, "char", "\"char\"", 1, true, "Z", false, 1002, "charin", "c", "p", 0);
    base(19, "name", "name", 64, false, "S", false, 1003, "namein", "c", "p", 950);
    base(20, "int8", "bigint", 8, true, "N", false, 1016, "int8in", "d", "p", 0);
    base(21, "int2", "smallint", 2, true, "N", false, 1005, "int2in", "s", "p", 0);
    base(23, "int4", "integer", 4, true, "N", false, 1007, "int4in", "i", "p", 0);
    base(24, "regproc", "regproc", 4, true, "N", false, 1008, "regprocin", "i", "p", 0);
    base(25, "text", "text", -1, false, "S", true, 1009, "textin", "i", "x", 100);
    base(26, "oid", "oid", 4, true, "N", true, 1028, "oidin", "i", "p", 0);
    base(114, "json", "json", -1, false, "U", false, 199, "json_in", "i", "x", 0);
    base(700, "float4", "real", 4, true, "N", false, 1021, "float4in", "i", "p", 0);
    base(701, "float8", "double precision", 8, true, "N", true, 1022, "float8in", "d", "p", 0);
    base(705, "unknown", "unknown", -2, false, "X", false, 0, "unknownin", "c", "p", 0);
    base(1042, "bpchar", "character", -1, false, "S", false, 1014, "bpcharin", "i", "x", 100);
    base(1043, "varchar", "character varying", -1, false, "S", false, 1015, "varcharin", "i", "x", 100);
    base(1082, "date", "date", 4, true, "D", false, 1182, "date_in", "i", "p", 0);
    base(1083, "time", "time without time zone", 8, true, "D", false, 1183, "time_in", "d", "p", 0);
    base(1114, "timestamp", "timestamp without time zone", 8, true, "D", false, 1115, "timestamp_in", "d", "p", 0);
    base(1184, "timestamptz", "timestamp with time zone", 8, true, "D", true, 1185, "timestamptz_in", "d", "p", 0);
    base(1186, "interval", "interval", 16, false, "T", true, 1187, "interval_in", "d", "p", 0);
    base(1700, "numeric", "numeric", -1, false, "N", false, 1231, "numeric_in", "i", "m", 0);
    base(2205, "regclass", "regclass", 4, true, "N", false, 2210, "regclassin", "i", "p", 0);
    base(2206, "regtype", "regtype", 4, true, "N", false, 2211, "regtypein", "i", "p", 0);
    base(2950, "uuid", "uuid", 16, false, "U", false, 2951, "uuid_in", "c", "p", 0);
    base(3802, "jsonb", "jsonb", -1, false, "U", false, 3807, "jsonb_in", "i", "x", 0);
    base(4089, "regnamespace", "regnamespace", 4, true, "N", false, 4090, "regnamespacein", "i", "p", 0);
    base(4096, "regrole", "regrole", 4, true, "N", false, 4097, "regrolein", "i", "p", 0);
    put(new TypeEntry(22, "int2vector", "int2vector", -1, false, "A", false, 21, 1006, "int2vectorin", "i", "p", 0));
    put(new TypeEntry(30, "oidvector", "oidvector", -1, false, "A", false, 26, 1013, "oidvectorin", "i", "p", 0));
    put(new TypeEntry(2249, "record", "record", -1, false, "P", false, 0, 2287, "record_in", "d", "x", 0));
    put(new TypeEntry(2278, "void", "void", 4, true, "P", false, 0, 0, "void_in", "i", "p", 0));
  }

  private PgTypes() {}

  private static void base(long oid, String name, String displayName, int length, boolean byValue, String category,
      boolean preferred, long array, String input, String align, String storage, long collation) {
    put(new TypeEntry(oid, name, displayName, length, byValue, category, preferred, 0, array, input, align,
        storage, collation));
    if (array != 0) {
      put(new TypeEntry(array, "_" + name, displayName + "[]", -1, false, "A", false, oid, 0, "array_in",
          align.equals("d") ? "d" : "i", "x", collation));
    }
  }

  private static void put(TypeEntry entry) {
    BY_OID.put(entry.oid(), entry);
  }

  static Collection<TypeEntry> all() {
    return BY_OID.values();
  }

  /** The type with {@code oid}, or null. */
  static TypeEntry byOid(long oid) {
    return BY_OID.get(oid);
  }

  /** The type called {@code name} (pg_type's name or format_type's), or null. */
  static TypeEntry byName(String name) {
    for (TypeEntry entry : BY_OID.values()) {
      if (entry.name().equals(name) || entry.displayName().equals(name)) {
        return entry;
      }
    }
    return null;
  }

  /** pg_type's name of an engine type: {@code int4}, {@code _text}. */
  static String typeName(SqlType type) {
    TypeEntry entry = byOid(type.oid());
    return entry == null ? type.pgName() : entry.name();
  }

  /** attlen: the storage length of values of {@code type}, -1 for variable length. */
  static int length(SqlType type) {
    TypeEntry entry = byOid(type.oid());
    return entry == null ? -1 : entry.length();
  }

  /**
   * format_type(oid, typmod): PostgreSQL's SQL name with the modifier applied
   * ({@code character varying(20)}, {@code numeric(10,2)}, {@code integer[]}); "???" for
   * an OID that is not a type, as PostgreSQL prints.
   */
  static String format(long oid, Long typeModifier) {
    TypeEntry entry = byOid(oid);
    if (entry == null) {
      return "???";
    }
    int modifier = typeModifier == null ? -1 : typeModifier.intValue();
    if (entry.isArray() && entry.element() != 21 && entry.element() != 26) {
      return format(entry.element(), typeModifier) + "[]";
    }
    if (modifier < 4) {
      return entry.displayName();
    }
    return switch ((int) oid) {
      case 1042, 1043 -> entry.displayName() + "(" + (modifier - 4) + ")";
      case 1700 -> "numeric(" + ((modifier - 4) >> 16) + "," + ((modifier - 4) & 0xffff) + ")";
      default -> entry.displayName();
    };
  }
}
