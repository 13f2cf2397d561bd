/** Streaming operators that run plans over the KV port, and statement execution. */
package io.quorate.sql.executor;
