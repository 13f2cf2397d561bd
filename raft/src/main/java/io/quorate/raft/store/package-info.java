/** The local RocksDB that holds one replica's applied state and its applied term/index. */
package io.quorate.raft.store;
