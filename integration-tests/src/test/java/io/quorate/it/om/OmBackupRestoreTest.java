package io.quorate.it.om;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Drives {@code bin/om backup} and {@code bin/om restore} as a user would: a backup of a
 * running 3-node cluster taken from a standby, more writes, then a restore into a new
 * cluster (new ports and directories, the old one still running): the new cluster has
 * exactly the rows at backup time and takes writes, the old one has all of them. A
 * non-empty target and a corrupted backup are refused with a clear message, exit 1, and
 * nothing damaged or created.
 */
class OmBackupRestoreTest {

  private static final int ROWS = 3000;

  private OmTool om;
  @RegisterExtension
  final TestWatcher keepLogs = OmTool.keepLogsOnFailure(() -> om);

  @AfterEach
  void stopTheClusters() {
    if (om != null) {
      om.close();
    }
  }

  @Test
  void backupWriteMoreRestoreIntoANewClusterAndCompare() throws Exception {
    om = new OmTool();
    Path oldDir = om.root().resolve("old");
    String oldFile = oldDir.resolve("cluster.conf").toString();
    String oldJdbc = field(om.ok("bootstrap", "--local", "3", "--dir", oldDir.toString(), "--format", "json").out(),
        "jdbc");
    String password = Files.readString(oldDir.resolve("superuser-password")).strip();
    try (Connection c = connect(oldJdbc, password); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE accounts (id int PRIMARY KEY, owner text, balance bigint)");
      insert(c, 1, ROWS);
    }
    List<String> atBackup = rows(oldJdbc, password);
    assertEquals(ROWS, atBackup.size());

    String primary = field(om.ok("status", "-c", oldFile, "--format", "json").out(), "primary");
    String standby = primary.equals("n1") ? "n2" : "n1";
    String standbyJdbc = "jdbc:postgresql://127.0.0.1:" + clientPort(oldDir, standby) + "/quorate";
    ProcessCluster.await("standby " + standby + " has applied every row", () -> rowsOrNone(standbyJdbc, password)
        .equals(atBackup));

    Path backup = om.root().resolve("backup");
    long backupStarted = System.nanoTime();
    String summary = om.ok("backup", "-c", oldFile, "--node", standby, "--to", backup.toString(), "--format", "json")
        .out();
    long backupMillis = (System.nanoTime() - backupStarted) / 1_000_000;
    assertEquals(standby, field(summary, "node"), "a standby made the backup: " + summary);
    assertTrue(Files.exists(backup.resolve("MANIFEST")));

    try (Connection c = connect(oldJdbc, password); Statement s = c.createStatement()) {
      insert(c, ROWS + 1, 100);
      s.executeUpdate("UPDATE accounts SET balance = -1 WHERE id = 1");
      s.executeUpdate("DELETE FROM accounts WHERE id = 2");
    }

    refusesANonEmptyTarget(om, oldFile, backup);
    refusesACorruptedBackup(om, backup);

    Path newDir = om.root().resolve("new");
    long restoreStarted = System.nanoTime();
    OmTool.Result restored = om.ok("restore", "--from", backup.toString(), "--local", "3", "--dir", newDir.toString(),
        "--cluster-id", "restored", "--format", "json");
    long restoreMillis = (System.nanoTime() - restoreStarted) / 1_000_000;
    assertTrue(restored.err().contains("every SHA-256 matches"), restored.toString());
    String newJdbc = field(restored.out(), "jdbc");
    assertFalse(Files.exists(newDir.resolve("superuser-password")), "the backup's roles and passwords stay");

    assertEquals(atBackup, rows(newJdbc, password), "the restored cluster has exactly the rows at backup time");
    List<String> old = rows(oldJdbc, password);
    assertEquals(ROWS + 100 - 1, old.size(), "the old cluster keeps everything");
    assertTrue(old.contains("1|owner-1|-1") && !old.contains(atBackup.get(1)));
    try (Connection c = connect(newJdbc, password); Statement s = c.createStatement()) {
      assertEquals(1, s.executeUpdate("INSERT INTO accounts VALUES (-1, 'after restore', 0)"), "it takes writes");
    }
    String status = om.ok("status", "-c", newDir.resolve("cluster.conf").toString(), "--format", "json").out();
    assertEquals("restored", field(status, "cluster_id"));
    assertEquals("Normal", field(status, "cluster_state"));

    System.out.printf("backup of %d rows: %s bytes in %s files, om backup %d ms (node %s ms), om restore %d ms%n",
        ROWS, number(summary, "bytes"), number(summary, "files"), backupMillis, number(summary, "elapsed_ms"),
        restoreMillis);
  }

  /** A second backup into the same directory is refused, and the first stays intact. */
  private static void refusesANonEmptyTarget(OmTool om, String clusterFile, Path backup) throws IOException {
    byte[] manifest = Files.readAllBytes(backup.resolve("MANIFEST"));
    OmTool.Result refused = om.run("backup", "-c", clusterFile, "--to", backup.toString());
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().startsWith("om backup: ") && refused.err().contains("is not empty"), refused.toString());
    assertArrayEquals(manifest, Files.readAllBytes(backup.resolve("MANIFEST")));
  }

  /** A copy of the backup with one byte changed is refused before any node or directory is made. */
  private static void refusesACorruptedBackup(OmTool om, Path backup) throws IOException {
    Path corrupt = om.root().resolve("corrupt");
    copyTree(backup, corrupt);
    Path largest;
    try (Stream<Path> files = Files.list(corrupt.resolve("db"))) {
      largest = files.max(Comparator.comparingLong(OmBackupRestoreTest::size)).orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(largest);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(largest, bytes);
    Path target = om.root().resolve("from-corrupt");
    OmTool.Result refused = om.run("restore", "--from", corrupt.toString(), "--local", "3", "--dir", target.toString());
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().contains(largest.getFileName() + " is corrupt")
        && refused.err().contains("nothing was created"), refused.toString());
    assertFalse(Files.exists(target), "no cluster directory was made");
  }

  private static void insert(Connection c, int first, int count) throws SQLException {
    c.setAutoCommit(false);
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
      for (int id = first; id < first + count; id++) {
        insert.setInt(1, id);
        insert.setString(2, "owner-" + id);
        insert.setLong(3, id * 100L);
        insert.addBatch();
        if ((id - first) % 500 == 499) {
          insert.executeBatch();
          c.commit();
        }
      }
      insert.executeBatch();
      c.commit();
    }
    c.setAutoCommit(true);
  }

  private static List<String> rows(String jdbc, String password) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = connect(jdbc, password); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, owner, balance FROM accounts ORDER BY id")) {
      while (r.next()) {
        rows.add(r.getInt(1) + "|" + r.getString(2) + "|" + r.getLong(3));
      }
    }
    return rows;
  }

  /** The rows, or an empty list while the node cannot answer yet. */
  private static List<String> rowsOrNone(String jdbc, String password) {
    try {
      return rows(jdbc, password);
    } catch (SQLException e) {
      return List.of();
    }
  }

  private static Connection connect(String jdbc, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "quorate");
    p.setProperty("password", password);
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(jdbc, p);
  }

  /** A string field of om's JSON output. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  private static String number(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
    assertTrue(m.find(), name + " in " + json);
    return m.group(1);
  }

  private static int clientPort(Path clusterDir, String node) throws IOException {
    Matcher m = Pattern.compile("node " + node + " = .*client-port=(\\d+)")
        .matcher(Files.readString(clusterDir.resolve("cluster.conf")));
    assertTrue(m.find(), node + " in the cluster file");
    return Integer.parseInt(m.group(1));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
