package io.quorate.sql.executor;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits COPY ... FROM STDIN data into rows of field texts (null for SQL NULL), in
 * PostgreSQL's text format (delimiter, backslash escapes, {@code \N} for NULL,
 * {@code \.} ends the data) or CSV format (quotes, doubled quotes, an unquoted empty
 * field or the NULL string is NULL, optional header line). Errors are 22P04 with the
 * line number, as PostgreSQL reports them.
 */
public final class CopyParser {

  private final Statement.CopyOptions options;
  private int line;
  private boolean headerSkipped;

  public CopyParser(Statement.CopyOptions options) {
    this.options = options;
  }

  /** The rows in {@code data}, a chunk of whole lines. */
  public List<String[]> parse(String data) {
    List<String[]> rows = new ArrayList<>();
    int offset = 0;
    while (offset < data.length()) {
      int end = options.csv() ? csvRecordEnd(data, offset) : lineEnd(data, offset);
      String record = data.substring(offset, end);
      offset = end < data.length() ? end + 1 : end;
      if (record.endsWith("\r")) {
        record = record.substring(0, record.length() - 1);
      }
      line++;
      if (record.equals("\\.")) {
        break;
      }
      if (options.header() && !headerSkipped) {
        headerSkipped = true;
        continue;
      }
      rows.add(options.csv() ? csvFields(record) : textFields(record));
    }
    return rows;
  }

  private static int lineEnd(String data, int offset) {
    int end = data.indexOf('\n', offset);
    return end < 0 ? data.length() : end;
  }

  /** The end of a CSV record: a newline outside quotes. */
  private int csvRecordEnd(String data, int offset) {
    char quote = options.quote().charAt(0);
    boolean quoted = false;
    for (int i = offset; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == quote) {
        quoted = !quoted;
      } else if (c == '\n' && !quoted) {
        return i;
      }
    }
    return data.length();
  }

  private String[] textFields(String record) {
    char delimiter = options.delimiter().charAt(0);
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean raw = true; // the field so far is exactly as written (for comparing with the NULL string)
    StringBuilder written = new StringBuilder();
    for (int i = 0; i <= record.length(); i++) {
      if (i == record.length() || record.charAt(i) == delimiter) {
        fields.add(written.toString().equals(options.nullString()) ? null : field.toString());
        field.setLength(0);
        written.setLength(0);
        continue;
      }
      char c = record.charAt(i);
      written.append(c);
      if (c != '\\' || i + 1 >= record.length()) {
        field.append(c);
        continue;
      }
      char escaped = record.charAt(++i);
      written.append(escaped);
      if (escaped >= '0' && escaped <= '7' || escaped == 'x' && i + 1 < record.length()
          && Character.digit(record.charAt(i + 1), 16) >= 0) {
        i = numericEscape(record, i, field, written);
        continue;
      }
      switch (escaped) {
        case 'b' -> field.append('\b');
        case 'f' -> field.append('\f');
        case 'n' -> field.append('\n');
        case 'r' -> field.append('\r');
        case 't' -> field.append('\t');
        case 'v' -> field.append('\u000b');
        default -> field.append(escaped);
      }
    }
    return fields.toArray(new String[0]);
  }

  /**
   * {@code \ooo} (one to three octal digits) or {@code \xhh} (one or two hex digits)
   * starting at {@code at} (the digit or the x); returns the index of its last character.
   */
  private static int numericEscape(String record, int at, StringBuilder field, StringBuilder written) {
    boolean hex = record.charAt(at) == 'x';
    int radix = hex ? 16 : 8;
    int start = hex ? at + 1 : at;
    int end = start;
    while (end < record.length() && end - start < (hex ? 2 : 3) && Character.digit(record.charAt(end), radix) >= 0) {
      end++;
    }
    field.append((char) Integer.parseInt(record.substring(start, end), radix));
    written.append(record, at + 1, end);
    return end - 1;
  }

  private String[] csvFields(String record) {
    char delimiter = options.delimiter().charAt(0);
    char quote = options.quote().charAt(0);
    char escape = options.escape().charAt(0);
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < record.length(); i++) {
      char c = record.charAt(i);
      if (quoted) {
        if (c == escape && i + 1 < record.length() && record.charAt(i + 1) == quote) {
          field.append(quote);
          i++;
        } else if (c == quote) {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == quote) {
        quoted = true;
        wasQuoted = true;
      } else if (c == delimiter) {
        fields.add(csvValue(field.toString(), wasQuoted));
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field")
          .withDetail("COPY line " + line);
    }
    fields.add(csvValue(field.toString(), wasQuoted));
    return fields.toArray(new String[0]);
  }

  private String csvValue(String text, boolean quoted) {
    return !quoted && text.equals(options.nullString()) ? null : text;
  }

  /** The current line number, for error context ("COPY t, line 3"). */
  public int line() {
    return line;
  }
}
