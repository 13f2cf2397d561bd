package io.quorate.it.fault;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The kinds of fault the nemesis injects; each heals before the next begins. */
enum Fault {
  /** {@code kill -9} of the primary, restarted after a while with {@code om start}. */
  KILL_PRIMARY,
  /** {@code kill -9} of a standby, restarted likewise. */
  KILL_STANDBY,
  /** {@code kill -9} of a majority: writes must stop, and resume with nothing lost once the nodes return. */
  KILL_MAJORITY,
  /**
   * {@code kill -9} of a standby kept down until the primary's log no longer reaches back
   * to it (snapshots are taken to purge it), so it returns by snapshot installation.
   * Needs a small snapshot threshold ({@link FaultCluster#setSnapshotThreshold}).
   */
  KILL_UNTIL_PURGED,
  /** SIGSTOP of the primary for longer than an election timeout, then SIGCONT. */
  PAUSE_PRIMARY,
  /** A graceful restart of one node with {@code om restart --node}. */
  RESTART_NODE,
  /** {@code om stop} and {@code om start} of the whole cluster. */
  RESTART_ALL,
  /** {@code om switchover} to a standby. */
  SWITCHOVER,
  /** {@code om add-node} of a voter, and later {@code om remove-node} of the newest node. */
  MEMBERSHIP,
  /**
   * {@code kill -9} of a standby, and while it is down {@code om add-node} of a voter or
   * {@code om remove-node} of the node added before: a membership change with a member
   * missing.
   */
  MEMBERSHIP_DURING_KILL,
  /**
   * The primary cut off from every other node for longer than an election timeout, then
   * healed; clients still reach it. Needs nodes in namespaces.
   */
  PARTITION_PRIMARY,
  /** The nodes split into a random minority and majority for a while, then healed. Needs namespaces. */
  PARTITION_RANDOM;

  /** Whether the fault cuts the network, which only a cluster in namespaces can do. */
  boolean needsNamespaces() {
    return this == PARTITION_PRIMARY || this == PARTITION_RANDOM;
  }

  /** The name used in seeds' replay commands: {@code kill-primary}. */
  String flag() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses a comma-separated list of {@link #flag()} names. */
  static List<Fault> parse(String flags) {
    return Arrays.stream(flags.split(",")).map(String::strip).filter(f -> !f.isEmpty())
        .map(f -> Arrays.stream(values()).filter(v -> v.flag().equals(f)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + f + "'; known: "
                + Arrays.stream(values()).map(Fault::flag).toList())))
        .toList();
  }
}
