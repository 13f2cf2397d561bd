package io.quorate.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that every bad configuration is refused with one clear sentence before anything starts. */
class NodeConfigTest {

  @TempDir
  Path dir;

  /** Flags a node n1 of a new three-node cluster can start with, its data under {@code dir}. */
  static NodeOptions valid(Path dir) {
    NodeOptions o = new NodeOptions();
    o.nodeId = "n1";
    o.dataDir = dir.resolve("n1").toString();
    o.raftPort = 7101;
    o.adminPort = 7201;
    o.clientPort = 5433;
    o.peers = "n1=127.0.0.1:7101,n2=127.0.0.1:7102,n3=127.0.0.1:7103";
    o.auth = "trust";
    return o;
  }

  private NodeOptions valid() {
    return valid(dir);
  }

  private String refused(NodeOptions options) {
    return assertThrows(ConfigException.class, () -> NodeConfig.load(options)).getMessage();
  }

  @Test
  void validFlagsLoad() throws ConfigException {
    NodeConfig config = NodeConfig.load(valid());
    assertEquals(3, config.peers().size());
    assertEquals("quorate", config.clusterId());
    assertEquals(7101, config.self().raftPort());
  }

  @Test
  void fileFillsWhatFlagsLeaveOpenAndFlagsWin() throws IOException, ConfigException {
    Path file = dir.resolve("node.conf");
    Files.writeString(file, "# comment\nnode-id = n2\nraft-port = 7102\nadmin-port=7202\nclient-port = 5434\n"
        + "cluster-id = prod\npeers = n1=127.0.0.1:7101,n2=127.0.0.1:7102\ndata-dir = " + dir.resolve("d") + "\nauth = trust\n");
    NodeOptions options = new NodeOptions();
    options.config = file.toString();
    options.clusterId = "flag-wins";
    NodeConfig config = NodeConfig.load(options);
    assertEquals("n2", config.nodeId());
    assertEquals("flag-wins", config.clusterId());
    assertEquals(7202, config.adminPort());
  }

  @Test
  void unknownKeyNamesFileAndLine() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "node-id = n1\n\nraft-prot = 7100\n");
    NodeOptions options = new NodeOptions();
    options.config = file.toString();
    String message = refused(options);
    assertTrue(message.contains("bad.conf:3") && message.contains("unknown key 'raft-prot'"), message);
  }

  @Test
  void malformedLinesAndValuesAreRefused() throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "raft-port = seven\n");
    NodeOptions options = new NodeOptions();
    options.config = file.toString();
    assertTrue(refused(options).contains("must be a number"));
    Files.writeString(file, "just words\n");
    assertTrue(refused(options).contains("expected 'key = value'"));
  }

  @Test
  void missingRequiredSettings() {
    NodeOptions options = valid();
    options.nodeId = null;
    assertTrue(refused(options).contains("node-id is required"));
    options = valid();
    options.peers = null;
    assertTrue(refused(options).contains("peers is missing"));
  }

  @Test
  void nodeMustBeAmongItsPeersAtItsAddress() {
    NodeOptions options = valid();
    options.nodeId = "n9";
    assertTrue(refused(options).contains("'n9' is not in peers"));
    options = valid();
    options.raftPort = 7199;
    assertTrue(refused(options).contains("lists n1 at 127.0.0.1:7101"));
  }

  @Test
  void badPeerListsAreRefused() {
    for (String peers : new String[] {"n1=127.0.0.1", "n1:7101", "n1=127.0.0.1:x", "n1=127.0.0.1:70000",
        "n1=127.0.0.1:7101,n1=127.0.0.1:7102", "n1=127.0.0.1:7101,n2=127.0.0.1:7101", "bad id=h:1"}) {
      NodeOptions options = valid();
      options.peers = peers;
      assertThrows(ConfigException.class, () -> NodeConfig.load(options), peers);
    }
  }

  @Test
  void portsMustDifferAndBeFree() throws IOException {
    NodeOptions options = valid();
    options.adminPort = options.raftPort;
    assertTrue(refused(options).contains("must differ"));
    try (ServerSocket taken = new ServerSocket(0)) {
      NodeOptions busy = valid();
      busy.adminPort = taken.getLocalPort();
      ConfigException e = assertThrows(ConfigException.class, () -> NodeConfig.load(busy).checkPortsFree());
      assertTrue(e.getMessage().contains("Port " + taken.getLocalPort()), e.getMessage());
    }
  }

  @Test
  void electionTimeoutsMustBeOrdered() {
    NodeOptions options = valid();
    options.electionTimeoutMinMillis = 500;
    options.electionTimeoutMaxMillis = 400;
    assertTrue(refused(options).contains("election timeouts"));
  }

  @Test
  void restoreNeedsNoSuperuserPasswordAndExcludesJoin() throws ConfigException {
    NodeOptions options = valid();
    options.auth = null;
    options.restoreFrom = "backup";
    assertEquals(Path.of("backup").toAbsolutePath(), NodeConfig.load(options).restoreFrom(),
        "a restored cluster keeps the backup's superuser");
    options.join = true;
    assertTrue(refused(options).startsWith("restore-from and join exclude each other"));
  }

  @Test
  void clientSettingsDefaultAndValidate() throws IOException, ConfigException {
    NodeOptions unset = valid();
    unset.auth = null;
    assertTrue(refused(unset).startsWith("superuser-password-file is missing: a new cluster's superuser needs"),
        "a new cluster with password authentication needs the superuser's password");
    unset.auth = "trust";
    ClientSettings defaults = NodeConfig.load(unset).client();
    assertEquals("trust", defaults.auth());
    assertEquals("quorate", defaults.superuser());
    assertEquals(null, defaults.superuserPassword());
    assertEquals(100, defaults.maxConnections());

    NodeOptions withPassword = valid();
    withPassword.auth = null;
    Path passwordFile = dir.resolve("pw");
    Files.writeString(passwordFile, "s3cret\n");
    withPassword.superuserPasswordFile = passwordFile.toString();
    ClientSettings client = NodeConfig.load(withPassword).client();
    assertEquals("scram-sha-256", client.auth(), "the default, as in PostgreSQL");
    assertEquals("s3cret", client.superuserPassword());
    assertTrue(!NodeConfig.load(withPassword).toString().contains("s3cret"), "the password is never printed");

    NodeOptions badAuth = valid();
    badAuth.auth = "password";
    assertTrue(refused(badAuth).contains("auth 'password' is not one of"));
    NodeOptions missingFile = valid();
    missingFile.superuserPasswordFile = dir.resolve("absent").toString();
    assertTrue(refused(missingFile).startsWith("Cannot read superuser-password-file"));
    NodeOptions emptyFile = valid();
    Files.writeString(dir.resolve("empty"), "");
    emptyFile.superuserPasswordFile = dir.resolve("empty").toString();
    assertTrue(refused(emptyFile).contains("is empty"));
    NodeOptions badUser = valid();
    badUser.superuser = "Bad Name";
    assertTrue(refused(badUser).contains("superuser 'Bad Name'"));
    NodeOptions tooMany = valid();
    tooMany.maxConnections = 0;
    assertTrue(refused(tooMany).contains("max-connections 0"));
  }
}
