/** The engine's storage port (KvStore, KvTransaction) and its in-memory implementation. */
package io.quorate.sql.kv;
