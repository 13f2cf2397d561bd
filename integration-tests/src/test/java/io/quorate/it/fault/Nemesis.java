package io.quorate.it.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Injects faults on a schedule drawn from a seed: a quiet spell, a fault, its healing,
 * again until the run's time is up. Faults are dealt from a shuffled deck of the kinds
 * given, reshuffled when it runs out, so that every kind comes up in a long enough run. Every step is logged with its offset from the start,
 * so a failing history can be read against it. Waits for a primary to exist again after
 * each healing (bounded), so that faults do not pile up into one long outage.
 */
final class Nemesis {

  /** An event of the schedule, at {@code millis} after the run started. */
  record Event(long millis, String what) {
    @Override
    public String toString() {
      return String.format("%6d ms  %s", millis, what);
    }
  }

  /** Longer than the nodes' maximum election timeout (2 s), so a paused primary is deposed. */
  private static final long PAUSE_MIN_MILLIS = 3_000;
  private static final Duration PRIMARY_WAIT = Duration.ofSeconds(60);
  private static final Duration PURGE_WAIT = Duration.ofSeconds(60);
  private static final int SEGMENT_BALLAST_BYTES = 10 << 20;

  private final FaultCluster cluster;
  private final Random random;
  private final List<Fault> kinds;
  private final long startNanos;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> added = new ArrayList<>();
  private final List<Fault> deck = new ArrayList<>();
  private int faults;

  Nemesis(FaultCluster cluster, long seed, List<Fault> kinds, long startNanos) {
    this.cluster = cluster;
    this.random = new Random(seed);
    this.kinds = List.copyOf(kinds);
    this.startNanos = startNanos;
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  int faults() {
    return faults;
  }

  /** Runs the schedule until {@code deadlineNanos}; the last fault may end after it. */
  void runUntil(long deadlineNanos) {
    while (System.nanoTime() < deadlineNanos && !kinds.isEmpty()) {
      hold(500 + random.nextInt(2_000));
      if (System.nanoTime() >= deadlineNanos) {
        break;
      }
      inject(deal());
      faults++;
      awaitPrimary();
    }
    for (String id : List.copyOf(added)) {
      log("remove-node " + id + " (added during the run)");
      cluster.removeNode(id);
      added.remove(id);
    }
  }

  private void inject(Fault fault) {
    switch (fault) {
      case KILL_PRIMARY -> {
        String victim = awaitPrimary();
        log("kill -9 " + victim + " (primary)");
        cluster.kill9(victim);
        hold(1_000 + random.nextInt(3_000));
        startStopped();
      }
      case KILL_STANDBY -> {
        String victim = pick(standbys());
        log("kill -9 " + victim + " (standby)");
        cluster.kill9(victim);
        hold(1_000 + random.nextInt(3_000));
        startStopped();
      }
      case KILL_MAJORITY -> {
        List<String> ids = new ArrayList<>(cluster.ids());
        Collections.shuffle(ids, random);
        List<String> victims = ids.subList(0, ids.size() / 2 + 1);
        log("kill -9 " + victims + " (a majority)");
        victims.forEach(cluster::kill9);
        hold(2_000 + random.nextInt(3_000));
        startStopped();
      }
      case KILL_UNTIL_PURGED -> {
        String victim = pick(standbys());
        long applied = cluster.status(victim).map(s -> s.getAppliedIndex()).orElse(0L);
        log("kill -9 " + victim + " (standby at index " + applied + "), kept down until the log is purged past it");
        cluster.kill9(victim);
        long deadline = System.nanoTime() + PURGE_WAIT.toNanos();
        long first = -1;
        while (System.nanoTime() < deadline && first <= applied + 1) {
          // Ratis purges whole closed log segments (8 MiB): fill one, then snapshot.
          cluster.writeBallast(SEGMENT_BALLAST_BYTES);
          first = cluster.snapshotAndFirstLogIndex(awaitPrimary());
        }
        log(first > applied + 1 ? "the primary's log starts at " + first
            : "the log did not move past " + applied + " within " + PURGE_WAIT.toSeconds() + " s (too few writes)");
        startStopped();
      }
      case PAUSE_PRIMARY -> {
        String victim = awaitPrimary();
        log("SIGSTOP " + victim + " (primary)");
        cluster.pause(victim);
        hold(PAUSE_MIN_MILLIS + random.nextInt(3_000));
        log("SIGCONT " + victim);
        cluster.resume(victim);
      }
      case RESTART_NODE -> {
        String victim = pick(cluster.ids());
        log("om restart --node " + victim);
        cluster.restart(victim);
        log("restarted " + victim);
      }
      case RESTART_ALL -> {
        log("om stop; om start (whole cluster)");
        cluster.restartAll();
        log("cluster started");
      }
      case SWITCHOVER -> {
        String to = pick(standbys());
        log("om switchover --to " + to);
        cluster.switchover(to);
        log("switched over to " + to);
      }
      case MEMBERSHIP -> {
        if (added.isEmpty()) {
          log("om add-node");
          String id = cluster.addNode();
          added.add(id);
          log("added " + id);
        } else {
          String id = added.removeLast();
          log("om remove-node " + id);
          cluster.removeNode(id);
          log("removed " + id);
        }
      }
    }
  }

  private Fault deal() {
    if (deck.isEmpty()) {
      deck.addAll(kinds);
      Collections.shuffle(deck, random);
    }
    return deck.removeFirst();
  }

  private void startStopped() {
    log("om start (the stopped nodes)");
    cluster.startStopped();
    log("every node Normal");
  }

  private List<String> standbys() {
    String primary = awaitPrimary();
    return cluster.ids().stream().filter(id -> !id.equals(primary)).toList();
  }

  private String pick(List<String> ids) {
    return ids.get(random.nextInt(ids.size()));
  }

  private String awaitPrimary() {
    long deadline = System.nanoTime() + PRIMARY_WAIT.toNanos();
    while (true) {
      Optional<String> primary = cluster.primary();
      if (primary.isPresent()) {
        return primary.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no primary within " + PRIMARY_WAIT.toSeconds() + " s after the faults healed");
      }
      hold(100); // polling interval of the primary check
    }
  }

  private void log(String what) {
    Event event = new Event(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), what);
    events.add(event);
    System.out.println("[nemesis] " + event);
  }

  /** The schedule's pauses: how long a fault lasts, how long the quiet spells are. */
  private static void hold(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
