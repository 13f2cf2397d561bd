package io.quorate.sql.executor;

import io.quorate.sql.analyzer.Analyzer;
import io.quorate.sql.ast.QualifiedName;
import io.quorate.sql.catalog.Catalog;
import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvTransaction;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a schema change works with: the transaction, the catalog store and the snapshot
 * the statement started from, the search path, an analyzer for expressions being
 * declared, and where notices go.
 */
public record DdlContext(KvTransaction transaction, CatalogStore store, Catalog catalog, List<String> searchPath,
    Analyzer analyzer, ExecutionContext execution, Consumer<String> notices) {

  /** The schema a new object named {@code name} goes to: its own, or the first existing one on the path. */
  String creationSchema(QualifiedName name) {
    if (name.schema() != null) {
      if (!catalog.hasSchema(name.schema())) {
        throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name.schema() + "\" does not exist");
      }
      return name.schema();
    }
    for (String schema : searchPath) {
      if (catalog.hasSchema(schema)) {
        return schema;
      }
    }
    throw new SqlException(SqlState.INVALID_SCHEMA_NAME, "no schema has been selected to create in");
  }
}
