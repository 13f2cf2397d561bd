package io.quorate.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.quorate.node.config.NodeConfig;
import io.quorate.node.config.NodeOptions;
import io.quorate.node.server.QuorateNode;
import io.quorate.protocol.v1.AdminServiceGrpc;
import io.quorate.protocol.v1.GetSettingsRequest;
import io.quorate.protocol.v1.SetSettingRequest;
import io.quorate.protocol.v1.SetSettingResponse;
import io.quorate.protocol.v1.Setting;
import io.quorate.protocol.v1.SettingScope;
import io.quorate.raft.cluster.InJvmCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves on three whole nodes in this JVM that a cluster-wide setting changed on the
 * primary is what new SQL sessions on every node start with, also after every node
 * restarts; that a node setting changes one node only and outlives its restart; and that
 * unknown names, bad values and cluster-wide changes off the primary change nothing.
 */
class SettingsOnClusterTest {

  private static final List<String> IDS = List.of("n1", "n2", "n3");

  @TempDir
  Path dir;

  private final Map<String, int[]> ports = new LinkedHashMap<>();
  private final Map<String, QuorateNode> nodes = new LinkedHashMap<>();
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    nodes.values().forEach(QuorateNode::close);
  }

  @Test
  void clusterSettingReachesNewSessionsOnEveryNodeAndSurvivesRestart() throws Exception {
    startAll();
    String primary = awaitPrimary();
    String standby = IDS.stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();

    SetSettingResponse set = admin(primary).setSetting(cluster("statement_timeout", "7000"));
    assertEquals("7s", set.getSetting().getValue());
    assertEquals("0", set.getPreviousValue());
    assertEquals("cluster", set.getSetting().getSource());
    assertEquals("7s", show(primary, "statement_timeout"), "the primary has applied its own commit");
    for (String id : IDS) {
      InJvmCluster.await("a new session on " + id + " starts with statement_timeout 7s",
          () -> "7s".equals(showOrNull(id, "statement_timeout")));
      assertEquals("7s", settingOn(id, "statement_timeout").getValue());
    }

    StatusRuntimeException offPrimary = assertThrows(StatusRuntimeException.class,
        () -> admin(standby).setSetting(cluster("statement_timeout", "1s")));
    assertEquals(Status.Code.FAILED_PRECONDITION, offPrimary.getStatus().getCode());
    assertTrue(offPrimary.getStatus().getDescription().contains("the primary"), offPrimary.getMessage());
    assertInvalid(primary, cluster("statement_timeout", "soon"), "invalid value for parameter");
    assertInvalid(primary, cluster("colour", "blue"), "unknown setting 'colour'");
    assertInvalid(primary, cluster("max-connections", "5"), "a setting of each node");
    assertInvalid(standby, node("statement_timeout", "5"), "cluster-wide");
    assertEquals("7s", show(primary, "statement_timeout"), "refused changes changed nothing");

    SetSettingResponse local = admin(standby).setSetting(node("max-connections", "1"));
    assertTrue(local.getInEffectNow());
    try (Connection only = connect(standby)) {
      SQLException full = assertThrows(SQLException.class, () -> connect(standby).close());
      assertEquals("53300", full.getSQLState(), "the new limit holds at once");
    }
    assertEquals("100", settingOn(primary, "max-connections").getValue(), "other nodes keep theirs");
    admin(standby).setSetting(node("max-connections", "50"));
    SetSettingResponse atRestart = admin(standby).setSetting(node("snapshot-threshold", "2000"));
    assertFalse(atRestart.getInEffectNow());
    assertEquals("2000", atRestart.getSetting().getPendingValue());

    stopAll();
    startAll();
    awaitPrimary();
    for (String id : IDS) {
      InJvmCluster.await(id + " accepts SQL again", () -> showOrNull(id, "statement_timeout") != null);
      assertEquals("7s", show(id, "statement_timeout"), "after a restart of every node, on " + id);
    }
    assertEquals("50", settingOn(standby, "max-connections").getValue());
    assertEquals("2000", settingOn(standby, "snapshot-threshold").getValue());
    assertEquals("node.auto.conf", settingOn(standby, "snapshot-threshold").getSource());

    SetSettingResponse reset = admin(awaitPrimary()).setSetting(SetSettingRequest.newBuilder()
        .setName("statement_timeout").setReset(true).setScope(SettingScope.SETTING_SCOPE_CLUSTER).build());
    assertEquals("default", reset.getSetting().getSource());
    for (String id : IDS) {
      InJvmCluster.await("the reset reaches " + id, () -> "0".equals(showOrNull(id, "statement_timeout")));
    }
  }

  private static SetSettingRequest cluster(String name, String value) {
    return SetSettingRequest.newBuilder().setName(name).setValue(value).setScope(SettingScope.SETTING_SCOPE_CLUSTER)
        .build();
  }

  private static SetSettingRequest node(String name, String value) {
    return SetSettingRequest.newBuilder().setName(name).setValue(value).setScope(SettingScope.SETTING_SCOPE_NODE)
        .build();
  }

  private void assertInvalid(String id, SetSettingRequest request, String expected) {
    StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> admin(id).setSetting(request));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), refused.getMessage());
    assertTrue(refused.getStatus().getDescription().contains(expected), refused.getStatus().getDescription());
  }

  private Setting settingOn(String id, String name) {
    return admin(id).getSettings(GetSettingsRequest.newBuilder().setName(name).build()).getSettings(0);
  }

  private void startAll() throws Exception {
    if (ports.isEmpty()) {
      for (String id : IDS) {
        ports.put(id, new int[] {InJvmCluster.freePort(), InJvmCluster.freePort(), InJvmCluster.freePort()});
      }
    }
    StringBuilder peers = new StringBuilder();
    for (String id : IDS) {
      int[] p = ports.get(id);
      peers.append(peers.isEmpty() ? "" : ",").append(id).append("=127.0.0.1:").append(p[0]).append(':').append(p[1]);
    }
    for (String id : IDS) {
      NodeOptions options = new NodeOptions();
      options.nodeId = id;
      options.dataDir = dir.resolve(id).toString();
      options.raftPort = ports.get(id)[0];
      options.adminPort = ports.get(id)[1];
      options.clientPort = ports.get(id)[2];
      options.peers = peers.toString();
      options.auth = "trust";
      options.clusterId = "settings-test";
      nodes.put(id, QuorateNode.start(NodeConfig.load(options)));
    }
  }

  private void stopAll() {
    channels.forEach(ManagedChannel::shutdownNow);
    channels.clear();
    nodes.values().forEach(QuorateNode::close);
    nodes.clear();
  }

  private String awaitPrimary() {
    String[] primary = new String[1];
    InJvmCluster.await("a primary that serves SQL", () -> {
      for (Map.Entry<String, QuorateNode> node : nodes.entrySet()) {
        if (node.getValue().sql().isPrimary() && showOrNull(node.getKey(), "statement_timeout") != null) {
          primary[0] = node.getKey();
          return true;
        }
      }
      return false;
    });
    return primary[0];
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin(String id) {
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", ports.get(id)[1]).usePlaintext().build();
    channels.add(channel);
    return AdminServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private Connection connect(String id) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + ports.get(id)[2] + "/quorate", "quorate", "");
  }

  private String show(String id, String name) throws SQLException {
    try (Connection connection = connect(id); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SHOW " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** SHOW in a new session, or null while the node does not accept SQL yet. */
  private String showOrNull(String id, String name) {
    try {
      return show(id, name);
    } catch (SQLException notYet) {
      return null;
    }
  }
}
