package io.quorate.driver;

import static java.sql.DatabaseMetaData.bestRowNotPseudo;
import static java.sql.DatabaseMetaData.bestRowSession;
import static java.sql.DatabaseMetaData.columnNoNulls;
import static java.sql.DatabaseMetaData.columnNullable;
import static java.sql.DatabaseMetaData.importedKeyCascade;
import static java.sql.DatabaseMetaData.importedKeyInitiallyDeferred;
import static java.sql.DatabaseMetaData.importedKeyInitiallyImmediate;
import static java.sql.DatabaseMetaData.importedKeyNoAction;
import static java.sql.DatabaseMetaData.importedKeyNotDeferrable;
import static java.sql.DatabaseMetaData.importedKeyRestrict;
import static java.sql.DatabaseMetaData.importedKeySetDefault;
import static java.sql.DatabaseMetaData.importedKeySetNull;
import static java.sql.DatabaseMetaData.tableIndexClustered;
import static java.sql.DatabaseMetaData.tableIndexOther;
import static java.sql.DatabaseMetaData.typeNullable;
import static java.sql.DatabaseMetaData.typePredBasic;
import static java.sql.DatabaseMetaData.typeSearchable;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The catalog methods of {@link QuorateDatabaseMetaData}: the database's schemas, tables,
 * columns, keys, indexes and types.
 *
 * <p>Each method runs one query on pg_catalog through the connection, as a plain
 * statement in the connection's mode: an autocommit read, or a statement of the open
 * transaction (as any statement, it begins one when autocommit is off). Its result set has
 * the columns, column types and row order the JDBC javadoc of the method gives; where
 * that order leaves rows of several tables or keys interleaved, the rows of one table or
 * one key are kept together (see each method).
 *
 * <p>Arguments: patterns match with LIKE, whose default escape is the backslash, JDBC's
 * search string escape. A null pattern, schema or table name does not narrow the search.
 * The methods take no catalog: Quorate has one database, which answers to several names
 * and calls itself current_database() in TABLE_CAT, so a catalog would not narrow it.
 *
 * <p>DATA_TYPE columns give the java.sql.Types code {@link QuorateResultSetMetaData}
 * reports for the type, so the two never disagree (boolean is BOOLEAN, timestamptz
 * TIMESTAMP_WITH_TIMEZONE, arrays OTHER); TYPE_NAME is pg_type's name (int4, varchar).
 * REMARKS come from pg_description. The engine keeps no statistics: index CARDINALITY
 * and PAGES are null. One thread at a time, like the connection.
 */
final class CatalogQueries {

  /** getTables' TABLE_TYPE of a pg_class row {@code c} in namespace {@code n}. */
  private static final String TABLE_TYPE = "CASE WHEN n.nspname IN ('pg_catalog', 'information_schema')"
      + " THEN 'SYSTEM ' ELSE '' END"
      + " || CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'v' THEN 'VIEW' WHEN 'i' THEN 'INDEX' ELSE 'SEQUENCE' END";
  /** The relkinds getTables lists: the only ones the engine has. Users cannot create in the system schemas. */
  private static final String LISTED_RELKINDS = "('r', 'v', 'i', 'S')";
  private static final List<String> TABLE_TYPES = List.of("INDEX", "SEQUENCE", "SYSTEM TABLE", "SYSTEM VIEW",
      "TABLE", "VIEW");

  /** The types QuorateResultSetMetaData gives a java.sql.Types code other than OTHER. */
  private static final int[] MAPPED_TYPES = {TextValues.BOOL, TextValues.BYTEA, TextValues.INT8, TextValues.INT2,
      TextValues.INT4, TextValues.TEXT, TextValues.FLOAT4, TextValues.FLOAT8, TextValues.BPCHAR, TextValues.VARCHAR,
      TextValues.DATE, TextValues.TIME, TextValues.TIMESTAMP, TextValues.TIMESTAMPTZ, TextValues.NUMERIC};
  private static final String JDBC_TYPE = jdbcType("t.oid");
  /**
   * pg_type rows whose names the engine takes as other types (a "char" column is bpchar,
   * name text, oid bigint, and so their arrays), so no column has them.
   */
  private static final String ALIASED_TYPES = "(18, 19, 26, 1002, 1003, 1028)";

