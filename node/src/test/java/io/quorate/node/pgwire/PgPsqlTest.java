package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Proves that psql 15 connects with SCRAM, runs statements, COPY and \copy (query) to stdout, draws the caret
 * of a syntax error, and describes tables with foreign keys exactly as it does against PostgreSQL 15.
 */
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
          copy psql_t from stdin;
          3\tthree
          x\tfour
          \\.
          select name from psql_t order by id;
          \\copy (select id, name from psql_t order by id) to stdout with csv header
          select 1 form psql_t;
          """);
      assertTrue(output.contains("COPY 2"), output);
      assertTrue(output.contains("id,name\n1,one\n2,two\n"), output);
      // PostgreSQL 15 prints the same for the failing COPY, and keeps none of its rows
      assertTrue(output.contains("ERROR:  invalid input syntax for type integer: \"x\"\n"
          + "CONTEXT:  COPY psql_t, line 2, column id: \"x\"\n"), output);
      assertTrue(output.contains(" one\n two\n(2 rows)"), output);
      // as in PostgreSQL, "form" reads as a column alias and the error is at the table name
      assertTrue(output.contains("ERROR:  syntax error at or near \"psql_t\"\nLINE 1: select 1 form psql_t;\n"
          + "                      ^\n"), output);
      assertEquals(-1, output.indexOf("FATAL"), output);
    }
  }

  /** psql 15 against PostgreSQL 15 printed this for the same script (createdb -l C -T template0). */
  private static final String DESCRIBE_FOREIGN_KEYS_BY_POSTGRES = """
        CREATE TABLE
        CREATE INDEX
        CREATE TABLE
                      Table "public.accounts"
         Column  |  Type   | Collation | Nullable | Default\s
        ---------+---------+-----------+----------+---------
         id      | integer |           | not null |\s
         owner   | text    |           | not null |\s
         balance | integer |           |          | 0
        Indexes:
            "accounts_pkey" PRIMARY KEY, btree (id)
            "accounts_owner" btree (owner)
        Check constraints:
            "accounts_balance_check" CHECK (balance >= 0)
        Referenced by:
            TABLE "notes" CONSTRAINT "notes_account_id_fkey" FOREIGN KEY (account_id) REFERENCES accounts(id)
        
                                              Table "public.notes"
           Column   |          Type          | Collation | Nullable |              Default             \s
        ------------+------------------------+-----------+----------+-----------------------------------
         id         | integer                |           | not null | nextval('notes_id_seq'::regclass)
         account_id | integer                |           |          |\s
         body       | character varying(200) |           |          |\s
        Indexes:
            "notes_pkey" PRIMARY KEY, btree (id)
        Foreign-key constraints:
            "notes_account_id_fkey" FOREIGN KEY (account_id) REFERENCES accounts(id)
        
        """;

  @Test
  void psqlDescribesTablesWithForeignKeysAsPostgresDoes() throws Exception {
    assumeTrue(PSQL.canExecute(), "psql is not installed on this machine");
    try (PgTestServer server = new PgTestServer()) {
      String output = psql(server, """
          CREATE TABLE accounts (id integer PRIMARY KEY, owner text NOT NULL, balance integer DEFAULT 0 CHECK (balance >= 0));
          CREATE INDEX accounts_owner ON accounts (owner);
          CREATE TABLE notes (id serial PRIMARY KEY, account_id integer REFERENCES accounts (id), body varchar(200));
          \\d accounts
          \\d notes
          """);
      assertEquals(DESCRIBE_FOREIGN_KEYS_BY_POSTGRES, output);
    }
  }
}
