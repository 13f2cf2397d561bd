package io.quorate.it.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.it.process.ProcessCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's stock pgbench against the primary of a three-node cluster: initialisation with
 * server-side and with client-side (COPY) data generation, then 10-second runs of the
 * TPC-B-like, simple-update (-N) and select-only (-S) scripts in each query mode (simple,
 * extended, prepared). Every run must report zero failed transactions, and what each run
 * changed must add up (see {@link #checkBalances}).
 */
class PgbenchTest {

  private static final String SCALE = "2";
  private static final String SECONDS = "5";
  private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");

  @Test
  void initialisesRunsEveryScriptInEveryModeAndStaysConsistent(@TempDir Path dir) {
    try (ProcessCluster cluster = ProcessCluster.start(3)) {
      String primary = cluster.awaitPrimary();
      cluster.awaitSql(primary);

      initialise(cluster, primary, dir, "-i", "-I", "dtGvp", "-s", SCALE);
      initialise(cluster, primary, dir, "-i", "-s", SCALE);
      primary = cluster.awaitPrimary();

      List<String> figures = new ArrayList<>();
      for (String mode : List.of("simple", "extended", "prepared")) {
        for (String script : List.of("tpcb-like", "simple-update", "select-only")) {
          long[] before = balances(cluster, primary, dir);
          PgTools.Result run = PgTools.run(cluster, primary, dir, Duration.ofMinutes(2), "pgbench",
              "-b", script, "-M", mode, "-c", "4", "-j", "2", "-T", SECONDS);
          expectSuccess(run);
          assertTrue(run.output().contains("number of failed transactions: 0 "), run.output());
          Matcher processed = PROCESSED.matcher(run.output());
          assertTrue(processed.find() && Long.parseLong(processed.group(1)) > 0, run.output());
          figures.add(script + "/" + mode + ": " + processed.group(1));
          checkBalances(script, before, balances(cluster, primary, dir));
        }
      }
      System.out.println("pgbench transactions in " + SECONDS + " s, 4 clients: " + figures);
    }
  }

  /**
   * What a run changed must add up. pgbench empties the history when a run starts, so
   * afterwards it holds exactly that run's transactions: a TPC-B-like one moved the same
   * delta into an account, a teller and a branch and logged it; a simple-update one
   * changed only an account and logged it; a select-only one changed nothing.
   */
  private static void checkBalances(String script, long[] before, long[] after) {
    String figures = script + ": before " + java.util.Arrays.toString(before) + ", after "
        + java.util.Arrays.toString(after) + " (accounts, tellers, branches, history)";
    long history = after[3];
    assertEquals(history, after[0] - before[0], "accounts moved by the history's deltas; " + figures);
    long expectedOthers = script.equals("tpcb-like") ? history : 0;
    assertEquals(expectedOthers, after[1] - before[1], "tellers; " + figures);
    assertEquals(expectedOthers, after[2] - before[2], "branches; " + figures);
  }

  /** The sums of the account, teller and branch balances and of the history's deltas. */
  private static long[] balances(ProcessCluster cluster, String node, Path dir) {
    PgTools.Result sums = PgTools.run(cluster, node, dir, Duration.ofMinutes(1), "psql", "-X", "-A", "-t", "-c",
        "SELECT (SELECT sum(abalance) FROM pgbench_accounts) || ',' || (SELECT sum(tbalance) FROM pgbench_tellers)"
            + " || ',' || (SELECT sum(bbalance) FROM pgbench_branches)"
            + " || ',' || (SELECT coalesce(sum(delta), 0) FROM pgbench_history)");
    expectSuccess(sums);
    String[] parts = sums.output().strip().split(",");
    assertEquals(4, parts.length, sums.output());
    long[] values = new long[4];
    for (int i = 0; i < 4; i++) {
      values[i] = Long.parseLong(parts[i]);
    }
    return values;
  }

  /**
   * Runs a pgbench initialisation, once more if the primary changed under it. Its
   * ALTER TABLE ... ADD PRIMARY KEY re-keys every row in one transaction, one log entry of
   * about 35 MB at scale 2; on an overloaded 2-core machine replicating that entry can take
   * longer than an election timeout, the primary steps down, and the client is told so
   * (40001/40003: nothing half-done is committed). Initialisation starts by dropping the
   * tables, so running it again is what a user would do.
   */
  private static void initialise(ProcessCluster cluster, String node, Path dir, String... args) {
    PgTools.Result first = PgTools.run(cluster, node, dir, Duration.ofMinutes(5), "pgbench", args);
    if (first.exitCode() != 0 && first.output().contains("the primary changed")) {
      System.out.println("pgbench initialisation ran into a change of primary; running it again:\n" + first.output());
      String primary = cluster.awaitPrimary();
      cluster.awaitSql(primary);
      expectSuccess(PgTools.run(cluster, primary, dir, Duration.ofMinutes(5), "pgbench", args));
      return;
    }
    expectSuccess(first);
  }

  private static void expectSuccess(PgTools.Result result) {
    assertEquals(0, result.exitCode(), result.output());
  }
}
