package io.quorate.node.sql;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A client's SQL session on this node, whichever protocol it came by (PostgreSQL's wire
 * protocol or the native driver's SQL service): how it starts, and how it follows the
 * node's role. One thread at a time, like the {@link Session} it wraps.
 */
public final class ClientSession implements AutoCloseable {

  private static final String IN_HOT_STANDBY = "in_hot_standby";

  private final Session session;
  private final BooleanSupplier hotStandby;
  /** Whether this node was the primary at some point of this session (see {@link #endIfNoLongerPrimary}). */
  private boolean servedAsPrimary;

  private ClientSession(Session session, BooleanSupplier hotStandby) {
    this.session = session;
    this.hotStandby = hotStandby;
  }

  /**
   * Opens the session of an authenticated {@code user}: {@code serverSettings} (server_version,
   * port, ...) are set as the server's, then the node's role is followed, then the client's
   * {@code startupParameters} are applied as PostgreSQL applies a StartupMessage's.
   *
   * @param hotStandby true while this node is a standby; asked now and by the role checks
   */
  public static ClientSession open(Engine engine, String user, BooleanSupplier hotStandby,
      Map<String, String> serverSettings, Map<String, String> startupParameters) {
    Session session = engine.openSession();
    try {
      session.setUser(user);
      Settings settings = session.settings();
      serverSettings.forEach(settings::initialize);
      ClientSession client = new ClientSession(session, hotStandby);
      client.followNodeRole();
      applyStartupParameters(settings, startupParameters);
      return client;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  public Session session() {
    return session;
  }

  /**
   * Applies a client's startup settings; a bad value ends the connection as in PostgreSQL.
   * Names the engine does not know are ignored rather than refused: they are PostgreSQL
   * settings Quorate does not have, and refusing them would lock out clients.
   */
  private static void applyStartupParameters(Settings settings, Map<String, String> parameters) {
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      if (name.equals("replication")) {
        throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "replication connections are not supported").fatal();
      }
      try {
        settings.set(name, parameter.getValue());
      } catch (SqlException error) {
        if (error.state() != SqlState.UNDEFINED_OBJECT) {
          throw error.fatal();
        }
      }
    }
  }

  /**
   * A session between transactions follows its node's role: in_hot_standby and
   * default_transaction_read_only are on while the node is a standby; on a primary,
   * default_transaction_read_only returns to the session's default (the database's
   * setting, else off). Only a change of role touches it, so a client's own SET survives
   * otherwise. Call it when the session is idle (outside a transaction).
   */
  public void followNodeRole() {
    boolean standby = hotStandby.getAsBoolean();
    servedAsPrimary |= !standby;
    Settings settings = session.settings();
    if (!settings.get(IN_HOT_STANDBY).equals(standby ? "on" : "off")) {
      settings.initialize(IN_HOT_STANDBY, standby ? "on" : "off");
      if (standby) {
        settings.set("default_transaction_read_only", "on");
      } else {
        settings.reset("default_transaction_read_only");
      }
    }
  }

  /**
   * Ends a session that was served by this node as the primary once the node is a
   * standby (57P01, FATAL): its client chose the primary, and it must not go on reading
   * this node's possibly older state as if nothing had happened. PostgreSQL behaves the
   * same, since a demoted server restarts. (A standby session carries on as a primary one
   * after a promotion, as in PostgreSQL.)
   */
  public void endIfNoLongerPrimary() {
    if (servedAsPrimary && hotStandby.getAsBoolean()) {
      throw new SqlException(SqlState.ADMIN_SHUTDOWN, "terminating connection because this node is no longer the primary")
          .withHint("Connect again: a client that lists every node finds the new primary (psql and pgjdbc with"
              + " target_session_attrs=read-write or targetServerType=primary, Quorate's driver always).")
          .fatal();
    }
  }

  private static final List<String> LEVELS = List.of("debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice",
      "warning", "error");

  /** The notices at or above {@code session}'s client_min_messages (INFO always, as in PostgreSQL). */
  public static List<String> visibleNotices(Session session, List<String> notices) {
    if (notices.isEmpty()) {
      return notices;
    }
    int min = LEVELS.indexOf(session.settings().get("client_min_messages").toLowerCase(Locale.ROOT));
    List<String> visible = new ArrayList<>(notices.size());
    for (String notice : notices) {
      int colon = notice.indexOf(": ");
      String prefix = colon > 0 ? notice.substring(0, colon) : "";
      String severity = prefix.matches("WARNING|NOTICE|INFO|DEBUG|LOG") ? prefix.toLowerCase(Locale.ROOT) : "notice";
      int level = LEVELS.indexOf(severity.equals("debug") ? "debug1" : severity);
      if (severity.equals("info") || level >= min) {
        visible.add(notice);
      }
    }
    return visible;
  }

  /** Whether the node is the primary now. */
  public boolean onPrimary() {
    return !hotStandby.getAsBoolean();
  }

  /** Ends the session, aborting an open transaction. */
  @Override
  public void close() {
    session.close();
  }
}
