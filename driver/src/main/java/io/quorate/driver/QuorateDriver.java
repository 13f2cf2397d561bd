package io.quorate.driver;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Quorate's JDBC driver, for URLs {@code jdbc:quorate://host1:port1,host2:port2/database}
 * naming any of the cluster's nodes by their admin (gRPC) port, 7200 by default. Found by
 * {@link DriverManager} through ServiceLoader; see {@link ConnectionUrl} for the options.
 */
public final class QuorateDriver implements Driver {

  static {
    try {
      DriverManager.registerDriver(new QuorateDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Null for a URL of another driver, as DriverManager expects. */
  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (url == null) {
      throw new SQLException("the URL is null", "08001");
    }
    if (!acceptsURL(url)) {
      return null;
    }
    return new QuorateConnection(ConnectionUrl.parse(url, info == null ? new Properties() : info));
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && ConnectionUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    String[][] options = {
        {"user", "the user to log in as"},
        {"password", "the user's password (SCRAM-SHA-256)"},
        {"loginTimeout", "seconds to wait for a primary when connecting (default: failoverTimeout)"},
        {"connectTimeout", "seconds to wait for a TCP connection to a node (default 10)"},
        {"socketTimeout", "seconds to wait for an answer, 0 for no limit (default 0)"},
        {"failoverTimeout", "seconds a statement waits for a new primary after a failover (default 30)"},
        {"applicationName", "application_name of the session"},
    };
    DriverPropertyInfo[] infos = new DriverPropertyInfo[options.length];
    for (int i = 0; i < options.length; i++) {
      infos[i] = new DriverPropertyInfo(options[i][0], info == null ? null : info.getProperty(options[i][0]));
      infos[i].description = options[i][1];
      infos[i].required = false;
    }
    return infos;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false; // not the full JDBC surface (no CallableStatement, no scrollable results)
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the Quorate driver does not log through java.util.logging", "0A000");
  }
}
