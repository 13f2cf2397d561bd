package io.quorate.sql.catalog.system;

import io.quorate.sql.types.ObjectReference;
import io.quorate.sql.types.SqlType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only relation of pg_catalog or information_schema. Its rows are computed from a
 * catalog snapshot each time a statement reads it, never stored, so they cannot drift
 * from the catalog they describe.
 */
public final class SystemRelation {

  /** Fills a relation's rows for one snapshot. */
  @FunctionalInterface
  interface RowSource {
    void fill(SystemContext context, Rows rows);
  }

  private final SystemRelationShapes.Shape shape;
  private final List<SystemColumn> columns;
  private final Map<String, Integer> positions = new HashMap<>();
  private final RowSource source;

  SystemRelation(SystemRelationShapes.Shape shape, RowSource source) {
    this.shape = shape;
    this.columns = SystemColumn.parse(shape.columns());
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
    this.source = source;
  }

  public String schema() {
    return shape.schema();
  }

  public String name() {
    return shape.name();
  }

  public long oid() {
    return shape.oid();
  }

  public boolean isView() {
    return shape.view();
  }

  public List<SystemColumn> columns() {
    return columns;
  }

  /** The rows as {@code context} sees the catalog, values in column order. */
  public List<Object[]> rows(SystemContext context) {
    Rows rows = new Rows();
    source.fill(context, rows);
    return rows.list;
  }

  /** The rows being built; {@link #add} starts one with every column at its default. */
  final class Rows {
    private final List<Object[]> list = new ArrayList<>();

    Row add() {
      Object[] values = new Object[columns.size()];
      if (!shape.view()) {
        for (int i = 0; i < values.length; i++) {
          values[i] = catalogDefault(columns.get(i).type());
        }
      }
      list.add(values);
      return new Row(values);
    }
  }

  /** One row; columns are set by name. */
  final class Row {
    private final Object[] values;

    private Row(Object[] values) {
      this.values = values;
    }

    Row set(String column, Object value) {
      Integer position = positions.get(column);
      if (position == null) {
        throw new IllegalStateException(name() + " has no column " + column);
      }
      values[position] = value;
      return this;
    }
  }

  /**
   * What a catalog table column holds when a row does not say: false, 0, the empty
   * "char", "-" for a regproc (PostgreSQL's zero procedure), NULL for the rest. Catalog
   * columns are NOT NULL in PostgreSQL, and clients test them with NOT and = 0.
   */
  private static Object catalogDefault(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> false;
      case SMALLINT, INTEGER, BIGINT -> 0L;
      case REAL -> 0f;
      case REGPROC -> new ObjectReference(0, "-");
      default -> null;
    };
  }
}