  private final QuorateConnection connection;

  CatalogQueries(QuorateConnection connection) {
    this.connection = connection;
  }

  // ---- SQL pieces over pg_type t (and a type modifier)

  /** CASE from a type OID to the java.sql.Types code QuorateResultSetMetaData reports for it. */
  private static String jdbcType(String oid) {
    StringBuilder sql = new StringBuilder("CAST(CASE ").append(oid);
    for (int type : MAPPED_TYPES) {
      ResultColumn column = new ResultColumn("", type, -1, "");
      try {
        sql.append(" WHEN ").append(type).append(" THEN ")
            .append(new QuorateResultSetMetaData(List.of(column)).getColumnType(1));
      } catch (SQLException impossible) {
        throw new IllegalStateException("column 1 of a one-column result", impossible);
      }
    }
    return sql.append(" ELSE ").append(Types.OTHER).append(" END AS integer)").toString();
  }

  /**
   * COLUMN_SIZE and PRECISION: digits of numbers, characters of strings (2147483647 when
   * unbounded), bytes of bytea, characters of a date/time's text; null where it does not
   * apply. Unconstrained numeric gives 1000, the largest precision the engine accepts.
   */
  private static String columnSize(String typmod) {
    return "CAST(CASE t.oid WHEN 21 THEN 5 WHEN 23 THEN 10 WHEN 20 THEN 19 WHEN 700 THEN 8 WHEN 701 THEN 17"
        + " WHEN 16 THEN 1 WHEN 18 THEN 1 WHEN 1082 THEN 13 WHEN 1083 THEN 15 WHEN 1114 THEN 29 WHEN 1184 THEN 35"
        + " WHEN 1700 THEN CASE WHEN " + typmod + " >= 4 THEN (" + typmod + " - 4) / 65536 ELSE 1000 END"
        + " WHEN 1042 THEN " + boundedLength(typmod) + " WHEN 1043 THEN " + boundedLength(typmod)
        + " WHEN 25 THEN 2147483647 WHEN 17 THEN 2147483647 END AS integer)";
  }

  private static String boundedLength(String typmod) {
    return "CASE WHEN " + typmod + " >= 4 THEN " + typmod + " - 4 ELSE 2147483647 END";
  }

  /**
   * DECIMAL_DIGITS: 0 for integers and dates, numeric's declared scale, 6 for times and
   * timestamps (the engine keeps microseconds whatever precision is declared); null
   * otherwise.
   */
  private static String decimalDigits(String typmod) {
    return "CASE WHEN t.oid IN (20, 21, 23, 1082) THEN 0"
        + " WHEN t.oid = 1700 AND " + typmod + " >= 4 THEN (" + typmod + " - 4) % 65536"
        + " WHEN t.oid IN (1083, 1114, 1184) THEN 6 END";
  }

  private static final String RADIX = "CAST(CASE WHEN t.oid IN (20, 21, 23, 700, 701, 1700) THEN 10 END AS integer)";

  /** CHAR_OCTET_LENGTH: four bytes per character (UTF-8), 1 GB when unbounded, as information_schema says. */
  private static String charOctetLength(String typmod) {
    return "CAST(CASE WHEN t.oid IN (1042, 1043) AND " + typmod + " >= 4"
        + " THEN least(CAST(" + typmod + " - 4 AS bigint) * 4, 2147483647)"
        + " WHEN t.oid IN (25, 1042, 1043) THEN 1073741824 END AS integer)";
  }

