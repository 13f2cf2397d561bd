package io.quorate.it.fault;

import io.quorate.it.fault.history.CheckResult;
import io.quorate.it.fault.history.History;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One run of the suite: a workload's clients against a cluster while the nemesis injects
 * faults drawn from a seed; then the faults heal, the final reads are taken and the
 * checker judges the history. A failing run keeps its history and the nodes' logs and
 * prints the command that replays its seed.
 */
final class FaultRun {

  /** What to run. {@code workload} is one of bank, set, register, counter. */
  record Plan(String workload, long seed, List<Fault> faults, Duration duration, int clients) {

    /** Parses {@code workload:seed:fault,fault:seconds:clients}, as {@link #toString()} prints it. */
    static Plan parse(String text) {
      String[] parts = text.split(":");
      if (parts.length != 5) {
        throw new IllegalArgumentException("a plan is workload:seed:faults:seconds:clients, not '" + text + "'");
      }
      return new Plan(parts[0], Long.parseLong(parts[1]), Fault.parse(parts[2]),
          Duration.ofSeconds(Long.parseLong(parts[3])), Integer.parseInt(parts[4]));
    }

    @Override
    public String toString() {
      return workload + ":" + seed + ":" + faults.stream().map(Fault::flag).collect(Collectors.joining(",")) + ":"
          + duration.toSeconds() + ":" + clients;
    }

    String replayCommand() {
      return "./run-tests -pl integration-tests -am -Dtest=FaultReplayTest -Dquorate.fault.plan=" + this;
    }
  }

  /** What a run did and what the checker found. */
  record Report(Plan plan, CheckResult result, int operations, long ok, long okWrites, long failed, long unknown,
      int faults, List<Fault> missing, List<Nemesis.Event> events, List<String> unexpected) {

    boolean valid() {
      return result.valid() && unexpected.isEmpty();
    }

    String summary() {
      return String.format(Locale.ROOT, "%s: %s; %d operations (%d ok, %d of them writes; %d failed, %d unknown),"
          + " %d faults%s; %s%s", plan, valid() ? "valid" : "INVALID", operations, ok, okWrites, failed, unknown, faults,
          missing.isEmpty() ? "" : " (" + missing + " did not come up)", result.stats(),
          unexpected.isEmpty() ? "" : "; unexpected client errors: " + unexpected);
    }
  }

  private static final int MAX_OPS_PER_CLIENT = 100_000;
  /** Above any client's process number (clients count up by their number of threads per unknown outcome). */
  private static final int FINAL_PROCESS = Integer.MAX_VALUE / 2;
  private static final Duration FINAL_READ_PATIENCE = Duration.ofSeconds(90);
  private static final AtomicInteger TABLES = new AtomicInteger();

  private FaultRun() {}

  static Workload workload(String name) {
    String table = name + "_" + TABLES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    return switch (name) {
      case "bank" -> new BankWorkload(table);
      case "set" -> new SetWorkload(table);
      case "register" -> new RegisterWorkload(table);
      case "counter" -> new CounterWorkload(table);
      default -> throw new IllegalArgumentException("unknown workload '" + name + "'; known: bank, set, register, counter");
    };
  }

  /**
   * Runs {@code plan} on {@code cluster}, which must have a primary, and returns the
   * checked report. On a violation the history is written under
   * {@code target/fault-histories} and the cluster keeps its logs.
   */
  static Report run(FaultCluster cluster, Plan plan) throws SQLException {
    try {
      return runChecked(cluster, plan);
    } catch (RuntimeException | Error | SQLException e) {
      // A fault that left the cluster unable to recover (om's wait gave up) fails here,
      // not in the checker: the node logs say why, so they outlive the cluster.
      cluster.keepLogs();
      throw e;
    }
  }

  private static Report runChecked(FaultCluster cluster, Plan plan) throws SQLException {
    Workload workload = workload(plan.workload());
    try (Connection c = cluster.connect()) {
      workload.setUp(c);
    }
    History history = new History();
    long start = System.nanoTime();
    Nemesis nemesis = new Nemesis(cluster, plan.seed() * 31 + plan.workload().hashCode(), plan.faults(), start);
    System.out.println("[fault] run " + plan);
    Clients clients = new Clients(cluster, workload, history, plan.clients(), plan.seed(), MAX_OPS_PER_CLIENT);
    clients.start();
    try {
      nemesis.runUntil(start + plan.duration().toNanos());
    } finally {
      clients.close();
    }
    cluster.startStopped();
    clients.finalReads(FINAL_PROCESS, FINAL_READ_PATIENCE);
    CheckResult result = workload.checker().check(history);
    long ok = history.pairs().stream().filter(History.Pair::isOk).count();
    long failed = history.pairs().stream().filter(History.Pair::isFail).count();
    long unknown = history.pairs().stream().filter(History.Pair::isUnknown).count();
    long okWrites = history.pairs().stream().filter(p -> p.isOk() && !p.f().equals("read")).count();
    Report report = new Report(plan, result, history.pairs().size(), ok, okWrites, failed, unknown, nemesis.faults(),
        nemesis.missing(), nemesis.events(), List.copyOf(clients.unexpected));
    System.out.println("[fault] " + report.summary());
    if (!report.valid()) {
      Path file = keep(plan, history, report);
      cluster.keepLogs();
      System.out.println("[fault] history in " + file.toAbsolutePath() + "\n[fault] replay: " + plan.replayCommand());
    }
    return report;
  }

  /** Writes the history, the nemesis events and the anomalies for a failing run. */
  private static Path keep(Plan plan, History history, Report report) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "fault-histories"));
      Path file = dir.resolve(plan.workload() + "-" + plan.seed() + ".history");
      history.writeTo(file);
      Path notes = dir.resolve(plan.workload() + "-" + plan.seed() + ".report");
      Files.writeString(notes, report.summary() + "\n\nanomalies:\n" + String.join("\n", report.result().anomalies())
          + "\n\nnemesis:\n" + report.events().stream().map(Nemesis.Event::toString).collect(Collectors.joining("\n"))
          + "\n\nreplay: " + plan.replayCommand() + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A failure message for an invalid report: the anomalies and how to replay. */
  static String explain(Report report) {
    List<String> anomalies = report.result().anomalies();
    return report.summary() + "\n" + String.join("\n", anomalies.subList(0, Math.min(20, anomalies.size())))
        + "\nreplay: " + report.plan().replayCommand();
  }
}
