/** The gRPC admin service used by om: status, membership, leadership, snapshots. */
package io.quorate.node.admin;
