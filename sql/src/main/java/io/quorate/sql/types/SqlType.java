package io.quorate.sql.types;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL data type as the engine sees it: a {@link Kind}, optional modifiers
 * (length for varchar/char, precision and scale for numeric) and, for arrays, the
 * element type. Immutable; equal types are {@code equals}.
 *
 * <p>Values are plain Java objects, {@code null} being SQL NULL:
 * BOOLEAN {@link Boolean}; SMALLINT, INTEGER, BIGINT {@link Long} (range-checked to the
 * type); NUMERIC {@link java.math.BigDecimal}; REAL {@link Float}; DOUBLE {@link Double};
 * TEXT, VARCHAR, CHAR, JSON, JSONB {@link String}; BYTEA {@link Bytes}; DATE
 * {@link java.time.LocalDate}; TIME {@link java.time.LocalTime}; TIMESTAMP
 * {@link java.time.LocalDateTime}; TIMESTAMPTZ {@link java.time.Instant}; INTERVAL
 * {@link Interval}; UUID {@link java.util.UUID}; ARRAY an unmodifiable
 * {@link java.util.List} of element values (int2vector and oidvector are arrays whose
 * subscripts start at 0, as PostgreSQL's do); RECORD (a composite value with named
 * fields) an unmodifiable {@link java.util.List} of field values; UNKNOWN (an untyped
 * literal) {@link String}; the
 * object-reference types REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE
 * {@link ObjectReference} (an OID with the name it prints as). There is no separate
 * {@code oid} type: OIDs are bigint values.
 */
public final class SqlType {

  /** The type families, in PostgreSQL's terms. */
  public enum Kind {
    BOOLEAN("boolean", 16, 1000),
    SMALLINT("smallint", 21, 1005),
    INTEGER("integer", 23, 1007),
    BIGINT("bigint", 20, 1016),
    NUMERIC("numeric", 1700, 1231),
    REAL("real", 700, 1021),
    DOUBLE("double precision", 701, 1022),
    TEXT("text", 25, 1009),
    VARCHAR("character varying", 1043, 1015),
    CHAR("character", 1042, 1014),
    BYTEA("bytea", 17, 1001),
    DATE("date", 1082, 1182),
    TIME("time without time zone", 1083, 1183),
    TIMESTAMP("timestamp without time zone", 1114, 1115),
    TIMESTAMPTZ("timestamp with time zone", 1184, 1185),
    INTERVAL("interval", 1186, 1187),
    UUID("uuid", 2950, 2951),
    JSON("json", 114, 199),
    JSONB("jsonb", 3802, 3807),
    REGCLASS("regclass", 2205, 2210),
    REGTYPE("regtype", 2206, 2211),
    REGPROC("regproc", 24, 1008),
    REGNAMESPACE("regnamespace", 4089, 4090),
    REGROLE("regrole", 4096, 4097),
    ARRAY("array", 0, 0),
    RECORD("record", 2249, 2287),
    UNKNOWN("unknown", 705, 0);

    private final String pgName;
    private final int oid;
    private final int arrayOid;

    Kind(String pgName, int oid, int arrayOid) {
      this.pgName = pgName;
      this.oid = oid;
      this.arrayOid = arrayOid;
    }

    /** PostgreSQL's name of the type, as error messages print it. */
    public String pgName() {
      return pgName;
    }
  }

