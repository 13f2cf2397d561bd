package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Proves that psql 15 connects with SCRAM, runs statements and COPY, and draws the caret of a syntax error. */
class PgPsqlTest {

  private static final File PSQL = new File("/usr/bin/psql");

  private static String psql(PgTestServer server, String input) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(PSQL.getPath(), "-h", "127.0.0.1", "-p", Integer.toString(server.server.port()),
        "-U", PgTestServer.ALICE, "-d", "quorate", "-X", "-v", "ON_ERROR_STOP=0")
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", PgTestServer.ALICE_PASSWORD);
    Process process = builder.start();
    process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "psql did not finish");
    return output;
  }

  @Test
  void psqlRunsStatementsCopyAndShowsTheCaret() throws Exception {
    assumeTrue(PSQL.canExecute(), "psql is not installed on this machine");
    try (PgTestServer server = new PgTestServer()) {
      String output = psql(server, """
          create table psql_t (id int primary key, name text);
          copy psql_t from stdin;
          1\tone
          2\ttwo
          \\.
          select name from psql_t order by id;
          select 1 form psql_t;
          """);
      assertTrue(output.contains("COPY 2"), output);
      assertTrue(output.contains(" one\n two\n(2 rows)"), output);
      // as in PostgreSQL, "form" reads as a column alias and the error is at the table name
      assertTrue(output.contains("ERROR:  syntax error at or near \"psql_t\"\nLINE 1: select 1 form psql_t;\n"
          + "                      ^\n"), output);
      assertEquals(-1, output.indexOf("FATAL"), output);
    }
  }
}
