package io.quorate.node.pgwire;

import io.quorate.node.auth.AuthMethod;
import java.util.Objects;
import java.util.Set;

/**
 * What the PostgreSQL protocol server needs to know.
 *
 * @param host address to listen on ({@code 0.0.0.0} for all)
 * @param port port to listen on; 0 picks a free one ({@link PgServer#port()} tells which)
 * @param databases the database names clients may ask for: Quorate has one database, which
 *     answers to each of these names; any other is 3D000
 * @param authMethod how clients authenticate
 * @param maxConnections sessions served at once; one more gets 53300
 * @param maxMessageBytes the largest frontend message accepted; a longer one ends the
 *     connection with 08P01 before anything is allocated for it
 * @param authenticationTimeoutMillis how long a new connection may take to start up and
 *     authenticate (PostgreSQL's authentication_timeout)
 * @param serverVersion what {@code server_version} reports; clients parse its leading
 *     {@code major.minor} to decide which SQL they send
 */
public record PgServerConfig(String host, int port, Set<String> databases, AuthMethod authMethod, int maxConnections,
    int maxMessageBytes, long authenticationTimeoutMillis, String serverVersion) {

  /** The database's name: {@code quorate}; {@code postgres} is accepted too because tools connect to it by default. */
  public static final Set<String> DEFAULT_DATABASES = Set.of("quorate", "postgres");
  public static final int DEFAULT_MAX_CONNECTIONS = 100;
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
  public static final long DEFAULT_AUTHENTICATION_TIMEOUT_MILLIS = 60_000;

  public PgServerConfig {
    Objects.requireNonNull(host, "host");
    databases = Set.copyOf(databases);
    Objects.requireNonNull(authMethod, "authMethod");
    Objects.requireNonNull(serverVersion, "serverVersion");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (databases.isEmpty() || maxConnections < 1 || maxMessageBytes < 1024 || authenticationTimeoutMillis < 1) {
      throw new IllegalArgumentException("invalid PostgreSQL server configuration: " + databases + ", maxConnections "
          + maxConnections + ", maxMessageBytes " + maxMessageBytes + ", authenticationTimeoutMillis "
          + authenticationTimeoutMillis);
    }
  }

  /** Defaults (SCRAM-SHA-256, 100 connections, databases quorate and postgres) on {@code host:port}. */
  public static PgServerConfig defaults(String host, int port, String quorateVersion) {
    return new PgServerConfig(host, port, DEFAULT_DATABASES, AuthMethod.SCRAM_SHA_256, DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_AUTHENTICATION_TIMEOUT_MILLIS, "15.0 (Quorate " + quorateVersion + ")");
  }

  public PgServerConfig withAuthMethod(String method) {
    return withAuthMethod(switch (method) {
      case "trust" -> AuthMethod.TRUST;
      case "md5" -> AuthMethod.MD5;
      case "scram-sha-256" -> AuthMethod.SCRAM_SHA_256;
      default -> throw new IllegalArgumentException("unknown auth method (trust, md5, scram-sha-256): " + method);
    });
  }

  public PgServerConfig withAuthMethod(AuthMethod method) {
    return new PgServerConfig(host, port, databases, method, maxConnections, maxMessageBytes,
        authenticationTimeoutMillis, serverVersion);
  }

  public PgServerConfig withMaxConnections(int limit) {
    return new PgServerConfig(host, port, databases, authMethod, limit, maxMessageBytes,
        authenticationTimeoutMillis, serverVersion);
  }

  public PgServerConfig withMaxMessageBytes(int limit) {
    return new PgServerConfig(host, port, databases, authMethod, maxConnections, limit,
        authenticationTimeoutMillis, serverVersion);
  }

  public PgServerConfig withAuthenticationTimeoutMillis(long millis) {
    return new PgServerConfig(host, port, databases, authMethod, maxConnections, maxMessageBytes, millis,
        serverVersion);
  }

  public PgServerConfig withDatabases(Set<String> names) {
    return new PgServerConfig(host, port, names, authMethod, maxConnections, maxMessageBytes,
        authenticationTimeoutMillis, serverVersion);
  }

  /** server_version_num for {@link #serverVersion}: 150000 for "15.0 (...)". */
  public String serverVersionNumber() {
    String[] parts = serverVersion.split("[^0-9]+", 3);
    int major = parts.length > 0 && !parts[0].isEmpty() ? Integer.parseInt(parts[0]) : 0;
    int minor = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : 0;
    return Integer.toString(major * 10_000 + minor);
  }
}
