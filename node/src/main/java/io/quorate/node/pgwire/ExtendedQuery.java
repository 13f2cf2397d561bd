package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.parser.Parser;
import io.quorate.sql.session.PreparedStatement;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.SqlType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The extended query protocol: Parse, Bind, Describe, Execute, Close, Flush and Sync,
 * with named and unnamed statements and portals. Parse plans the statement at once, so
 * errors surface at Parse as in PostgreSQL and Describe knows the parameter types
 * inferred for OID 0. A portal runs its statement at the first Execute and hands out
 * the rows in pieces of at most the Execute's row limit (PortalSuspended in between).
 * After an error every message up to Sync is discarded.
 */
final class ExtendedQuery {

  /** A parsed statement: null {@code prepared} for an empty query string. */
  private record Prepared(PreparedStatement prepared, List<Integer> parameterOids,
      List<StatementResult.Column> columns) {}

  /** A bound statement, with its result once it has run and how many rows were sent. */
  private static final class Portal {
    final Prepared statement;
    final Object[] parameters;
    final short[] resultFormats;
    StatementResult result;
    int sent;

    Portal(Prepared statement, Object[] parameters, short[] resultFormats) {
      this.statement = statement;
      this.parameters = parameters;
      this.resultFormats = resultFormats;
    }
  }

  private final Session session;
  private final MessageWriter out;
  private final ResultWriter results;
  private final Map<String, Prepared> statements = new HashMap<>();
  private final Map<String, Portal> portals = new HashMap<>();
  private boolean discarding;

  ExtendedQuery(Session session, MessageWriter out, ResultWriter results) {
    this.session = session;
    this.out = out;
    this.results = results;
  }

  static boolean handles(byte type) {
    return switch (type) {
      case 'P', 'B', 'D', 'E', 'C', 'S', 'H' -> true;
      default -> false;
    };
  }

  /** After an error: skip everything until the next Sync. */
  void discardUntilSync() {
    discarding = true;
  }

  /** Handles one message; true when it was Sync, which the caller answers with ReadyForQuery. */
  boolean handle(MessageBody message) throws IOException {
    if (message.type() == 'S') {
      message.end();
      discarding = false;
      session.sync(); // commits the statements since the last Sync, or rolls them back after an error
      return true;
    }
    if (discarding) {
      return false;
    }
    switch (message.type()) {
      case 'P' -> parse(message);
      case 'B' -> bind(message);
      case 'D' -> describe(message);
      case 'E' -> execute(message);
      case 'C' -> close(message);
      case 'H' -> out.flush();
      default -> throw new IllegalArgumentException("not an extended-protocol message: " + message.type());
    }
    return false;
  }

  /** A simple Query drops the unnamed statement and portal, as in PostgreSQL. */
  void closeUnnamed() {
    statements.remove("");
    portals.remove("");
  }

  void closePortals() {
    portals.clear();
  }

