/** The primary's transactions: snapshot reads, the lock table, conflict checks, one entry per commit. */
package io.quorate.raft.txn;
