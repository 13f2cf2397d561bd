/** The native JDBC driver: URL parsing, SCRAM login, value conversions, and the connection over gRPC. */
package io.quorate.driver;
