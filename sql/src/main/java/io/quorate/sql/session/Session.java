package io.quorate.sql.session;

import io.quorate.sql.analyzer.Analyzer;
import io.quorate.sql.analyzer.BoundDml;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.Role;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.executor.DdlContext;
import io.quorate.sql.executor.DdlExecutor;
import io.quorate.sql.executor.DmlExecutor;
import io.quorate.sql.executor.ExecutionContext;
import io.quorate.sql.executor.Operator;
import io.quorate.sql.executor.PlanExecutor;
import io.quorate.sql.executor.PlanSubquery;
import io.quorate.sql.executor.RoleExecutor;
import io.quorate.sql.executor.TableWriter;
import io.quorate.sql.expression.EvaluationContext;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.optimizer.Optimizer;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.planner.PlanNode;
import io.quorate.sql.planner.PlanPrinter;
import io.quorate.sql.planner.PointRead;
import io.quorate.sql.types.SqlType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One client session: runs statements in transaction blocks as PostgreSQL does. Outside
 * BEGIN each statement commits on its own (several statements in one string share one
 * implicit transaction); after an error inside a block only ROLLBACK [TO SAVEPOINT] is
 * accepted (25P02). Settings changed inside a block that rolls back revert. One thread
 * at a time.
 */
public final class Session implements AutoCloseable {

  private final Engine engine;
  private Settings settings = new Settings();
  private Settings settingsAtBegin;
  private final Map<String, String> localSettings = new HashMap<>();
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final Map<Long, Long> currentValues = new HashMap<>();
  private final List<String> notices = new ArrayList<>();

  private SavepointTransaction transaction;
  /** Names the commit of the request now running, or null: see {@link #nameNextCommit}. */
  private CommitId commitId;
  private boolean explicitBlock;
  /** The open block is the extended protocol's implicit one, ended by {@link #sync()}. */
  private boolean implicitBlock;
  private boolean failed;
  private boolean queriedInTransaction;
  private Instant transactionStart;
  private String pendingIsolation;
  private Boolean pendingReadOnly;
  /** Set by {@link #cancel} from another thread; cleared when the next statement starts. */
  private volatile boolean cancelRequested;
  /** Set while {@link #executePointRead} runs: a query planned as anything else fails before it reads. */
  private boolean pointReadsOnly;
  private int backendPid;

  /** Settings as they were when a savepoint was set, restored by ROLLBACK TO. */
  private record SettingsState(Settings settings, Map<String, String> localSettings) {}

  /** What a cached plan depends on besides the statement. */
  private record PlanKey(Catalog catalog, List<String> searchPath, java.time.ZoneId zone) {}

  /** Parses {@code sql} (one statement) for repeated execution with parameters $1, $2, ... */
  public PreparedStatement prepare(String sql, Map<Integer, SqlType> parameterTypes) {
    return new PreparedStatement("", Parser.parseOne(sql), parameterTypes);
  }

  /**
   * Whether {@code statement}, as last planned, is a query that reads at most one row by
   * its table's whole primary key and computes nothing that could take long or wait
   * ({@link PointRead}). False for a statement not planned yet; a schema change since it
   * was planned may make it plan differently when it runs.
   */
  public boolean isPointRead(PreparedStatement statement) {
    return statement.pointRead;
  }

  /**
   * Thrown (as the cause of the statement's error) by {@link #executePointRead} when the
   * statement is not a point read as it would run now; nothing was read.
   */
  public static final class NotAPointRead extends RuntimeException {
    NotAPointRead() {
      super("the statement is not a point read as it would run now", null, false, false);
    }
  }

  /**
   * Runs {@code statement} as {@link #execute(PreparedStatement, Object[])} does, but only
   * as a point read: if it is not one, or planning it again (after a schema change, or a
   * change of search_path or TimeZone) makes it something else, it fails with
   * {@link NotAPointRead} as its cause before reading any row, and the caller runs it with
   * {@code execute} where it may take long.
   */
  public StatementResult executePointRead(PreparedStatement statement, Object[] parameters) {
    pointReadsOnly = true;
    try {
      return execute(statement, parameters);
    } finally {
      pointReadsOnly = false;
    }
  }

  /** Runs a prepared statement with {@code parameters} (values of the parameter types, $1 at index 0). */
  public StatementResult execute(PreparedStatement statement, Object[] parameters) {
    if (isTransactionControl(statement.statement()) || !(statement.statement() instanceof io.quorate.sql.ast.Query
        || statement.statement() instanceof Statement.Insert || statement.statement() instanceof Statement.Update
        || statement.statement() instanceof Statement.Delete)) {
      return execute(statement.statement(), parameters);
    }
    notices.clear();
    return runStatement(() -> inTransaction(statement.statement(), parameters, statement.mutableParameterTypes(),
        statement));
  }

