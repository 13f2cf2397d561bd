package io.quorate.raft.cluster;

import java.util.List;

/**
 * The cluster as one replica sees it: its own state plus what it knows of the others
 * (complete only when it is the leader). {@code lastCommitTimeMillis} is the primary's
 * clock at the commit of the last entry this replica applied (0 when none since start).
 */
public record ReplicaStatus(
    String selfId,
    String leaderId,
    long term,
    long commitIndex,
    long appliedIndex,
    long snapshotIndex,
    long firstLogIndex,
    boolean ready,
    long lastCommitTimeMillis,
    List<MemberStatus> members) {}
