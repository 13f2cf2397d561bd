package io.quorate.node.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How the node serves SQL clients.
 *
 * @param auth the authentication method: {@code scram-sha-256}, {@code md5} or {@code trust}
 * @param superuser the superuser a new cluster gets
 * @param superuserPassword that superuser's password, or null (then only trust lets it in)
 * @param maxConnections SQL connections accepted at once
 */
public record ClientSettings(String auth, String superuser, String superuserPassword, int maxConnections) {

  public static final List<String> AUTH_METHODS = List.of("scram-sha-256", "md5", "trust");
  static final int DEFAULT_MAX_CONNECTIONS = 100;
  static final int MAX_CONNECTIONS_LIMIT = 10_000;
  private static final Pattern ROLE_NAME = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

  static ClientSettings load(NodeOptions options) throws ConfigException {
    String auth = options.auth == null ? "scram-sha-256" : options.auth;
    if (!AUTH_METHODS.contains(auth)) {
      throw new ConfigException("auth '" + auth + "' is not one of " + AUTH_METHODS);
    }
    String superuser = options.superuser == null ? "quorate" : options.superuser;
    if (!ROLE_NAME.matcher(superuser).matches()) {
      throw new ConfigException("superuser '" + superuser
          + "' must be 1-63 lower-case letters, digits, '_' or '$', starting with a letter or '_'");
    }
    String password = options.superuserPasswordFile == null ? null : readPassword(Path.of(options.superuserPasswordFile));
    int maxConnections = options.maxConnections == null ? DEFAULT_MAX_CONNECTIONS : options.maxConnections;
    checkMaxConnections(maxConnections);
    return new ClientSettings(auth, superuser, password, maxConnections);
  }

  static void checkMaxConnections(long maxConnections) throws ConfigException {
    if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS_LIMIT) {
      throw new ConfigException("max-connections " + maxConnections + " is outside 1-" + MAX_CONNECTIONS_LIMIT);
    }
  }

  private static String readPassword(Path file) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read superuser-password-file " + file + ": " + e.getMessage());
    }
    if (lines.isEmpty() || lines.get(0).isEmpty()) {
      throw new ConfigException("superuser-password-file " + file + " is empty; its first line is the password");
    }
    return lines.get(0);
  }

  @Override
  public String toString() {
    return "ClientSettings[auth=" + auth + ", superuser=" + superuser + ", password="
        + (superuserPassword == null ? "none" : "set") + ", maxConnections=" + maxConnections + "]";
  }
}
