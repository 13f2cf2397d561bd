package io.quorate.om;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's rows as psql prints them by default: column names centred over aligned
 * columns (numbers to the right), NULL as nothing, then "(N rows)".
 */
final class ResultTable {

  private ResultTable() {}

  static String format(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int count = meta.getColumnCount();
    List<String> names = new ArrayList<>();
    boolean[] numeric = new boolean[count];
    int[] widths = new int[count];
    for (int i = 0; i < count; i++) {
      names.add(meta.getColumnLabel(i + 1));
      numeric[i] = meta.isSigned(i + 1);
      widths[i] = width(names.get(i));
    }
    List<String[]> values = new ArrayList<>();
    while (rows.next()) {
      String[] row = new String[count];
      for (int i = 0; i < count; i++) {
        String value = rows.getString(i + 1);
        row[i] = value == null ? "" : value;
        widths[i] = Math.max(widths[i], width(row[i]));
      }
      values.add(row);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < count; i++) {
      int pad = widths[i] - width(names.get(i));
      out.append(i == 0 ? " " : " | ").append(" ".repeat(pad / 2)).append(names.get(i))
          .append(" ".repeat(pad - pad / 2));
    }
    out.append('\n');
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.append('\n');
    for (String[] row : values) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < count; i++) {
        String pad = " ".repeat(widths[i] - width(row[i]));
        line.append(i == 0 ? " " : " | ").append(numeric[i] ? pad + row[i] : row[i] + (i == count - 1 ? "" : pad));
      }
      out.append(line).append('\n');
    }
    out.append('(').append(values.size()).append(values.size() == 1 ? " row)" : " rows)").append('\n');
    return out.toString();
  }

  /** Rows only, values separated by {@code |}, as psql -At prints them (NULL as nothing). */
  static String tuplesOnly(ResultSet rows) throws SQLException {
    int count = rows.getMetaData().getColumnCount();
    StringBuilder out = new StringBuilder();
    while (rows.next()) {
      for (int i = 1; i <= count; i++) {
        String value = rows.getString(i);
        out.append(i == 1 ? "" : "|").append(value == null ? "" : value);
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Columns a value takes on a terminal: code points (wide characters count as one, as psql's simple mode). */
  private static int width(String text) {
    return text.codePointCount(0, text.length());
  }
}