  public static final SqlType BOOLEAN = new SqlType(Kind.BOOLEAN, -1, -1, null);
  public static final SqlType SMALLINT = new SqlType(Kind.SMALLINT, -1, -1, null);
  public static final SqlType INTEGER = new SqlType(Kind.INTEGER, -1, -1, null);
  public static final SqlType BIGINT = new SqlType(Kind.BIGINT, -1, -1, null);
  public static final SqlType NUMERIC = new SqlType(Kind.NUMERIC, -1, -1, null);
  public static final SqlType REAL = new SqlType(Kind.REAL, -1, -1, null);
  public static final SqlType DOUBLE = new SqlType(Kind.DOUBLE, -1, -1, null);
  public static final SqlType TEXT = new SqlType(Kind.TEXT, -1, -1, null);
  public static final SqlType VARCHAR = new SqlType(Kind.VARCHAR, -1, -1, null);
  public static final SqlType CHAR = new SqlType(Kind.CHAR, 1, -1, null);
  public static final SqlType BYTEA = new SqlType(Kind.BYTEA, -1, -1, null);
  public static final SqlType DATE = new SqlType(Kind.DATE, -1, -1, null);
  public static final SqlType TIME = new SqlType(Kind.TIME, -1, -1, null);
  public static final SqlType TIMESTAMP = new SqlType(Kind.TIMESTAMP, -1, -1, null);
  public static final SqlType TIMESTAMPTZ = new SqlType(Kind.TIMESTAMPTZ, -1, -1, null);
  public static final SqlType INTERVAL = new SqlType(Kind.INTERVAL, -1, -1, null);
  public static final SqlType UUID = new SqlType(Kind.UUID, -1, -1, null);
  public static final SqlType JSON = new SqlType(Kind.JSON, -1, -1, null);
  public static final SqlType JSONB = new SqlType(Kind.JSONB, -1, -1, null);
  public static final SqlType UNKNOWN = new SqlType(Kind.UNKNOWN, -1, -1, null);
  public static final SqlType REGCLASS = new SqlType(Kind.REGCLASS, -1, -1, null);
  public static final SqlType REGTYPE = new SqlType(Kind.REGTYPE, -1, -1, null);
  public static final SqlType REGPROC = new SqlType(Kind.REGPROC, -1, -1, null);
  public static final SqlType REGNAMESPACE = new SqlType(Kind.REGNAMESPACE, -1, -1, null);
  public static final SqlType REGROLE = new SqlType(Kind.REGROLE, -1, -1, null);
  /** pg_index.indkey's type: smallints subscripted from 0, printed {@code 1 2}. */
  public static final SqlType INT2VECTOR = new SqlType(Kind.ARRAY, -1, -1, SMALLINT, Vector.INT2VECTOR, List.of());
  /** pg_index.indclass's type: OIDs subscripted from 0, printed {@code 1978 1978}. */
  public static final SqlType OIDVECTOR = new SqlType(Kind.ARRAY, -1, -1, BIGINT, Vector.OIDVECTOR, List.of());

  /** A named, typed field of a record type. */
  public record Field(String name, SqlType type) {}

  /** The catalog's vector types: arrays of one dimension whose subscripts start at 0. */
  private enum Vector {
    INT2VECTOR("int2vector", 22),
    OIDVECTOR("oidvector", 30);

    private final String pgName;
    private final int oid;

    Vector(String pgName, int oid) {
      this.pgName = pgName;
      this.oid = oid;
    }
  }

  private final Kind kind;
  private final int precision;
  private final int scale;
  private final SqlType element;
  private final Vector vector;
  private final List<Field> fields;

  private SqlType(Kind kind, int precision, int scale, SqlType element) {
    this(kind, precision, scale, element, null, List.of());
  }

  private SqlType(Kind kind, int precision, int scale, SqlType element, Vector vector, List<Field> fields) {
    this.kind = kind;
    this.precision = precision;
    this.scale = scale;
    this.element = element;
    this.vector = vector;
    this.fields = fields;
  }

  /** {@code varchar(length)}; a negative length means unbounded. */
  public static SqlType varchar(int length) {
    return length < 0 ? VARCHAR : new SqlType(Kind.VARCHAR, length, -1, null);
  }

  /** {@code char(length)}, blank-padded. */
  public static SqlType character(int length) {
    return new SqlType(Kind.CHAR, length, -1, null);
  }

  /** {@code numeric(precision, scale)}; a negative precision means unconstrained. */
  public static SqlType numeric(int precision, int scale) {
    return precision < 0 ? NUMERIC : new SqlType(Kind.NUMERIC, precision, Math.max(0, scale), null);
  }

