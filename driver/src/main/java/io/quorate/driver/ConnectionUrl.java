package io.quorate.driver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A parsed driver URL with its connection options:
 * {@code jdbc:quorate://host1:port1,host2,[::1]:7200/database?user=alice&password=..&key=value}.
 *
 * <p>The hosts are where to learn the cluster's topology from; any one that answers
 * will do. A host without a port uses {@value #DEFAULT_PORT} (a node's admin gRPC
 * port); IPv6 addresses go in brackets. Query values are URL-decoded as pgjdbc decodes
 * them ({@code +} is a space: write {@code %2B} for a plus). The {@link Properties}
 * given to {@link #parse} override the URL's values, as in pgjdbc. Options the driver
 * does not know are kept in {@link #otherOptions()}, to be sent as session settings.
 * Immutable and thread-safe; {@link #toString()} never shows the password.
 */
public final class ConnectionUrl {

  public static final String PREFIX = "jdbc:quorate:";
  /** A node's admin gRPC port, where the SQL service is served too. */
  public static final int DEFAULT_PORT = 7200;
  public static final String DEFAULT_DATABASE = "quorate";
  public static final int DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
  public static final long DEFAULT_MAX_STALENESS_MILLIS = 10_000;
  public static final int DEFAULT_FAILOVER_TIMEOUT_SECONDS = 30;
  public static final String DEFAULT_APPLICATION_NAME = "Quorate JDBC Driver";

  private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern IPV6_ADDRESS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");

  /** One address to reach a node at; an IPv6 host is kept without its brackets. */
  public record HostAndPort(String host, int port) {
    /** {@code host:port}, with an IPv6 host in brackets: {@code [::1]:7200}. */
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** Where reads go: only the primary, only standbys (within the staleness bound), or the nearest node. */
  public enum ReadFrom { PRIMARY, STANDBY, NEAREST }

  private final List<HostAndPort> hosts;
  private final String database;
  private final String user;
  private final String password;
  private final int loginTimeoutSeconds;
  private final int connectTimeoutSeconds;
  private final int socketTimeoutSeconds;
  private final String applicationName;
  private final ReadFrom readFrom;
  private final long maxStalenessMillis;
  private final int failoverTimeoutSeconds;
  private final int defaultRowFetchSize;
  private final Map<String, String> otherOptions;

  /** Takes the known options out of {@code options}; what is left are the others. */
  private ConnectionUrl(List<HostAndPort> hosts, String database, Map<String, String> options) throws SQLException {
    this.hosts = List.copyOf(hosts);
    this.database = database;
    String givenUser = options.remove("user");
    user = givenUser == null || givenUser.isEmpty() ? System.getProperty("user.name", "") : givenUser;
    if (user.isEmpty()) {
      throw new SQLNonTransientConnectionException("no user name: give user= in the URL or the properties", "08001");
    }
    String givenPassword = options.remove("password");
    password = givenPassword == null || givenPassword.isEmpty() ? null : givenPassword;
    loginTimeoutSeconds = seconds(options, "loginTimeout", 0);
    connectTimeoutSeconds = seconds(options, "connectTimeout", DEFAULT_CONNECT_TIMEOUT_SECONDS);
    socketTimeoutSeconds = seconds(options, "socketTimeout", 0);
    failoverTimeoutSeconds = seconds(options, "failoverTimeout", DEFAULT_FAILOVER_TIMEOUT_SECONDS);
    defaultRowFetchSize = (int) nonNegative(options, "defaultRowFetchSize", 0, Integer.MAX_VALUE);
    maxStalenessMillis = nonNegative(options, "maxStalenessMillis", DEFAULT_MAX_STALENESS_MILLIS, Long.MAX_VALUE);
    String givenName = options.remove("applicationName");
    applicationName = givenName == null ? DEFAULT_APPLICATION_NAME : givenName;
    readFrom = readFrom(options.remove("readFrom"));
    otherOptions = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  /** Whether {@code url} is meant for this driver (it may still be malformed: {@link #parse} says). */
  public static boolean accepts(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  /**
   * Parses {@code url} and the options in {@code info} (which may be null), which
   * override the URL's. Throws SQLSTATE 08001 when the URL is malformed and 22023 when an
   * option has a bad value; the messages name the part at fault but never the password.
   */
  public static ConnectionUrl parse(String url, Properties info) throws SQLException {
    if (!accepts(url) || !url.startsWith("//", PREFIX.length())) {
      throw malformed("it must start with " + PREFIX + "//");
    }
    String rest = url.substring(PREFIX.length() + 2);
    int queryStart = rest.indexOf('?');
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    String path = queryStart < 0 ? rest : rest.substring(0, queryStart);
    int slash = path.indexOf('/');
    List<HostAndPort> hosts = hosts(slash < 0 ? path : path.substring(0, slash));
    String rawDatabase = slash < 0 ? "" : path.substring(slash + 1);
    if (rawDatabase.indexOf('/') >= 0) {
      throw malformed("the database name has a '/' (write %2F if it is part of the name)");
    }
    String database = decode(rawDatabase, "the database name");
    Map<String, String> options = query(query);
    if (info != null) {
      for (String name : info.stringPropertyNames()) {
        options.put(name, info.getProperty(name));
      }
    }
    return new ConnectionUrl(hosts, database.isEmpty() ? DEFAULT_DATABASE : database, options);
  }

  /** The addresses to learn the topology from, in the URL's order; never empty. */
  public List<HostAndPort> hosts() {
    return hosts;
  }

  public String database() {
    return database;
  }

  /** The user to log in as: the {@code user} option, else the OS user ({@code user.name}) as in pgjdbc. */
  public String user() {
    return user;
  }

  /** The password, or null when none was given (an empty password counts as none). For the login only. */
  String password() {
    return password;
  }

  /** Seconds to wait for the whole login; 0 means no limit of the driver's own. */
  public int loginTimeoutSeconds() {
    return loginTimeoutSeconds;
  }

  /** Seconds to wait for one node to accept a connection; 0 means no limit. */
  public int connectTimeoutSeconds() {
    return connectTimeoutSeconds;
  }

  /** Seconds to wait for one answer from a node; 0 means no limit. */
  public int socketTimeoutSeconds() {
    return socketTimeoutSeconds;
  }

  public String applicationName() {
    return applicationName;
  }

  /** Where a read-only connection's statements go (a connection that may write always uses the primary). */
  public ReadFrom readFrom() {
    return readFrom;
  }

  /** How far behind the primary a standby may be to serve reads, in ms (0: no bound). */
  public long maxStalenessMillis() {
    return maxStalenessMillis;
  }

  /** Seconds to keep looking for a new primary after losing the old one before giving up. */
  public int failoverTimeoutSeconds() {
    return failoverTimeoutSeconds;
  }

  /** Rows per batch of a result when a statement sets no fetch size (0: a result's rows come at once), as pgjdbc's. */
  public int defaultRowFetchSize() {
    return defaultRowFetchSize;
  }

  /** The options the driver does not know, in the order given, to be sent as session settings. */
  public Map<String, String> otherOptions() {
    return otherOptions;
  }

  @Override
  public String toString() {
    return "ConnectionUrl[hosts=" + hosts + ", database=" + database + ", user=" + user
        + ", password=" + (password == null ? "none" : "***") + ", loginTimeoutSeconds=" + loginTimeoutSeconds
        + ", connectTimeoutSeconds=" + connectTimeoutSeconds + ", socketTimeoutSeconds=" + socketTimeoutSeconds
        + ", applicationName=" + applicationName + ", readFrom=" + readFrom.name().toLowerCase(Locale.ROOT)
        + ", maxStalenessMillis=" + maxStalenessMillis + ", failoverTimeoutSeconds=" + failoverTimeoutSeconds
        + ", defaultRowFetchSize=" + defaultRowFetchSize + ", otherOptions=" + otherOptions + "]";
  }

  private static List<HostAndPort> hosts(String authority) throws SQLException {
    if (authority.isEmpty()) {
      throw malformed("it names no host");
    }
    List<HostAndPort> hosts = new ArrayList<>();
    for (String item : authority.split(",", -1)) {
      hosts.add(hostAndPort(item));
    }
    return hosts;
  }

  private static HostAndPort hostAndPort(String item) throws SQLException {
    if (item.indexOf('@') >= 0) {
      // Also keeps a password written as user:password@host out of the message.
      throw malformed("user and password go in the query (?user=..&password=..), not before the host");
    }
    String host;
    String port;
    if (item.startsWith("[")) {
      int close = item.indexOf(']');
      if (close < 0 || !IPV6_ADDRESS.matcher(item.substring(1, close)).matches()) {
        throw malformed("the host \"" + item + "\" is not a bracketed IPv6 address");
      }
      host = item.substring(1, close);
      String after = item.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw malformed("the host \"" + item + "\" has text after its ']'");
      }
      port = after.isEmpty() ? null : after.substring(1);
    } else {
      int colon = item.indexOf(':');
      if (colon >= 0 && item.indexOf(':', colon + 1) >= 0) {
        throw malformed("the host \"" + item + "\" looks like an IPv6 address: put it in brackets, [::1]:7200");
      }
      host = colon < 0 ? item : item.substring(0, colon);
      port = colon < 0 ? null : item.substring(colon + 1);
      if (host.isEmpty() || !HOST_NAME.matcher(host).matches()) {
        throw malformed(host.isEmpty() ? "a host in the list is empty" : "the host \"" + item + "\" is not a host name");
      }
    }
    return new HostAndPort(host, port == null ? DEFAULT_PORT : port(port, item));
  }

  private static int port(String text, String item) throws SQLException {
    int port = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : -1;
    if (port < 1 || port > 65535) {
      throw malformed("the host \"" + item + "\" has a bad port: a port is a number from 1 to 65535");
    }
    return port;
  }

  /** {@code a=1&b=two}, decoded; a name without {@code =} has the empty value; a later name wins. */
  private static Map<String, String> query(String query) throws SQLException {
    Map<String, String> options = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "an option name");
      if (name.isEmpty()) {
        throw malformed("an option in the query has no name");
      }
      options.put(name, equals < 0 ? "" : decode(pair.substring(equals + 1), "the value of option " + name));
    }
    return options;
  }

  private static String decode(String text, String what) throws SQLException {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      throw malformed("bad percent-encoding in " + what); // the text itself may be a password
    }
  }

  /** Takes option {@code name} out of {@code options}: a count of seconds, {@code defaultSeconds} when absent. */
  private static int seconds(Map<String, String> options, String name, int defaultSeconds) throws SQLException {
    return (int) nonNegative(options, name, defaultSeconds, Integer.MAX_VALUE);
  }

  private static long nonNegative(Map<String, String> options, String name, long defaultValue, long max)
      throws SQLException {
    String text = options.remove(name);
    if (text == null) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value >= 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the range
    }
    throw badOption(name, text, "a whole number from 0 to " + max);
  }

  private static ReadFrom readFrom(String text) throws SQLException {
    if (text == null) {
      return ReadFrom.PRIMARY;
    }
    for (ReadFrom value : ReadFrom.values()) {
      if (value.name().equalsIgnoreCase(text.strip())) {
        return value;
      }
    }
    throw badOption("readFrom", text, "primary, standby or nearest");
  }

  private static SQLException badOption(String name, String value, String expected) {
    return new SQLDataException("invalid value for option " + name + ": \"" + value + "\" (expected "
        + expected + ")", "22023");
  }

  private static SQLException malformed(String reason) {
    return new SQLNonTransientConnectionException("malformed Quorate URL: " + reason, "08001");
  }
}
