package io.quorate.sql.slt;

import io.quorate.sql.slt.SltRecord.Condition;
import io.quorate.sql.slt.SltRecord.ExpectedError;
import io.quorate.sql.slt.SltRecord.SortMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the text of a sqllogictest file into {@link SltRecord}s. Records are separated
 * by blank lines; {@code #} lines are comments (except among expected results, where they
 * are data). {@code statement}, {@code query} and unknown directives take every line up to
 * the next blank line; the one-line directives ({@code halt}, {@code hash-threshold},
 * {@code connection}, {@code restart}) take only their own line. A record the parser does
 * not understand becomes {@link SltRecord.Malformed}, never an exception, so the rest of
 * the file still runs. Stateless and thread-safe.
 */
public final class SltParser {

  private static final Pattern ERROR_HEADER =
      Pattern.compile("^(?:statement|query)\\s+error\\b\\s*(.*)$");
  /** Every real SQLSTATE holds a digit, so a word like ERROR is read as a regex instead. */
  private static final Pattern SQLSTATE_FIRST =
      Pattern.compile("^((?=[A-Z]*[0-9])[0-9A-Z]{5})(?:\\s+(.*))?$");
  private static final Pattern TYPES = Pattern.compile("[IRTB]+");
  private static final String SEPARATOR = "----";

  /** Parses a whole file; never throws for bad content. */
  public List<SltRecord> parse(String text) {
    return new Cursor(text.split("\r?\n", -1)).records();
  }

  /** Reads records off the lines, keeping the 1-based line number of the current line. */
  private static final class Cursor {
    private final String[] lines;
    private int index;

    Cursor(String[] lines) {
      this.lines = lines;
    }

    List<SltRecord> records() {
      List<SltRecord> records = new ArrayList<>();
      while (index < lines.length) {
        if (isSkippable(lines[index])) {
          index++;
          continue;
        }
        List<Condition> conditions = conditions();
        if (index < lines.length && !lines[index].isBlank()) {
          records.add(record(conditions));
        }
      }
      return records;
    }

    private List<Condition> conditions() {
      List<Condition> conditions = new ArrayList<>();
      while (index < lines.length) {
        String[] words = words(lines[index]);
        boolean skipIf = words[0].equals("skipif");
        if (!skipIf && !words[0].equals("onlyif")) {
          if (!isComment(lines[index])) {
            break;
          }
        } else if (words.length >= 2) {
          conditions.add(new Condition(!skipIf, words[1]));
        }
        index++;
      }
      return List.copyOf(conditions);
    }

    private SltRecord record(List<Condition> conditions) {
      int line = index + 1;
      String header = lines[index].strip();
      String[] words = words(header);
      index++;
      return switch (words[0]) {
        case "halt" -> new SltRecord.Halt(line, conditions);
        case "restart" -> new SltRecord.Restart(line, conditions);
        case "connection" -> words.length == 2
            ? new SltRecord.Connection(line, conditions, words[1])
            : new SltRecord.Malformed(line, conditions, "connection needs one name: " + header);
        case "hash-threshold" -> hashThreshold(line, conditions, words);
        case "statement" -> statement(line, conditions, header, words, body());
        case "query" -> query(line, conditions, header, words, body());
        default -> {
          body();
          yield new SltRecord.Malformed(line, conditions, "unknown directive '" + words[0] + "'");
        }
      };
    }

    /** The lines after the directive up to the next blank line (or the end). */
    private List<String> body() {
      List<String> body = new ArrayList<>();
      while (index < lines.length && !lines[index].isBlank()) {
        body.add(lines[index]);
        index++;
      }
      return body;
    }
  }

  private static SltRecord hashThreshold(int line, List<Condition> conditions, String[] words) {
    try {
      int threshold = Integer.parseInt(words.length == 2 ? words[1] : "");
      if (threshold >= 0) {
        return new SltRecord.HashThreshold(line, conditions, threshold);
      }
    } catch (NumberFormatException e) {
      // Falls through to the same message as a negative number.
    }
    return new SltRecord.Malformed(line, conditions, "hash-threshold needs a number >= 0");
  }

