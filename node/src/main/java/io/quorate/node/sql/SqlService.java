package io.quorate.node.sql;

import io.quorate.node.auth.UserDirectory;
import io.quorate.node.config.ClientSettings;

import io.quorate.raft.cluster.ReplicatedStore;
import io.quorate.raft.txn.Replica;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.session.Engine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL engine of one node, on the replicated store. Every node runs one; whichever
 * is the primary creates the catalog and the bootstrap superuser when the cluster is new (the engine on a standby
 * creates nothing and answers 57P03 until the catalog has replicated to it). It also
 * tells the protocol servers whether this node is the primary right now, so sessions
 * on a standby report themselves read-only. Thread-safe.
 */
public final class SqlService implements Replica.LeadershipListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SqlService.class);
  /** Pause between attempts to create the catalog while a new primary settles. */
  private static final long RETRY_MILLIS = 200;

  private final Engine engine;
  private final ClientSettings client;
  private final UserDirectory users;
  private final ExecutorService bootstrapper = Executors.newVirtualThreadPerTaskExecutor();
  private volatile boolean primary;
  private volatile boolean closed;
  private volatile boolean bootstrapped;

  private SqlService(Engine engine, ClientSettings client) {
    this.engine = engine;
    this.client = client;
    this.users = new CatalogUsers(engine.roles());
  }

  /**
   * The engine on {@code store}, listening for the primary role from now on. When this
   * node is the primary of a new cluster it creates the catalog and the superuser that
   * {@code client} names.
   */
  public static SqlService start(ReplicatedStore store, ClientSettings client) {
    SqlService service = new SqlService(Engine.withoutBootstrap(new ReplicatedKvStore(store)), client);
    store.addLeadershipListener(service);
    return service;
  }

  public Engine engine() {
    return engine;
  }

  /** The roles that may log in, for the protocol servers. */
  public UserDirectory users() {
    return users;
  }

  /** Whether this node is the primary now; sessions elsewhere are read-only standbys. */
  public boolean isPrimary() {
    return primary;
  }

  /** Whether this node is the primary and has made sure the catalog and the superuser exist. */
  public boolean isPrimaryReady() {
    return primary && bootstrapped;
  }

  @Override
  public void becameLeader(long term) {
    primary = true;
    if (!closed) {
      bootstrapper.execute(this::bootstrapWhilePrimary);
    }
  }

  @Override
  public void lostLeadership(long term) {
    primary = false;
    bootstrapped = false;
  }

  /** Creates the catalog and the superuser if absent (idempotent), retrying while this node stays primary. */
  private void bootstrapWhilePrimary() {
    while (primary && !closed) {
      try {
        engine.bootstrapCatalog();
        engine.roles().bootstrapSuperuser(client.superuser(), client.superuserPassword());
        bootstrapped = primary;
        return;
      } catch (SqlException e) {
        LOG.info("Catalog bootstrap not done yet, retrying [state={}, reason={}]", e.state().code(), e.getMessage());
      }
      try {
        Thread.sleep(RETRY_MILLIS); // a retry delay after a failed write, not a wait for a condition
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    bootstrapper.shutdownNow();
    try {
      bootstrapper.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