  /**
   * Runs one statement with PostgreSQL's rules: refused in a failed block (25P02);
   * outside a block it commits on success and rolls back on error; inside one an error
   * fails the block. Anything other than an SqlException is reported as one (XX000, or
   * 54001/53200 for exhausted stack or memory), so no exception type but ours escapes.
   */
  private StatementResult runStatement(java.util.function.Supplier<StatementResult> statement) {
    if (failed) {
      throw SqlException.inFailedTransaction();
    }
    boolean autocommit = !explicitBlock;
    try {
      StatementResult result = statement.get();
      if (autocommit) {
        recordNamedCommit(result == null ? "" : result.commandTag()); // COPY's callers make their own result
        endTransaction(true);
      }
      return result;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError error) {
      if (autocommit) {
        endTransaction(false);
      } else {
        failed = true;
      }
      throw asSqlException(error);
    }
  }

  private static SqlException asSqlException(Throwable error) {
    return switch (error) {
      case SqlException sql -> sql;
      case StackOverflowError ignored -> new SqlException(SqlState.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded");
      case OutOfMemoryError ignored -> new SqlException(SqlState.OUT_OF_MEMORY, "out of memory")
          .withDetail("The statement needed more memory than the server has.");
      default -> SqlException.internal("internal error: " + error, error);
    };
  }

  Session(Engine engine) {
    this.engine = engine;
    engine.databaseSettings().applyTo(settings);
  }

  /**
   * Makes {@code name} the session's user (current_user, session_user), as the server
   * does after authenticating the client; is_superuser follows the role.
   */
  public void setUser(String name) {
    settings.setSessionUser(name, engine.roles().find(name).map(Role::superuser).orElse(false));
  }

  /** The process id the server told the client (BackendKeyData), for pg_backend_pid(). */
  public void setBackendPid(int pid) {
    this.backendPid = pid;
  }

  int backendPid() {
    return backendPid;
  }

  public Settings settings() {
    return settings;
  }

  /** 'I' idle, 'T' in a transaction block, 'E' in a failed block: the wire protocol's ReadyForQuery status. */
  public char transactionStatus() {
    return !explicitBlock ? 'I' : failed ? 'E' : 'T';
  }

  /**
   * Opens the extended query protocol's implicit transaction, as PostgreSQL does at an
   * Execute outside a block: every statement until {@link #sync()} runs in it, so a
   * batch of Executes before one Sync commits or fails as a whole. A BEGIN inside it
   * turns it into an ordinary block. Does nothing inside a block.
   */
  public void beginImplicitTransaction() {
    if (!explicitBlock) {
      explicitBlock = true;
      implicitBlock = true;
      failed = false;
      settingsAtBegin = settings.copy();
    }
  }

  /**
   * Marks the open transaction failed after an error the session did not see itself (the
   * wire protocol's Parse or Bind failing): a block then only accepts ROLLBACK, and the
   * implicit transaction rolls back at {@link #sync()}, as PostgreSQL aborts on any error.
   */
  public void failTransaction() {
    if (explicitBlock) {
      failed = true;
    }
  }

  /**
   * The extended protocol's Sync: commits the implicit transaction, or rolls it back
   * after an error. A commit failure is thrown; the session is idle afterwards either way.
   */
  public void sync() {
    if (implicitBlock) {
      finishBlock(!failed);
    }
  }

  /** Runs every statement of {@code sql}; the first error ends the run (earlier results are lost). */
  public List<StatementResult> execute(String sql) {
    List<StatementResult> results = new ArrayList<>();
    execute(sql, new StatementHandler() {
      @Override
      public void completed(StatementResult result) {
        results.add(result);
      }

      @Override
      public StatementResult copy(Statement.Copy copy) {
        return execute(copy, new Object[0]); // refused: there is no client to stream the data
      }
    });
    return results;
  }

  /**
   * Receives the results of a statement string one statement at a time, as the wire
   * protocol sends them, and runs the COPY statements in it (which need the client's
   * data stream) through {@link #copyIn} or {@link #copyOut}.
   */
  public interface StatementHandler {
    void completed(StatementResult result);

    StatementResult copy(Statement.Copy copy);
  }

  /**
   * Runs every statement of {@code sql}, handing each result to {@code handler} as it
   * completes; the first error ends the run and is thrown. Several statements outside a
   * block share one implicit transaction, as in PostgreSQL's simple query protocol.
   */
  public void execute(String sql, StatementHandler handler) {
    // A Query that follows Executes without a Sync runs in their implicit transaction and
    // ends it, as in PostgreSQL: it commits with the Query, or rolls back on an error.
    boolean endsImplicitBlock = implicitBlock;
    List<Statement> statements;
    try {
      statements = Parser.parse(sql);
    } catch (SqlException syntax) {
      failTransaction(); // as in PostgreSQL, any error inside a block aborts it
      sync();
      throw syntax;
    }
    boolean wrapInBlock = !explicitBlock && statements.size() > 1
        && statements.stream().noneMatch(Session::isTransactionControl);
    if (!wrapInBlock && !endsImplicitBlock) {
      for (Statement statement : statements) {
        handler.completed(runOne(statement, handler));
      }
      return;
    }
    if (wrapInBlock) {
      beginImplicitTransaction(); // several statements in one Query share one transaction
    }
    try {
      for (Statement statement : statements) {
        handler.completed(runOne(statement, handler));
      }
    } catch (SqlException error) {
      failTransaction();
      sync();
      throw error;
    }
    sync();
  }

  private StatementResult runOne(Statement statement, StatementHandler handler) {
    return statement instanceof Statement.Copy copy ? handler.copy(copy) : execute(statement, new Object[0]);
  }

  private static boolean isTransactionControl(Statement statement) {
    return statement instanceof Statement.Begin || statement instanceof Statement.Commit
        || statement instanceof Statement.Rollback || statement instanceof Statement.Savepoint
        || statement instanceof Statement.ReleaseSavepoint;
  }

  /** Runs one parsed statement with {@code parameters} ($1 is index 0). */
  public StatementResult execute(Statement statement, Object[] parameters) {
    notices.clear();
    if (isTransactionControl(statement) || statement instanceof Statement.SetTransaction) {
      try {
        return transactionControl(statement);
      } catch (SqlException error) {
        if (explicitBlock) {
          failed = true;
        }
        throw error;
      }
    }
    return runStatement(() -> run(statement, parameters));
  }

  private StatementResult run(Statement statement, Object[] parameters) {
    return switch (statement) {
      case Statement.SetVariable set -> set(set);
      case Statement.Show show -> show(show);
      case Statement.ResetVariable reset -> {
        if (reset.name().equals("all")) {
          settings.resetAll();
        } else {
          settings.reset(reset.name());
        }
        yield StatementResult.command("RESET", notices);
      }
      case Statement.Prepare prepare -> {
        if (prepared.containsKey(prepare.name())) {
          throw new SqlException(SqlState.DUPLICATE_PREPARED_STATEMENT,
              "prepared statement \"" + prepare.name() + "\" already exists");
        }
        Map<Integer, SqlType> types = new HashMap<>();
        for (int i = 0; i < prepare.parameterTypes().size(); i++) {
          types.put(i + 1, prepare.parameterTypes().get(i));
        }
        PreparedStatement planned = new PreparedStatement(prepare.name(), prepare.statement(), types);
        plan(planned);
        prepared.put(prepare.name(), planned);
        yield StatementResult.command("PREPARE", notices);
      }
      case Statement.Execute execute -> executePrepared(execute);
      case Statement.Deallocate deallocate -> {
        if (deallocate.name() == null) {
          prepared.clear();
        } else if (prepared.remove(deallocate.name()) == null) {
          throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME,
              "prepared statement \"" + deallocate.name() + "\" does not exist");
        }
        yield StatementResult.command("DEALLOCATE" + (deallocate.name() == null ? " ALL" : ""), notices);
      }
      default -> inTransaction(statement, parameters, Map.of(), null);
    };
  }

