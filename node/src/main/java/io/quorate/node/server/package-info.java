/** The node's lifecycle: starts the replica and the gRPC server, stops them on SIGTERM. */
package io.quorate.node.server;