  public static SqlType arrayOf(SqlType element) {
    if (element.kind == Kind.ARRAY) {
      return element; // PostgreSQL arrays are multi-dimensional in one type
    }
    return new SqlType(Kind.ARRAY, -1, -1, element);
  }

  /** A record type with the given fields, as a set-returning function with OUT parameters returns. */
  public static SqlType record(List<Field> fields) {
    return new SqlType(Kind.RECORD, -1, -1, null, null, List.copyOf(fields));
  }

  public Kind kind() {
    return kind;
  }

  /** varchar/char length or numeric precision; -1 when not given. */
  public int precision() {
    return precision;
  }

  /** numeric scale; -1 when not given. */
  public int scale() {
    return scale;
  }

  /** The element type of an array, else null. */
  public SqlType element() {
    return element;
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  /** True for int2vector and oidvector. */
  public boolean isVector() {
    return vector != null;
  }

  /** The subscript of an array's first element: 0 for int2vector and oidvector, else 1. */
  public int lowerBound() {
    return vector != null ? 0 : 1;
  }

  /** A record type's fields, in order; empty for other types. */
  public List<Field> fields() {
    return fields;
  }

  /** True for the integer types smallint, integer and bigint. */
  public boolean isInteger() {
    return kind == Kind.SMALLINT || kind == Kind.INTEGER || kind == Kind.BIGINT;
  }

  /** True for the numeric category: integers, numeric, real and double precision. */
  public boolean isNumeric() {
    return isInteger() || kind == Kind.NUMERIC || kind == Kind.REAL || kind == Kind.DOUBLE;
  }

  /** True for text, varchar and char. */
  public boolean isString() {
    return kind == Kind.TEXT || kind == Kind.VARCHAR || kind == Kind.CHAR;
  }

  /** True for regclass, regtype, regproc, regnamespace and regrole. */
  public boolean isObjectReference() {
    return switch (kind) {
      case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> true;
      default -> false;
    };
  }

  public boolean isDateTime() {
    return kind == Kind.DATE || kind == Kind.TIME || kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMPTZ;
  }

  /** The same type without modifiers, e.g. {@code varchar} for {@code varchar(10)}. */
  public SqlType base() {
    return switch (kind) {
      case VARCHAR -> VARCHAR;
      case CHAR -> precision < 0 ? CHAR : character(-1);
      case NUMERIC -> NUMERIC;
      case ARRAY -> vector != null ? this : arrayOf(element.base());
      default -> this;
    };
  }

  /** PostgreSQL's type OID, as the wire protocol reports it. */
  public int oid() {
    if (vector != null) {
      return vector.oid;
    }
    return kind == Kind.ARRAY ? element.kind.arrayOid : kind.oid;
  }

  /** The type modifier the wire protocol reports (atttypmod), or -1. */
  public int typeModifier() {
    return switch (kind) {
      case VARCHAR, CHAR -> precision < 0 ? -1 : precision + 4;
      case NUMERIC -> precision < 0 ? -1 : ((precision << 16) | scale) + 4;
      default -> -1;
    };
  }

  /** PostgreSQL's name, with modifiers: {@code character varying(10)}, {@code integer[]}. */
  public String pgName() {
    return switch (kind) {
      case ARRAY -> vector != null ? vector.pgName : element.pgName() + "[]";
      case VARCHAR, CHAR -> precision < 0 ? kind.pgName : kind.pgName + "(" + precision + ")";
      case NUMERIC -> precision < 0 ? kind.pgName : kind.pgName + "(" + precision + "," + scale + ")";
      default -> kind.pgName;
    };
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SqlType that && kind == that.kind && precision == that.precision
        && scale == that.scale && Objects.equals(element, that.element) && vector == that.vector
        && fields.equals(that.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, precision, scale, element, vector, fields);
  }

  @Override
  public String toString() {
    return pgName();
  }
}
