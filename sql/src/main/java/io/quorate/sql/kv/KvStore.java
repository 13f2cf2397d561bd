package io.quorate.sql.kv;

/**
 * The storage the SQL engine runs on: an ordered key-value store with transactions.
 * Keys are compared as unsigned bytes. Implementations: {@link InMemoryKvStore} here;
 * node/ adapts the replicated store. Every failure is an
 * {@link io.quorate.sql.error.SqlException} with PostgreSQL's SQLSTATE. Thread-safe.
 */
public interface KvStore {

  /** Begins a transaction; {@code readOnly} transactions refuse writes with 25006. */
  KvTransaction begin(KvIsolation isolation, boolean readOnly);
}
