package io.quorate.sql.slt;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import io.quorate.sql.types.TextFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL engine on a KV store (in memory unless given) as a sqllogictest database. A restart builds a
 * new engine over the same store, as a server restart would over its disk: sessions end,
 * committed data stays.
 */
public final class EngineSltDatabase implements SltDatabase {

  private final KvStore store;
  private Engine engine;

  /** The engine on a new in-memory store. */
  public EngineSltDatabase() {
    this(new InMemoryKvStore());
  }

  /** The engine on {@code store}, which must be empty (the replicated store in node/ tests). */
  public EngineSltDatabase(KvStore store) {
    this.store = store;
    this.engine = new Engine(store);
  }

  @Override
  public SltConnection connect() {
    Session session = engine.openSession();
    return new SltConnection() {
      @Override
      public SltResult execute(String sql) throws SltError {
        try {
          List<StatementResult> results = session.execute(sql);
          if (results.isEmpty() || !results.get(results.size() - 1).hasRows()) {
            return new SltResult(List.of());
          }
          StatementResult last = results.get(results.size() - 1);
          List<List<String>> rows = new ArrayList<>();
          for (Object[] row : last.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
              cells.add(row[i] == null ? null
                  : TextFormat.format(row[i], last.columns().get(i).type(), session.settings().zone()));
            }
            rows.add(cells);
          }
          return new SltResult(rows);
        } catch (SqlException error) {
          throw new SltError(error.state().code(), error.getMessage());
        }
      }

      @Override
      public void close() {
        session.close();
      }
    };
  }

  @Override
  public void restart() {
    engine = new Engine(store);
  }

  @Override
  public void close() {
    // the store belongs to whoever made it
  }
}
