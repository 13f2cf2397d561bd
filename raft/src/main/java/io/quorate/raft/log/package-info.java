/** The versioned log-entry format: what one commit proposes, as bytes, with a checksum. */
package io.quorate.raft.log;