  /**
   * The positions 1, 2, ... of the longest key among {@code keys} (a query for its
   * length), to join with a key's columns: the engine allows no function in FROM that
   * reads an earlier FROM item, so a key cannot be expanded on its own.
   */
  private static String keyPositions(String longestKey) {
    return " CROSS JOIN generate_series(1, (" + longestKey + ")) AS k(n)";
  }

  private static final String CONSTRAINT_KEY_POSITIONS =
      keyPositions("SELECT max(cardinality(conkey)) FROM pg_constraint");

  private CatalogQuery query(String head, String... values) {
    return new CatalogQuery(connection, head, values);
  }

  // ---- tables, columns, keys and indexes

  /** Ordered by TABLE_TYPE, TABLE_CAT, TABLE_SCHEM and TABLE_NAME; {@code types} as getTableTypes names them. */
  ResultSet tables(String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
    CatalogQuery query = query("SELECT current_database() AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\","
        + " c.relname AS \"TABLE_NAME\", " + TABLE_TYPE + " AS \"TABLE_TYPE\", d.description AS \"REMARKS\","
        + " CAST(NULL AS text) AS \"TYPE_CAT\", CAST(NULL AS text) AS \"TYPE_SCHEM\","
        + " CAST(NULL AS text) AS \"TYPE_NAME\", CAST(NULL AS text) AS \"SELF_REFERENCING_COL_NAME\","
        + " CAST(NULL AS text) AS \"REF_GENERATION\""
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 1259 AND d.objsubid = 0"
        + " WHERE c.relkind IN " + LISTED_RELKINDS)
        .like("n.nspname", schemaPattern)
        .like("c.relname", tableNamePattern);
    if (types != null) {
      query.in(TABLE_TYPE, Arrays.asList(types));
    }
    return query.text(" ORDER BY \"TABLE_TYPE\", \"TABLE_CAT\", \"TABLE_SCHEM\", \"TABLE_NAME\"").run();
  }

  ResultSet tableTypes() throws SQLException {
    String values = TABLE_TYPES.stream().map(type -> "('" + type + "')").collect(Collectors.joining(", "));
    return query("SELECT \"TABLE_TYPE\" FROM (VALUES " + values + ") AS types(\"TABLE_TYPE\")"
        + " ORDER BY \"TABLE_TYPE\"").run();
  }

  /**
   * The columns of tables and views, ordered by TABLE_CAT, TABLE_SCHEM, TABLE_NAME and
   * ORDINAL_POSITION (which counts the columns a table has now, dropped ones not).
   */
  ResultSet columns(String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    return query("SELECT * FROM (SELECT current_database() AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\","
        + " c.relname AS \"TABLE_NAME\", a.attname AS \"COLUMN_NAME\", " + JDBC_TYPE + " AS \"DATA_TYPE\","
        + " t.typname AS \"TYPE_NAME\", " + columnSize("a.atttypmod") + " AS \"COLUMN_SIZE\","
        + " CAST(NULL AS integer) AS \"BUFFER_LENGTH\","
        + " CAST(" + decimalDigits("a.atttypmod") + " AS integer) AS \"DECIMAL_DIGITS\","
        + " " + RADIX + " AS \"NUM_PREC_RADIX\","
        + " CASE WHEN a.attnotnull THEN " + columnNoNulls + " ELSE " + columnNullable + " END AS \"NULLABLE\","
        + " d.description AS \"REMARKS\", pg_get_expr(def.adbin, def.adrelid) AS \"COLUMN_DEF\","
        + " CAST(NULL AS integer) AS \"SQL_DATA_TYPE\", CAST(NULL AS integer) AS \"SQL_DATETIME_SUB\","
        + " " + charOctetLength("a.atttypmod") + " AS \"CHAR_OCTET_LENGTH\","
        + " CAST(row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS integer) AS \"ORDINAL_POSITION\","
        + " CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END AS \"IS_NULLABLE\","
        + " CAST(NULL AS text) AS \"SCOPE_CATALOG\", CAST(NULL AS text) AS \"SCOPE_SCHEMA\","
        + " CAST(NULL AS text) AS \"SCOPE_TABLE\", CAST(NULL AS smallint) AS \"SOURCE_DATA_TYPE\","
        + " CASE WHEN a.attidentity IN ('a', 'd') OR def.adbin LIKE 'nextval(%' THEN 'YES' ELSE 'NO' END"
        + " AS \"IS_AUTOINCREMENT\","
        + " CASE WHEN a.attgenerated = '' THEN 'NO' ELSE 'YES' END AS \"IS_GENERATEDCOLUMN\""
        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
        + " JOIN pg_type t ON t.oid = a.atttypid"
        + " LEFT JOIN pg_attrdef def ON def.adrelid = a.attrelid AND def.adnum = a.attnum"
        + " LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 1259 AND d.objsubid = a.attnum"
        + " WHERE c.relkind IN ('r', 'v')")
        .like("n.nspname", schemaPattern)
        .like("c.relname", tableNamePattern)
        .text(") AS described WHERE true") // ORDINAL_POSITION counts every column, so filter them after
        .like("\"COLUMN_NAME\"", columnNamePattern)
        .text(" ORDER BY \"TABLE_CAT\", \"TABLE_SCHEM\", \"TABLE_NAME\", \"ORDINAL_POSITION\"")
        .run();
  }

