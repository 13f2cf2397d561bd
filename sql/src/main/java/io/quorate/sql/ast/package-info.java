/** The syntax tree the parser builds: statements, queries and expressions, as written. */
package io.quorate.sql.ast;
