package io.quorate.node.config;

import com.beust.jcommander.Parameter;
import io.quorate.raft.cluster.Peer;
import io.quorate.raft.cluster.ReplicaConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A node's validated configuration: flags over {@code <data-dir>/node.auto.conf} (what
 * {@code om config set --node-id} saved, see {@link LocalSettings}) over the config file
 * over defaults. Loading checks everything that can be checked before starting (ids,
 * ports free, peers consistent), so a bad configuration stops the node with one sentence
 * and touches nothing on disk.
 *
 * @param sources where each key given explicitly came from: {@link #FLAG}, the auto
 *     file's name or the config file's path; keys left to their defaults are absent
 * @param restoreFrom a backup to seed a new data directory from, or null
 */
public record NodeConfig(
    String nodeId,
    Path dataDir,
    String host,
    int raftPort,
    int adminPort,
    int clientPort,
    String clusterId,
    List<Peer> peers,
    boolean join,
    ReplicaConfig.Tuning tuning,
    ClientSettings client,
    Map<String, String> sources,
    Path restoreFrom) {

  /** The source of a key given on the command line. */
  public static final String FLAG = "flag";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  public NodeConfig {
    sources = Map.copyOf(sources);
  }

  public Peer self() {
    return new Peer(nodeId, host, raftPort, adminPort);
  }

  /** The replica's configuration; this node's own entry in the peers carries all its ports. */
  public ReplicaConfig replicaConfig() {
    List<Peer> initial = join ? List.of()
        : peers.stream().map(p -> p.id().equals(nodeId) ? self() : p).toList();
    return new ReplicaConfig(self(), dataDir, clusterId, initial, tuning);
  }

  /**
   * Resolves and validates the options: the flags already in {@code options}, then the
   * data dir's auto file, then the config file named by them.
   */
  public static NodeConfig load(NodeOptions options) throws ConfigException {
    Map<String, String> sources = new HashMap<>();
    Map<String, Field> fields = fieldsByName();
    for (Map.Entry<String, Field> field : fields.entrySet()) {
      if (!field.getKey().equals("help") && valueOf(options, field.getValue()) != null) {
        sources.put(field.getKey(), FLAG);
      }
    }
    List<FileLine> configLines = options.config == null ? List.of() : readFile(Path.of(options.config), fields);
    String dataDirText = options.dataDir;
    for (FileLine line : configLines) {
      if (dataDirText == null && line.key().equals("data-dir")) {
        dataDirText = line.value();
      }
    }
    if (dataDirText != null) {
      Path autoFile = Path.of(dataDirText).resolve(LocalSettings.FILE_NAME);
      if (Files.exists(autoFile)) {
        List<FileLine> autoLines = readFile(autoFile, fields);
        LocalSettings.checkKeys(autoLines);
        apply(autoLines, options, sources, LocalSettings.FILE_NAME);
      }
    }
    apply(configLines, options, sources, options.config);
    return validate(options, sources);
  }

  private static NodeConfig validate(NodeOptions options, Map<String, String> sources) throws ConfigException {
    String nodeId = require(options.nodeId, "node-id");
    if (!ID.matcher(nodeId).matches()) {
      throw new ConfigException("node-id '" + nodeId + "' must be 1-64 letters, digits, '-' or '_'");
    }
    Path dataDir = Path.of(require(options.dataDir, "data-dir")).toAbsolutePath();
    String host = options.host == null ? "127.0.0.1" : options.host;
    int raftPort = port(options.raftPort, 7100, "raft-port");
    int adminPort = port(options.adminPort, 7200, "admin-port");
    int clientPort = port(options.clientPort, 5432, "client-port");
    if (raftPort == adminPort || raftPort == clientPort || adminPort == clientPort) {
      throw new ConfigException("raft-port, admin-port and client-port must differ (got "
          + raftPort + ", " + adminPort + ", " + clientPort + ")");
    }
    String clusterId = options.clusterId == null ? "quorate" : options.clusterId;
    if (!ID.matcher(clusterId).matches()) {
      throw new ConfigException("cluster-id '" + clusterId + "' must be 1-64 letters, digits, '-' or '_'");
    }
    boolean join = Boolean.TRUE.equals(options.join);
    List<Peer> peers = options.peers == null ? List.of() : parsePeers(options.peers);
    if (!join && !existingData(dataDir)) {
      checkPeers(peers, nodeId, host, raftPort);
    }
    ReplicaConfig.Tuning defaults = ReplicaConfig.Tuning.defaults();
    Duration min = options.electionTimeoutMinMillis == null ? defaults.electionTimeoutMin()
        : Duration.ofMillis(options.electionTimeoutMinMillis);
    Duration max = options.electionTimeoutMaxMillis == null ? defaults.electionTimeoutMax()
        : Duration.ofMillis(options.electionTimeoutMaxMillis);
    checkElectionTimeouts(min.toMillis(), max.toMillis());
    long threshold = options.snapshotThresholdEntries == null ? defaults.snapshotThresholdEntries()
        : options.snapshotThresholdEntries;
    checkSnapshotThreshold(threshold);
    ReplicaConfig.Tuning tuning = new ReplicaConfig.Tuning(min, max, defaults.lockTimeout(), threshold,
        defaults.retryCacheExpiry(), defaults.logSegmentSizeBytes());
    ClientSettings client = ClientSettings.load(options);
    Path restoreFrom = options.restoreFrom == null ? null : Path.of(options.restoreFrom).toAbsolutePath();
    if (restoreFrom != null && join) {
      throw new ConfigException("restore-from and join exclude each other: a joining node gets its data from the"
          + " cluster it joins");
    }
    // A restored cluster keeps the backup's roles and passwords, so it needs no new superuser.
    if (!join && restoreFrom == null && !existingData(dataDir) && !client.auth().equals("trust")
        && client.superuserPassword() == null) {
      throw new ConfigException("superuser-password-file is missing: a new cluster's superuser needs a password to log"
          + " in with auth = " + client.auth() + " (or use auth = trust for local development)");
    }
    return new NodeConfig(nodeId, dataDir, host, raftPort, adminPort, clientPort, clusterId, peers, join, tuning,
        client, sources, restoreFrom);
  }

  /** The smallest election timeout Ratis is given; below it elections start on ordinary GC pauses. */
  static final long MIN_ELECTION_TIMEOUT_MILLIS = 50;
  /** The fewest log entries between snapshots: fewer would snapshot almost every commit. */
  static final long MIN_SNAPSHOT_THRESHOLD = 10;

  static void checkElectionTimeouts(long minMillis, long maxMillis) throws ConfigException {
    if (minMillis < MIN_ELECTION_TIMEOUT_MILLIS || maxMillis <= minMillis) {
      throw new ConfigException("election timeouts must satisfy " + MIN_ELECTION_TIMEOUT_MILLIS
          + " <= election-timeout-min-ms < election-timeout-max-ms (got " + minMillis + " and " + maxMillis + " ms)");
    }
  }

  static void checkSnapshotThreshold(long entries) throws ConfigException {
    if (entries < MIN_SNAPSHOT_THRESHOLD) {
      throw new ConfigException("snapshot-threshold must be at least " + MIN_SNAPSHOT_THRESHOLD + " entries (got "
          + entries + ")");
    }
  }

  /** Fails if a port this node needs is taken, before anything is started. */
  public void checkPortsFree() throws ConfigException {
    for (int port : new int[] {raftPort, adminPort, clientPort}) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(host, port));
      } catch (IOException e) {
        throw new ConfigException("Port " + port + " on " + host + " is not available (" + e.getMessage()
            + "); is another node running there?");
      }
    }
  }

  private static boolean existingData(Path dataDir) {
    return Files.isDirectory(dataDir.resolve("raft"));
  }

  private static void checkPeers(List<Peer> peers, String nodeId, String host, int raftPort) throws ConfigException {
    if (peers.isEmpty()) {
      throw new ConfigException("peers is missing: a new cluster needs its initial voters as id=host:port,... "
          + "(or start this node with --join true and add it with om add-node)");
    }
    Peer self = peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow(
        () -> new ConfigException("node-id '" + nodeId + "' is not in peers " + describe(peers)));
    if (self.raftPort() != raftPort || !self.host().equals(host)) {
      throw new ConfigException("peers lists " + nodeId + " at " + self.address() + " but this node's raft address is "
          + host + ":" + raftPort);
    }
  }

  static List<Peer> parsePeers(String text) throws ConfigException {
    List<Peer> peers = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (String item : text.split(",")) {
      String entry = item.trim();
      if (entry.isEmpty()) {
        continue;
      }
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("peer '" + entry + "' is not of the form id=host:raftPort[:adminPort]");
      }
      String id = entry.substring(0, eq);
      if (!ID.matcher(id).matches()) {
        throw new ConfigException("peer id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
      }
      String[] parts = entry.substring(eq + 1).split(":", -1);
      if ((parts.length != 2 && parts.length != 3) || parts[0].isEmpty()) {
        throw new ConfigException("peer '" + entry + "' is not of the form id=host:raftPort[:adminPort]");
      }
      int[] ports = new int[2];
      for (int i = 1; i < parts.length; i++) {
        try {
          ports[i - 1] = Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
          throw new ConfigException("peer '" + entry + "' has a port that is not a number");
        }
        if (ports[i - 1] < 1 || ports[i - 1] > 65535) {
          throw new ConfigException("peer '" + entry + "' has port " + ports[i - 1] + ", outside 1-65535");
        }
      }
      Peer peer = new Peer(id, parts[0], ports[0], ports[1]);
      if (!ids.add(id)) {
        throw new ConfigException("peer id '" + id + "' appears twice in peers");
      }
      if (!addresses.add(peer.address())) {
        throw new ConfigException("address " + peer.address() + " appears twice in peers");
      }
      peers.add(peer);
    }
    return peers;
  }

  private static String describe(List<Peer> peers) {
    return peers.stream().map(p -> p.id() + "=" + p.address()).toList().toString();
  }

  private static String require(String value, String name) throws ConfigException {
    if (value == null || value.isBlank()) {
      throw new ConfigException(name + " is required (flag --" + name + " or '" + name + " = ...' in the config file)");
    }
    return value;
  }

  private static int port(Integer value, int fallback, String name) throws ConfigException {
    int port = value == null ? fallback : value;
    if (port < 1 || port > 65535) {
      throw new ConfigException(name + " " + port + " is outside 1-65535");
    }
    return port;
  }

  /** One {@code key = value} line of a config file; {@code where} is {@code file:line}. */
  record FileLine(String key, String value, String where) {}

  /** The lines of a {@code key = value} file; malformed lines and unknown keys are refused with file and line. */
  static List<FileLine> readFile(Path file, Map<String, Field> fields) throws ConfigException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
    }
    List<FileLine> result = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(file + ":" + (i + 1) + ": expected 'key = value', got '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      if (!fields.containsKey(key) || key.equals("config") || key.equals("help")) {
        throw new ConfigException(file + ":" + (i + 1) + ": unknown key '" + key + "'; known keys: "
            + fields.keySet().stream().filter(k -> !k.equals("config") && !k.equals("help")).sorted().toList());
      }
      result.add(new FileLine(key, line.substring(eq + 1).strip(), file + ":" + (i + 1)));
    }
    return result;
  }

  /** Fills the options still unset from {@code lines}, recording {@code source} for each key filled. */
  private static void apply(List<FileLine> lines, NodeOptions options, Map<String, String> sources, String source)
      throws ConfigException {
    Map<String, Field> fields = fieldsByName();
    for (FileLine line : lines) {
      Field field = fields.get(line.key());
      if (valueOf(options, field) == null) {
        Object value = parse(field, line.value(), line.where() + ": " + line.key());
        try {
          field.set(options, value);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("NodeOptions fields must be public", e);
        }
        sources.put(line.key(), source);
      }
    }
  }

  /** Checks a value as the loader would take it for {@code key}; returns it parsed. */
  static Object parse(String key, String value) throws ConfigException {
    return parse(fieldsByName().get(key), value, key);
  }

  static Map<String, Field> fieldsByName() {
    Map<String, Field> fields = new HashMap<>();
    for (Field field : NodeOptions.class.getFields()) {
      Parameter parameter = field.getAnnotation(Parameter.class);
      if (parameter != null) {
        fields.put(parameter.names()[0].replaceFirst("^--", ""), field);
      }
    }
    return fields;
  }

  private static Object valueOf(NodeOptions options, Field field) {
    try {
      return field.get(options);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("NodeOptions fields must be public", e);
    }
  }

  private static Object parse(Field field, String value, String where) throws ConfigException {
    Class<?> type = field.getType();
    try {
      if (type == Integer.class) {
        return Integer.valueOf(value);
      } else if (type == Long.class) {
        return Long.valueOf(value);
      } else if (type == Boolean.class) {
        if (!value.equals("true") && !value.equals("false")) {
          throw new ConfigException(where + " must be true or false, got '" + value + "'");
        }
        return Boolean.valueOf(value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(where + " must be a " + (type == Integer.class ? "number up to " + Integer.MAX_VALUE
          : "number") + ", got '" + value + "'");
    }
  }
}
