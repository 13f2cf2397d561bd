package io.quorate.sql.slt;

import static io.quorate.sql.slt.ScriptedDatabase.result;
import static io.quorate.sql.slt.ScriptedDatabase.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The file suite finds the .test files under a classpath directory recursively and runs
 * each on a fresh database (here the scripted fake and the files in slt-selftest/).
 */
class ScriptedSltFileSuiteTest extends AbstractSltFileSuite {

  @Override
  protected SltDatabase newDatabase() {
    return new ScriptedDatabase()
        .ok("CREATE TABLE t(a INT, b TEXT)")
        .answer("SELECT a, b FROM t", result(row("2", null), row("1", "x")))
        .error("SELECT * FROM missing", "42P01", "relation \"missing\" does not exist");
  }

  @Override
  protected String resourceDirectory() {
    return "slt-selftest";
  }

  @Test
  void findsFilesRecursivelyInOrder() throws IOException {
    assertEquals(List.of("slt-selftest/basics.test", "slt-selftest/nested/other.test"),
        SltResources.list(getClass().getClassLoader(), "slt-selftest"));
  }
}
