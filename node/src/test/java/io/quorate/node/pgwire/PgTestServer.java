package io.quorate.node.pgwire;

import io.quorate.node.auth.InMemoryUserDirectory;
import io.quorate.node.sql.ReplicatedKvStore;
import io.quorate.raft.cluster.InJvmCluster;
import io.quorate.sql.catalog.PasswordVerifiers;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.session.Engine;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A PostgreSQL protocol server on a free loopback port over an in-memory engine (or one
 * on a three-node cluster, {@link #onCluster()}), with
 * the users {@code alice} (SCRAM verifier, password {@code secret}) and {@code bob} (md5
 * verifier, password {@code hunter2}). Close it to stop it.
 */
final class PgTestServer implements AutoCloseable {

  static final String ALICE = "alice";
  static final String ALICE_PASSWORD = "secret";
  static final String BOB = "bob";
  static final String BOB_PASSWORD = "hunter2";

  final PgServer server;
  private final AutoCloseable storage;
  final InMemoryUserDirectory users = new InMemoryUserDirectory()
      .addUser(ALICE, ALICE_PASSWORD)
      .addUserWithVerifier(BOB, PasswordVerifiers.create(BOB_PASSWORD, BOB, true));

  PgTestServer(PgServerConfig config) throws IOException {
    this(config, new Engine(new InMemoryKvStore()), () -> { });
  }

  private PgTestServer(PgServerConfig config, Engine engine, AutoCloseable storage) throws IOException {
    this.storage = storage;
    server = new PgServer(config, engine, users);
    server.start();
  }

  /** The server with its engine on the primary of a new three-node in-JVM cluster, which closing stops. */
  static PgTestServer onCluster() throws IOException {
    InJvmCluster cluster = InJvmCluster.start(3);
    try {
      Engine engine = new Engine(new ReplicatedKvStore(cluster.awaitPrimary()));
      return new PgTestServer(PgServerConfig.defaults("127.0.0.1", 0, "test"), engine, cluster);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  PgTestServer() throws IOException {
    this(PgServerConfig.defaults("127.0.0.1", 0, "test"));
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + database;
  }

  /** A pgjdbc connection as alice to database quorate, with extra connection properties. */
  Connection connect(String... properties) throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", ALICE);
    info.setProperty("password", ALICE_PASSWORD);
    for (int i = 0; i + 1 < properties.length; i += 2) {
      info.setProperty(properties[i], properties[i + 1]);
    }
    return DriverManager.getConnection(url("quorate"), info);
  }

  @Override
  public void close() {
    server.close();
    try {
      storage.close();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop the test cluster", e);
    }
  }
}