  private static SltRecord statement(int line, List<Condition> conditions, String header,
      String[] words, List<String> body) {
    String sql = sql(body);
    if (words.length == 2 && words[1].equals("ok")) {
      return withSql(new SltRecord.Statement(line, conditions, sql, Optional.empty()));
    }
    if (words.length >= 2 && words[1].equals("error")) {
      return errorStatement(line, conditions, header, sql);
    }
    return new SltRecord.Malformed(line, conditions, "unknown statement form: " + header);
  }

  private static SltRecord query(int line, List<Condition> conditions, String header,
      String[] words, List<String> body) {
    if (words.length >= 2 && words[1].equals("error")) {
      return errorStatement(line, conditions, header, sql(body));
    }
    if (words.length < 2 || words.length > 4 || !TYPES.matcher(words[1]).matches()) {
      return new SltRecord.Malformed(line, conditions,
          "expected 'query <types of I R T B> [nosort|rowsort|valuesort] [label]': " + header);
    }
    SortMode sortMode = SortMode.NOSORT;
    if (words.length >= 3) {
      try {
        sortMode = SortMode.valueOf(words[2].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        return new SltRecord.Malformed(line, conditions, "unknown sort mode '" + words[2] + "'");
      }
    }
    String label = words.length == 4 ? words[3] : null;
    int separator = separatorIndex(body);
    List<String> sqlLines = separator < 0 ? body : body.subList(0, separator);
    // Without ---- the query expects no rows, as in SQLite's runner.
    List<String> expected = separator < 0 ? List.of() : body.subList(separator + 1, body.size());
    return withSql(new SltRecord.Query(line, conditions, sql(sqlLines), words[1], sortMode,
        label, List.copyOf(expected)));
  }

  private static int separatorIndex(List<String> body) {
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).strip().equals(SEPARATOR)) {
        return i;
      }
    }
    return -1;
  }

  private static SltRecord errorStatement(int line, List<Condition> conditions, String header,
      String sql) {
    Matcher matcher = ERROR_HEADER.matcher(header);
    String spec = matcher.matches() ? matcher.group(1).strip() : "";
    try {
      ExpectedError expected = expectedError(spec);
      return withSql(new SltRecord.Statement(line, conditions, sql, Optional.of(expected)));
    } catch (PatternSyntaxException e) {
      return new SltRecord.Malformed(line, conditions, "bad error regex: " + e.getDescription());
    }
  }

  /**
   * Reads what follows {@code error}: nothing (any error), a SQLSTATE optionally followed
   * by a message regex, or only a message regex.
   */
  static ExpectedError expectedError(String spec) {
    if (spec.isEmpty()) {
      return new ExpectedError(null, null);
    }
    Matcher state = SQLSTATE_FIRST.matcher(spec);
    if (state.matches()) {
      String regex = state.group(2);
      return new ExpectedError(state.group(1), regex == null ? null : Pattern.compile(regex));
    }
    return new ExpectedError(null, Pattern.compile(spec));
  }

  /** A record without SQL cannot run; it is reported rather than sent to the engine. */
  private static SltRecord withSql(SltRecord record) {
    String sql = switch (record) {
      case SltRecord.Statement statement -> statement.sql();
      case SltRecord.Query query -> query.sql();
      default -> "-";
    };
    return sql.isBlank()
        ? new SltRecord.Malformed(record.line(), record.conditions(), "record has no SQL")
        : record;
  }

  private static String sql(List<String> lines) {
    List<String> kept = new ArrayList<>();
    for (String line : lines) {
      if (!isComment(line)) {
        kept.add(line);
      }
    }
    return String.join("\n", kept);
  }

  private static boolean isSkippable(String line) {
    return line.isBlank() || isComment(line);
  }

  private static boolean isComment(String line) {
    return line.stripLeading().startsWith("#");
  }

  private static String[] words(String line) {
    String stripped = line.strip();
    return stripped.isEmpty() ? new String[] {""} : stripped.split("\\s+");
  }
}
