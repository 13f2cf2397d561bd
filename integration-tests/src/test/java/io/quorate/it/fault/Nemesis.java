package io.quorate.it.fault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Injects faults on a schedule drawn from a seed: a quiet spell, a fault, its healing,
 * again until the run's time is up. Faults are dealt from a shuffled deck of the kinds
 * given, reshuffled when it runs out; a run goes on past its time (bounded) until every
 * kind has come up once. Every step is logged with its offset from the start,
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

  /** Longer than the nodes' maximum election timeout (2 s), so a paused or cut-off primary is deposed. */
  private static final long PAUSE_MIN_MILLIS = 3_000;
  private static final Duration PRIMARY_WAIT = Duration.ofSeconds(60);
  private static final Duration PURGE_WAIT = Duration.ofSeconds(60);
  private static final int SEGMENT_BALLAST_BYTES = 10 << 20;
  /** How far past its time a run may go so that every fault kind comes up once. */
  private static final Duration COVERAGE_GRACE = Duration.ofSeconds(90);

  private final FaultCluster cluster;
  private final Random random;
  private final List<Fault> kinds;
  private final long startNanos;
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final List<String> added = new ArrayList<>();
  private final List<Fault> deck = new ArrayList<>();
  private final Set<Fault> notYet = EnumSet.noneOf(Fault.class);
  private int faults;

  Nemesis(FaultCluster cluster, long seed, List<Fault> kinds, long startNanos) {
    List<Fault> impossible = kinds.stream().filter(k -> k.needsNamespaces() && !cluster.canPartition()).toList();
    if (!impossible.isEmpty()) {
      throw new IllegalArgumentException(impossible + " need a cluster in network namespaces");
    }
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

  /** The kinds given that did not come up (the run's time and its grace were too short). */
  List<Fault> missing() {
    return List.copyOf(notYet);
  }

  /** Runs the schedule until {@code deadlineNanos}; the last fault may end after it. */
  void runUntil(long deadlineNanos) {
    notYet.addAll(kinds);
    long graceDeadline = deadlineNanos + COVERAGE_GRACE.toNanos();
    while (!kinds.isEmpty() && more(deadlineNanos, graceDeadline, notYet)) {
      hold(500 + random.nextInt(2_000));
      if (!more(deadlineNanos, graceDeadline, notYet)) {
        break;
      }
      Fault fault = deal();
      try {
        inject(fault);
      } finally {
        cluster.heal();
      }
      notYet.remove(fault);
      faults++;
      awaitPrimary();
    }
    if (!notYet.isEmpty()) {
      log("not every fault kind came up in time: " + notYet + " did not");
    }
    for (String id : List.copyOf(added)) {
      log("remove-node " + id + " (added during the run)");
      cluster.removeNode(id);
      added.remove(id);
    }
  }

  /** Whether to inject another fault: the run's time is not up, or a kind has not come up yet (bounded). */
  private static boolean more(long deadlineNanos, long graceDeadlineNanos, Set<Fault> notYet) {
    long now = System.nanoTime();
    return now < deadlineNanos || (!notYet.isEmpty() && now < graceDeadlineNanos);
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
      case MEMBERSHIP -> changeMembership();
      case MEMBERSHIP_DURING_KILL -> {
        String victim = pick(standbys().stream().filter(id -> !added.contains(id)).toList());
        log("kill -9 " + victim + " (standby), then a membership change while it is down");
        cluster.kill9(victim);
        changeMembership();
        startStopped();
      }
      case PARTITION_PRIMARY -> {
        String primary = awaitPrimary();
        List<String> others = cluster.ids().stream().filter(id -> !id.equals(primary)).toList();
        log("partition: " + primary + " (primary) cut off from " + others);
        cluster.partition(List.of(primary), others);
        hold(PAUSE_MIN_MILLIS + random.nextInt(3_000));
        cluster.heal();
        log("partition healed");
        awaitNormal();
      }
      case PARTITION_RANDOM -> {
        List<String> ids = new ArrayList<>(cluster.ids());
        Collections.shuffle(ids, random);
        int minority = 1 + random.nextInt(Math.max(1, (ids.size() - 1) / 2));
        List<String> small = List.copyOf(ids.subList(0, minority));
        List<String> large = List.copyOf(ids.subList(minority, ids.size()));
        log("partition: " + small + " | " + large);
        cluster.partition(small, large);
        hold(1_000 + random.nextInt(5_000));
        cluster.heal();
        log("partition healed");
        awaitNormal();
      }
    }
  }

  /** Adds a voter, or removes the one added before. */
  private void changeMembership() {
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

  /** Returns once every node is Normal again (caught up), as {@code om start} waits for. */
  private void awaitNormal() {
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
    return cluster.awaitPrimary(PRIMARY_WAIT);
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
