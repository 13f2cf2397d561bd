/** Bound, typed expressions that evaluate over rows, and the built-in operators and functions. */
package io.quorate.sql.expression;
