package io.quorate.node.auth;

/** How clients prove who they are, with PostgreSQL's pg_hba.conf names. */
public enum AuthMethod {
  /** No password: any user the directory knows may connect. For local development only. */
  TRUST,
  /**
   * MD5 challenge with an {@code md5...} verifier; a user whose stored verifier is SCRAM
   * is asked for SCRAM instead, as PostgreSQL does.
   */
  MD5,
  /** SCRAM-SHA-256 (RFC 5802/7677) without channel binding; the default. */
  SCRAM_SHA_256
}
