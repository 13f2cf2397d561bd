package io.quorate.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quorate.sql.ast.AstPrinter;
import io.quorate.sql.ast.Expression;
import io.quorate.sql.ast.QueryBody;
import io.quorate.sql.ast.Statement;
import io.quorate.sql.ast.TableRef;
import io.quorate.sql.error.SqlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Proves that parse, print, parse gives back the same tree, on hand-written SQL and on test corpora. */
class ParserRoundTripTest {

  private static final Path SLT_DIRECTORY = Path.of("src/test/resources/slt");
  private static final Path SQLITE_CORPUS = Path.of(System.getProperty("user.home"),
      ".m2/repository/net/hydromatic/sql-logic-test/0.3/sql-logic-test-0.3.jar");

  @Test
  void handWrittenStatementsRoundTripAndCoverEveryNodeKind() throws IOException {
    List<String> statements = handWrittenStatements();
    assertTrue(statements.size() >= 150, () -> "only " + statements.size() + " statements");
    Set<Class<?>> seen = new HashSet<>();
    List<String> failures = new ArrayList<>();
    for (String sql : statements) {
      List<Statement> parsed;
      try {
        parsed = Parser.parse(sql);
      } catch (SqlException e) {
        failures.add(sql + "\n  does not parse: " + e.getMessage());
        continue;
      }
      assertEquals(1, parsed.size(), () -> "one statement per line: " + sql);
      TreeNormalizer.visit(parsed, node -> seen.add(node.getClass()));
      roundTrip(sql, parsed.get(0), failures);
    }
    assertNoFailures(failures, statements.size());
    Set<String> missing = new TreeSet<>();
    for (Class<?> kind : List.of(Statement.class, Expression.class, QueryBody.class, QueryBody.SelectItem.class,
        TableRef.class, Statement.AlterAction.class, Statement.ColumnConstraint.class)) {
      for (Class<?> subclass : kind.getPermittedSubclasses()) {
        if (subclass.isRecord() && !seen.contains(subclass)) {
          missing.add(subclass.getName());
        }
      }
    }
    assertTrue(missing.isEmpty(), () -> "statements.sql does not cover " + missing);
  }

  @Test
  void sqlLogicTestFilesRoundTrip() throws IOException {
    if (!Files.isDirectory(SLT_DIRECTORY)) {
      String reason = SLT_DIRECTORY.toAbsolutePath() + " does not exist yet; nothing to round-trip";
      System.out.println("ParserRoundTripTest: skipping sqllogictest files: " + reason);
      Assumptions.abort(reason);
    }
    List<String> statements = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SLT_DIRECTORY)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".test")).sorted().toList()) {
        statements.addAll(SltRecords.statements(Files.readString(file)));
      }
    }
    roundTripCorpus("sqllogictest files", statements);
  }

  @Test
  void sqliteCorpusRoundTrips() throws IOException {
    if (!Files.isRegularFile(SQLITE_CORPUS)) {
      String reason = SQLITE_CORPUS + " is absent";
      System.out.println("ParserRoundTripTest: skipping the SQLite corpus: " + reason);
      Assumptions.abort(reason);
    }
    List<String> statements = new ArrayList<>();
    try (ZipFile jar = new ZipFile(SQLITE_CORPUS.toFile())) {
      for (int i = 1; i <= 5; i++) {
        ZipEntry entry = Objects.requireNonNull(jar.getEntry("test/select" + i + ".test"), "select" + i);
        try (InputStream in = jar.getInputStream(entry)) {
          statements.addAll(SltRecords.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      }
    }
    roundTripCorpus("SQLite select1-5", statements);
  }

  /** Statements the parser rejects are counted and shown; every one it accepts must round-trip. */
  private static void roundTripCorpus(String name, List<String> statements) {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> reasons = new LinkedHashMap<>();
    List<String> firstUnparsed = new ArrayList<>();
    int parsedCount = 0;
    for (String sql : statements) {
      List<Statement> parsed;
      try {
        parsed = Parser.parse(sql);
      } catch (SqlException e) {
        reasons.merge(e.getMessage(), 1, Integer::sum);
        if (firstUnparsed.size() < 10) {
          firstUnparsed.add(sql.replace('\n', ' ') + "\n    -> " + e.getMessage());
        }
        continue;
      }
      parsedCount++;
      for (Statement statement : parsed) {
        roundTrip(sql, statement, failures);
      }
    }
    int unparsed = statements.size() - parsedCount;
    System.out.printf("ParserRoundTripTest: %s: %d statements, %d parsed and round-tripped, %d unparsed%n", name,
        statements.size(), parsedCount - failures.size(), unparsed);
    firstUnparsed.forEach(line -> System.out.println("  unparsed: " + line));
    reasons.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(10).forEach(reason -> System.out.println("  " + reason.getValue() + " x " + reason.getKey()));
    assertTrue(parsedCount > 0 || statements.isEmpty(), () -> name + ": nothing parsed");
    assertNoFailures(failures, statements.size());
  }

  private static void roundTrip(String sql, Statement statement, List<String> failures) {
    String printed = AstPrinter.print(statement);
    try {
      List<Statement> reparsed = Parser.parse(printed);
      if (reparsed.size() != 1) {
        failures.add(sql + "\n  printed " + printed + "\n  which parses to " + reparsed.size() + " statements");
        return;
      }
      Object expected = TreeNormalizer.normalize(statement);
      Object actual = TreeNormalizer.normalize(reparsed.get(0));
      if (!expected.equals(actual)) {
        failures.add(sql + "\n  printed " + printed + "\n  expected " + expected + "\n  actual   " + actual);
      } else if (!printed.equals(AstPrinter.print(reparsed.get(0)))) {
        failures.add(sql + "\n  printed " + printed + "\n  then " + AstPrinter.print(reparsed.get(0)));
      }
    } catch (SqlException e) {
      failures.add(sql + "\n  printed " + printed + "\n  which does not parse: " + e.getMessage() + " at "
          + e.position());
    }
  }

  private static void assertNoFailures(List<String> failures, int total) {
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + total + " statements do not round-trip:\n"
          + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }
  }

  /** statements.sql: one statement per line; blank lines and lines starting with -- are skipped. */
  static List<String> handWrittenStatements() throws IOException {
    List<String> statements = new ArrayList<>();
    try (InputStream in = ParserRoundTripTest.class.getResourceAsStream("/parser/statements.sql");
        BufferedReader reader = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(in, "parser/statements.sql"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("--")) {
          statements.add(line);
        }
      }
    }
    return statements;
  }
}
