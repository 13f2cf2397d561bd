package io.quorate.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the node's exit codes and messages for help, bad usage and a data dir of another cluster. */
class NodeMainTest {

  @TempDir
  Path dir;

  private record Outcome(int code, String err, String out) {}

  private Outcome run(String... args) {
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      int code = NodeMain.run(args);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    Outcome o = run("--help");
    assertEquals(0, o.code());
    assertTrue(o.out().contains("--peers") && o.out().contains("--data-dir"), o.out());
  }

  @Test
  void unknownFlagIsAUsageError() {
    Outcome o = run("--frobnicate");
    assertEquals(2, o.code());
    assertTrue(o.err().startsWith("quorate-node: ") && o.err().contains("--help"), o.err());
  }

  @Test
  void dataDirOfAnotherClusterIsRefusedUntouched() throws IOException {
    Path data = dir.resolve("n1");
    Files.createDirectories(data);
    Files.writeString(data.resolve("CLUSTER"), "other\n");
    int raft;
    int admin;
    int client;
    try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0); ServerSocket c = new ServerSocket(0)) {
      raft = a.getLocalPort();
      admin = b.getLocalPort();
      client = c.getLocalPort();
    }
    Outcome o = run("--node-id", "n1", "--data-dir", data.toString(), "--raft-port", "" + raft,
        "--admin-port", "" + admin, "--client-port", "" + client, "--cluster-id", "mine",
        "--peers", "n1=127.0.0.1:" + raft, "--auth", "trust");
    assertEquals(1, o.code(), o.err());
    assertTrue(o.err().contains("belongs to cluster 'other'"), o.err());
    try (var files = Files.list(data)) {
      assertEquals(1, files.count(), "nothing was created in the other cluster's directory");
    }
  }
}
