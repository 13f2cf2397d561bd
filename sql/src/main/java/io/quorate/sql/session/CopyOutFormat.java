package io.quorate.sql.session;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.planner.PlanColumn;
import io.quorate.sql.types.TextFormat;
import java.time.ZoneId;
import java.util.List;

/**
 * The lines COPY ... TO STDOUT writes: PostgreSQL's text format (backslash escapes,
 * {@code \N} for NULL) or CSV (fields quoted when they must be), each ending in a newline.
 */
final class CopyOutFormat {

  private final Statement.CopyOptions options;
  private final List<PlanColumn> columns;
  private final ZoneId zone;

  CopyOutFormat(Statement.CopyOptions options, List<PlanColumn> columns, ZoneId zone) {
    this.options = options;
    this.columns = columns;
    this.zone = zone;
  }

  /** The query whose rows COPY writes: the listed columns, else every column, of the table. */
  static String selectAll(Statement.Copy copy) {
    StringBuilder sql = new StringBuilder("SELECT ");
    if (copy.columns().isEmpty()) {
      sql.append('*');
    } else {
      for (int i = 0; i < copy.columns().size(); i++) {
        sql.append(i > 0 ? ", " : "").append(quoteIdentifier(copy.columns().get(i)));
      }
    }
    sql.append(" FROM ");
    if (copy.table().schema() != null) {
      sql.append(quoteIdentifier(copy.table().schema())).append('.');
    }
    return sql.append(quoteIdentifier(copy.table().name())).toString();
  }

  private static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  String header() {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      line.append(i > 0 ? options.delimiter() : "").append(field(columns.get(i).name()));
    }
    return line.append('\n').toString();
  }

  String line(Object[] row) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        line.append(options.delimiter());
      }
      line.append(row[i] == null ? options.nullString() : field(TextFormat.format(row[i], columns.get(i).type(),
          zone)));
    }
    return line.append('\n').toString();
  }

  private String field(String text) {
    return options.csv() ? csvField(text) : textField(text);
  }

  private String textField(String text) {
    char delimiter = options.delimiter().charAt(0);
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append(delimiter == '\t' ? "\\t" : "\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case 0x0B -> out.append("\\v");
        default -> {
          if (c == delimiter) {
            out.append('\\');
          }
          out.append(c);
        }
      }
    }
    return out.toString();
  }

  /** Quoted when it holds the delimiter, a quote, a line break, or reads as the NULL string. */
  private String csvField(String text) {
    String quote = options.quote();
    boolean quoted = text.equals(options.nullString()) || text.contains(options.delimiter()) || text.contains(quote)
        || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.equals("\\.");
    if (!quoted) {
      return text;
    }
    StringBuilder out = new StringBuilder(quote);
    for (int i = 0; i < text.length(); i++) {
      String c = String.valueOf(text.charAt(i));
      if (c.equals(quote) || c.equals(options.escape())) {
        out.append(options.escape());
      }
      out.append(c);
    }
    return out.append(quote).toString();
  }
}
