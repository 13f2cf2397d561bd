package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that pgjdbc's DatabaseMetaData key and index queries answer as they do against
 * PostgreSQL 15 for the same schema (the expected rows were taken from pgjdbc 42.7.14 on
 * PostgreSQL 15, the catalog name aside).
 */
class PgMetadataTest {

  private static PgTestServer server;
  private static Connection connection;

  @BeforeAll
  static void schema() throws Exception {
    server = new PgTestServer();
    connection = server.connect();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL)");
      statement.execute("CREATE INDEX accounts_owner ON accounts (owner)");
      statement.execute("CREATE TABLE notes (id serial PRIMARY KEY, account_id integer REFERENCES accounts (id))");
      statement.execute("CREATE TABLE pairs (a integer, b text, c integer, d integer, PRIMARY KEY (b, a))");
      statement.execute("CREATE UNIQUE INDEX pairs_c_d ON pairs (c DESC, d)");
      statement.execute("CREATE INDEX pairs_d ON pairs (d)");
      statement.execute("CREATE TABLE links (id integer PRIMARY KEY, pa integer, pb text, "
          + "FOREIGN KEY (pb, pa) REFERENCES pairs (b, a) ON DELETE CASCADE)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
    server.close();
  }

  /** The rows as "a|b|c" strings, the given columns only. */
  private static List<String> rows(ResultSet result, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (result) {
      while (result.next()) {
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
          cells.add(result.getString(column));
        }
        rows.add(String.join("|", cells));
      }
    }
    return rows;
  }

  @Test
  void primaryKeysInKeySequenceOrder() throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String[] columns = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"};
    assertEquals(List.of("quorate|public|accounts|id|1|accounts_pkey"),
        rows(metadata.getPrimaryKeys(null, "public", "accounts"), columns));
    assertEquals(List.of("quorate|public|pairs|b|1|pairs_pkey", "quorate|public|pairs|a|2|pairs_pkey"),
        rows(metadata.getPrimaryKeys(null, "public", "pairs"), columns));
  }

  @Test
  void indexInfoWithOrdinalPositionsAndDirections() throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String[] columns = {"TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION",
        "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION"};
    assertEquals(List.of("accounts|f|null|accounts_pkey|3|1|id|A|0|1|null",
        "accounts|t|null|accounts_owner|3|1|owner|A|0|1|null"),
        rows(metadata.getIndexInfo(null, "public", "accounts", false, false), columns));
    List<String> unique = List.of("pairs|f|null|pairs_c_d|3|1|c|D|0|1|null", "pairs|f|null|pairs_c_d|3|2|d|A|0|1|null",
        "pairs|f|null|pairs_pkey|3|1|b|A|0|1|null", "pairs|f|null|pairs_pkey|3|2|a|A|0|1|null");
    List<String> all = new ArrayList<>(unique);
    all.add("pairs|t|null|pairs_d|3|1|d|A|0|1|null");
    assertEquals(all, rows(metadata.getIndexInfo(null, "public", "pairs", false, false), columns));
    assertEquals(unique, rows(metadata.getIndexInfo(null, "public", "pairs", true, false), columns));
  }

  @Test
  void importedAndExportedKeys() throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    String[] columns = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
        "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
    List<String> notes = List.of("accounts|id|notes|account_id|1|3|3|notes_account_id_fkey|accounts_pkey|7");
    assertEquals(notes, rows(metadata.getImportedKeys(null, "public", "notes"), columns));
    assertEquals(notes, rows(metadata.getExportedKeys(null, "public", "accounts"), columns));
    assertEquals(List.of("pairs|b|links|pb|1|3|0|links_pb_pa_fkey|pairs_pkey|7",
        "pairs|a|links|pa|2|3|0|links_pb_pa_fkey|pairs_pkey|7"),
        rows(metadata.getImportedKeys(null, "public", "links"), columns));
  }
}
