package io.quorate.sql.parser;

import java.util.ArrayList;
import java.util.List;

/** Extracts the SQL of the {@code statement ok} and {@code query} records of a sqllogictest file. */
final class SltRecords {

  private SltRecords() {}

  /** Each record's SQL: the lines after its header up to {@code ----} or a blank line. */
  static List<String> statements(String file) {
    List<String> statements = new ArrayList<>();
    String[] lines = file.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String header = lines[i].strip();
      if (!header.equals("statement ok") && !header.equals("query") && !header.startsWith("query ")) {
        continue;
      }
      StringBuilder sql = new StringBuilder();
      while (i + 1 < lines.length && !lines[i + 1].isBlank() && !lines[i + 1].startsWith("----")) {
        sql.append(sql.isEmpty() ? "" : "\n").append(lines[++i]);
      }
      if (!sql.isEmpty()) {
        statements.add(sql.toString());
      }
    }
    return statements;
  }
}
