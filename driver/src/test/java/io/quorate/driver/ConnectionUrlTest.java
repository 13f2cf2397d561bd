package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.driver.ConnectionUrl.HostAndPort;
import io.quorate.driver.ConnectionUrl.ReadFrom;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Proves driver URLs and properties parse into hosts and options as pgjdbc users expect, and bad ones say why. */
class ConnectionUrlTest {

  private static final String SECRET = "pa55-secret";

  private static ConnectionUrl parse(String url) throws SQLException {
    return ConnectionUrl.parse(url, null);
  }

  private static SQLException assertFails(String sqlState, String url, Properties info) {
    SQLException error = assertThrows(SQLException.class, () -> ConnectionUrl.parse(url, info));
    assertEquals(sqlState, error.getSQLState(), error.getMessage());
    return error;
  }

  private static Properties properties(String... namesAndValues) {
    Properties info = new Properties();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      info.setProperty(namesAndValues[i], namesAndValues[i + 1]);
    }
    return info;
  }

  @Test
  void acceptsOnlyItsOwnPrefix() {
    assertTrue(ConnectionUrl.accepts("jdbc:quorate://h"));
    assertTrue(ConnectionUrl.accepts("jdbc:quorate:malformed"));
    assertFalse(ConnectionUrl.accepts("jdbc:postgresql://h/db"));
    assertFalse(ConnectionUrl.accepts("JDBC:QUORATE://h"));
    assertFalse(ConnectionUrl.accepts(null));
  }

  @Test
  void severalHostsWithAndWithoutPortsIncludingIpv6() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h1:7201,h2,10.0.0.3:7203,[::1]:7204,[fe80::1:2],node-4.example.com/db?user=u");
    assertEquals(List.of(new HostAndPort("h1", 7201), new HostAndPort("h2", 7200), new HostAndPort("10.0.0.3", 7203),
        new HostAndPort("::1", 7204), new HostAndPort("fe80::1:2", 7200), new HostAndPort("node-4.example.com", 7200)),
        url.hosts());
    assertEquals("[::1]:7204", url.hosts().get(3).toString());
    assertEquals("h2:7200", url.hosts().get(1).toString());
    assertEquals("db", url.database());
  }

  @Test
  void defaultsWhenOnlyAHostIsGiven() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://localhost");
    assertEquals(List.of(new HostAndPort("localhost", 7200)), url.hosts());
    assertEquals("quorate", url.database());
    assertEquals(System.getProperty("user.name"), url.user());
    assertNull(url.password());
    assertEquals(0, url.loginTimeoutSeconds());
    assertEquals(10, url.connectTimeoutSeconds());
    assertEquals(0, url.socketTimeoutSeconds());
    assertEquals("Quorate JDBC Driver", url.applicationName());
    assertEquals(ReadFrom.PRIMARY, url.readFrom());
    assertEquals(10_000, url.maxStalenessMillis());
    assertEquals(30, url.failoverTimeoutSeconds());
    assertEquals(0, url.defaultRowFetchSize());
    assertEquals(Map.of(), url.otherOptions());
    assertEquals("quorate", parse("jdbc:quorate://localhost/").database());
    assertEquals("quorate", parse("jdbc:quorate://localhost/?user=u").database());
    assertEquals("quorate", parse("jdbc:quorate://localhost?user=u").database());
  }

  @Test
  void everyRecognisedOptionIsRead() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h/db?user=alice&password=pw&loginTimeout=5&connectTimeout=3"
        + "&socketTimeout=60&applicationName=billing&readFrom=Standby&maxStalenessMillis=250&failoverTimeout=45"
        + "&defaultRowFetchSize=500");
    assertEquals("alice", url.user());
    assertEquals("pw", url.password());
    assertEquals(5, url.loginTimeoutSeconds());
    assertEquals(3, url.connectTimeoutSeconds());
    assertEquals(60, url.socketTimeoutSeconds());
    assertEquals("billing", url.applicationName());
    assertEquals(ReadFrom.STANDBY, url.readFrom());
    assertEquals(250, url.maxStalenessMillis());
    assertEquals(45, url.failoverTimeoutSeconds());
    assertEquals(500, url.defaultRowFetchSize());
    assertEquals(ReadFrom.NEAREST, parse("jdbc:quorate://h?readFrom=nearest").readFrom());
    assertEquals(ReadFrom.PRIMARY, parse("jdbc:quorate://h?readFrom=PRIMARY").readFrom());
  }

  @Test
  void unknownOptionsAreKeptInOrderForSessionSettings() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h/db?user=u&search_path=app%2Cpublic&TimeZone=Europe%2FParis&flag");
    assertEquals(List.of("search_path", "TimeZone", "flag"), List.copyOf(url.otherOptions().keySet()));
    assertEquals("app,public", url.otherOptions().get("search_path"));
    assertEquals("Europe/Paris", url.otherOptions().get("TimeZone"));
    assertEquals("", url.otherOptions().get("flag"));
    assertThrows(UnsupportedOperationException.class, () -> url.otherOptions().put("x", "y"));
  }

  @Test
  void propertiesOverrideTheUrlAndAddOptions() throws SQLException {
    ConnectionUrl url = ConnectionUrl.parse("jdbc:quorate://h/db?user=fromUrl&password=urlpw&readFrom=standby",
        properties("user", "fromProps", "password", "propspw", "connectTimeout", "7", "work_mem", "8MB"));
    assertEquals("fromProps", url.user());
    assertEquals("propspw", url.password());
    assertEquals(ReadFrom.STANDBY, url.readFrom());
    assertEquals(7, url.connectTimeoutSeconds());
    assertEquals(Map.of("work_mem", "8MB"), url.otherOptions());
    Properties defaults = properties("user", "fromDefaults");
    assertEquals("fromDefaults", ConnectionUrl.parse("jdbc:quorate://h", new Properties(defaults)).user());
  }

  @Test
  void queryValuesAndTheDatabaseArePercentDecoded() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h/my%20db?user=al%C3%AFce&password=a%26b%3Dc%2Bd+e&applicationName=x%3Fy");
    assertEquals("my db", url.database());
    assertEquals("alïce", url.user());
    assertEquals("a&b=c+d e", url.password()); // '+' is a space, as pgjdbc's URLDecoder reads it
    assertEquals("x?y", url.applicationName());
    assertEquals("a/b", parse("jdbc:quorate://h/a%2Fb").database());
  }

  @Test
  void laterDuplicatesWinAndEmptyPairsAreSkipped() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h?user=a&&user=b&");
    assertEquals("b", url.user());
  }

  @Test
  void anEmptyUserMeansTheOsUserAndAnEmptyPasswordMeansNone() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h?user=&password=");
    assertEquals(System.getProperty("user.name"), url.user());
    assertNull(url.password());
  }

  @Test
  void malformedUrlsAre08001NamingThePart() {
    assertFails("08001", "jdbc:postgresql://h/db", null);
    assertFails("08001", null, null);
    assertTrue(assertFails("08001", "jdbc:quorate:db", null).getMessage().contains("jdbc:quorate://"));
    assertTrue(assertFails("08001", "jdbc:quorate://", null).getMessage().contains("no host"));
    assertTrue(assertFails("08001", "jdbc:quorate:///db", null).getMessage().contains("no host"));
    assertTrue(assertFails("08001", "jdbc:quorate://h1,,h2/db", null).getMessage().contains("empty"));
    assertTrue(assertFails("08001", "jdbc:quorate://h1,/db", null).getMessage().contains("empty"));
    assertTrue(assertFails("08001", "jdbc:quorate://:7200/db", null).getMessage().contains("empty"));
    assertTrue(assertFails("08001", "jdbc:quorate://h/a/b", null).getMessage().contains("'/'"));
    assertTrue(assertFails("08001", "jdbc:quorate://bad_host!/db", null).getMessage().contains("bad_host!"));
  }

  @Test
  void badPortsAreRefused() {
    for (String port : List.of("0", "65536", "-1", "x", "", "72OO", "999999", "+80", " 80")) {
      SQLException error = assertFails("08001", "jdbc:quorate://h1,h2:" + port + "/db", null);
      assertTrue(error.getMessage().contains("port") && error.getMessage().contains("h2:" + port), error.getMessage());
    }
    assertFails("08001", "jdbc:quorate://[::1]:/db", null);
    assertFails("08001", "jdbc:quorate://[::1]:99999/db", null);
  }

  @Test
  void ipv6MustBeBracketedAndWellFormed() {
    assertTrue(assertFails("08001", "jdbc:quorate://::1/db", null).getMessage().contains("brackets"));
    assertTrue(assertFails("08001", "jdbc:quorate://fe80::1:7200/db", null).getMessage().contains("brackets"));
    assertFails("08001", "jdbc:quorate://[::1/db", null);
    assertFails("08001", "jdbc:quorate://[]:7200/db", null);
    assertFails("08001", "jdbc:quorate://[host]:7200/db", null);
    assertFails("08001", "jdbc:quorate://[::1]x/db", null);
    assertFails("08001", "jdbc:quorate://[::1]7200/db", null);
  }

  @Test
  void badPercentEncodingIs08001WithoutEchoingTheValue() {
    SQLException error = assertFails("08001", "jdbc:quorate://h/db?password=" + SECRET + "%zz", null);
    assertTrue(error.getMessage().contains("password"), error.getMessage());
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    assertFails("08001", "jdbc:quorate://h/d%zb", null);
    assertFails("08001", "jdbc:quorate://h/db?%=x", null);
    assertFails("08001", "jdbc:quorate://h/db?=x", null);
  }

  @Test
  void credentialsBeforeTheHostAreRefusedWithoutEchoingThem() {
    SQLException error = assertFails("08001", "jdbc:quorate://alice:" + SECRET + "@h1:7200/db", null);
    assertFalse(error.getMessage().contains(SECRET), error.getMessage());
    assertTrue(error.getMessage().contains("?user="), error.getMessage());
  }

  @Test
  void badOptionValuesAre22023NamingTheOption() {
    for (String option : List.of("loginTimeout", "connectTimeout", "socketTimeout", "failoverTimeout",
        "maxStalenessMillis", "defaultRowFetchSize")) {
      for (String bad : List.of("-1", "ten", "", "1.5", "99999999999999999999")) {
        SQLException error = assertFails("22023", "jdbc:quorate://h?" + option + "=" + bad, null);
        assertTrue(error.getMessage().contains(option) && error.getMessage().contains("\"" + bad + "\""),
            error.getMessage());
      }
    }
    assertFails("22023", "jdbc:quorate://h?socketTimeout=2147483648", null);
    SQLException readFrom = assertFails("22023", "jdbc:quorate://h?readFrom=leader", null);
    assertTrue(readFrom.getMessage().contains("readFrom") && readFrom.getMessage().contains("standby"),
        readFrom.getMessage());
    assertFails("22023", "jdbc:quorate://h", properties("connectTimeout", "soon"));
  }

  @Test
  void largestValuesAreAccepted() throws SQLException {
    ConnectionUrl url = parse("jdbc:quorate://h?socketTimeout=2147483647&maxStalenessMillis=9223372036854775807"
        + "&connectTimeout=%200");
    assertEquals(Integer.MAX_VALUE, url.socketTimeoutSeconds());
    assertEquals(Long.MAX_VALUE, url.maxStalenessMillis());
    assertEquals(0, url.connectTimeoutSeconds());
  }

  @Test
  void toStringNeverShowsThePassword() throws SQLException {
    ConnectionUrl fromUrl = parse("jdbc:quorate://h1,[::1]:7201/db?user=alice&password=" + SECRET + "&work_mem=4MB");
    String text = fromUrl.toString();
    assertFalse(text.contains(SECRET), text);
    assertTrue(text.contains("password=***") && text.contains("[::1]:7201") && text.contains("alice")
        && text.contains("work_mem=4MB"), text);
    ConnectionUrl fromProperties = ConnectionUrl.parse("jdbc:quorate://h", properties("password", SECRET));
    assertFalse(fromProperties.toString().contains(SECRET), fromProperties.toString());
    assertTrue(parse("jdbc:quorate://h").toString().contains("password=none"));
  }
}