  /** Ordered by COLUMN_NAME (then schema and table, when {@code schema} is null and several match). */
  ResultSet primaryKeys(String schema, String table) throws SQLException {
    return query("SELECT current_database() AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\","
        + " c.relname AS \"TABLE_NAME\", a.attname AS \"COLUMN_NAME\", CAST(k.n AS smallint) AS \"KEY_SEQ\","
        + " con.conname AS \"PK_NAME\""
        + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace" + CONSTRAINT_KEY_POSITIONS
        + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[k.n]"
        + " WHERE con.contype = 'p' AND k.n <= cardinality(con.conkey)")
        .equal("n.nspname", schema)
        .equal("c.relname", table)
        .text(" ORDER BY \"COLUMN_NAME\", \"TABLE_SCHEM\", \"TABLE_NAME\"")
        .run();
  }

  /**
   * One row per index column, ordered by NON_UNIQUE, TYPE, INDEX_NAME and ORDINAL_POSITION
   * (schema before the position, should indexes of two schemas share a name). Every index
   * is tableIndexOther, as pg_index reports none clustered; no tableIndexStatistic rows,
   * and null CARDINALITY and PAGES: the engine keeps no statistics.
   */
  ResultSet indexInfo(String schema, String table, boolean unique) throws SQLException {
    CatalogQuery query = query("SELECT current_database() AS \"TABLE_CAT\", n.nspname AS \"TABLE_SCHEM\","
        + " c.relname AS \"TABLE_NAME\", NOT i.indisunique AS \"NON_UNIQUE\","
        + " CAST(NULL AS text) AS \"INDEX_QUALIFIER\", ic.relname AS \"INDEX_NAME\","
        + " CAST(CASE WHEN i.indisclustered THEN " + tableIndexClustered + " ELSE " + tableIndexOther + " END"
        + " AS smallint) AS \"TYPE\", CAST(k.n AS smallint) AS \"ORDINAL_POSITION\", a.attname AS \"COLUMN_NAME\","
        + " CASE WHEN i.indoption[k.n - 1] % 2 = 1 THEN 'D' ELSE 'A' END AS \"ASC_OR_DESC\"," // bit 0: DESC
        + " CAST(NULL AS bigint) AS \"CARDINALITY\", CAST(NULL AS bigint) AS \"PAGES\","
        + " pg_get_expr(i.indpred, i.indrelid) AS \"FILTER_CONDITION\""
        + " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " JOIN pg_class ic ON ic.oid = i.indexrelid" + keyPositions("SELECT max(indnatts) FROM pg_index")
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1]"
        + " WHERE k.n <= i.indnatts")
        .equal("n.nspname", schema)
        .equal("c.relname", table);
    if (unique) {
      query.text(" AND i.indisunique");
    }
    return query.text(" ORDER BY \"NON_UNIQUE\", \"TYPE\", \"INDEX_NAME\", \"TABLE_SCHEM\", \"ORDINAL_POSITION\"")
        .run();
  }

  /**
   * The foreign keys of {@code table}, ordered by PKTABLE_CAT, PKTABLE_SCHEM, PKTABLE_NAME
   * and KEY_SEQ, with FK_NAME before KEY_SEQ so that two keys referencing one table do not
   * interleave.
   */
  ResultSet importedKeys(String schema, String table) throws SQLException {
    return foreignKeys()
        .equal("fn.nspname", schema)
        .equal("fc.relname", table)
        .text(" ORDER BY \"PKTABLE_CAT\", \"PKTABLE_SCHEM\", \"PKTABLE_NAME\", \"FKTABLE_SCHEM\", \"FK_NAME\","
            + " \"KEY_SEQ\"")
        .run();
  }

  /** The foreign keys referencing {@code table}, ordered as {@link #crossReference}. */
  ResultSet exportedKeys(String schema, String table) throws SQLException {
    return foreignKeys()
        .equal("pn.nspname", schema)
        .equal("pc.relname", table)
        .text(FOREIGN_TABLE_ORDER)
        .run();
  }

  /**
   * Ordered by FKTABLE_CAT, FKTABLE_SCHEM, FKTABLE_NAME and KEY_SEQ, with FK_NAME before
   * KEY_SEQ so that two keys of one table do not interleave.
   */
  ResultSet crossReference(String parentSchema, String parentTable, String foreignSchema, String foreignTable)
      throws SQLException {
    return foreignKeys()
        .equal("pn.nspname", parentSchema)
        .equal("pc.relname", parentTable)
        .equal("fn.nspname", foreignSchema)
        .equal("fc.relname", foreignTable)
        .text(FOREIGN_TABLE_ORDER)
        .run();
  }

  private static final String FOREIGN_TABLE_ORDER =
      " ORDER BY \"FKTABLE_CAT\", \"FKTABLE_SCHEM\", \"FKTABLE_NAME\", \"FK_NAME\", \"KEY_SEQ\"";

  /** Foreign key columns, f for the referencing side and p for the referenced; PK_NAME names the unique index. */
  private CatalogQuery foreignKeys() {
    return query("SELECT current_database() AS \"PKTABLE_CAT\", pn.nspname AS \"PKTABLE_SCHEM\","
        + " pc.relname AS \"PKTABLE_NAME\", pa.attname AS \"PKCOLUMN_NAME\", current_database() AS \"FKTABLE_CAT\","
        + " fn.nspname AS \"FKTABLE_SCHEM\", fc.relname AS \"FKTABLE_NAME\", fa.attname AS \"FKCOLUMN_NAME\","
        + " CAST(k.n AS smallint) AS \"KEY_SEQ\", " + foreignKeyRule("con.confupdtype") + " AS \"UPDATE_RULE\","
        + " " + foreignKeyRule("con.confdeltype") + " AS \"DELETE_RULE\", con.conname AS \"FK_NAME\","
        + " pk.relname AS \"PK_NAME\", CAST(CASE WHEN con.condeferrable AND con.condeferred"
        + " THEN " + importedKeyInitiallyDeferred + " WHEN con.condeferrable THEN " + importedKeyInitiallyImmediate
        + " ELSE " + importedKeyNotDeferrable + " END AS smallint) AS \"DEFERRABILITY\""
        + " FROM pg_constraint con"
        + " JOIN pg_class fc ON fc.oid = con.conrelid JOIN pg_namespace fn ON fn.oid = fc.relnamespace"
        + " JOIN pg_class pc ON pc.oid = con.confrelid JOIN pg_namespace pn ON pn.oid = pc.relnamespace"
        + " LEFT JOIN pg_class pk ON pk.oid = con.conindid" + CONSTRAINT_KEY_POSITIONS
        + " JOIN pg_attribute fa ON fa.attrelid = con.conrelid AND fa.attnum = con.conkey[k.n]"
        + " JOIN pg_attribute pa ON pa.attrelid = con.confrelid AND pa.attnum = con.confkey[k.n]"
        + " WHERE con.contype = 'f' AND k.n <= cardinality(con.conkey)");
  }

  /** pg_constraint's action code as an importedKey* rule. */
  private static String foreignKeyRule(String action) {
    return "CAST(CASE " + action + " WHEN 'c' THEN " + importedKeyCascade + " WHEN 'r' THEN " + importedKeyRestrict
        + " WHEN 'n' THEN " + importedKeySetNull + " WHEN 'd' THEN " + importedKeySetDefault
        + " ELSE " + importedKeyNoAction + " END AS smallint)";
  }

  /**
   * The primary key's columns, which identify a row for as long as the session lasts
   * (bestRowSession); none for a table without one.
   */
  ResultSet bestRowIdentifier(String schema, String table) throws SQLException {
    return query("SELECT CAST(" + bestRowSession + " AS smallint) AS \"SCOPE\", a.attname AS \"COLUMN_NAME\","
        + " " + JDBC_TYPE + " AS \"DATA_TYPE\", t.typname AS \"TYPE_NAME\","
        + " " + columnSize("a.atttypmod") + " AS \"COLUMN_SIZE\", CAST(NULL AS integer) AS \"BUFFER_LENGTH\","
        + " CAST(" + decimalDigits("a.atttypmod") + " AS smallint) AS \"DECIMAL_DIGITS\","
        + " CAST(" + bestRowNotPseudo + " AS smallint) AS \"PSEUDO_COLUMN\""
        + " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace" + CONSTRAINT_KEY_POSITIONS
        + " JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[k.n]"
        + " JOIN pg_type t ON t.oid = a.atttypid"
        + " WHERE con.contype = 'p' AND k.n <= cardinality(con.conkey)")
        .equal("n.nspname", schema)
        .equal("c.relname", table)
        .text(" ORDER BY n.nspname, k.n")
        .run();
  }

  // ---- types, schemas, the catalog

  /**
   * Every type a column can have (pg_type's base types and their arrays, less the names
   * the engine takes as other types), ordered by DATA_TYPE and then the type that maps
   * most closely first (varchar before text).
   * PRECISION is the largest COLUMN_SIZE a column of the type can have.
   */
  ResultSet typeInfo() throws SQLException {
    return query("SELECT t.typname AS \"TYPE_NAME\", " + JDBC_TYPE + " AS \"DATA_TYPE\","
        + " " + columnSize("-1") + " AS \"PRECISION\","
        + " CASE WHEN t.typcategory IN ('N', 'B') THEN NULL ELSE '''' END AS \"LITERAL_PREFIX\","
        + " CASE WHEN t.typcategory IN ('N', 'B') THEN NULL ELSE '''' END AS \"LITERAL_SUFFIX\","
        + " CASE WHEN t.oid IN (1042, 1043) THEN 'length' WHEN t.oid = 1700 THEN 'precision,scale' END"
        + " AS \"CREATE_PARAMS\", CAST(" + typeNullable + " AS smallint) AS \"NULLABLE\","
        + " t.typcategory = 'S' OR t.oid IN (114, 3802) AS \"CASE_SENSITIVE\","
        + " CAST(CASE WHEN t.typcategory = 'S' THEN " + typeSearchable + " ELSE " + typePredBasic + " END"
        + " AS smallint) AS \"SEARCHABLE\", false AS \"UNSIGNED_ATTRIBUTE\", false AS \"FIXED_PREC_SCALE\","
        + " false AS \"AUTO_INCREMENT\", format_type(t.oid, NULL) AS \"LOCAL_TYPE_NAME\","
        + " CAST(CASE WHEN t.oid IN (1083, 1114, 1184) THEN 6 ELSE 0 END AS smallint) AS \"MINIMUM_SCALE\","
        + " CAST(CASE WHEN t.oid IN (1083, 1114, 1184) THEN 6 WHEN t.oid = 1700 THEN 1000 ELSE 0 END AS smallint)"
        + " AS \"MAXIMUM_SCALE\", CAST(NULL AS integer) AS \"SQL_DATA_TYPE\","
        + " CAST(NULL AS integer) AS \"SQL_DATETIME_SUB\", " + RADIX + " AS \"NUM_PREC_RADIX\""
        + " FROM pg_type t WHERE t.typtype = 'b' AND t.typcategory <> 'X'" // X: unknown, a pseudo-type
        + " AND t.oid NOT IN " + ALIASED_TYPES
        + " ORDER BY \"DATA_TYPE\", CASE WHEN t.typname IN ('bool', 'bytea', 'int8', 'int2', 'int4', 'float4',"
        + " 'float8', 'bpchar', 'varchar', 'date', 'time', 'timestamp', 'timestamptz', 'numeric') THEN 0 ELSE 1 END,"
        + " \"TYPE_NAME\"").run();
  }

  ResultSet schemas(String schemaPattern) throws SQLException {
    return query("SELECT n.nspname AS \"TABLE_SCHEM\", current_database() AS \"TABLE_CATALOG\""
        + " FROM pg_namespace n WHERE true")
        .like("n.nspname", schemaPattern)
        .text(" ORDER BY \"TABLE_CATALOG\", \"TABLE_SCHEM\"")
        .run();
  }

  ResultSet catalogs() throws SQLException {
    return query("SELECT current_database() AS \"TABLE_CAT\"").run();
  }

  /** ApplicationName, the one property {@link QuorateConnection#setClientInfo} takes; the engine sets no length limit. */
  ResultSet clientInfoProperties() throws SQLException {
    return query("SELECT 'ApplicationName' AS \"NAME\", CAST(NULL AS integer) AS \"MAX_LEN\","
        + " CAST(? AS text) AS \"DEFAULT_VALUE\", 'the session''s application_name' AS \"DESCRIPTION\"",
        ConnectionUrl.DEFAULT_APPLICATION_NAME).run();
  }

  // ---- what the engine does not have: no rows, but the javadoc's columns

  /** None: the engine has no columns it updates by itself (no triggers, no row versions to read). */
  ResultSet versionColumns() throws SQLException {
    return empty("SCOPE smallint, COLUMN_NAME text, DATA_TYPE integer, TYPE_NAME text, COLUMN_SIZE integer,"
        + " BUFFER_LENGTH integer, DECIMAL_DIGITS smallint, PSEUDO_COLUMN smallint");
  }

  /** None: the engine has no pseudo-columns (no ctid, no oid). */
  ResultSet pseudoColumns() throws SQLException {
    return empty("TABLE_CAT text, TABLE_SCHEM text, TABLE_NAME text, COLUMN_NAME text, DATA_TYPE integer,"
        + " COLUMN_SIZE integer, DECIMAL_DIGITS integer, NUM_PREC_RADIX integer, COLUMN_USAGE text, REMARKS text,"
        + " CHAR_OCTET_LENGTH integer, IS_NULLABLE text");
  }

  /** None: the engine has no CREATE PROCEDURE, and lists no functions in pg_proc. */
  ResultSet procedures() throws SQLException {
    return empty("PROCEDURE_CAT text, PROCEDURE_SCHEM text, PROCEDURE_NAME text, RESERVED1 text, RESERVED2 text,"
        + " RESERVED3 text, REMARKS text, PROCEDURE_TYPE smallint, SPECIFIC_NAME text");
  }

  /** None, as {@link #procedures}. */
  ResultSet procedureColumns() throws SQLException {
    return empty("PROCEDURE_CAT text, PROCEDURE_SCHEM text, PROCEDURE_NAME text, COLUMN_NAME text,"
        + " COLUMN_TYPE smallint, DATA_TYPE integer, TYPE_NAME text, PRECISION integer, LENGTH integer,"
        + " SCALE smallint, RADIX smallint, NULLABLE smallint, REMARKS text, COLUMN_DEF text, SQL_DATA_TYPE integer,"
        + " SQL_DATETIME_SUB integer, CHAR_OCTET_LENGTH integer, ORDINAL_POSITION integer, IS_NULLABLE text,"
        + " SPECIFIC_NAME text");
  }

  /** None: the engine has no CREATE FUNCTION, and its built-in functions are not listed in pg_proc. */
  ResultSet functions() throws SQLException {
    return empty("FUNCTION_CAT text, FUNCTION_SCHEM text, FUNCTION_NAME text, REMARKS text,"
        + " FUNCTION_TYPE smallint, SPECIFIC_NAME text");
  }

  /** None, as {@link #functions}. */
  ResultSet functionColumns() throws SQLException {
    return empty("FUNCTION_CAT text, FUNCTION_SCHEM text, FUNCTION_NAME text, COLUMN_NAME text,"
        + " COLUMN_TYPE smallint, DATA_TYPE integer, TYPE_NAME text, PRECISION integer, LENGTH integer,"
        + " SCALE smallint, RADIX smallint, NULLABLE smallint, REMARKS text, CHAR_OCTET_LENGTH integer,"
        + " ORDINAL_POSITION integer, IS_NULLABLE text, SPECIFIC_NAME text");
  }

  /** None: the engine has no CREATE TYPE or CREATE DOMAIN. */
  ResultSet userDefinedTypes() throws SQLException {
    return empty("TYPE_CAT text, TYPE_SCHEM text, TYPE_NAME text, CLASS_NAME text, DATA_TYPE integer,"
        + " REMARKS text, BASE_TYPE smallint");
  }

  /** None: no user-defined types. */
  ResultSet superTypes() throws SQLException {
    return empty("TYPE_CAT text, TYPE_SCHEM text, TYPE_NAME text, SUPERTYPE_CAT text, SUPERTYPE_SCHEM text,"
        + " SUPERTYPE_NAME text");
  }

  /** None: the engine has no table inheritance. */
  ResultSet superTables() throws SQLException {
    return empty("TABLE_CAT text, TABLE_SCHEM text, TABLE_NAME text, SUPERTABLE_NAME text");
  }

  /** None: no user-defined types. */
  ResultSet attributes() throws SQLException {
    return empty("TYPE_CAT text, TYPE_SCHEM text, TYPE_NAME text, ATTR_NAME text, DATA_TYPE integer,"
        + " ATTR_TYPE_NAME text, ATTR_SIZE integer, DECIMAL_DIGITS integer, NUM_PREC_RADIX integer,"
        + " NULLABLE integer, REMARKS text, ATTR_DEF text, SQL_DATA_TYPE integer, SQL_DATETIME_SUB integer,"
        + " CHAR_OCTET_LENGTH integer, ORDINAL_POSITION integer, IS_NULLABLE text, SCOPE_CATALOG text,"
        + " SCOPE_SCHEMA text, SCOPE_TABLE text, SOURCE_DATA_TYPE smallint");
  }

  /** A result with {@code columns} ("NAME type, ...") and no rows. */
  private ResultSet empty(String columns) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ");
    String separator = "";
    for (String column : columns.split(",")) {
      String[] nameAndType = column.strip().split(" ");
      sql.append(separator).append("CAST(NULL AS ").append(nameAndType[1]).append(") AS \"")
          .append(nameAndType[0]).append('"');
      separator = ", ";
    }
    return query(sql.append(" WHERE false").toString()).run();
  }
}
