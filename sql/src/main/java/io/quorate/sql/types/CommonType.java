package io.quorate.sql.types;

/**
 * The type two values are brought to before they are compared, combined in CASE,
 * COALESCE, UNION or IN: PostgreSQL's rules for the supported types. Untyped literals
 * take the other side's type; numbers promote along smallint, integer, bigint, numeric,
 * real, double precision; strings become text; date widens to timestamp, timestamp to
 * timestamptz.
 */
public final class CommonType {

  private CommonType() {}

  /** The common type, or null if the two types have none. */
  public static SqlType of(SqlType a, SqlType b) {
    if (a.equals(b)) {
      return a.kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT : a;
    }
    if (a.kind() == SqlType.Kind.UNKNOWN) {
      return b.base(); // WHERE c = 'abcdef' on varchar(3) compares, it does not truncate or fail
    }
    if (b.kind() == SqlType.Kind.UNKNOWN) {
      return a.base();
    }
    if (a.isObjectReference() && b.isInteger() || a.isInteger() && b.isObjectReference()
        || a.isObjectReference() && b.isObjectReference()) {
      return SqlType.BIGINT; // compared as OIDs
    }
    if (a.isNumeric() && b.isNumeric()) {
      if (a.kind() == b.kind()) {
        return a.base();
      }
      if (a.kind() == SqlType.Kind.REAL || b.kind() == SqlType.Kind.REAL) {
        return SqlType.DOUBLE; // no mixed real operators: PostgreSQL resolves them in double precision
      }
      return Casts.numericRank(a) >= Casts.numericRank(b) ? a.base() : b.base();
    }
    if (a.isString() && b.isString()) {
      return a.kind() == b.kind() ? a.base() : SqlType.TEXT;
    }
    if (a.isDateTime() && b.isDateTime() && a.kind() != SqlType.Kind.TIME && b.kind() != SqlType.Kind.TIME) {
      return dateTimeRank(a) >= dateTimeRank(b) ? a : b;
    }
    if (a.isArray() && b.isArray()) {
      SqlType element = of(a.element(), b.element());
      return element == null ? null : SqlType.arrayOf(element);
    }
    if ((a.kind() == SqlType.Kind.JSON || a.kind() == SqlType.Kind.JSONB)
        && (b.kind() == SqlType.Kind.JSON || b.kind() == SqlType.Kind.JSONB)) {
      return SqlType.JSONB;
    }
    return null;
  }

  private static int dateTimeRank(SqlType type) {
    return switch (type.kind()) {
      case DATE -> 1;
      case TIMESTAMP -> 2;
      default -> 3;
    };
  }
}
