package io.quorate.sql.catalog.system;

import io.quorate.sql.catalog.IndexInfo;
import io.quorate.sql.catalog.TableInfo;
import java.util.ArrayList;
import java.util.List;

/** pg_get_indexdef's text: {@code CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)}. */
final class IndexDefinitions {

  private IndexDefinitions() {}

  static String definition(TableInfo table, IndexInfo index) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < index.columns().size(); i++) {
      columns.add(column(table, index, i + 1) + (index.descending().get(i) ? " DESC" : ""));
    }
    return "CREATE " + (index.unique() || index.isPrimary() ? "UNIQUE " : "") + "INDEX "
        + SystemContext.quoteIfNeeded(index.name()) + " ON " + SystemContext.quoteIfNeeded(table.schema()) + "."
        + SystemContext.quoteIfNeeded(table.name()) + " USING btree (" + String.join(", ", columns) + ")";
  }

  /** Key column {@code number} (1-based), without its ordering; "" past the last, as PostgreSQL returns. */
  static String column(TableInfo table, IndexInfo index, int number) {
    if (number < 1 || number > index.columns().size()) {
      return "";
    }
    return SystemContext.quoteIfNeeded(table.columns().get(index.columns().get(number - 1)).name());
  }
}
