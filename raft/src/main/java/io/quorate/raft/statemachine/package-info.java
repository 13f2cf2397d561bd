/** The Ratis state machine: applies committed entries to RocksDB, snapshots as checkpoints. */
package io.quorate.raft.statemachine;
