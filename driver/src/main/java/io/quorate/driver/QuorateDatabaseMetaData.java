package io.quorate.driver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the Quorate driver and database support, and the database's schemas, tables,
 * columns, keys, indexes and types.
 *
 * <p>The answers about the driver and the engine are here. Each catalog method is one
 * query on pg_catalog, built and run by {@link CatalogQueries}, which says what its
 * results hold. Quorate has one database, which answers to several names and calls
 * itself current_database() in TABLE_CAT; catalog arguments do not narrow the search.
 * The engine has no privileges: the privilege methods are not supported. One thread at a
 * time, like the connection.
 */
final class QuorateDatabaseMetaData implements DatabaseMetaData {

  private static final String DRIVER_NAME = "Quorate JDBC Driver";
  private static final QuorateDriver DRIVER = new QuorateDriver();
  /** The leading major.minor of server_version: 15 and 0 in "15.0 (Quorate 0.1.0)". */
  private static final Pattern VERSION = Pattern.compile("^(\\d+)(?:\\.(\\d+))?");

  /** The engine's reserved words that SQL:2003 does not reserve (the engine's list is sql's Keywords.RESERVED). */
  private static final String KEYWORDS_BEYOND_SQL_2003 =
      "analyse,analyze,asc,deferrable,desc,ilike,initially,isnull,limit,notnull,offset,placing,returning,variadic";

  private final QuorateConnection connection;
  private final ConnectionUrl url;
  private final CatalogQueries queries;

  QuorateDatabaseMetaData(QuorateConnection connection, ConnectionUrl url) {
    this.connection = connection;
    this.url = url;
    this.queries = new CatalogQueries(connection);
  }

