/** The PostgreSQL v3 wire protocol server: psql, pgbench, pgjdbc and pools talk to the SQL engine through it. */
package io.quorate.node.pgwire;
