package io.quorate.raft.cluster;

import java.util.List;

/**
 * The cluster as one replica sees it: its own state plus what it knows of the others
 * (complete only when it is the leader).
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
    List<MemberStatus> members) {}
