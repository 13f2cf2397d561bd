/** Resolves names against the catalog, types expressions and turns statements into plans. */
package io.quorate.sql.analyzer;
