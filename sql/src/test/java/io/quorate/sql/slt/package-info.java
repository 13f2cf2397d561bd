/**
 * A sqllogictest runner, independent of any engine: it parses {@code .test} files and
 * drives a database through {@link io.quorate.sql.slt.SltDatabase}, so the same files run
 * on the in-memory engine, one node and a three-node cluster.
 */
package io.quorate.sql.slt;
