package io.quorate.sql.types;

/**
 * A value of an object-reference type (regclass, regtype, ...): the object's OID, with
 * the name it prints as, looked up when the value was made. It is a {@link Number} so
 * that it compares, hashes and converts as its OID does, which is how PostgreSQL treats
 * these types against oid columns.
 */
public final class ObjectReference extends Number implements Comparable<ObjectReference> {

  private final long oid;
  private final String text;

  public ObjectReference(long oid, String text) {
    this.oid = oid;
    this.text = text;
  }

  public long oid() {
    return oid;
  }

  @Override
  public int intValue() {
    return (int) oid;
  }

  @Override
  public long longValue() {
    return oid;
  }

  @Override
  public float floatValue() {
    return oid;
  }

  @Override
  public double doubleValue() {
    return oid;
  }

  @Override
  public int compareTo(ObjectReference other) {
    return Long.compare(oid, other.oid);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectReference that && oid == that.oid;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(oid);
  }

  /** The output form: the object's name, qualified where the search path needs it. */
  @Override
  public String toString() {
    return text;
  }
}
