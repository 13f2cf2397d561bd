/** The commit-path benchmark: Quorate's replicated commits beside a trivial Ratis state machine. */
package io.quorate.raft.bench;
