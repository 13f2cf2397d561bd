package io.quorate.bench.engine;

import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.PreparedStatement;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Quorate's engine on its in-memory KV store, one session, every statement autocommitted. */
final class QuorateDatabase implements Database {

  private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");

  private final Session session = new Engine(new InMemoryKvStore()).openSession();

  @Override
  public void execute(String sql) {
    session.execute(sql);
  }

  @Override
  public void insertSeries(String table, String selectList, long first, long last) {
    session.execute("INSERT INTO " + table + " SELECT " + selectList
        + " FROM generate_series(" + first + ", " + last + ") AS g");
  }

  @Override
  public Prepared prepare(String sql) {
    Map<Integer, SqlType> types = new HashMap<>();
    Matcher parameter = PARAMETER.matcher(sql);
    while (parameter.find()) {
      types.put(Integer.parseInt(parameter.group(1)), SqlType.INTEGER);
    }
    PreparedStatement statement = session.prepare(sql, types);
    return new Prepared() {
      @Override
      public List<long[]> query(long... parameters) {
        return toLongs(session.execute(statement, boxed(parameters)));
      }

      @Override
      public long update(long... parameters) {
        String tag = session.execute(statement, boxed(parameters)).commandTag();
        return Long.parseLong(tag.substring(tag.lastIndexOf(' ') + 1));
      }
    };
  }

  @Override
  public void close() {
    session.close();
  }

  private static Object[] boxed(long[] parameters) {
    Object[] values = new Object[parameters.length];
    for (int i = 0; i < parameters.length; i++) {
      values[i] = parameters[i];
    }
    return values;
  }

  private static List<long[]> toLongs(StatementResult result) {
    List<long[]> rows = new ArrayList<>(result.rows().size());
    for (Object[] row : result.rows()) {
      long[] values = new long[row.length];
      for (int i = 0; i < row.length; i++) {
        values[i] = ((Number) row[i]).longValue();
      }
      rows.add(values);
    }
    return rows;
  }
}
