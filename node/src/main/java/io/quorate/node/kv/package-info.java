/** The internal transactional key-value gRPC service over the primary's transaction manager. */
package io.quorate.node.kv;
