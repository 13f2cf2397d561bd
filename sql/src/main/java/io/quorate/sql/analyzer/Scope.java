package io.quorate.sql.analyzer;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.expression.BoundExpression;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns an expression can name: those of the row being evaluated, in order, and
 * through {@code parent} those of enclosing queries. A subquery expression pushes the
 * enclosing row when it runs, so each boundary it crosses is one level of
 * {@link BoundExpression.OuterColumn#depth()}; a derived table in FROM runs in the same
 * context and crosses none.
 */
final class Scope {

  /** A nameable column: the qualifier it answers to, and whether unqualified lookups and * skip it. */
  record Column(String table, String name, SqlType type, boolean hidden) {}

  private final Scope parent;
  private final boolean pushesRow;
  private final List<Column> columns;
  private boolean correlated;
  private final java.util.Set<Integer> outerReferences = new java.util.TreeSet<>();

  Scope(Scope parent, boolean pushesRow, List<Column> columns) {
    this.parent = parent;
    this.pushesRow = pushesRow;
    this.columns = List.copyOf(columns);
  }

  static Scope of(Scope parent, boolean pushesRow, List<PlanColumn> planColumns) {
    List<Column> columns = new ArrayList<>();
    for (PlanColumn column : planColumns) {
      columns.add(new Column(column.table(), column.name(), column.type(), false));
    }
    return new Scope(parent, pushesRow, columns);
  }

  boolean pushesRow() {
    return pushesRow;
  }

  List<Column> columns() {
    return columns;
  }

  Scope parent() {
    return parent;
  }

  /** True once a name inside this scope's query resolved to an enclosing query's column. */
  boolean correlated() {
    return correlated;
  }

  /** Binds a column name, looking outward through enclosing queries. */
  BoundExpression resolve(List<String> parts, int position) {
    String table = parts.size() >= 2 ? parts.get(parts.size() - 2) : null;
    String name = parts.get(parts.size() - 1);
    int depth = 0;
    boolean tableSeen = false;
    for (Scope scope = this; scope != null; scope = scope.parent) {
      int found = scope.find(table, name, parts, position);
      if (found >= 0) {
        Column column = scope.columns.get(found);
        if (depth == 0) {
          return new BoundExpression.Column(found, column.type(), column.name());
        }
        markCorrelated(scope, found);
        return new BoundExpression.OuterColumn(depth, found, column.type(), column.name());
      }
      tableSeen |= table != null && scope.hasTable(table);
      if (scope.pushesRow) {
        depth++;
      }
    }
    if (table != null && !tableSeen) {
      throw new SqlException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + table + "\"")
          .withPosition(position);
    }
    String display = table == null ? "\"" + name + "\"" : table + "." + name;
    throw new SqlException(SqlState.UNDEFINED_COLUMN, "column " + display + " does not exist")
        .withPosition(position);
  }

  private void markCorrelated(Scope owner, int index) {
    for (Scope scope = this; scope != owner; scope = scope.parent) {
      scope.correlated = true;
      if (scope.parent == owner) {
        scope.outerReferences.add(index);
      }
    }
  }

  /** Columns of the enclosing scope that names inside this one referred to (for a subquery's boundary). */
  java.util.Set<Integer> outerReferences() {
    return java.util.Set.copyOf(outerReferences);
  }

  private int find(String table, String name, List<String> parts, int position) {
    int found = -1;
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      boolean matches = table == null ? !column.hidden() && column.name().equals(name)
          : table.equals(column.table()) && column.name().equals(name);
      if (!matches) {
        continue;
      }
      if (found >= 0) {
        throw new SqlException(SqlState.AMBIGUOUS_COLUMN,
            "column reference \"" + String.join(".", parts) + "\" is ambiguous").withPosition(position);
      }
      found = i;
    }
    return found;
  }

  boolean hasTable(String table) {
    for (Column column : columns) {
      if (table.equals(column.table())) {
        return true;
      }
    }
    return false;
  }
}
