package io.quorate.sql.catalog;

/**
 * A role (user). {@code passwordVerifier} is what PostgreSQL keeps in
 * {@code pg_authid.rolpassword}: {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}
 * or {@code md5<md5(password || name)>}, never the password itself; null when the role
 * has no password. {@code oid} is {@link #BOOTSTRAP_SUPERUSER_OID} for the superuser the
 * database was set up with, which owns every object.
 */
public record Role(long oid, String name, boolean canLogin, boolean superuser, String passwordVerifier) {

  /** PostgreSQL's OID for the bootstrap superuser. */
  public static final long BOOTSTRAP_SUPERUSER_OID = 10;

  public Role withName(String newName) {
    return new Role(oid, newName, canLogin, superuser, passwordVerifier);
  }
}
