package io.quorate.sql.catalog.system;

import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.TypeNames;
import java.util.ArrayList;
import java.util.List;

/** A column of a system relation. */
public record SystemColumn(String name, SqlType type) {

  /**
   * Columns from a list like {@code "oid oid, relname name, relkind char"}. PostgreSQL's
   * catalog-only types map onto engine types: {@code "char"} and {@code name} are text,
   * {@code xid} a bigint.
   */
  static List<SystemColumn> parse(String spec) {
    List<SystemColumn> columns = new ArrayList<>();
    for (String item : spec.split(", ")) {
      int space = item.indexOf(' ');
      columns.add(new SystemColumn(item.substring(0, space), type(item.substring(space + 1))));
    }
    return List.copyOf(columns);
  }

  private static SqlType type(String name) {
    if (name.endsWith("[]")) {
      return SqlType.arrayOf(type(name.substring(0, name.length() - 2)));
    }
    return switch (name) {
      case "char" -> SqlType.TEXT;
      case "xid" -> SqlType.BIGINT;
      default -> TypeNames.resolve(name, List.of(), 0);
    };
  }
}
