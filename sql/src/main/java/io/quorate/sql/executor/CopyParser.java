package io.quorate.sql.executor;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads COPY ... FROM STDIN data one row at a time, as it arrives, into field texts (null
 * for SQL NULL): PostgreSQL's text format (delimiter, backslash escapes, {@code \N} for
 * NULL, {@code \.} ends the data) or CSV (quotes, escaped quotes, an unquoted empty field
 * or the NULL string is NULL; a quoted field may span lines), after an optional header
 * line. Only the current record is held. It also words the CONTEXT of errors about the
 * current record as PostgreSQL does ({@code COPY t, line 3, column b: "x"}).
 */
public final class CopyParser {

  /** PostgreSQL shows at most this many bytes of a line or value in an error's context. */
  private static final int MAX_SHOWN_BYTES = 100;

  private final String table;
  private final Statement.CopyOptions options;
  private final CopyInput input;
  private final StringBuilder record = new StringBuilder();
  private int line;
  private boolean ended;

  public CopyParser(String table, Statement.CopyOptions options, InputStream data) {
    this.table = table;
    this.options = options;
    this.input = new CopyInput(data);
  }

  /**
   * The next row's fields, or null when the data has ended (at its end, or at the end
   * marker, after which the rest is read and ignored as PostgreSQL does). Malformed data
   * is 22P04 or 22021 with the line as context.
   */
  public String[] next() {
    try {
      if (line == 0 && options.header()) {
        readRecord(); // PostgreSQL 15 does not check the header's names (that is HEADER MATCH)
      }
      if (ended || !readRecord()) {
        return null;
      }
      if ("\\.".contentEquals(record)) {
        ended = true;
        input.skipRest();
        return null;
      }
    } catch (SqlException malformed) {
      throw malformed.withContext(lineContext());
    }
    try {
      return options.csv() ? csvFields() : textFields();
    } catch (SqlException malformed) {
      throw malformed.withContext(recordContext());
    }
  }

  /** {@code COPY t, line 3}. */
  public String lineContext() {
    return "COPY " + table + ", line " + line;
  }

  /** {@code COPY t, line 3: "the line as written"}. */
  public String recordContext() {
    return lineContext() + ": \"" + shown(record.toString()) + "\"";
  }

  /** {@code COPY t, line 3, column b: "x"}. */
  public String columnContext(String column, String value) {
    return lineContext() + ", column " + column + ": \"" + shown(value) + "\"";
  }

  /**
   * Reads one record as written into {@link #record}: up to a newline that is not escaped
   * (text) or not inside quotes (CSV), without it or a carriage return before it. Counts
   * lines as PostgreSQL does, newlines inside CSV quotes included. False at the end.
   */
  private boolean readRecord() {
    record.setLength(0);
    int c = input.read();
    if (c < 0) {
      return false;
    }
    line++;
    char quote = options.quote().charAt(0);
    char escape = options.escape().charAt(0);
    boolean quoted = false;
    boolean escaped = false;
    while (c >= 0) {
      if (escaped) {
        escaped = false;
      } else if (c == '\n' && !quoted) {
        break;
      } else if (!options.csv()) {
        escaped = c == '\\';
      } else if (quoted && c == escape && escape != quote) {
        escaped = true;
      } else if (c == quote) {
        quoted = !quoted;
      }
      if (c == '\n' && quoted) {
        line++;
      }
      record.append((char) c);
      c = input.read();
    }
    if (!record.isEmpty() && record.charAt(record.length() - 1) == '\r') {
      record.setLength(record.length() - 1);
    }
    return true;
  }

  private String[] textFields() {
    char delimiter = options.delimiter().charAt(0);
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    StringBuilder written = new StringBuilder(); // the field as written, to compare with the NULL string
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
        i = numericEscape(i, field, written);
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
  private int numericEscape(int at, StringBuilder field, StringBuilder written) {
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

  private String[] csvFields() {
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
        if (c == escape && i + 1 < record.length() && (record.charAt(i + 1) == quote
            || record.charAt(i + 1) == escape)) {
          field.append(record.charAt(++i));
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
      throw new SqlException(SqlState.BAD_COPY_FILE_FORMAT, "unterminated CSV quoted field");
    }
    fields.add(csvValue(field.toString(), wasQuoted));
    return fields.toArray(new String[0]);
  }

  private String csvValue(String text, boolean quoted) {
    return !quoted && text.equals(options.nullString()) ? null : text;
  }

  /** {@code text}, or its first 100 bytes and "..." when longer, as PostgreSQL's limit_printout_length. */
  private static String shown(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_SHOWN_BYTES) {
      return text;
    }
    int end = 0;
    int bytes = 0;
    while (end < text.length()) {
      int next = text.offsetByCodePoints(end, 1);
      bytes += text.substring(end, next).getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_SHOWN_BYTES) {
        break;
      }
      end = next;
    }
    return text.substring(0, end) + "...";
  }
}