  /**
   * Plans a statement being prepared, so errors in it are reported at PREPARE and its
   * parameter types are known; only queries and INSERT/UPDATE/DELETE can be prepared.
   */
  private void plan(PreparedStatement statement) {
    Statement body = statement.statement();
    if (!(body instanceof io.quorate.sql.ast.Query || body instanceof Statement.Insert
        || body instanceof Statement.Update || body instanceof Statement.Delete)) {
      throw SqlException.syntaxError("only SELECT, VALUES, INSERT, UPDATE and DELETE can be prepared", 0);
    }
    StatementContext context = begin(new Object[0]);
    Analyzer analyzer = analyzer(context, statement.mutableParameterTypes());
    cachedPlan(statement, context, () -> switch (body) {
      case io.quorate.sql.ast.Query query -> Optimizer.optimize(analyzer.query(query));
      case Statement.Insert insert -> optimized(analyzer.insert(insert));
      case Statement.Update update -> optimized(analyzer.update(update));
      case Statement.Delete delete -> optimized(analyzer.delete(delete));
      default -> throw new IllegalStateException("checked above");
    }, () -> analyzer);
  }

  private StatementResult executePrepared(Statement.Execute execute) {
    PreparedStatement statement = prepared.get(execute.name());
    if (statement == null) {
      throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME,
          "prepared statement \"" + execute.name() + "\" does not exist");
    }
    int expected = statement.mutableParameterTypes().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    if (execute.arguments().size() != expected) {
      throw SqlException.syntaxError("wrong number of parameters for prepared statement \"" + execute.name() + "\"", 0)
          .withDetail("Expected " + expected + " parameters but got " + execute.arguments().size() + ".");
    }
    StatementContext context = begin(new Object[0]);
    Analyzer analyzer = analyzer(context, Map.of());
    Object[] values = new Object[execute.arguments().size()];
    for (int i = 0; i < values.length; i++) {
      SqlType type = statement.parameterTypes().get(i + 1);
      values[i] = analyzer.constantExpression(execute.arguments().get(i), type, "EXECUTE parameter")
          .evaluate(null, context.evaluation);
    }
    return inTransaction(statement.statement(), values, statement.mutableParameterTypes(), statement);
  }

  /** Per-statement state: the catalog snapshot and the evaluation context. */
  private record StatementContext(Catalog catalog, EvaluationContext evaluation, ExecutionContext execution) {
    StatementContext withEvaluation(Session session, Object[] parameters, long deadline) {
      return session.withEvaluation(this, parameters, deadline);
    }
  }

  private StatementContext begin(Object[] parameters) {
    if (transaction == null) {
      startTransaction();
    }
    transaction.startStatement();
    queriedInTransaction = true;
    cancelRequested = false;
    Catalog catalog = engine.catalog().load(transaction);
    long timeout = settings.statementTimeoutMillis();
    long deadline = timeout > 0 ? System.nanoTime() + timeout * 1_000_000 : Long.MAX_VALUE;
    return new StatementContext(catalog, null, null).withEvaluation(this, parameters, deadline);
  }

  private StatementResult inTransaction(Statement statement, Object[] parameters, Map<Integer, SqlType> types,
      PreparedStatement cache) {
    StatementContext context = begin(parameters);
    checkWritable(statement);
    // a prepared statement whose plan is still valid needs no analyzer: make it on demand
    Supplier<Analyzer> analyzer = new Supplier<>() {
      private Analyzer made;

      @Override
      public Analyzer get() {
        if (made == null) {
          made = analyzer(context, types);
        }
        return made;
      }
    };
    return switch (statement) {
      case io.quorate.sql.ast.Query query -> {
        PlanNode plan = (PlanNode) cachedPlan(cache, context, () -> Optimizer.optimize(analyzer.get().query(query)),
            analyzer);
        if (pointReadsOnly && (cache == null || !cache.pointRead)) {
          throw new NotAPointRead();
        }
        List<Object[]> rows = PlanExecutor.collect(plan, context.execution, Integer.MAX_VALUE);
        yield rows(plan, rows, "SELECT " + rows.size());
      }
      case Statement.Insert insert -> dml((BoundDml) cachedPlan(cache, context,
          () -> optimized(analyzer.get().insert(insert)), analyzer), context, "INSERT 0 ");
      case Statement.Update update -> dml((BoundDml) cachedPlan(cache, context,
          () -> optimized(analyzer.get().update(update)), analyzer), context, "UPDATE ");
      case Statement.Delete delete -> dml((BoundDml) cachedPlan(cache, context,
          () -> optimized(analyzer.get().delete(delete)), analyzer), context, "DELETE ");
      case Statement.Explain explain -> explain(explain, analyzer.get());
      case Statement.Copy copy -> throw SqlException.featureNotSupported(
          "COPY is available through the PostgreSQL protocol's copy sub-protocol only");
      case Statement.Vacuum vacuum -> vacuum(vacuum, context);
      default -> ddl(statement, context);
    };
  }

  /** A change whose row source went through the optimizer (so WHERE k = $1 is a key lookup). */
  private static BoundDml optimized(BoundDml dml) {
    return dml.withSource(Optimizer.optimize(dml.source()));
  }

  /** The statement's plan: from the prepared statement's cache when still valid, else planned now. */
  private Object cachedPlan(PreparedStatement cache, StatementContext context,
      Supplier<Object> plan, Supplier<Analyzer> analyzer) {
    if (cache == null) {
      return plan.get();
    }
    PlanKey key = new PlanKey(context.catalog, settings.searchPath(), settings.zone());
    if (!key.equals(cache.cachedFor)) {
      cache.cachedPlan = plan.get();
      cache.pointRead = cache.cachedPlan instanceof PlanNode node && PointRead.is(node);
      cache.cachedFor = key;
      cache.mutableParameterTypes().putAll(analyzer.get().parameterTypes());
    }
    return cache.cachedPlan;
  }

  private Analyzer analyzer(StatementContext context, Map<Integer, SqlType> types) {
    return new Analyzer(context.catalog, settings.searchPath(), settings.zone(), types,
        Optimizer::optimize, PlanSubquery::new);
  }

  private void checkWritable(Statement statement) {
    if (!transaction.readOnly() || statement instanceof io.quorate.sql.ast.Query
        || statement instanceof Statement.Explain explain && !explain.analyze()) {
      return;
    }
    String command = switch (statement) {
      case Statement.Insert ignored -> "INSERT";
      case Statement.Update ignored -> "UPDATE";
      case Statement.Delete ignored -> "DELETE";
      case Statement.Explain ignored -> "EXPLAIN ANALYZE";
      default -> commandTag(statement);
    };
    throw SqlException.readOnlyTransaction(command);
  }

  private StatementResult dml(BoundDml dml, StatementContext context, String tagPrefix) {
    TableWriter writer = new TableWriter(transaction, context.evaluation, context.catalog);
    DmlExecutor executor = new DmlExecutor(context.execution, writer);
    DmlExecutor.Result result = switch (dml) {
      case BoundDml.Insert insert -> executor.insert(insert);
      case BoundDml.Update update -> executor.update(update);
      case BoundDml.Delete delete -> executor.delete(delete);
    };
    String tag = tagPrefix + result.count();
    if (dml.returning().isEmpty()) {
      return StatementResult.command(tag, notices);
    }
    List<StatementResult.Column> columns = new ArrayList<>();
    for (var column : dml.returningColumns()) {
      columns.add(new StatementResult.Column(column.name(), column.type()));
    }
    return new StatementResult(tag, List.copyOf(columns), result.returned(), List.copyOf(notices));
  }

  private StatementResult rows(PlanNode plan, List<Object[]> rows, String tag) {
    return new StatementResult(tag, columns(plan.columns()), rows, List.copyOf(notices));
  }

  private StatementResult explain(Statement.Explain explain, Analyzer analyzer) {
    if (!(explain.statement() instanceof io.quorate.sql.ast.Query query)) {
      throw SqlException.featureNotSupported("EXPLAIN is supported for queries only");
    }
    if (explain.analyze()) {
      throw SqlException.featureNotSupported("EXPLAIN ANALYZE is not supported");
    }
    PlanNode plan = Optimizer.optimize(analyzer.query(query));
    List<Object[]> rows = new ArrayList<>();
    for (String line : PlanPrinter.print(plan)) {
      rows.add(new Object[] {line});
    }
    return new StatementResult("EXPLAIN", List.of(new StatementResult.Column("QUERY PLAN", SqlType.TEXT)), rows,
        List.copyOf(notices));
  }

  private StatementResult ddl(Statement statement, StatementContext statementContext) {
    // one schema change at a time, each working from the newest committed catalog
    StatementContext context = new StatementContext(engine.catalog().lockForChange(transaction),
        statementContext.evaluation, statementContext.execution);
    Analyzer analyzer = analyzer(context, Map.of());
    DdlExecutor ddl = new DdlExecutor(new DdlContext(transaction, engine.catalog(), context.catalog,
        settings.searchPath(), analyzer, context.execution, notices::add));
    if (statement instanceof Statement.CreateTable create && create.asQuery() != null) {
      long count = ddl.createTableAs(create, Optimizer.optimize(analyzer.query(create.asQuery())));
      return StatementResult.command(count < 0 ? "CREATE TABLE AS" : "SELECT " + count, notices);
    }
    switch (statement) {
      case Statement.CreateTable create -> ddl.createTable(create);
      case Statement.CreateIndex create -> ddl.createIndex(create);
      case Statement.CreateView create -> ddl.createView(create);
      case Statement.CreateSchema create -> ddl.createSchema(create);
      case Statement.CreateSequence create -> ddl.createSequence(create);
      case Statement.DropObjects drop -> ddl.drop(drop);
      case Statement.AlterTable alter -> ddl.alterTable(alter);
      case Statement.Truncate truncate -> ddl.truncate(truncate);
      case Statement.CreateRole create -> roles(context).create(create);
      case Statement.AlterRole alter -> roles(context).alter(alter);
      case Statement.DropRole drop -> roles(context).drop(drop);
      default -> throw SqlException.featureNotSupported("statement not supported: " + commandTag(statement));
    }
    return StatementResult.command(commandTag(statement), notices);
  }

  private RoleExecutor roles(StatementContext context) {
    return new RoleExecutor(transaction, engine.catalog(), context.catalog,
        settings.get("password_encryption").equals("md5"), settings.get("session_authorization"), notices::add);
  }

  /** VACUUM and ANALYZE have nothing to do (no dead rows, no statistics yet) but check their tables exist. */
  private StatementResult vacuum(Statement.Vacuum vacuum, StatementContext context) {
    if (vacuum.vacuum() && explicitBlock && !implicitBlock) {
      throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION, "VACUUM cannot run inside a transaction block");
    }
    for (QualifiedName table : vacuum.tables()) {
      if (context.catalog.table(table, settings.searchPath()) == null) {
        throw SqlException.undefinedTable(table.toString());
      }
    }
    return StatementResult.command(commandTag(vacuum), notices);
  }

  static String commandTag(Statement statement) {
    return switch (statement) {
      case Statement.CreateTable ignored -> "CREATE TABLE";
      case Statement.CreateIndex ignored -> "CREATE INDEX";
      case Statement.CreateView ignored -> "CREATE VIEW";
      case Statement.CreateSchema ignored -> "CREATE SCHEMA";
      case Statement.CreateSequence ignored -> "CREATE SEQUENCE";
      case Statement.DropObjects drop -> "DROP " + drop.kind().name();
      case Statement.AlterTable ignored -> "ALTER TABLE";
      case Statement.Truncate ignored -> "TRUNCATE TABLE";
      case Statement.CreateRole ignored -> "CREATE ROLE";
      case Statement.AlterRole ignored -> "ALTER ROLE";
      case Statement.DropRole ignored -> "DROP ROLE";
      case Statement.Vacuum vacuum -> vacuum.vacuum() ? "VACUUM" : "ANALYZE";
      default -> statement.getClass().getSimpleName().toUpperCase(java.util.Locale.ROOT);
    };
  }

  private StatementResult set(Statement.SetVariable set) {
    String name = set.name();
    if (name.equalsIgnoreCase("transaction_isolation")) {
      setTransactionMode(new Statement.TransactionMode(Settings.isolation(String.join(",", set.values())), null));
      return StatementResult.command("SET", notices);
    }
    String previous = settings.get(name);
    if (set.toDefault()) {
      settings.reset(name);
    } else {
      settings.set(name, String.join(", ", set.values()));
    }
    if (!set.local()) {
      localSettings.remove(name);
    } else {
      if (!explicitBlock) {
        notices.add("WARNING: SET LOCAL can only be used in transaction blocks");
        settings.set(name, previous);
      } else {
        localSettings.putIfAbsent(name, previous);
      }
    }
    return StatementResult.command("SET", notices);
  }

  private StatementResult show(Statement.Show show) {
    if (show.name().equals("all")) {
      List<Object[]> rows = new ArrayList<>();
      for (String[] row : settings.all()) {
        rows.add(new Object[] {row[0], row[1]});
      }
      return new StatementResult("SHOW", List.of(new StatementResult.Column("name", SqlType.TEXT),
          new StatementResult.Column("setting", SqlType.TEXT)), rows, List.copyOf(notices));
    }
    String value = currentSetting(show.name());
    return new StatementResult("SHOW", List.of(new StatementResult.Column(show.name(), SqlType.TEXT)),
        List.<Object[]>of(new Object[] {value}), List.copyOf(notices));
  }

  /**
   * A setting's current value as SHOW and current_setting() report it; the transaction
   * characteristics come from the block being run, else from their session defaults.
   */
  String currentSetting(String name) {
    String value = settings.get(name);
    if (name.equalsIgnoreCase("transaction_isolation")) {
      value = pendingIsolation != null ? pendingIsolation
          : transaction != null ? isolationName(transaction.isolation())
          : settings.get("default_transaction_isolation");
    } else if (name.equalsIgnoreCase("transaction_read_only")) {
      boolean readOnly = pendingReadOnly != null ? pendingReadOnly
          : transaction != null ? transaction.readOnly() : settings.get("default_transaction_read_only").equals("on");
      value = readOnly ? "on" : "off";
    }
    return value;
  }

  private static String isolationName(KvIsolation isolation) {
    return switch (isolation) {
      case READ_COMMITTED -> "read committed";
      case REPEATABLE_READ -> "repeatable read";
      case SERIALIZABLE -> "serializable";
    };
  }

  private StatementResult transactionControl(Statement statement) {
    return switch (statement) {
      case Statement.Begin begin -> {
        if (implicitBlock) {
          implicitBlock = false; // PostgreSQL turns the implicit transaction into a block
          setTransactionMode(begin.mode());
          yield StatementResult.command("BEGIN", notices);
        }
        if (explicitBlock) {
          notices.add("WARNING: there is already a transaction in progress");
          yield StatementResult.command("BEGIN", notices);
        }
        explicitBlock = true;
        failed = false;
        settingsAtBegin = settings.copy();
        pendingIsolation = null;
        pendingReadOnly = null;
        setTransactionMode(begin.mode());
        yield StatementResult.command("BEGIN", notices);
      }
      case Statement.Commit commit -> {
        if (!explicitBlock || implicitBlock) {
          // PostgreSQL warns in its implicit transaction too, and commits that
          notices.add("WARNING: there is no transaction in progress");
          if (!explicitBlock) {
            yield StatementResult.command("COMMIT", notices);
          }
        }
        boolean wasFailed = failed;
        if (!wasFailed) {
          try {
            recordNamedCommit("COMMIT");
          } catch (SqlException error) {
            finishBlock(false);
            throw error;
          }
        }
        finishBlock(!wasFailed);
        yield StatementResult.command(wasFailed ? "ROLLBACK" : "COMMIT", notices);
      }
      case Statement.Rollback rollback -> rollback(rollback);
      case Statement.Savepoint savepoint -> {
        requireBlock("SAVEPOINT");
        if (failed) {
          throw SqlException.inFailedTransaction();
        }
        if (transaction == null) {
          startTransaction();
        }
        transaction.savepoint(savepoint.name(), new SettingsState(settings.copy(), new HashMap<>(localSettings)));
        yield StatementResult.command("SAVEPOINT", notices);
      }
      case Statement.ReleaseSavepoint release -> {
        requireBlock("RELEASE SAVEPOINT");
        if (failed) {
          throw SqlException.inFailedTransaction();
        }
        if (transaction == null || !transaction.hasSavepoint(release.name())) {
          throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
              "savepoint \"" + release.name() + "\" does not exist");
        }
        transaction.release(release.name());
        yield StatementResult.command("RELEASE", notices);
      }
      case Statement.SetTransaction set -> {
        if (set.sessionDefault()) {
          if (set.mode().isolation() != null) {
            settings.set("default_transaction_isolation", set.mode().isolation());
          }
          if (set.mode().readOnly() != null) {
            settings.set("default_transaction_read_only", set.mode().readOnly() ? "on" : "off");
          }
        } else {
          if (!explicitBlock) {
            notices.add("WARNING: SET TRANSACTION can only be used in transaction blocks");
          } else {
            setTransactionMode(set.mode());
          }
        }
        yield StatementResult.command("SET", notices);
      }
      default -> throw new IllegalArgumentException("not transaction control: " + statement);
    };
  }

  private void requireBlock(String command) {
    if (!explicitBlock || implicitBlock) {
      throw new SqlException(SqlState.NO_ACTIVE_SQL_TRANSACTION, command + " can only be used in transaction blocks");
    }
  }

  private StatementResult rollback(Statement.Rollback rollback) {
    if (rollback.savepoint() == null) {
      if (!explicitBlock || implicitBlock) {
        notices.add("WARNING: there is no transaction in progress");
        if (!explicitBlock) {
          return StatementResult.command("ROLLBACK", notices);
        }
      }
      finishBlock(false);
      return StatementResult.command("ROLLBACK", notices);
    }
    requireBlock("ROLLBACK TO SAVEPOINT");
    if (transaction == null || !transaction.hasSavepoint(rollback.savepoint())) {
      throw new SqlException(SqlState.INVALID_SAVEPOINT_SPECIFICATION,
          "savepoint \"" + rollback.savepoint() + "\" does not exist");
    }
    SettingsState saved = (SettingsState) transaction.rollbackTo(rollback.savepoint());
    settings = saved.settings().copy();
    localSettings.clear();
    localSettings.putAll(saved.localSettings());
    failed = false;
    return StatementResult.command("ROLLBACK", notices);
  }

  private void setTransactionMode(Statement.TransactionMode mode) {
    if (mode == null) {
      return;
    }
    if (queriedInTransaction && mode.isolation() != null) {
      throw new SqlException(SqlState.ACTIVE_SQL_TRANSACTION,
          "SET TRANSACTION ISOLATION LEVEL must be called before any query");
    }
    if (mode.isolation() != null) {
      pendingIsolation = mode.isolation();
    }
    if (mode.readOnly() != null) {
      pendingReadOnly = mode.readOnly();
    }
  }

  /**
   * Names the commit the next request makes, so that sending it again after a lost
   * answer commits at most once: the commit of an autocommitted statement, or of the
   * block a COMMIT ends, records {@code id} with its command tag in the same transaction
   * (when it writes anything; a read commits nothing). The name holds until replaced or
   * cleared with null. A request naming a commit must make at most one.
   */
  public void nameNextCommit(CommitId id) {
    commitId = id;
  }

  /**
   * The command tag {@code id}'s commit was made with, if it was: a resent request that
   * finds one must not run again. On the primary this reads the newest committed state,
   * which holds every commit an earlier primary made. Run outside a transaction block.
   */
  public java.util.Optional<String> committedAs(CommitId id) {
    return CommitOutcomes.find(engine.store(), id);
  }

  /** Records the named commit in the transaction about to commit; a request's later commits are not named. */
  private void recordNamedCommit(String commandTag) {
    if (commitId != null && transaction != null && transaction.hasWritten()) {
      CommitId named = commitId;
      commitId = null;
      CommitOutcomes.record(transaction, named, commandTag);
    }
  }

  private void startTransaction() {
    String isolation = pendingIsolation != null ? pendingIsolation : settings.get("default_transaction_isolation");
    boolean readOnly = pendingReadOnly != null ? pendingReadOnly
        : settings.get("default_transaction_read_only").equals("on");
    KvIsolation level = switch (isolation) {
      case "serializable" -> KvIsolation.SERIALIZABLE;
      case "repeatable read" -> KvIsolation.REPEATABLE_READ;
      default -> KvIsolation.READ_COMMITTED;
    };
    transaction = new SavepointTransaction(engine.store().begin(level, readOnly));
    transactionStart = Instant.now().truncatedTo(ChronoUnit.MICROS);
    queriedInTransaction = false;
  }

  private void finishBlock(boolean commit) {
    boolean committed = false;
    try {
      endTransaction(commit);
      committed = commit;
    } finally {
      explicitBlock = false;
      implicitBlock = false;
      failed = false;
      if (!committed && settingsAtBegin != null) {
        settings = settingsAtBegin; // SET inside a block that did not commit does not stick
      }
      settingsAtBegin = null;
    }
  }

  private void endTransaction(boolean commit) {
    SavepointTransaction ending = transaction;
    transaction = null;
    pendingIsolation = null;
    pendingReadOnly = null;
    queriedInTransaction = false;
    for (Map.Entry<String, String> local : localSettings.entrySet()) {
      settings.set(local.getKey(), local.getValue());
    }
    localSettings.clear();
    if (ending == null) {
      return;
    }
    if (commit) {
      ending.commit();
    } else {
      ending.abort();
    }
  }

  /**
   * COPY table FROM STDIN, reading {@code data} (UTF-8: the client's CopyData stream) as it
   * arrives: each row is converted with its columns' input functions and stored, every
   * constraint checked, before the next is read, so memory does not grow with the input.
   * Any bad row fails the whole COPY (22P04, 22021 or the conversion's or constraint's
   * error, with PostgreSQL's CONTEXT naming the line) and nothing is kept. On success
   * {@code data} has been read to its end; after an error the caller discards the rest.
   * An SqlException thrown by {@code data} (the client failed or vanished) ends the COPY
   * unchanged.
   */
  public StatementResult copyIn(Statement.Copy copy, java.io.InputStream data) {
    if (!copy.from()) {
      throw new IllegalArgumentException("not COPY FROM: " + copy);
    }
    notices.clear();
    return runStatement(() -> {
      StatementContext context = begin(new Object[0]);
      checkWritable(new Statement.Insert(copy.table(), null, copy.columns(), null, null, List.of(),
          Statement.Overriding.NONE));
      long count = new io.quorate.sql.executor.CopyIn(context.execution, context.catalog,
          analyzer(context, Map.of())).run(copy, data);
      return StatementResult.command("COPY " + count, notices);
    });
  }

  /** The sequence called {@code name} as this session sees it now, including its own uncommitted DDL. */
  SequenceInfo sequence(Catalog catalog, String name) {
    QualifiedName qualified = Parser.parseQualifiedName(name);
    SequenceInfo sequence = catalog.sequence(qualified, settings.searchPath());
    if (sequence == null && transaction != null) {
      // created by this statement or transaction after the statement's catalog snapshot
      sequence = engine.catalog().load(transaction).sequence(qualified, settings.searchPath());
    }
    if (sequence == null) {
      throw SqlException.undefinedTable(name);
    }
    return sequence;
  }

  Sequences sequences() {
    return engine.sequences();
  }

  StatementContext withEvaluation(StatementContext context, Object[] parameters, long deadline) {
    EvaluationContext evaluation = new EvaluationContext(parameters, settings.zone(), transactionStart,
        Instant.now().truncatedTo(ChronoUnit.MICROS), new SessionServices(this, context.catalog(), currentValues));
    ExecutionContext execution = new ExecutionContext(transaction, evaluation, () -> {
      if (cancelRequested) {
        throw new SqlException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
      }
      return System.nanoTime() > deadline;
    });
    return new StatementContext(context.catalog(), evaluation, execution);
  }

  /**
   * Asks the statement running now to stop with 57014 "canceling statement due to user
   * request" (the wire protocol's CancelRequest). Thread-safe; does nothing if no
   * statement is running when it is next checked.
   */
  public void cancel() {
    cancelRequested = true;
  }

  /**
   * The result columns {@code statement} will return, without running it (the wire
   * protocol's Describe), or null when it returns no rows. Queries and INSERT/UPDATE/
   * DELETE are planned, which also infers the types of their parameters into
   * {@link PreparedStatement#parameterTypes}; planning errors are thrown as executing
   * would throw them.
   */
  public List<StatementResult.Column> describe(PreparedStatement statement) {
    Statement body = statement.statement();
    return switch (body) {
      case io.quorate.sql.ast.Query ignored -> columns(((PlanNode) planned(statement)).columns());
      case Statement.Insert ignored -> returningColumns(statement);
      case Statement.Update ignored -> returningColumns(statement);
      case Statement.Delete ignored -> returningColumns(statement);
      case Statement.Show show -> show.name().equals("all")
          ? List.of(new StatementResult.Column("name", SqlType.TEXT), new StatementResult.Column("setting", SqlType.TEXT))
          : List.of(new StatementResult.Column(show.name(), SqlType.TEXT));
      case Statement.Explain ignored -> List.of(new StatementResult.Column("QUERY PLAN", SqlType.TEXT));
      default -> null;
    };
  }

  private List<StatementResult.Column> returningColumns(PreparedStatement statement) {
    BoundDml dml = (BoundDml) planned(statement);
    return dml.returning().isEmpty() ? null : columns(dml.returningColumns());
  }

  /** The statement's plan, planned now under the session's transaction rules if not cached. */
  private Object planned(PreparedStatement statement) {
    runStatement(() -> {
      plan(statement);
      return null;
    });
    return statement.cachedPlan;
  }

  private static List<StatementResult.Column> columns(List<io.quorate.sql.planner.PlanColumn> planColumns) {
    List<StatementResult.Column> columns = new ArrayList<>();
    for (var column : planColumns) {
      columns.add(new StatementResult.Column(column.name(),
          column.type().kind() == SqlType.Kind.UNKNOWN ? SqlType.TEXT : column.type()));
    }
    return List.copyOf(columns);
  }

  /**
   * The number of columns COPY reads or writes. Checks what PostgreSQL checks before the
   * copy starts: that the table and columns exist (42P01, 42703), that the query of
   * COPY (query) TO plans, and that the transaction is not failed (25P02).
   */
  public int copyColumnCount(Statement.Copy copy) {
    return describe(new PreparedStatement("", copyQuery(copy), Map.of())).size();
  }

  /** What COPY ... TO writes out: its query, or the listed columns (else all) of its table. */
  private static io.quorate.sql.ast.Query copyQuery(Statement.Copy copy) {
    return copy.query() != null ? copy.query()
        : (io.quorate.sql.ast.Query) Parser.parseOne(CopyOutFormat.selectAll(copy));
  }

  /**
   * COPY table TO STDOUT and COPY (query) TO STDOUT: hands each row to {@code lines} as it
   * is produced, as one line of COPY's text or CSV format (with its newline), after a
   * header line if asked for.
   */
  public StatementResult copyOut(Statement.Copy copy, java.util.function.Consumer<String> lines) {
    if (copy.from()) {
      throw new IllegalArgumentException("not COPY TO: " + copy);
    }
    notices.clear();
    return runStatement(() -> {
      StatementContext context = begin(new Object[0]);
      PlanNode plan = Optimizer.optimize(analyzer(context, Map.of()).query(copyQuery(copy)));
      CopyOutFormat format = new CopyOutFormat(copy.options(), plan.columns(), settings.zone());
      if (copy.options().header()) {
        lines.accept(format.header());
      }
      long count = 0;
      try (Operator rows = PlanExecutor.open(plan, context.execution)) {
        for (Object[] row = rows.next(); row != null; row = rows.next()) {
          lines.accept(format.line(row));
          count++;
        }
      }
      return StatementResult.command("COPY " + count, notices);
    });
  }

  @Override
  public void close() {
    if (transaction != null) {
      transaction.abort();
      transaction = null;
    }
  }
}
