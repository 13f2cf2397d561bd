package io.quorate.node.pgwire;

import io.quorate.sql.types.SqlType;

/** PostgreSQL type OIDs as the protocol carries them, and the engine's types they stand for. */
public final class WireTypes {

  static final int UNSPECIFIED = 0;
  static final int TEXT = 25;
  static final int OID = 26;
  static final int NAME = 19;
  static final int VOID = 2278;

  private WireTypes() {}

  /**
   * The engine type a parameter of type {@code oid} is read as, or null when the OID is
   * 0 or one the engine does not know (the parameter's type is then inferred from use).
   * name and oid have no engine type of their own: they are read as text and bigint.
   */
  public static SqlType parameterType(int oid) {
    if (oid == NAME) {
      return SqlType.TEXT;
    }
    if (oid == OID) {
      return SqlType.BIGINT;
    }
    for (SqlType.Kind kind : SqlType.Kind.values()) {
      SqlType base = baseType(kind);
      if (base == null) {
        continue;
      }
      if (base.oid() == oid) {
        return base;
      }
      if (SqlType.arrayOf(base).oid() == oid) {
        return SqlType.arrayOf(base);
      }
    }
    return null;
  }

  private static SqlType baseType(SqlType.Kind kind) {
    return switch (kind) {
      case ARRAY, RECORD, UNKNOWN -> null;
      case BOOLEAN -> SqlType.BOOLEAN;
      case SMALLINT -> SqlType.SMALLINT;
      case INTEGER -> SqlType.INTEGER;
      case BIGINT -> SqlType.BIGINT;
      case NUMERIC -> SqlType.NUMERIC;
      case REAL -> SqlType.REAL;
      case DOUBLE -> SqlType.DOUBLE;
      case TEXT -> SqlType.TEXT;
      case VARCHAR -> SqlType.VARCHAR;
      case CHAR -> SqlType.character(-1);
      case BYTEA -> SqlType.BYTEA;
      case DATE -> SqlType.DATE;
      case TIME -> SqlType.TIME;
      case TIMESTAMP -> SqlType.TIMESTAMP;
      case TIMESTAMPTZ -> SqlType.TIMESTAMPTZ;
      case INTERVAL -> SqlType.INTERVAL;
      case UUID -> SqlType.UUID;
      case JSON -> SqlType.JSON;
      case JSONB -> SqlType.JSONB;
      case REGCLASS -> SqlType.REGCLASS;
      case REGTYPE -> SqlType.REGTYPE;
      case REGPROC -> SqlType.REGPROC;
      case REGNAMESPACE -> SqlType.REGNAMESPACE;
      case REGROLE -> SqlType.REGROLE;
    };
  }

  /** The OID reported for {@code type} (unknown is reported as text, as PostgreSQL resolves it). */
  static int oid(SqlType type) {
    return type.kind() == SqlType.Kind.UNKNOWN ? TEXT : type.oid();
  }

  /** pg_type.typlen: the fixed size in bytes, or -1 for variable-length types. */
  static int typeLength(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> 1;
      case SMALLINT -> 2;
      case INTEGER, REAL, DATE, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> 4;
      case BIGINT, DOUBLE, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
      case INTERVAL, UUID -> 16;
      default -> -1;
    };
  }
}
