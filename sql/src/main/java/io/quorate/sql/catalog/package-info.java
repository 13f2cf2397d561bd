/** Schema objects (tables, columns, indexes, constraints, sequences, views), kept as rows in the KV store. */
package io.quorate.sql.catalog;
