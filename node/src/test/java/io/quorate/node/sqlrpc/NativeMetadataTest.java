package io.quorate.node.sqlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves that the native driver's DatabaseMetaData describes a schema as pgjdbc does over
 * the PostgreSQL protocol on the same engine, apart from the driver's documented type
 * choices; that its results have the columns the JDBC javadoc names; that patterns follow
 * LIKE with the backslash escape; and that its supports* answers match what the
 * connection and the engine do.
 */
class NativeMetadataTest {

  private static NativeAndPgServer server;
  private static Connection connection;
  private static Connection pgjdbc;
  private static DatabaseMetaData metadata;
  private static DatabaseMetaData pgMetadata;

  @BeforeAll
  static void schema() throws Exception {
    server = new NativeAndPgServer();
    connection = server.connectNative();
    pgjdbc = server.connectPgjdbc();
    metadata = connection.getMetaData();
    pgMetadata = pgjdbc.getMetaData();
    try (Statement statement = connection.createStatement()) {
      for (String ddl : List.of(
          "CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL, balance numeric(12,2) DEFAULT 0,"
              + " note varchar(40), code char(3), created timestamptz, active boolean)",
          "CREATE INDEX accounts_owner ON accounts (owner)",
          "CREATE TABLE notes (id serial PRIMARY KEY, account_id integer REFERENCES accounts (id), body text)",
          "CREATE TABLE pairs (a integer, b text, c integer, d integer, PRIMARY KEY (b, a))",
          "CREATE UNIQUE INDEX pairs_c_d ON pairs (c DESC, d)",
          "CREATE INDEX pairs_d ON pairs (d)",
          "CREATE TABLE links (id integer PRIMARY KEY, pa integer, pb text,"
              + " FOREIGN KEY (pb, pa) REFERENCES pairs (b, a) ON DELETE CASCADE ON UPDATE SET NULL)",
          "CREATE TABLE transfers (id integer PRIMARY KEY, source integer REFERENCES accounts (id) ON DELETE RESTRICT,"
              + " target integer REFERENCES accounts (id) ON DELETE SET NULL)",
          "CREATE TABLE shrunk (a integer, b integer, c integer)",
          "ALTER TABLE shrunk DROP COLUMN b",
          "CREATE VIEW rich AS SELECT id, owner FROM accounts WHERE balance > 100",
          "CREATE SEQUENCE counter",
          "CREATE TABLE a_b (k integer)",
          "CREATE SCHEMA other",
          "CREATE TABLE other.a_b (x bigint, y smallint GENERATED ALWAYS AS IDENTITY, z double precision, w real,"
              + " v date, u time, t timestamp, s uuid, r jsonb, q integer[], p bytea, o interval)",
          "CREATE TABLE other.axb (x integer)",
          "CREATE TABLE other.names (a_1 integer, ab1 integer, \"A_1\" integer)")) {
        statement.execute(ddl);
      }
    }
  }

  @AfterAll
  static void close() throws Exception {
    try {
      connection.close();
      pgjdbc.close();
    } finally {
      server.close();
    }
  }

  /** The rows as "a|b|c" strings of the given columns. */
  private static List<String> rows(ResultSet result, String... columns) throws SQLException {
    return rows(result, UnaryOperator.identity(), columns);
  }

