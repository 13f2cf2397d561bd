package io.quorate.raft.cluster;

/**
 * One member as the reporting replica sees it. Indexes a replica cannot know about
 * another member are -1; {@code lastContactMillis} is -1 for the reporting replica itself.
 */
public record MemberStatus(
    Peer peer,
    Role role,
    long term,
    long commitIndex,
    long appliedIndex,
    long matchIndex,
    long lastContactMillis) {

  /** A member's part in the group. */
  public enum Role {
    PRIMARY,
    STANDBY,
    LEARNER,
    CANDIDATE,
    UNKNOWN
  }
}