  // ---- catalog queries (CatalogQueries)

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return queries.tables(schemaPattern, tableNamePattern, types);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return queries.tableTypes();
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return queries.columns(schemaPattern, tableNamePattern, columnNamePattern);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return queries.primaryKeys(schema, table);
  }

  /** {@code approximate} changes nothing: the engine keeps no statistics. */
  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return queries.indexInfo(schema, table, unique);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return queries.importedKeys(schema, table);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return queries.exportedKeys(schema, table);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return queries.crossReference(parentSchema, parentTable, foreignSchema, foreignTable);
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    return queries.typeInfo();
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return getSchemas(null, null);
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return queries.schemas(schemaPattern);
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return queries.catalogs();
  }

  /** The primary key's columns, valid for the session, whatever {@code scope} asks. */
  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return queries.bestRowIdentifier(schema, table);
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return queries.versionColumns();
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return queries.pseudoColumns();
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    return queries.procedures();
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
      String columnNamePattern) throws SQLException {
    return queries.procedureColumns();
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return queries.functions();
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
      String columnNamePattern) throws SQLException {
    return queries.functionColumns();
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    return queries.userDefinedTypes();
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
    return queries.superTypes();
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return queries.superTables();
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
      String attributeNamePattern) throws SQLException {
    return queries.attributes();
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return queries.clientInfoProperties();
  }

  /** Not supported: the engine has no privileges (GRANT), so there are none to describe. */
  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    throw Errors.unsupported("getTablePrivileges (the engine has no privileges)");
  }

  /** Not supported, as {@link #getTablePrivileges}. */
  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
      throws SQLException {
    throw Errors.unsupported("getColumnPrivileges (the engine has no privileges)");
  }

  // ---- the database and the driver

  @Override
  public String getDatabaseProductName() {
    return "Quorate";
  }

  /**
   * The server's server_version, e.g. {@code 15.0 (Quorate 0.1.0)}: the PostgreSQL version
   * it is compatible with, then Quorate's own. As the node reported it when the connection
   * last opened its session (the new primary's after a failover): no query, so it neither
   * waits for the server nor begins a transaction when autocommit is off.
   *
   * @throws SQLException 08P01 when the server reported no server_version, which it always does
   */
  @Override
  public String getDatabaseProductVersion() throws SQLException {
    String version = connection.serverParameters().get("server_version");
    if (version == null) {
      throw Errors.of("the server reported no server_version when the session opened", "08P01");
    }
    return version;
  }

  /** The major version of PostgreSQL the server is compatible with (15 for "15.0 (Quorate ...)"). */
  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return versionPart(1);
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return versionPart(2);
  }

  private int versionPart(int group) throws SQLException {
    String serverVersion = getDatabaseProductVersion();
    Matcher version = VERSION.matcher(serverVersion);
    if (!version.find()) {
      throw Errors.of("the server's version \"" + serverVersion + "\" does not start with major.minor", "XX000");
    }
    return version.group(group) == null ? 0 : Integer.parseInt(version.group(group));
  }

  @Override
  public String getDriverName() {
    return DRIVER_NAME;
  }

  @Override
  public String getDriverVersion() {
    return getDriverMajorVersion() + "." + getDriverMinorVersion();
  }

  @Override
  public int getDriverMajorVersion() {
    return DRIVER.getMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return DRIVER.getMinorVersion();
  }

  @Override
  public int getJDBCMajorVersion() {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() {
    return 2;
  }

  /** The URL's hosts and database, without its options (so never the password). */
  @Override
  public String getURL() {
    String hosts = url.hosts().stream().map(ConnectionUrl.HostAndPort::toString).collect(Collectors.joining(","));
    return ConnectionUrl.PREFIX + "//" + hosts + "/" + URLEncoder.encode(url.database(), StandardCharsets.UTF_8);
  }

  /** The user the connection logged in as. */
  @Override
  public String getUserName() {
    return url.user();
  }

  /** Whether the connection is read-only ({@link Connection#setReadOnly}); the database itself is not. */
  @Override
  public boolean isReadOnly() throws SQLException {
    return connection.isReadOnly();
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  // ---- names and SQL

  @Override
  public boolean supportsMixedCaseIdentifiers() {
    return false; // unquoted names fold to lower case
  }

  @Override
  public boolean storesUpperCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() {
    return true;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() {
    return false;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() {
    return true; // quoted names are kept as written and compared exactly
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() {
    return false;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() {
    return false; // JDBC: "case insensitive, stored in mixed case"; quoted names are case sensitive
  }

  @Override
  public String getIdentifierQuoteString() {
    return "\"";
  }

  @Override
  public String getSQLKeywords() {
    return KEYWORDS_BEYOND_SQL_2003;
  }

  /** None: JDBC escapes ({fn ...}) are sent as written, not translated. */
  @Override
  public String getNumericFunctions() {
    return "";
  }

  /** None, as {@link #getNumericFunctions}. */
  @Override
  public String getStringFunctions() {
    return "";
  }

  /** None, as {@link #getNumericFunctions}. */
  @Override
  public String getSystemFunctions() {
    return "";
  }

  /** None, as {@link #getNumericFunctions}. */
  @Override
  public String getTimeDateFunctions() {
    return "";
  }

  @Override
  public String getSearchStringEscape() {
    return "\\";
  }

  /** $ may follow the first character of an unquoted name (non-ASCII letters may too). */
  @Override
  public String getExtraNameCharacters() {
    return "$";
  }

  @Override
  public String getSchemaTerm() {
    return "schema";
  }

  @Override
  public String getProcedureTerm() {
    return "function";
  }

  @Override
  public String getCatalogTerm() {
    return "database";
  }

  @Override
  public boolean isCatalogAtStart() {
    return true;
  }

  @Override
  public String getCatalogSeparator() {
    return ".";
  }

  /** NULLs sort after every value ascending and before every value descending. */
  @Override
  public boolean nullsAreSortedHigh() {
    return true;
  }

  @Override
  public boolean nullsAreSortedLow() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtStart() {
    return false;
  }

  @Override
  public boolean nullsAreSortedAtEnd() {
    return false;
  }

  @Override
  public boolean nullPlusNonNullIsNull() {
    return true;
  }

  @Override
  public boolean allProceduresAreCallable() {
    return false; // no procedures to call
  }

  /** False: getTables lists indexes too, which cannot be selected from. */
  @Override
  public boolean allTablesAreSelectable() {
    return false;
  }

  @Override
  public boolean usesLocalFiles() {
    return false;
  }

  @Override
  public boolean usesLocalFilePerTable() {
    return false;
  }

  // ---- SQL features the engine has

  @Override
  public boolean supportsAlterTableWithAddColumn() {
    return true;
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() {
    return true;
  }

  @Override
  public boolean supportsColumnAliasing() {
    return true;
  }

  /** False: JDBC's {fn CONVERT} escape is not translated. */
  @Override
  public boolean supportsConvert() {
    return false;
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) {
    return false;
  }

  @Override
  public boolean supportsTableCorrelationNames() {
    return true;
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() {
    return false; // a correlation name may equal a table's name
  }

  @Override
  public boolean supportsExpressionsInOrderBy() {
    return true;
  }

  @Override
  public boolean supportsOrderByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupBy() {
    return true;
  }

  @Override
  public boolean supportsGroupByUnrelated() {
    return true;
  }

  @Override
  public boolean supportsGroupByBeyondSelect() {
    return true;
  }

  @Override
  public boolean supportsLikeEscapeClause() {
    return true;
  }

  /** True: a string of several statements gives one result each ({@code getMoreResults}). */
  @Override
  public boolean supportsMultipleResultSets() {
    return true;
  }

  @Override
  public boolean supportsMultipleTransactions() {
    return true;
  }

  @Override
  public boolean supportsNonNullableColumns() {
    return true;
  }

  @Override
  public boolean supportsMinimumSQLGrammar() {
    return true;
  }

  /** False: the engine has not been checked against ODBC's core grammar. */
  @Override
  public boolean supportsCoreSQLGrammar() {
    return false;
  }

  @Override
  public boolean supportsExtendedSQLGrammar() {
    return false;
  }

  /** False: the engine has not been checked against SQL-92's entry level. */
  @Override
  public boolean supportsANSI92EntryLevelSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() {
    return false;
  }

  @Override
  public boolean supportsANSI92FullSQL() {
    return false;
  }

  /** True: primary keys, UNIQUE, foreign keys, CHECK and DEFAULT. */
  @Override
  public boolean supportsIntegrityEnhancementFacility() {
    return true;
  }

  @Override
  public boolean supportsOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsFullOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsLimitedOuterJoins() {
    return true;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() {
    return true;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() {
    return true;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() {
    return true;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() {
    return false; // no GRANT
  }

  /** False for every statement: names may not carry the database's name. */
  @Override
  public boolean supportsCatalogsInDataManipulation() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() {
    return false;
  }

  @Override
  public boolean supportsPositionedDelete() {
    return false;
  }

  @Override
  public boolean supportsPositionedUpdate() {
    return false;
  }

  /** False: the engine refuses SELECT ... FOR UPDATE. */
  @Override
  public boolean supportsSelectForUpdate() {
    return false;
  }

  @Override
  public boolean supportsStoredProcedures() {
    return false;
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() {
    return false;
  }

  @Override
  public boolean supportsSubqueriesInComparisons() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInExists() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInIns() {
    return true;
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() {
    return true;
  }

  @Override
  public boolean supportsCorrelatedSubqueries() {
    return true;
  }

  @Override
  public boolean supportsUnion() {
    return true;
  }

  @Override
  public boolean supportsUnionAll() {
    return true;
  }

  // ---- limits: 0 where the engine sets none, or none the driver knows

  @Override
  public int getMaxBinaryLiteralLength() {
    return 0;
  }

  @Override
  public int getMaxCharLiteralLength() {
    return 0;
  }

  /** 0: names are not truncated (PostgreSQL's 63 bytes do not apply). */
  @Override
  public int getMaxColumnNameLength() {
    return 0;
  }

  @Override
  public int getMaxColumnsInGroupBy() {
    return 0;
  }

  /** 0: no limit (PostgreSQL's 32 does not apply). */
  @Override
  public int getMaxColumnsInIndex() {
    return 0;
  }

  @Override
  public int getMaxColumnsInOrderBy() {
    return 0;
  }

  @Override
  public int getMaxColumnsInSelect() {
    return 0;
  }

  @Override
  public int getMaxColumnsInTable() {
    return 0;
  }

  /** 0: the node's max-connections is not visible to SQL. */
  @Override
  public int getMaxConnections() {
    return 0;
  }

  @Override
  public int getMaxCursorNameLength() {
    return 0;
  }

  @Override
  public int getMaxIndexLength() {
    return 0;
  }

  @Override
  public int getMaxSchemaNameLength() {
    return 0;
  }

  @Override
  public int getMaxProcedureNameLength() {
    return 0;
  }

  @Override
  public int getMaxCatalogNameLength() {
    return 0;
  }

  @Override
  public int getMaxRowSize() {
    return 0;
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() {
    return false;
  }

  @Override
  public int getMaxStatementLength() {
    return 0;
  }

  @Override
  public int getMaxStatements() {
    return 0;
  }

  @Override
  public int getMaxTableNameLength() {
    return 0;
  }

  @Override
  public int getMaxTablesInSelect() {
    return 0;
  }

  @Override
  public int getMaxUserNameLength() {
    return 0;
  }

  // ---- transactions

  @Override
  public boolean supportsTransactions() {
    return true;
  }

  /** The connection's default (and the server's default_transaction_isolation). */
  @Override
  public int getDefaultTransactionIsolation() {
    return Connection.TRANSACTION_READ_COMMITTED;
  }

  /** The levels {@link Connection#setTransactionIsolation} takes; READ UNCOMMITTED runs as READ COMMITTED. */
  @Override
  public boolean supportsTransactionIsolationLevel(int level) {
    return switch (level) {
      case Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
          Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE -> true;
      default -> false;
    };
  }

  /** True: DDL runs inside transaction blocks and rolls back with them. */
  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() {
    return true;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() {
    return false;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() {
    return false;
  }

  @Override
  public boolean supportsSavepoints() {
    return true;
  }

  @Override
  public boolean supportsBatchUpdates() {
    return true;
  }

  // ---- result sets: forward-only, read-only, complete when the statement returns

  @Override
  public boolean supportsResultSetType(int type) {
    return type == ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) {
    return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
  }

  /** Only HOLD_CURSORS_OVER_COMMIT: result sets hold rows already received, which a commit does not close. */
  @Override
  public boolean supportsResultSetHoldability(int holdability) {
    return holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public int getResultSetHoldability() {
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() {
    return true;
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() {
    return true;
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }

  /** True: getMoreResults(KEEP_CURRENT_RESULT) leaves the current result set open. */
  @Override
  public boolean supportsMultipleOpenResults() {
    return true;
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() {
    return false;
  }

  // ---- other features

  @Override
  public boolean supportsNamedParameters() {
    return false;
  }

  /** False: use INSERT ... RETURNING. */
  @Override
  public boolean supportsGetGeneratedKeys() {
    return false;
  }

  @Override
  public boolean generatedKeyAlwaysReturned() {
    return false;
  }

  @Override
  public int getSQLStateType() {
    return sqlStateSQL;
  }

  /** False: the driver has no LOBs. */
  @Override
  public boolean locatorsUpdateCopy() {
    return false;
  }

  @Override
  public boolean supportsStatementPooling() {
    return false;
  }

  @Override
  public RowIdLifetime getRowIdLifetime() {
    return RowIdLifetime.ROWID_UNSUPPORTED;
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return Errors.unwrap(this, type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
