/**
 * The SQL service of the native driver (driver/src/main/proto/quorate/v1/sql.proto):
 * one SQL session per bidirectional gRPC stream, over the same node-side session layer
 * as the PostgreSQL server ({@link io.quorate.node.sql.ClientSession}).
 */
package io.quorate.node.sqlrpc;