  /** The rows as "a|b|c" strings of the given columns, each row's values passed through {@code adjust} first. */
  private static List<String> rows(ResultSet result, UnaryOperator<Map<String, String>> adjust, String... columns)
      throws SQLException {
    List<String> rows = new ArrayList<>();
    try (result) {
      while (result.next()) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : columns) {
          values.put(column, result.getString(column));
        }
        rows.add(String.join("|", adjust.apply(values).values()));
      }
    }
    return rows;
  }

  // ---- the same answers as pgjdbc

  @Test
  void tablesMatchPgjdbc() throws SQLException {
    String[] columns = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE"};
    List<String[]> arguments = List.of(
        new String[] {null, "%"}, new String[] {"other", "a\\_b"}, new String[] {null, "a_b"});
    for (String[] argument : arguments) {
      for (String[] types : new String[][] {null, {"TABLE"}, {"VIEW", "SEQUENCE", "INDEX"}}) {
        List<String> expected = rows(pgMetadata.getTables(null, argument[0], argument[1], types), columns);
        String call = "getTables(" + argument[0] + ", " + argument[1] + ", " + Arrays.toString(types) + ")";
        assertFalse(expected.isEmpty() && types == null, "pgjdbc found nothing: " + call);
        assertEquals(expected, rows(metadata.getTables(null, argument[0], argument[1], types), columns), call);
      }
    }
  }

  /**
   * pgjdbc's column types with the native driver's documented choices applied: serial
   * types are their integer types, boolean is BOOLEAN (pgjdbc: BIT), timestamptz is
   * TIMESTAMP_WITH_TIMEZONE (pgjdbc: TIMESTAMP) and arrays are OTHER, as the drivers'
   * ResultSetMetaData say. Sizes and digits are compared only for the types where both
   * define them alike.
   */
  private static Map<String, String> asNativeDescribes(Map<String, String> pgjdbcRow) {
    Map<String, String> row = new LinkedHashMap<>(pgjdbcRow);
    String type = switch (row.get("TYPE_NAME")) {
      case "serial" -> "int4";
      case "bigserial" -> "int8";
      case "smallserial" -> "int2";
      default -> row.get("TYPE_NAME");
    };
    row.put("TYPE_NAME", type);
    if (type.equals("bool")) {
      row.put("DATA_TYPE", Integer.toString(Types.BOOLEAN));
    } else if (type.equals("timestamptz")) {
      row.put("DATA_TYPE", Integer.toString(Types.TIMESTAMP_WITH_TIMEZONE));
    } else if (type.startsWith("_")) {
      row.put("DATA_TYPE", Integer.toString(Types.OTHER));
    }
    return withoutSizesUnlessAlike(row);
  }

  /**
   * Sizes where both drivers define them alike: numbers, strings, dates and times.
   * Strings have no DECIMAL_DIGITS (pgjdbc: 0; JDBC: null where it does not apply).
   */
  private static Map<String, String> withoutSizesUnlessAlike(Map<String, String> row) {
    String type = row.get("TYPE_NAME");
    if (!List.of("int2", "int4", "int8", "numeric", "date", "time", "timestamp", "timestamptz").contains(type)) {
      row.put("DECIMAL_DIGITS", "-");
      if (!List.of("varchar", "bpchar", "text").contains(type)) {
        row.put("COLUMN_SIZE", "-");
      }
    }
    return row;
  }

  @Test
  void columnsMatchPgjdbc() throws SQLException {
    String[] columns = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
        "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE", "COLUMN_DEF", "ORDINAL_POSITION", "IS_NULLABLE",
        "IS_AUTOINCREMENT"};
    for (String schema : new String[] {"public", "other"}) {
      List<String> expected = rows(pgMetadata.getColumns(null, schema, "%", "%"),
          NativeMetadataTest::asNativeDescribes, columns);
      assertTrue(expected.size() > 10, "pgjdbc described too few columns: " + expected);
      assertEquals(expected, rows(metadata.getColumns(null, schema, "%", "%"),
          NativeMetadataTest::withoutSizesUnlessAlike, columns), "getColumns of schema " + schema);
    }
  }

  @Test
  void primaryKeysMatchPgjdbcInColumnNameOrder() throws SQLException {
    String[] columns = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"};
    for (String table : new String[] {"accounts", "pairs", "notes", "a_b"}) {
      List<String> expected = new ArrayList<>(rows(pgMetadata.getPrimaryKeys(null, null, table), columns));
      expected.sort(Comparator.comparing(row -> row.split("\\|")[3])); // JDBC: ordered by COLUMN_NAME
      assertEquals(expected, rows(metadata.getPrimaryKeys(null, null, table), columns), "primary key of " + table);
    }
    assertEquals(List.of("quorate|public|pairs|a|2|pairs_pkey", "quorate|public|pairs|b|1|pairs_pkey"),
        rows(metadata.getPrimaryKeys(null, "public", "pairs"), columns));
    assertEquals(List.of(), rows(metadata.getPrimaryKeys(null, "other", "pairs"), columns));
  }

  @Test
  void indexInfoMatchesPgjdbc() throws SQLException {
    String[] columns = {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME",
        "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "FILTER_CONDITION"};
    for (String table : new String[] {"accounts", "pairs", "links", "a_b"}) {
      for (boolean unique : new boolean[] {false, true}) {
        assertEquals(rows(pgMetadata.getIndexInfo(null, null, table, unique, false), columns),
            rows(metadata.getIndexInfo(null, null, table, unique, false), columns),
            "getIndexInfo(" + table + ", unique " + unique + ")");
      }
    }
    assertEquals(List.of("pairs_c_d|1|c|D", "pairs_c_d|2|d|A", "pairs_pkey|1|b|A", "pairs_pkey|2|a|A"),
        rows(metadata.getIndexInfo(null, "public", "pairs", true, true), "INDEX_NAME", "ORDINAL_POSITION",
            "COLUMN_NAME", "ASC_OR_DESC"));
    try (ResultSet index = metadata.getIndexInfo(null, "public", "accounts", false, false)) {
      assertTrue(index.next());
      index.getLong("CARDINALITY");
      assertTrue(index.wasNull(), "no statistics: CARDINALITY is null");
      index.getLong("PAGES");
      assertTrue(index.wasNull(), "no statistics: PAGES is null");
    }
  }

  @Test
  void foreignKeysMatchPgjdbc() throws SQLException {
    String[] columns = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
        "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
        "PK_NAME", "DEFERRABILITY"};
    for (String table : new String[] {"notes", "links", "transfers", "accounts", "pairs"}) {
      assertEquals(rows(pgMetadata.getImportedKeys(null, "public", table), columns),
          rows(metadata.getImportedKeys(null, "public", table), columns), "imported keys of " + table);
      assertEquals(rows(pgMetadata.getExportedKeys(null, "public", table), columns),
          rows(metadata.getExportedKeys(null, "public", table), columns), "exported keys of " + table);
    }
    assertEquals(rows(pgMetadata.getCrossReference(null, "public", "pairs", null, "public", "links"), columns),
        rows(metadata.getCrossReference(null, "public", "pairs", null, "public", "links"), columns));
    assertEquals(List.of("b|pb|1|2|0", "a|pa|2|2|0"),
        rows(metadata.getImportedKeys(null, "public", "links"), "PKCOLUMN_NAME", "FKCOLUMN_NAME", "KEY_SEQ",
            "UPDATE_RULE", "DELETE_RULE"),
        "ON UPDATE SET NULL is importedKeySetNull (2), ON DELETE CASCADE importedKeyCascade (0)");
    assertEquals(List.of("transfers|transfers_source_fkey|1", "transfers|transfers_target_fkey|2"),
        rows(metadata.getCrossReference(null, "public", "accounts", null, "public", "transfers"), "FKTABLE_NAME",
            "FK_NAME", "DELETE_RULE"),
        "ON DELETE RESTRICT is importedKeyRestrict (1), ON DELETE SET NULL importedKeySetNull (2)");
  }

  // ---- patterns and filters

  @Test
  void tableNamePatternsUseLikeWithTheBackslashEscape() throws SQLException {
    assertEquals("\\", metadata.getSearchStringEscape());
    assertEquals(List.of("other|a_b"), rows(metadata.getTables(null, "other", "a\\_b", null), "TABLE_SCHEM",
        "TABLE_NAME"));
    assertEquals(List.of("other|a_b", "other|axb", "public|a_b"), rows(metadata.getTables(null, null, "a_b", null),
        "TABLE_SCHEM", "TABLE_NAME"), "_ matches any one character; a null schema pattern does not narrow");
    assertEquals(List.of("other|a_b", "public|a_b"), rows(metadata.getTables(null, null, "a\\_b", null),
        "TABLE_SCHEM", "TABLE_NAME"));
    assertEquals(List.of("SEQUENCE|a_b_y_seq", "TABLE|a_b", "TABLE|axb", "TABLE|names"),
        rows(metadata.getTables(null, "oth%", "%", null), "TABLE_TYPE", "TABLE_NAME"),
        "the identity column's sequence too, ordered by type first");
    assertEquals(List.of(), rows(metadata.getTables(null, "", "%", null), "TABLE_NAME"),
        "every table has a schema: \"\" matches none");
  }

  @Test
  void tableTypesFilterTables() throws SQLException {
    assertEquals(List.of("VIEW|rich"), rows(metadata.getTables(null, "public", "%", new String[] {"VIEW"}),
        "TABLE_TYPE", "TABLE_NAME"));
    assertEquals(List.of("SEQUENCE|counter", "SEQUENCE|notes_id_seq", "VIEW|rich"),
        rows(metadata.getTables(null, "public", "%", new String[] {"VIEW", "SEQUENCE"}), "TABLE_TYPE", "TABLE_NAME"));
    assertEquals(List.of("other|a_b|TABLE", "public|a_b|TABLE"),
        rows(metadata.getTables(null, null, "a\\_b", new String[] {"TABLE"}), "TABLE_SCHEM", "TABLE_NAME",
            "TABLE_TYPE"));
    assertEquals(List.of(), rows(metadata.getTables(null, null, "%", new String[0]), "TABLE_NAME"));
    assertEquals(List.of("pg_class|SYSTEM TABLE", "pg_indexes|SYSTEM VIEW"),
        rows(metadata.getTables(null, "pg\\_catalog", "pg\\_%", new String[] {"SYSTEM TABLE", "SYSTEM VIEW"}),
            "TABLE_NAME", "TABLE_TYPE").stream().filter(row -> row.startsWith("pg_class|")
            || row.startsWith("pg_indexes|")).toList());
    List<String> types = rows(metadata.getTableTypes(), "TABLE_TYPE");
    assertEquals(List.of("INDEX", "SEQUENCE", "SYSTEM TABLE", "SYSTEM VIEW", "TABLE", "VIEW"), types);
    List<String> found = rows(metadata.getTables(null, null, "%", null), "TABLE_TYPE").stream().distinct().toList();
    assertTrue(types.containsAll(found), "getTables returned a type getTableTypes does not list: " + found);
  }

  @Test
  void columnNamePatternsAreCaseSensitiveLikePatterns() throws SQLException {
    assertEquals(List.of("a_1|1"), rows(metadata.getColumns(null, "other", "names", "a\\_1"), "COLUMN_NAME",
        "ORDINAL_POSITION"));
    assertEquals(List.of("a_1|1", "ab1|2"), rows(metadata.getColumns(null, "other", "names", "a_1"), "COLUMN_NAME",
        "ORDINAL_POSITION"));
    assertEquals(List.of("A_1|3"), rows(metadata.getColumns(null, "other", "names", "A%"), "COLUMN_NAME",
        "ORDINAL_POSITION"), "the position counts all columns, not the matching ones");
    assertEquals(List.of("a|1", "c|2"), rows(metadata.getColumns(null, "public", "shrunk", null), "COLUMN_NAME",
        "ORDINAL_POSITION"), "a dropped column takes no position");
    assertEquals(List.of("other|a_b|x", "public|a_b|k"), rows(metadata.getColumns(null, null, "a\\_b", "_"),
        "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME").stream().filter(row -> row.endsWith("|x") || row.endsWith("|k"))
        .toList());
  }

  @Test
  void schemasAndCatalogs() throws SQLException {
    assertEquals(List.of("other|quorate"), rows(metadata.getSchemas(null, "oth%"), "TABLE_SCHEM", "TABLE_CATALOG"));
    List<String> all = rows(metadata.getSchemas(), "TABLE_SCHEM");
    assertTrue(all.containsAll(List.of("information_schema", "other", "pg_catalog", "public")), all.toString());
    assertEquals(all.stream().sorted().toList(), all, "ordered by TABLE_SCHEM");
    assertEquals(List.of("quorate"), rows(metadata.getCatalogs(), "TABLE_CAT"));
  }

  // ---- types

  @Test
  void typeInfoListsTheEngineTypesWithTheirJdbcTypes() throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    List<Integer> order = new ArrayList<>();
    try (ResultSet info = metadata.getTypeInfo()) {
      while (info.next()) {
        types.put(info.getString("TYPE_NAME"), info.getInt("DATA_TYPE") + "|" + info.getString("PRECISION") + "|"
            + info.getString("CREATE_PARAMS") + "|" + info.getString("LITERAL_PREFIX"));
        order.add(info.getInt("DATA_TYPE"));
      }
    }
    assertEquals(Types.INTEGER + "|10|null|null", types.get("int4"));
    assertEquals(Types.BIGINT + "|19|null|null", types.get("int8"));
    assertEquals(Types.SMALLINT + "|5|null|null", types.get("int2"));
    assertEquals(Types.VARCHAR + "|2147483647|null|'", types.get("text"));
    assertEquals(Types.VARCHAR + "|2147483647|length|'", types.get("varchar"));
    assertEquals(Types.CHAR + "|2147483647|length|'", types.get("bpchar"));
    assertEquals(Types.NUMERIC + "|1000|precision,scale|null", types.get("numeric"));
    assertEquals(Types.BOOLEAN + "|1|null|null", types.get("bool"));
    assertEquals(Types.DOUBLE + "|17|null|null", types.get("float8"));
    assertEquals(Types.BINARY + "|2147483647|null|'", types.get("bytea"));
    assertEquals(Types.TIMESTAMP_WITH_TIMEZONE + "|35|null|'", types.get("timestamptz"));
    assertEquals(Types.OTHER + "|null|null|'", types.get("uuid"));
    assertEquals(Types.OTHER + "|null|null|'", types.get("_int4"));
    assertFalse(types.containsKey("unknown") || types.containsKey("record") || types.containsKey("void"),
        "pseudo-types are no column types: " + types.keySet());
    assertEquals(order.stream().sorted().toList(), order, "ordered by DATA_TYPE");
    List<String> names = new ArrayList<>(types.keySet());
    assertTrue(names.indexOf("varchar") < names.indexOf("text"), "varchar maps to VARCHAR more closely than text");
  }

  /** The DATA_TYPE of getTypeInfo and getColumns is what ResultSetMetaData reports for a value of the type. */
  @Test
  void dataTypesAgreeWithResultSetMetaData() throws SQLException {
    Map<String, Integer> declared = new LinkedHashMap<>();
    try (ResultSet info = metadata.getTypeInfo()) {
      while (info.next()) {
        declared.put(info.getString("LOCAL_TYPE_NAME"), info.getInt("DATA_TYPE"));
      }
    }
    StringBuilder select = new StringBuilder("SELECT ");
    declared.keySet().forEach(type -> select.append(select.length() > 7 ? ", " : "").append("CAST(NULL AS ")
        .append(type).append(')'));
    try (Statement statement = connection.createStatement(); ResultSet values = statement.executeQuery(
        select.toString())) {
      ResultSetMetaData described = values.getMetaData();
      List<String> types = new ArrayList<>(declared.keySet());
      for (int i = 0; i < types.size(); i++) {
        assertEquals(declared.get(types.get(i)).intValue(), described.getColumnType(i + 1), types.get(i));
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet values = statement.executeQuery("SELECT * FROM other.a_b");
        ResultSet columns = metadata.getColumns(null, "other", "a\\_b", "%")) {
      ResultSetMetaData described = values.getMetaData();
      int checked = 0;
      while (columns.next()) {
        assertEquals(described.getColumnType(columns.getInt("ORDINAL_POSITION")), columns.getInt("DATA_TYPE"),
            columns.getString("COLUMN_NAME"));
        checked++;
      }
      assertEquals(described.getColumnCount(), checked);
    }
  }

  // ---- result columns as the JDBC javadoc names them

  /** The javadoc's columns of each method: "NAME type, ..." with Java types; "-" for a type it leaves open. */
  private static void assertColumns(String javadoc, ResultSet result) throws SQLException {
    try (result) {
      ResultSetMetaData described = result.getMetaData();
      String[] columns = javadoc.split(", ");
      List<String> actual = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < described.getColumnCount(); i++) {
        String type = i < columns.length ? columns[i].split(" ")[1] : "?";
        actual.add(described.getColumnLabel(i + 1) + " " + (type.equals("-") ? "-" : javaType(described, i + 1)));
      }
      for (String column : columns) {
        expected.add(column.startsWith("* ") ? actual.get(expected.size()).split(" ")[0] + column.substring(1)
            : column);
      }
      assertEquals(expected, actual);
    }
  }

  private static String javaType(ResultSetMetaData described, int column) throws SQLException {
    return switch (described.getColumnType(column)) {
      case Types.VARCHAR -> "String";
      case Types.INTEGER -> "int";
      case Types.SMALLINT -> "short";
      case Types.BIGINT -> "long";
      case Types.BOOLEAN -> "boolean";
      default -> "type " + described.getColumnTypeName(column);
    };
  }

  @Test
  void resultColumnsAreTheJavadocs() throws SQLException {
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, TABLE_TYPE String, REMARKS String,"
        + " TYPE_CAT String, TYPE_SCHEM String, TYPE_NAME String, SELF_REFERENCING_COL_NAME String,"
        + " REF_GENERATION String", metadata.getTables(null, null, "%", null));
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, COLUMN_NAME String, DATA_TYPE int,"
        + " TYPE_NAME String, COLUMN_SIZE int, BUFFER_LENGTH -, DECIMAL_DIGITS int, NUM_PREC_RADIX int,"
        + " NULLABLE int, REMARKS String, COLUMN_DEF String, SQL_DATA_TYPE int, SQL_DATETIME_SUB int,"
        + " CHAR_OCTET_LENGTH int, ORDINAL_POSITION int, IS_NULLABLE String, SCOPE_CATALOG String,"
        + " SCOPE_SCHEMA String, SCOPE_TABLE String, SOURCE_DATA_TYPE short, IS_AUTOINCREMENT String,"
        + " IS_GENERATEDCOLUMN String", metadata.getColumns(null, null, "%", "%"));
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, COLUMN_NAME String, KEY_SEQ short,"
        + " PK_NAME String", metadata.getPrimaryKeys(null, null, "pairs"));
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, NON_UNIQUE boolean,"
        + " INDEX_QUALIFIER String, INDEX_NAME String, TYPE short, ORDINAL_POSITION short, COLUMN_NAME String,"
        + " ASC_OR_DESC String, CARDINALITY long, PAGES long, FILTER_CONDITION String",
        metadata.getIndexInfo(null, null, "pairs", false, true));
    String keys = "PKTABLE_CAT String, PKTABLE_SCHEM String, PKTABLE_NAME String, PKCOLUMN_NAME String,"
        + " FKTABLE_CAT String, FKTABLE_SCHEM String, FKTABLE_NAME String, FKCOLUMN_NAME String, KEY_SEQ short,"
        + " UPDATE_RULE short, DELETE_RULE short, FK_NAME String, PK_NAME String, DEFERRABILITY short";
    assertColumns(keys, metadata.getImportedKeys(null, null, "links"));
    assertColumns(keys, metadata.getExportedKeys(null, null, "pairs"));
    assertColumns(keys, metadata.getCrossReference(null, null, "pairs", null, null, "links"));
    assertColumns("TYPE_NAME String, DATA_TYPE int, PRECISION int, LITERAL_PREFIX String, LITERAL_SUFFIX String,"
        + " CREATE_PARAMS String, NULLABLE short, CASE_SENSITIVE boolean, SEARCHABLE short,"
        + " UNSIGNED_ATTRIBUTE boolean, FIXED_PREC_SCALE boolean, AUTO_INCREMENT boolean, LOCAL_TYPE_NAME String,"
        + " MINIMUM_SCALE short, MAXIMUM_SCALE short, SQL_DATA_TYPE int, SQL_DATETIME_SUB int, NUM_PREC_RADIX int",
        metadata.getTypeInfo());
    assertColumns("TABLE_SCHEM String, TABLE_CATALOG String", metadata.getSchemas());
    assertColumns("TABLE_SCHEM String, TABLE_CATALOG String", metadata.getSchemas(null, "%"));
    assertColumns("TABLE_CAT String", metadata.getCatalogs());
    assertColumns("TABLE_TYPE String", metadata.getTableTypes());
    String rowColumns = "SCOPE short, COLUMN_NAME String, DATA_TYPE int, TYPE_NAME String, COLUMN_SIZE int,"
        + " BUFFER_LENGTH int, DECIMAL_DIGITS short, PSEUDO_COLUMN short";
    assertColumns(rowColumns, metadata.getBestRowIdentifier(null, null, "pairs", DatabaseMetaData.bestRowSession,
        false));
    assertColumns(rowColumns, metadata.getVersionColumns(null, null, "pairs"));
    assertColumns("PROCEDURE_CAT String, PROCEDURE_SCHEM String, PROCEDURE_NAME String, * -, * -, * -,"
        + " REMARKS String, PROCEDURE_TYPE short, SPECIFIC_NAME String", metadata.getProcedures(null, null, "%"));
    assertColumns("PROCEDURE_CAT String, PROCEDURE_SCHEM String, PROCEDURE_NAME String, COLUMN_NAME String,"
        + " COLUMN_TYPE short, DATA_TYPE int, TYPE_NAME String, PRECISION int, LENGTH int, SCALE short,"
        + " RADIX short, NULLABLE short, REMARKS String, COLUMN_DEF String, SQL_DATA_TYPE int,"
        + " SQL_DATETIME_SUB int, CHAR_OCTET_LENGTH int, ORDINAL_POSITION int, IS_NULLABLE String,"
        + " SPECIFIC_NAME String", metadata.getProcedureColumns(null, null, "%", "%"));
    assertColumns("FUNCTION_CAT String, FUNCTION_SCHEM String, FUNCTION_NAME String, REMARKS String,"
        + " FUNCTION_TYPE short, SPECIFIC_NAME String", metadata.getFunctions(null, null, "%"));
    assertColumns("FUNCTION_CAT String, FUNCTION_SCHEM String, FUNCTION_NAME String, COLUMN_NAME String,"
        + " COLUMN_TYPE short, DATA_TYPE int, TYPE_NAME String, PRECISION int, LENGTH int, SCALE short,"
        + " RADIX short, NULLABLE short, REMARKS String, CHAR_OCTET_LENGTH int, ORDINAL_POSITION int,"
        + " IS_NULLABLE String, SPECIFIC_NAME String", metadata.getFunctionColumns(null, null, "%", "%"));
    assertColumns("TYPE_CAT String, TYPE_SCHEM String, TYPE_NAME String, CLASS_NAME String, DATA_TYPE int,"
        + " REMARKS String, BASE_TYPE short", metadata.getUDTs(null, null, "%", null));
    assertColumns("TYPE_CAT String, TYPE_SCHEM String, TYPE_NAME String, SUPERTYPE_CAT String,"
        + " SUPERTYPE_SCHEM String, SUPERTYPE_NAME String", metadata.getSuperTypes(null, null, "%"));
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, SUPERTABLE_NAME String",
        metadata.getSuperTables(null, null, "%"));
    assertColumns("TYPE_CAT String, TYPE_SCHEM String, TYPE_NAME String, ATTR_NAME String, DATA_TYPE int,"
        + " ATTR_TYPE_NAME String, ATTR_SIZE int, DECIMAL_DIGITS int, NUM_PREC_RADIX int, NULLABLE int,"
        + " REMARKS String, ATTR_DEF String, SQL_DATA_TYPE int, SQL_DATETIME_SUB int, CHAR_OCTET_LENGTH int,"
        + " ORDINAL_POSITION int, IS_NULLABLE String, SCOPE_CATALOG String, SCOPE_SCHEMA String,"
        + " SCOPE_TABLE String, SOURCE_DATA_TYPE short", metadata.getAttributes(null, null, "%", "%"));
    assertColumns("TABLE_CAT String, TABLE_SCHEM String, TABLE_NAME String, COLUMN_NAME String, DATA_TYPE int,"
        + " COLUMN_SIZE int, DECIMAL_DIGITS int, NUM_PREC_RADIX int, COLUMN_USAGE String, REMARKS String,"
        + " CHAR_OCTET_LENGTH int, IS_NULLABLE String", metadata.getPseudoColumns(null, null, "%", "%"));
    assertColumns("NAME String, MAX_LEN int, DEFAULT_VALUE String, DESCRIPTION String",
        metadata.getClientInfoProperties());
  }

  @Test
  void describesWhatTheEngineDoesNotHaveAsEmpty() throws SQLException {
    assertEquals(List.of(), rows(metadata.getProcedures(null, null, "%"), "PROCEDURE_NAME"));
    assertEquals(List.of(), rows(metadata.getFunctions(null, null, "%"), "FUNCTION_NAME"));
    assertEquals(List.of(), rows(metadata.getUDTs(null, null, "%", null), "TYPE_NAME"));
    assertEquals(List.of(), rows(metadata.getSuperTables(null, null, "%"), "TABLE_NAME"));
    assertEquals(List.of(), rows(metadata.getVersionColumns(null, "public", "accounts"), "COLUMN_NAME"));
    assertEquals(List.of("2|b|12|text|1", "2|a|4|int4|1"), rows(metadata.getBestRowIdentifier(null, "public", "pairs",
        DatabaseMetaData.bestRowTemporary, false), "SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
        "PSEUDO_COLUMN"), "the primary key in key order, valid for the session");
    assertEquals(List.of(), rows(metadata.getBestRowIdentifier(null, "public", "shrunk",
        DatabaseMetaData.bestRowSession, true), "COLUMN_NAME"), "no primary key, no identifier");
    assertEquals(List.of("ApplicationName|Quorate JDBC Driver"), rows(metadata.getClientInfoProperties(), "NAME",
        "DEFAULT_VALUE"));
    assertThrows(SQLFeatureNotSupportedException.class, () -> metadata.getTablePrivileges(null, null, "%"));
    assertThrows(SQLFeatureNotSupportedException.class,
        () -> metadata.getColumnPrivileges(null, "public", "accounts", "%"));
  }

  // ---- the database, the driver and what they support

  @Test
  void productDriverAndConnection() throws SQLException {
    assertEquals("Quorate", metadata.getDatabaseProductName());
    assertEquals(NativeAndPgServer.SERVER_VERSION, metadata.getDatabaseProductVersion());
    assertEquals(15, metadata.getDatabaseMajorVersion());
    assertEquals(0, metadata.getDatabaseMinorVersion());
    Driver driver = DriverManager.getDriver(server.nativeUrl());
    assertEquals("Quorate JDBC Driver", metadata.getDriverName());
    assertEquals(driver.getMajorVersion(), metadata.getDriverMajorVersion());
    assertEquals(driver.getMinorVersion(), metadata.getDriverMinorVersion());
    assertEquals(driver.getMajorVersion() + "." + driver.getMinorVersion(), metadata.getDriverVersion());
    assertEquals(4, metadata.getJDBCMajorVersion());
    assertEquals(2, metadata.getJDBCMinorVersion());
    assertEquals(server.nativeUrl(), metadata.getURL());
    assertEquals(NativeAndPgServer.USER, metadata.getUserName());
    assertSame(connection, metadata.getConnection());
    assertEquals("\"", metadata.getIdentifierQuoteString());
    assertEquals(DatabaseMetaData.sqlStateSQL, metadata.getSQLStateType());
    assertFalse(metadata.isReadOnly());
    assertTrue(metadata.isWrapperFor(DatabaseMetaData.class));
  }

  /** The version is the one the server reported at login: asking for it runs no statement, so begins no transaction. */
  @Test
  void versionNeedsNoQueryEvenWithAutocommitOff() throws SQLException {
    connection.setAutoCommit(false);
    try {
      DatabaseMetaData fresh = connection.getMetaData();
      assertEquals(NativeAndPgServer.SERVER_VERSION, fresh.getDatabaseProductVersion());
      assertEquals(15, fresh.getDatabaseMajorVersion());
      assertEquals(0, fresh.getDatabaseMinorVersion());
      // 25001 had any of them run a statement: with autocommit off, a statement begins a transaction.
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Test
  void isolationLevelsAreTheOnesTheConnectionTakes() throws SQLException {
    int before = connection.getTransactionIsolation();
    try {
      for (int level : new int[] {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED,
          Connection.TRANSACTION_READ_COMMITTED, Connection.TRANSACTION_REPEATABLE_READ,
          Connection.TRANSACTION_SERIALIZABLE}) {
        boolean taken = true;
        try {
          connection.setTransactionIsolation(level);
        } catch (SQLException refused) {
          taken = false;
        }
        assertEquals(taken, metadata.supportsTransactionIsolationLevel(level), "isolation level " + level);
      }
    } finally {
      connection.setTransactionIsolation(before);
    }
    assertEquals(before, metadata.getDefaultTransactionIsolation());
  }

  @Test
  void resultSetKindsAreTheOnesStatementsTake() throws SQLException {
    for (int type : new int[] {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE,
        ResultSet.TYPE_SCROLL_SENSITIVE}) {
      for (int concurrency : new int[] {ResultSet.CONCUR_READ_ONLY, ResultSet.CONCUR_UPDATABLE}) {
        boolean taken = true;
        try {
          connection.createStatement(type, concurrency).close();
        } catch (SQLFeatureNotSupportedException refused) {
          taken = false;
        }
        assertEquals(taken, metadata.supportsResultSetConcurrency(type, concurrency), type + "/" + concurrency);
      }
      assertEquals(type == ResultSet.TYPE_FORWARD_ONLY, metadata.supportsResultSetType(type));
    }
    assertEquals(connection.getHoldability(), metadata.getResultSetHoldability());
    assertTrue(metadata.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
    assertFalse(metadata.supportsGetGeneratedKeys());
    assertThrows(SQLFeatureNotSupportedException.class,
        () -> connection.prepareStatement("SELECT 1", Statement.RETURN_GENERATED_KEYS));
  }

  @Test
  void sqlAnswersMatchTheEngine() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      assertTrue(metadata.storesLowerCaseIdentifiers());
      assertFalse(metadata.storesMixedCaseIdentifiers());
      assertTrue(metadata.supportsMixedCaseQuotedIdentifiers());
      statement.execute("CREATE TABLE MiXeD (x integer)");
      statement.execute("CREATE TABLE \"QuOtEd\" (x integer)");
      assertEquals(List.of("QuOtEd", "mixed"), rows(metadata.getTables(null, "public", "%", new String[] {"TABLE"}),
          "TABLE_NAME").stream().filter(name -> name.equalsIgnoreCase("mixed") || name.equalsIgnoreCase("quoted"))
          .toList());

      assertTrue(metadata.nullsAreSortedHigh());
      try (ResultSet sorted = statement.executeQuery("SELECT x FROM (VALUES (2), (NULL), (1)) AS v(x) ORDER BY x")) {
        assertEquals(List.of("1", "2", "null"), rows(sorted, "x"));
      }

      assertFalse(metadata.supportsSelectForUpdate());
      SQLException forUpdate = assertThrows(SQLException.class,
          () -> statement.executeQuery("SELECT * FROM accounts FOR UPDATE"));
      assertEquals("0A000", forUpdate.getSQLState());

      assertTrue(metadata.supportsFullOuterJoins());
      statement.executeQuery("SELECT * FROM accounts a FULL JOIN notes n ON n.account_id = a.id").close();

      assertFalse(metadata.supportsCatalogsInDataManipulation());
      assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM quorate.public.accounts"));
    }
  }

  @Test
  void ddlRollsBackWithItsTransaction() throws SQLException {
    assertTrue(metadata.supportsDataDefinitionAndDataManipulationTransactions());
    assertFalse(metadata.dataDefinitionCausesTransactionCommit());
    assertTrue(metadata.supportsSavepoints());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE undone (x integer)");
      connection.setSavepoint();
      assertEquals(List.of("undone"), rows(metadata.getTables(null, "public", "undone", null), "TABLE_NAME"),
          "the transaction's metadata queries see its own DDL");
      connection.rollback();
    } finally {
      connection.setAutoCommit(true);
    }
    assertEquals(List.of(), rows(metadata.getTables(null, "public", "undone", null), "TABLE_NAME"));
  }

  // ---- the session is left as it was

  @Test
  void metadataQueriesNeitherCommitNorLeaveATransactionOpen() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE scratch (x integer)");
      rows(metadata.getTables(null, null, "%", null), "TABLE_NAME");
      rows(metadata.getColumns(null, null, "%", "%"), "COLUMN_NAME");
      metadata.getDatabaseProductVersion();
      assertTrue(connection.getAutoCommit());
      connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE); // 25001 inside a transaction
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);

      connection.setAutoCommit(false);
      try {
        statement.execute("INSERT INTO scratch VALUES (1)");
        assertEquals(List.of("x"), rows(metadata.getColumns(null, "public", "scratch", "%"), "COLUMN_NAME"));
        rows(metadata.getIndexInfo(null, "public", "scratch", false, false), "INDEX_NAME");
        connection.rollback();
      } finally {
        connection.setAutoCommit(true);
      }
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM scratch")) {
        assertTrue(count.next());
        assertEquals(0, count.getInt(1), "a metadata query committed the transaction's insert");
      }
    }
  }

  @Test
  void closingAResultSetClosesItsStatement() throws SQLException {
    ResultSet tables = metadata.getTables(null, "public", "accounts", null);
    Statement statement = tables.getStatement();
    assertFalse(statement.isClosed());
    tables.close();
    assertTrue(statement.isClosed());
  }
}
