package io.quorate.it.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's stock psql against a three-node cluster started from the distribution: a
 * scripted session (tables, \d, \copy, errors with their caret, transactions) must print
 * exactly what PostgreSQL 15 printed for the same script (psql/session.expected was
 * captured from it), and sessions on a standby are read-only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PsqlTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private ProcessCluster cluster;
  private String primary;
  private String standby;

  @BeforeAll
  void startCluster() {
    cluster = ProcessCluster.start(3);
    primary = cluster.awaitPrimary();
    standby = cluster.ids().stream().filter(id -> !id.equals(primary)).findFirst().orElseThrow();
    cluster.awaitSql(primary);
    cluster.awaitSql(standby);
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void scriptedSessionPrintsWhatPostgresPrints(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("session.sql"), resource("psql/session.sql"));
    PgTools.Result result = psql(primary, dir, "-X", "-a", "-q", "-v", "ON_ERROR_STOP=0", "-f", "session.sql");
    assertEquals(resource("psql/session.expected"), result.output(), cluster.logTails(20));
  }

  @Test
  void listsTheDatabaseAndTheSuperuser(@TempDir Path dir) {
    PgTools.Result databases = psql(standby, dir, "-X", "-l");
    assertEquals(0, databases.exitCode(), databases.output());
    assertTrue(databases.output().contains(" quorate "), databases.output());
    PgTools.Result roles = psql(standby, dir, "-X", "-c", "\\du");
    assertEquals(0, roles.exitCode(), roles.output());
    assertTrue(roles.output().contains(ProcessCluster.SUPERUSER) && roles.output().contains("Superuser"), roles.output());
  }

  @Test
  void standbySessionsAreReadOnlyAndThePrimaryIsNot(@TempDir Path dir) {
    assertEquals("on\non\n", psql(standby, dir, "-X", "-A", "-t",
        "-c", "SHOW transaction_read_only", "-c", "SHOW in_hot_standby").output());
    assertEquals("off\noff\n", psql(primary, dir, "-X", "-A", "-t",
        "-c", "SHOW transaction_read_only", "-c", "SHOW in_hot_standby").output());
    PgTools.Result write = psql(standby, dir, "-X", "-v", "VERBOSITY=verbose", "-c", "CREATE TABLE refused (a int)");
    assertEquals(1, write.exitCode(), write.output());
    assertTrue(write.output().contains("ERROR:  25006:"), write.output());
  }

  private PgTools.Result psql(String node, Path dir, String... args) {
    return PgTools.run(cluster, node, dir, TIMEOUT, "psql", args);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PsqlTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
