package io.quorate.om;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A cluster file: what om needs to start, stop and find a cluster's nodes. Lines are
 * {@code key = value}; one {@code node ID = host=H raft-port=P admin-port=P client-port=P
 * data-dir=D} line per node. Relative paths are relative to the file's directory.
 *
 * <pre>
 * cluster-id = prod
 * auth = scram-sha-256
 * superuser = quorate
 * superuser-password-file = superuser-password
 * node n1 = host=10.0.0.1 raft-port=7100 admin-port=7200 client-port=5432 data-dir=/var/lib/quorate/n1
 * </pre>
 */
record ClusterFile(
    Path file,
    String clusterId,
    String auth,
    String superuser,
    Path superuserPasswordFile,
    List<Node> nodes) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final List<String> NODE_KEYS = List.of("host", "raft-port", "admin-port", "client-port", "data-dir");

  /** One node's addresses and data directory. */
  record Node(String id, String host, int raftPort, int adminPort, int clientPort, Path dataDir) {
    String adminAddress() {
      return host + ":" + adminPort;
    }

    String clientAddress() {
      return host + ":" + clientPort;
    }

    /** The form {@code quorate-node --peers} takes. */
    String peer() {
      return id + "=" + host + ":" + raftPort + ":" + adminPort;
    }
  }

  ClusterFile {
    nodes = List.copyOf(nodes);
  }

  Optional<Node> node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
  }

  Node require(String id) {
    return node(id).orElseThrow(() -> OmException.usage("node '" + id + "' is not in " + file + " (it has "
        + nodes.stream().map(Node::id).toList() + ")"));
  }

  /** The {@code --peers} value for the initial voters. */
  String peers() {
    return String.join(",", nodes.stream().map(Node::peer).toList());
  }

  List<String> adminAddresses() {
    return nodes.stream().map(Node::adminAddress).toList();
  }

  ClusterFile withNode(Node node) {
    List<Node> more = new ArrayList<>(nodes);
    more.add(node);
    ClusterFile result = new ClusterFile(file, clusterId, auth, superuser, superuserPasswordFile, more);
    result.validate();
    return result;
  }

  /** The same cluster with no superuser password file (a restored cluster keeps the backup's roles). */
  ClusterFile withoutSuperuserPassword() {
    return new ClusterFile(file, clusterId, auth, superuser, null, nodes);
  }

  ClusterFile withoutNode(String id) {
    return new ClusterFile(file, clusterId, auth, superuser, superuserPasswordFile,
        nodes.stream().filter(n -> !n.id().equals(id)).toList());
  }

  /** Reads and validates a cluster file; every mistake is reported with its line. */
  static ClusterFile read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw OmException.usage("cannot read cluster file " + file + ": " + e.getMessage());
    }
    Path base = file.toAbsolutePath().getParent();
    Map<String, String> settings = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      String where = file + ":" + (i + 1) + ": ";
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw OmException.usage(where + "expected 'key = value', got '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.startsWith("node ") || key.equals("node")) {
        nodes.add(parseNode(key.substring(4).strip(), value, base, where));
      } else if (List.of("cluster-id", "auth", "superuser", "superuser-password-file").contains(key)) {
        if (settings.put(key, value) != null) {
          throw OmException.usage(where + "'" + key + "' is set twice");
        }
      } else {
        throw OmException.usage(where + "unknown key '" + key
            + "'; known: cluster-id, auth, superuser, superuser-password-file, node ID");
      }
    }
    String clusterId = settings.getOrDefault("cluster-id", "quorate");
    String auth = settings.getOrDefault("auth", "scram-sha-256");
    if (!List.of("scram-sha-256", "md5", "trust").contains(auth)) {
      throw OmException.usage(file + ": auth must be scram-sha-256, md5 or trust, not '" + auth + "'");
    }
    String password = settings.get("superuser-password-file");
    ClusterFile cluster = new ClusterFile(file.toAbsolutePath(), clusterId, auth,
        settings.getOrDefault("superuser", "quorate"), password == null ? null : base.resolve(password), nodes);
    cluster.validate();
    return cluster;
  }

  private static Node parseNode(String id, String value, Path base, String where) {
    if (!ID.matcher(id).matches()) {
      throw OmException.usage(where + "node id '" + id + "' must be 1-64 letters, digits, '-' or '_'");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String item : value.split("\\s+")) {
      int eq = item.indexOf('=');
      if (eq <= 0 || !NODE_KEYS.contains(item.substring(0, eq))) {
        throw OmException.usage(where + "node " + id + ": expected " + String.join("=... ", NODE_KEYS)
            + "=..., got '" + item + "'");
      }
      fields.put(item.substring(0, eq), item.substring(eq + 1));
    }
    for (String key : NODE_KEYS) {
      if (!fields.containsKey(key) || fields.get(key).isEmpty()) {
        throw OmException.usage(where + "node " + id + " has no " + key);
      }
    }
    return new Node(id, fields.get("host"), port(fields, "raft-port", id, where), port(fields, "admin-port", id, where),
        port(fields, "client-port", id, where), base.resolve(fields.get("data-dir")).normalize());
  }

  private static int port(Map<String, String> fields, String key, String id, String where) {
    try {
      int port = Integer.parseInt(fields.get(key));
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw OmException.usage(where + "node " + id + ": " + key + " must be a port 1-65535, not '" + fields.get(key) + "'");
  }

  private void validate() {
    if (!ID.matcher(clusterId).matches()) {
      throw OmException.usage(file + ": cluster-id '" + clusterId + "' must be 1-64 letters, digits, '-' or '_'");
    }
    if (nodes.isEmpty()) {
      throw OmException.usage(file + " lists no nodes (add 'node ID = host=... raft-port=... admin-port=..."
          + " client-port=... data-dir=...' lines)");
    }
    Set<String> ids = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    Set<String> dirs = new HashSet<>();
    for (Node n : nodes) {
      if (!ids.add(n.id())) {
        throw OmException.usage(file + ": node " + n.id() + " is listed twice");
      }
      if (n.raftPort() == n.adminPort() || n.raftPort() == n.clientPort() || n.adminPort() == n.clientPort()) {
        throw OmException.usage(file + ": node " + n.id() + " must use three different ports");
      }
      for (int port : new int[] {n.raftPort(), n.adminPort(), n.clientPort()}) {
        if (!addresses.add(n.host() + ":" + port)) {
          throw OmException.usage(file + ": " + n.host() + ":" + port + " is used by two nodes");
        }
      }
      if (!dirs.add(n.host() + ":" + n.dataDir())) {
        throw OmException.usage(file + ": nodes on " + n.host() + " share the data dir " + n.dataDir());
      }
    }
  }

  /** Writes the file atomically (a temporary file renamed over it). */
  void write() {
    StringBuilder b = new StringBuilder();
    b.append("# Quorate cluster file, read by om (om --help). Relative paths are relative to this file.\n");
    b.append("cluster-id = ").append(clusterId).append('\n');
    b.append("auth = ").append(auth).append('\n');
    b.append("superuser = ").append(superuser).append('\n');
    Path base = file.getParent();
    if (superuserPasswordFile != null) {
      b.append("superuser-password-file = ").append(relative(base, superuserPasswordFile)).append('\n');
    }
    for (Node n : nodes) {
      b.append("node ").append(n.id()).append(" = host=").append(n.host())
          .append(" raft-port=").append(n.raftPort())
          .append(" admin-port=").append(n.adminPort())
          .append(" client-port=").append(n.clientPort())
          .append(" data-dir=").append(relative(base, n.dataDir())).append('\n');
    }
    try {
      Files.createDirectories(base);
      Path tmp = base.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw OmException.failed("cannot write cluster file " + file + ": " + e.getMessage());
    }
  }

  private static String relative(Path base, Path path) {
    return path.startsWith(base) ? base.relativize(path).toString() : path.toString();
  }
}
