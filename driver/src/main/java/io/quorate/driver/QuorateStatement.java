package io.quorate.driver;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A statement run as sent (several statements in one string run in one implicit
 * transaction, as in psql). A statement's rows arrive complete, so result sets are
 * forward-only views of rows already here.
 */
class QuorateStatement implements Statement, CommandTagged {

  final QuorateConnection connection;
  private List<StatementOutcome> outcomes = List.of();
  private int current;
  private QuorateResultSet resultSet;
  private long updateCount = -1;
  private int maxRows;
  private int queryTimeoutSeconds;
  private int fetchSize;
  private boolean closed;
  private boolean closeOnCompletion;
  private SQLWarning warnings;
  private final List<String> batch = new ArrayList<>();

  QuorateStatement(QuorateConnection connection) {
    this.connection = connection;
  }

  /** Shows the outcomes of a request just run; true when the first returned rows. */
  final boolean show(List<StatementOutcome> outcomes) throws SQLException {
    closeResultSet();
    this.outcomes = outcomes;
    warnings = null;
    for (StatementOutcome outcome : outcomes) {
      for (String notice : outcome.notices()) {
        SQLWarning warning = new SQLWarning(notice);
        if (warnings == null) {
          warnings = warning;
        } else {
          warnings.setNextWarning(warning);
        }
      }
    }
    current = 0;
    return showCurrent();
  }

  private boolean showCurrent() {
    if (current >= outcomes.size()) {
      resultSet = null;
      updateCount = -1;
      return false;
    }
    StatementOutcome outcome = outcomes.get(current);
    if (outcome.hasRows()) {
      resultSet = new QuorateResultSet(this, outcome.columns(), outcome.rows(), outcome.remaining(), maxRows,
          rowsPerFetch());
      updateCount = -1;
      return true;
    }
    resultSet = null;
    updateCount = outcome.updateCount();
    return false;
  }

  private void closeResultSet() throws SQLException {
    if (resultSet != null) {
      resultSet.close();
      resultSet = null;
    }
  }

  @Override
  public String commandTag() {
    if (current >= outcomes.size()) {
      return null;
    }
    StatementOutcome outcome = outcomes.get(current);
    return outcome.remaining() != null ? outcome.remaining().commandTag() : outcome.commandTag();
  }

  /** Called by a result set of this statement when it closes. */
  void resultSetClosed() throws SQLException {
    if (closeOnCompletion) {
      close();
    }
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    checkOpen();
    return show(run(sql, null));
  }

  /** Runs a request on the connection, cancelled after the query timeout when one is set. */
  final List<StatementOutcome> run(String sql, List<TextValues.Parameter> parameters) throws SQLException {
    int perFetch = rowsPerFetch();
    int firstRows = maxRows > 0 && (perFetch == 0 || maxRows < perFetch) ? maxRows : perFetch;
    if (queryTimeoutSeconds == 0) {
      return connection.execute(sql, parameters, firstRows);
    }
    ScheduledFuture<?> timer = TIMER.schedule(connection::cancelRunning, queryTimeoutSeconds, TimeUnit.SECONDS);
    try {
      return connection.execute(sql, parameters, firstRows);
    } finally {
      timer.cancel(false);
    }
  }

  /** Fires query timeouts: one daemon thread for every statement of this class loader. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "quorate-driver-query-timeouts");
    thread.setDaemon(true);
    return thread;
  });

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    if (!execute(sql)) {
      throw Errors.of("no results were returned by the query", "02000");
    }
    return resultSet;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    if (execute(sql)) {
      throw Errors.of("a result was returned when none was expected", "0100E");
    }
    return Math.max(updateCount, 0);
  }

  final ResultSet requireResultSet() throws SQLException {
    if (resultSet == null) {
      throw Errors.of("no results were returned by the query", "02000");
    }
    return resultSet;
  }

  final long requireUpdateCount() throws SQLException {
    if (resultSet != null) {
      throw Errors.of("a result was returned when none was expected", "0100E");
    }
    return Math.max(updateCount, 0);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    rejectGeneratedKeys(autoGeneratedKeys);
    return execute(sql);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    rejectGeneratedKeys(autoGeneratedKeys);
    return executeUpdate(sql);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    rejectGeneratedKeys(autoGeneratedKeys);
    return executeLargeUpdate(sql);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  private static void rejectGeneratedKeys(int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys == RETURN_GENERATED_KEYS) {
      throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    throw Errors.unsupported("returning generated keys (use INSERT ... RETURNING)");
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    return resultSet;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, updateCount);
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return updateCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return getMoreResults(CLOSE_CURRENT_RESULT);
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    checkOpen();
    if (current != KEEP_CURRENT_RESULT) {
      closeResultSet();
    }
    this.current++;
    return showCurrent();
  }

  // ---- batches

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    batch.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long[] counts = executeLargeBatch();
    int[] narrow = new int[counts.length];
    for (int i = 0; i < counts.length; i++) {
      narrow[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
    }
    return narrow;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<String> statements = List.copyOf(batch);
    batch.clear();
    long[] counts = new long[statements.size()];
    for (int i = 0; i < statements.size(); i++) {
      try {
        counts[i] = runBatchItem(statements.get(i));
      } catch (SQLException failure) {
        throw batchFailure(counts, i, failure);
      }
    }
    return counts;
  }

  private long runBatchItem(String sql) throws SQLException {
    if (show(run(sql, null))) {
      throw Errors.of("a batch statement returned rows: " + sql, "0100E");
    }
    return Math.max(updateCount, 0);
  }

  static BatchUpdateException batchFailure(long[] counts, int done, SQLException failure) {
    long[] partial = java.util.Arrays.copyOf(counts, done);
    return new BatchUpdateException("batch entry " + done + " failed: " + failure.getMessage(),
        failure.getSQLState(), failure.getErrorCode(), partial, failure);
  }

  // ---- settings

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return 0;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
    if (max < 0) {
      throw Errors.of("max field size must not be negative: " + max, "22023");
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    checkOpen();
    if (max < 0) {
      throw Errors.of("max rows must not be negative: " + max, "22023");
    }
    maxRows = max;
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return getMaxRows();
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    setMaxRows((int) Math.min(Integer.MAX_VALUE, max));
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen(); // statements are sent as written; JDBC escapes ({fn ...}) are not translated
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeoutSeconds;
  }

  /** After {@code seconds} a statement is cancelled and fails with 57014; 0 for no limit. */
  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    if (seconds < 0) {
      throw Errors.of("query timeout must not be negative: " + seconds, "22023");
    }
    queryTimeoutSeconds = seconds;
  }

  /** Cancels what this statement's connection runs (57014 for it); from any thread. */
  @Override
  public void cancel() throws SQLException {
    if (closed) {
      throw Errors.closed("statement");
    }
    connection.cancelRunning();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return warnings;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
    warnings = null;
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    throw Errors.unsupported("named cursors");
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw Errors.unsupported("fetch directions other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw Errors.of("fetch size must not be negative: " + rows, "22023");
    }
    fetchSize = rows;
  }

  /** Rows per batch of a result: this statement's fetch size, else the connection's default (0: all at once). */
  private int rowsPerFetch() {
    return fetchSize > 0 ? fetchSize : connection.defaultRowFetchSize();
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return ResultSet.HOLD_CURSORS_OVER_COMMIT;
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return connection;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    QuorateResultSet open = resultSet;
    resultSet = null;
    if (open != null) {
      open.close();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return Errors.unwrap(this, type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  final void checkOpen() throws SQLException {
    if (closed) {
      throw Errors.closed("statement");
    }
    connection.checkOpen();
  }
}