  private void parse(MessageBody message) throws IOException {
    String name = message.readCString();
    String sql = message.readCString();
    int count = message.readCount();
    Map<Integer, SqlType> declared = new HashMap<>();
    List<Integer> declaredOids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int oid = message.readInt32();
      declaredOids.add(oid);
      SqlType type = WireTypes.parameterType(oid);
      if (type != null) {
        declared.put(i + 1, type);
      }
    }
    message.end();
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new SqlException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name
          + "\" already exists");
    }
    Prepared prepared;
    if (Parser.parse(sql).isEmpty()) {
      prepared = new Prepared(null, List.of(), null);
    } else {
      PreparedStatement statement = session.prepare(sql, declared);
      List<StatementResult.Column> columns = session.describe(statement);
      prepared = new Prepared(statement, parameterOids(declaredOids, statement.parameterTypes()), columns);
    }
    statements.put(name, prepared);
    out.empty('1');
  }

  /** The declared OIDs, with the inferred type where the client left it to the server. */
  private static List<Integer> parameterOids(List<Integer> declared, Map<Integer, SqlType> inferred) {
    int count = Math.max(declared.size(), inferred.keySet().stream().mapToInt(Integer::intValue).max().orElse(0));
    List<Integer> oids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      int given = i <= declared.size() ? declared.get(i - 1) : WireTypes.UNSPECIFIED;
      SqlType type = inferred.get(i);
      oids.add(given != WireTypes.UNSPECIFIED ? given : type == null ? WireTypes.TEXT : WireTypes.oid(type));
    }
    return List.copyOf(oids);
  }

  private void bind(MessageBody message) throws IOException {
    String portalName = message.readCString();
    String statementName = message.readCString();
    short[] parameterFormats = readFormats(message);
    int count = message.readCount();
    Prepared statement = statement(statementName);
    if (count != statement.parameterOids().size()) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message supplies " + count
          + " parameters, but prepared statement \"" + statementName + "\" requires "
          + statement.parameterOids().size());
    }
    if (parameterFormats.length > 1 && parameterFormats.length != count) {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "bind message has " + parameterFormats.length
          + " parameter formats but " + count + " parameters");
    }
    Object[] parameters = new Object[count];
    for (int i = 0; i < count; i++) {
      int length = message.readInt32();
      byte[] bytes = length == -1 ? null : message.readBytes(length);
      short format = parameterFormats.length == 0 ? ResultWriter.TEXT
          : parameterFormats[parameterFormats.length == 1 ? 0 : i];
      parameters[i] = bytes == null ? null : parameter(bytes, format, statement, i);
    }
    short[] resultFormats = readFormats(message);
    message.end();
    if (!portalName.isEmpty() && portals.containsKey(portalName)) {
      throw new SqlException(SqlState.DUPLICATE_CURSOR, "portal \"" + portalName + "\" already exists");
    }
    int columnCount = statement.columns() == null ? 0 : statement.columns().size();
    portals.put(portalName, new Portal(statement, parameters,
        ResultWriter.columnFormats(statement.columns() == null ? new short[0] : resultFormats, columnCount)));
    out.empty('2');
  }

  private static short[] readFormats(MessageBody message) {
    short[] formats = new short[message.readCount()];
    for (int i = 0; i < formats.length; i++) {
      formats[i] = message.readInt16();
      ResultWriter.checkFormat(formats[i]);
    }
    return formats;
  }

  private Object parameter(byte[] bytes, short format, Prepared statement, int index) {
    SqlType type = statement.prepared().parameterTypes().get(index + 1);
    if (type == null) {
      type = SqlType.TEXT;
    }
    if (format == ResultWriter.BINARY) {
      return BinaryFormat.decode(bytes, type);
    }
    return Casts.parse(MessageBody.utf8(bytes), type, session.settings().zone());
  }

  private void describe(MessageBody message) throws IOException {
    byte kind = message.readByte();
    String name = message.readCString();
    message.end();
    if (kind == 'S') {
      Prepared statement = statement(name);
      out.parameterDescription(statement.parameterOids());
      rowDescription(statement.columns(), new short[statement.columns() == null ? 0 : statement.columns().size()]);
    } else if (kind == 'P') {
      Portal portal = portal(name);
      rowDescription(portal.statement.columns(), portal.resultFormats);
    } else {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid DESCRIBE message subtype " + kind);
    }
  }

  private void rowDescription(List<StatementResult.Column> columns, short[] formats) throws IOException {
    if (columns == null) {
      out.empty('n'); // NoData
    } else {
      results.rowDescription(columns, formats);
    }
  }

  private void execute(MessageBody message) throws IOException {
    String name = message.readCString();
    int maxRows = message.readInt32();
    message.end();
    Portal portal = portal(name);
    if (portal.statement.prepared() == null) {
      out.empty('I'); // EmptyQueryResponse
      return;
    }
    if (portal.result == null) {
      session.beginImplicitTransaction();
      portal.result = session.execute(portal.statement.prepared(), portal.parameters);
      results.notices(portal.result.notices());
    }
    StatementResult result = portal.result;
    if (!result.hasRows()) {
      out.commandComplete(result.commandTag());
      return;
    }
    int from = portal.sent;
    int to = maxRows <= 0 ? result.rows().size() : (int) Math.min(result.rows().size(), (long) from + maxRows);
    results.dataRows(result.rows(), from, to, result.columns(), portal.resultFormats);
    portal.sent = to;
    if (to < result.rows().size()) {
      out.empty('s'); // PortalSuspended
    } else if (result.commandTag().startsWith("SELECT ")) {
      out.commandComplete("SELECT " + (to - from)); // PostgreSQL counts the rows of this Execute
    } else {
      out.commandComplete(result.commandTag());
    }
  }

  private void close(MessageBody message) throws IOException {
    byte kind = message.readByte();
    String name = message.readCString();
    message.end();
    if (kind == 'S') {
      statements.remove(name);
    } else if (kind == 'P') {
      portals.remove(name);
    } else {
      throw new SqlException(SqlState.PROTOCOL_VIOLATION, "invalid CLOSE message subtype " + kind);
    }
    out.empty('3');
  }

  private Prepared statement(String name) {
    Prepared statement = statements.get(name);
    if (statement == null) {
      throw new SqlException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name
          + "\" does not exist");
    }
    return statement;
  }

  private Portal portal(String name) {
    Portal portal = portals.get(name);
    if (portal == null) {
      throw new SqlException(SqlState.INVALID_CURSOR_NAME, "portal \"" + name + "\" does not exist");
    }
    return portal;
  }
}
