package io.quorate.sql.slt;

import io.quorate.sql.slt.SltRecord.SortMode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How result cells become the values a file states: formatting by column type, the sort
 * modes, and the {@code N values hashing to <md5>} form, all as SQLite's sqllogictest
 * runner does them so the public corpus' expected results apply unchanged.
 */
public final class SltValues {

  private static final Pattern HASH_LINE = Pattern.compile("\\d+ values hashing to [0-9a-f]{32}");
  private static final Pattern SPACES = Pattern.compile(" +");
  private static final Comparator<List<String>> ROW_ORDER = SltValues::compareRows;

  private SltValues() {}

  /**
   * Formats one cell for a column of {@code type}: null is {@code NULL} for every type;
   * T: {@code ""} is {@code (empty)} and each control character becomes {@code @};
   * I: a long as is, a decimal truncated toward zero, anything else {@code 0}; R: the
   * number with three decimals, {@code 0.000} when the text is not a number; B: as is.
   *
   * @throws IllegalArgumentException for a type letter other than I, R, T, B
   */
  public static String format(String cell, char type) {
    if (cell == null) {
      return "NULL";
    }
    return switch (type) {
      case 'T' -> formatText(cell);
      case 'I' -> formatInteger(cell);
      case 'R' -> formatReal(cell);
      case 'B' -> cell;
      default -> throw new IllegalArgumentException("unknown column type '" + type + "'");
    };
  }

  private static String formatText(String cell) {
    if (cell.isEmpty()) {
      return "(empty)";
    }
    StringBuilder text = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      text.append(Character.isISOControl(c) ? '@' : c);
    }
    return text.toString();
  }

  private static String formatInteger(String cell) {
    String text = cell.strip();
    try {
      return Long.toString(Long.parseLong(text));
    } catch (NumberFormatException notLong) {
      try {
        // SQLite's runner converts a real to an integer by truncating toward zero.
        return new BigDecimal(text).setScale(0, RoundingMode.DOWN).toBigInteger().toString();
      } catch (NumberFormatException notNumber) {
        return "0";
      }
    }
  }

  /**
   * Three decimals of the exact binary value, ties to even, as C's {@code printf("%.3f")}
   * prints it (which wrote the corpus' results); Java's own {@code %.3f} rounds the
   * shortest decimal form half up, so 1.2345 (stored as 1.23449999...) would print 1.235
   * instead of 1.234.
   */
  private static String formatReal(String cell) {
    double value;
    try {
      value = Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      return "0.000";
    }
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    String text = new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = Math.copySign(1.0, value) < 0;
    return negative && !text.startsWith("-") ? "-" + text : text;
  }

  /**
   * Formats every cell of {@code rows} by its column's letter in {@code types}.
   *
   * @throws IllegalArgumentException when a row's width differs from the number of types
   */
  public static List<List<String>> formatRows(List<List<String>> rows, String types) {
    List<List<String>> formatted = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != types.length()) {
        throw new IllegalArgumentException("expected " + types.length() + " columns ("
            + types + "), got a row of " + row.size() + ": " + row);
      }
      List<String> cells = new ArrayList<>(row.size());
      for (int column = 0; column < row.size(); column++) {
        cells.add(format(row.get(column), types.charAt(column)));
      }
      formatted.add(cells);
    }
    return formatted;
  }

  /**
   * The values in the order the sort mode gives: rows as returned (nosort), rows sorted
   * by comparing their values as strings column by column (rowsort), or every value
   * sorted on its own (valuesort).
   */
  public static List<String> sortedValues(List<List<String>> formattedRows, SortMode mode) {
    List<List<String>> rows = new ArrayList<>(formattedRows);
    if (mode == SortMode.ROWSORT) {
      rows.sort(ROW_ORDER);
    }
    List<String> values = new ArrayList<>();
    rows.forEach(values::addAll);
    if (mode == SortMode.VALUESORT) {
      values.sort(Comparator.naturalOrder());
    }
    return values;
  }

  private static int compareRows(List<String> left, List<String> right) {
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      int order = left.get(i).compareTo(right.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  /**
   * {@code N values hashing to <md5>}: the hex MD5 of the values, each followed by a
   * newline, in the order given.
   */
  public static String hash(List<String> values) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
    for (String value : values) {
      md5.update((value + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return values.size() + " values hashing to " + HexFormat.of().formatHex(md5.digest());
  }

  /** Whether the expected result is the single line of the hash form. */
  public static boolean isHash(List<String> expectedLines) {
    return expectedLines.size() == 1 && HASH_LINE.matcher(expectedLines.get(0).strip()).matches();
  }

  /**
   * Flattens expected result lines into values for a result of {@code rows} rows of
   * {@code columns} columns: when there are rows*columns lines, each line is one value
   * (SQLite's layout); otherwise each line is one row whose values are separated by tabs,
   * or failing that by runs of spaces (so rows may be written as {@code 1 abc NULL}). When
   * neither gives rows*columns values the lines are returned as they are, to be reported
   * as a mismatch.
   */
  public static List<String> expectedValues(List<String> lines, int rows, int columns) {
    int count = rows * columns;
    if (lines.size() == count) {
      return lines;
    }
    List<String> byTab = new ArrayList<>();
    List<String> bySpace = new ArrayList<>();
    for (String line : lines) {
      byTab.addAll(List.of(line.split("\t", -1)));
      bySpace.addAll(List.of(SPACES.split(line.strip(), -1)));
    }
    if (byTab.size() == count) {
      return byTab;
    }
    return bySpace.size() == count ? bySpace : lines;
  }
}
