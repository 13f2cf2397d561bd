package io.quorate.om;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.protocol.v1.Member;
import io.quorate.protocol.v1.Role;
import io.quorate.protocol.v1.StatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Proves om's exit codes and messages, and how it judges and prints a cluster's state. */
class OmMainTest {

  private record Outcome(int code, String out, String err) {}

  private static Outcome run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = OmMain.run(args);
      return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void helpAndUsageErrors() {
    Outcome help = run("--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("status"), help.out());
    assertEquals(2, run().code(), "no command is a usage error");
    Outcome unknown = run("frobnicate");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().startsWith("om: "), unknown.err());
    assertEquals(2, run("status").code(), "--node is required");
    assertEquals(2, run("status", "--node", "no-port").code());
    assertEquals(2, run("status", "--node", "127.0.0.1:1", "--format", "xml").code());
  }

  @Test
  void unreachableNodeFailsWithOneSentence() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Outcome o = run("status", "--node", "127.0.0.1:" + port, "--timeout-ms", "2000");
    assertEquals(1, o.code());
    assertTrue(o.err().contains("127.0.0.1:" + port) && o.err().contains("unreachable"), o.err());
  }

  @Test
  void clusterStateFollowsPrimaryAndRoles() {
    StatusResponse.Builder status = StatusResponse.newBuilder().setSelfId("n1")
        .addMembers(member("n1", Role.ROLE_PRIMARY)).addMembers(member("n2", Role.ROLE_STANDBY));
    assertEquals("Unavailable", StatusCommand.clusterState(status.build()));
    status.setLeaderId("n1");
    assertEquals("Normal", StatusCommand.clusterState(status.build()));
    status.addMembers(member("n3", Role.ROLE_UNKNOWN));
    assertEquals("Degraded", StatusCommand.clusterState(status.build()));
    String text = StatusCommand.text(status.build());
    assertTrue(text.contains("n1*") && text.contains("Primary") && text.contains("Standby"), text);
    String json = StatusCommand.json(status.setClusterId("a\"b").build());
    assertTrue(json.contains("\"cluster_state\":\"Degraded\"") && json.contains("a\\\"b"), json);
  }

  private static Member member(String id, Role role) {
    return Member.newBuilder().setId(id).setHost("127.0.0.1").setRaftPort(7100).setRole(role)
        .setCommitIndex(5).setLastContactMillis(-1).build();
  }
}
