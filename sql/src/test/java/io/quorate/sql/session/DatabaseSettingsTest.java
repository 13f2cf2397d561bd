package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.catalog.DatabaseSetting;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvTransaction;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The database's settings: checked against the registry, stored in the catalog, and the defaults of new sessions. */
class DatabaseSettingsTest {

  private final InMemoryKvStore store = new InMemoryKvStore();
  private final Engine engine = new Engine(store);

  private static String show(Session session, String name) {
    return (String) session.execute("SHOW " + name).get(0).rows().get(0)[0];
  }

  @Test
  void newSessionsStartWithTheSettingAndResetReturnsToIt() {
    try (Session before = engine.openSession()) {
      assertEquals("5s", engine.databaseSettings().set("statement_timeout", "5000"), "stored as SHOW prints it");
      assertEquals("0", show(before, "statement_timeout"), "an open session keeps its value");
    }
    engine.databaseSettings().set("default_transaction_isolation", "SERIALIZABLE");
    engine.databaseSettings().set("timezone", "Europe/Paris");
    try (Session session = engine.openSession()) {
      assertEquals("5s", show(session, "statement_timeout"));
      assertEquals("serializable", show(session, "transaction_isolation"));
      assertEquals("Europe/Paris", show(session, "TimeZone"));
      session.execute("SET statement_timeout = 100");
      session.execute("RESET statement_timeout");
      assertEquals("5s", show(session, "statement_timeout"), "RESET returns to the database's setting");
      session.execute("SET TimeZone = 'UTC'; RESET ALL");
      assertEquals("Europe/Paris", show(session, "TimeZone"));
    }
    assertEquals(Map.of("statement_timeout", "5s", "default_transaction_isolation", "serializable",
        "TimeZone", "Europe/Paris"), engine.databaseSettings().values(), "names as SHOW spells them");
  }

  @Test
  void settingsAreCatalogRowsThatAnotherEngineOnTheStoreReads() {
    engine.databaseSettings().set("search_path", "app, public");
    Engine restarted = Engine.withoutBootstrap(store);
    try (Session session = restarted.openSession()) {
      assertEquals("app, public", show(session, "search_path"));
    }
    assertTrue(restarted.databaseSettings().reset("search_path"));
    assertFalse(restarted.databaseSettings().reset("search_path"), "nothing left to reset");
    try (Session session = engine.openSession()) {
      assertEquals("\"$user\", public", show(session, "search_path"));
    }
  }

  @Test
  void unknownNamesAndBadValuesAreRefusedAndNothingIsStored() {
    SqlException unknown = assertThrows(SqlException.class, () -> engine.databaseSettings().set("colour", "blue"));
    assertEquals(SqlState.UNDEFINED_OBJECT, unknown.state());
    assertTrue(unknown.hint().contains("statement_timeout"), "the hint lists what can be set: " + unknown.hint());
    SqlException ignored = assertThrows(SqlException.class, () -> DatabaseSettings.check("lock_timeout", "1s"));
    assertEquals(SqlState.UNDEFINED_OBJECT, ignored.state(), "a parameter the engine does not act on is not listed");
    assertEquals(SqlState.UNDEFINED_OBJECT,
        assertThrows(SqlException.class, () -> DatabaseSettings.check("server_version", "16")).state());

    SqlException badEnum = assertThrows(SqlException.class,
        () -> engine.databaseSettings().set("default_transaction_isolation", "chaos"));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, badEnum.state());
    assertTrue(badEnum.hint().contains("serializable"), badEnum.hint());
    SqlException tooLong = assertThrows(SqlException.class, () -> DatabaseSettings.check("statement_timeout", "25d"));
    assertTrue(tooLong.getMessage().contains("outside the valid range"), tooLong.getMessage());
    SqlException overflow = assertThrows(SqlException.class,
        () -> DatabaseSettings.check("statement_timeout", "99999999999999999999"));
    assertEquals(SqlState.INVALID_PARAMETER_VALUE, overflow.state());
    SqlException notBoolean = assertThrows(SqlException.class,
        () -> DatabaseSettings.check("default_transaction_read_only", "perhaps"));
    assertTrue(notBoolean.hint().contains("on, off"), notBoolean.hint());
    assertEquals(SqlState.INVALID_PARAMETER_VALUE,
        assertThrows(SqlException.class, () -> DatabaseSettings.check("TimeZone", "Mars/Olympus")).state());
    assertEquals(Map.of(), engine.databaseSettings().values());
  }

  @Test
  void everyDefinitionNamesAParameterSessionsHaveAndAcceptsItsDefault() {
    for (DatabaseSettings.Definition definition : DatabaseSettings.DEFINITIONS) {
      String builtIn = DatabaseSettings.builtInDefault(definition.name());
      assertEquals(builtIn, DatabaseSettings.check(definition.name(), builtIn), definition.name());
    }
  }

  @Test
  void aStoredValueThisVersionRefusesIsSkippedNotFatal() {
    try (KvTransaction transaction = store.begin(KvIsolation.SERIALIZABLE, false)) {
      engine.catalog().putDatabaseSetting(transaction, new DatabaseSetting("statement_timeout", "soon"));
      engine.catalog().putDatabaseSetting(transaction, new DatabaseSetting("no_longer_known", "x"));
      engine.catalog().putDatabaseSetting(transaction, new DatabaseSetting("TimeZone", "UTC"));
      transaction.commit();
    }
    try (Session session = engine.openSession()) {
      assertEquals("0", show(session, "statement_timeout"));
      assertEquals("UTC", show(session, "TimeZone"));
    }
  }

  @Test
  void aSessionOpenedBeforeTheCatalogExistsHasTheBuiltInDefaults() {
    try (Session session = Engine.withoutBootstrap(new InMemoryKvStore()).openSession()) {
      assertEquals("read committed", session.settings().get("default_transaction_isolation"));
    }
  }
}
