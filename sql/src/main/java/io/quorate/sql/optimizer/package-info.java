/** Named rewrite passes over plans: folding, pushdown, access paths, join strategy, limits. */
package io.quorate.sql.optimizer;
