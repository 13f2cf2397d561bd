package io.quorate.sql.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code .test} file under the classpath directory {@code slt/} (this module's
 * {@code src/test/resources/slt/**}) as one test, each on a fresh database, and requires
 * every record to pass. A subclass supplies the database: the in-memory engine, one node,
 * or a three-node cluster, so the same files check every configuration.
 */
public abstract class AbstractSltFileSuite {

  /** A new, empty database; the suite closes it after its file. */
  protected abstract SltDatabase newDatabase();

  /** The names {@code skipif}/{@code onlyif} lines are matched against. */
  protected Set<String> engineNames() {
    return Set.of("postgresql", "quorate");
  }

  /** The classpath directory searched (recursively) for .test files. */
  protected String resourceDirectory() {
    return "slt";
  }

  /** One test per file; a single failing test when there are no files, so none is missed. */
  @TestFactory
  public Stream<DynamicTest> sltFiles() throws IOException {
    ClassLoader loader = getClass().getClassLoader();
    List<String> files = SltResources.list(loader, resourceDirectory());
    if (files.isEmpty()) {
      return Stream.of(DynamicTest.dynamicTest("no .test files", () ->
          fail("no .test files under classpath directory " + resourceDirectory() + "/")));
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(file,
        URI.create("classpath:/" + file), () -> runFile(loader, file)));
  }

  private void runFile(ClassLoader loader, String file) throws IOException {
    String text = SltResources.read(loader, file);
    SltFileResult result;
    try (SltDatabase database = newDatabase()) {
      result = new SltRunner(engineNames()).run(database, file, text);
    }
    assertEquals(0, result.failed(),
        () -> result.summary() + "\n" + String.join("\n", result.failures()));
  }
}
