/**
 * HTTP/2 as Quorate's own single-stream gRPC endpoints speak it: the JDBC driver's session
 * client and the node's session server on its client port. Not an API for applications.
 */
package io.quorate.protocol.http2;
