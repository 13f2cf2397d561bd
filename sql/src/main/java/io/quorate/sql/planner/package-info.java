/** Plan nodes: the operator tree a statement runs as, printed by EXPLAIN. */
package io.quorate.sql.planner;
