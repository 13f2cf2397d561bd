package io.quorate.sql.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.session.Engine;
import io.quorate.sql.session.Session;
import io.quorate.sql.session.StatementResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Pins the optimizer's plans: every query of {@code explain/plans.txt} must EXPLAIN to
 * exactly the lines stored under it. When a plan changes on purpose, run with
 * {@code -Dquorate.golden.update=true} to rewrite the file from the engine's output and
 * review the change in the diff.
 */
class ExplainGoldenTest {

  private static final String RESOURCE = "explain/plans.txt";
  /** Where the resource lives in the source tree; Maven runs tests from the module directory. */
  private static final Path SOURCE = Path.of("src/test/resources", RESOURCE);

  @TestFactory
  Stream<DynamicTest> plansMatchGoldenFile() throws IOException {
    GoldenPlanFile golden = GoldenPlanFile.parse(read());
    assertFalse(golden.cases().isEmpty(), RESOURCE + " holds no queries");
    Session session = new Engine(new InMemoryKvStore()).openSession();
    for (String statement : golden.setup()) {
      if (!statement.startsWith("#")) {
        session.execute(statement);
      }
    }
    List<GoldenPlanFile.Case> actual = new ArrayList<>();
    for (GoldenPlanFile.Case expected : golden.cases()) {
      actual.add(expected.withPlan(explain(session, expected.sql())));
    }
    if (Boolean.getBoolean("quorate.golden.update")) {
      Files.writeString(SOURCE, new GoldenPlanFile(golden.header(), golden.setup(), actual).print(),
          StandardCharsets.UTF_8);
      System.out.println("ExplainGoldenTest: rewrote " + SOURCE.toAbsolutePath());
      golden = GoldenPlanFile.parse(Files.readString(SOURCE, StandardCharsets.UTF_8));
    }
    List<GoldenPlanFile.Case> expected = golden.cases();
    return Stream.iterate(0, i -> i < expected.size(), i -> i + 1).map(i -> DynamicTest.dynamicTest(
        expected.get(i).title(), () -> assertEquals(String.join("\n", expected.get(i).plan()),
            String.join("\n", actual.get(i).plan()), "plan of " + expected.get(i).sql()
                + " (rerun with -Dquorate.golden.update=true to accept the new plan)")));
  }

  private static List<String> explain(Session session, String sql) {
    List<StatementResult> results = session.execute("EXPLAIN " + sql);
    // Trailing blanks are dropped on both sides: editors strip them from the golden file.
    return results.get(0).rows().stream().map(row -> ((String) row[0]).stripTrailing()).toList();
  }

  private static String read() throws IOException {
    try (InputStream in = ExplainGoldenTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException("no classpath resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
