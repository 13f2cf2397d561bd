package io.quorate.sql.optimizer;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of a golden EXPLAIN file, parsed and printed back. The file is a header of
 * comments, a setup block and one block per query, blocks separated by blank lines:
 *
 * <pre>
 * # comment lines (kept on rewrite)
 * setup:
 * CREATE TABLE t (id integer PRIMARY KEY)
 *
 * query: what the plan should show
 * SELECT * FROM t WHERE id = 1
 * ----
 * Index Scan using t_pkey on t
 *   Index Cond: (id = 1)
 * </pre>
 *
 * Setup statements and queries are one per line; plan lines are never blank (EXPLAIN
 * prints none), which is what lets a blank line end a block.
 */
record GoldenPlanFile(List<String> header, List<String> setup, List<Case> cases) {

  /** One query: a title saying what its plan should show, the SQL, and the expected plan lines. */
  record Case(String title, String sql, List<String> plan) {

    Case withPlan(List<String> actual) {
      return new Case(title, sql, List.copyOf(actual));
    }
  }

  private static final String SETUP = "setup:";
  private static final String QUERY = "query:";
  private static final String SEPARATOR = "----";

  static GoldenPlanFile parse(String text) {
    List<List<String>> blocks = blocks(text);
    List<String> header = new ArrayList<>();
    List<String> setup = new ArrayList<>();
    List<Case> cases = new ArrayList<>();
    for (List<String> block : blocks) {
      String first = block.get(0);
      if (first.equals(SETUP)) {
        setup.addAll(block.subList(1, block.size()));
      } else if (first.startsWith(QUERY)) {
        cases.add(parseCase(block));
      } else if (first.startsWith("#") && cases.isEmpty() && setup.isEmpty()) {
        header.addAll(block);
      } else {
        throw new IllegalArgumentException("golden plan file: unexpected block starting with \"" + first + "\"");
      }
    }
    return new GoldenPlanFile(List.copyOf(header), List.copyOf(setup), List.copyOf(cases));
  }

  private static Case parseCase(List<String> block) {
    int separator = block.indexOf(SEPARATOR);
    if (separator != 2) {
      throw new IllegalArgumentException("golden plan file: block \"" + block.get(0)
          + "\" needs one SQL line and then " + SEPARATOR);
    }
    return new Case(block.get(0).substring(QUERY.length()).strip(), block.get(1),
        List.copyOf(block.subList(separator + 1, block.size())));
  }

  private static List<List<String>> blocks(String text) {
    List<List<String>> blocks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (line.isBlank()) {
        if (!current.isEmpty()) {
          blocks.add(current);
          current = new ArrayList<>();
        }
      } else {
        current.add(line.stripTrailing());
      }
    }
    if (!current.isEmpty()) {
      blocks.add(current);
    }
    return blocks;
  }

  String print() {
    StringBuilder text = new StringBuilder();
    if (!header.isEmpty()) {
      text.append(String.join("\n", header)).append("\n\n");
    }
    text.append(SETUP).append('\n');
    setup.forEach(line -> text.append(line).append('\n'));
    for (Case golden : cases) {
      text.append('\n').append(QUERY).append(' ').append(golden.title()).append('\n').append(golden.sql())
          .append('\n').append(SEPARATOR).append('\n');
      golden.plan().forEach(line -> text.append(line).append('\n'));
    }
    return text.toString();
  }
}
