/** A replica of the replicated store: Ratis server, membership, leadership, status. */
package io.quorate.raft.cluster;
