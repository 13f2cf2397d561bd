package io.quorate.raft.txn;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The write sets of the primary's recent commits, numbered in the order the primary
 * decided them, for the conflict checks of REPEATABLE READ and SERIALIZABLE. A
 * transaction's snapshot is identified by the {@link #watermark()} read just before its
 * view was opened: every commit numbered at or below it is in the view; commits above
 * it may or may not be, and count as concurrent (at worst a needless 40001, never a
 * missed conflict). Thread-safe.
 */
final class RecentCommits {

  enum State {
    /** Proposed, outcome pending. */
    IN_FLIGHT,
    /** Applied on this primary. */
    APPLIED,
    /** Refused before it reached the log: it never happened. */
    DISCARDED,
    /** May or may not have been applied. */
    UNKNOWN
  }

  static final class Commit {
    final long sequence;
    final Set<ByteKey> keys;
    State state = State.IN_FLIGHT;

    Commit(long sequence, Set<ByteKey> keys) {
      this.sequence = sequence;
      this.keys = keys;
    }

    boolean mayHaveWritten() {
      return state != State.DISCARDED;
    }
  }

  /** A scanned key range; null bounds are open. */
  record Range(byte[] startInclusive, byte[] endExclusive) {}

  private final ArrayDeque<Commit> commits = new ArrayDeque<>();
  private long nextSequence = 1;
  private long watermark;

  /** Every commit numbered at or below this has finished (applied, discarded or unknown). */
  synchronized long watermark() {
    return watermark;
  }

  /** Whether a commit after {@code snapshot} may have written {@code key}. */
  synchronized boolean writtenAfter(long snapshot, ByteKey key) {
    for (Commit c : commits) {
      if (c.sequence > snapshot && c.mayHaveWritten() && c.keys.contains(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Validates a SERIALIZABLE transaction's reads against every commit after its snapshot
   * and, if none conflicts, registers its writes as the next commit (when it has any).
   *
   * @return the registered commit, or null for a transaction without writes
   * @throws StoreException {@code SERIALIZATION_FAILURE} on a conflict
   */
  synchronized Commit validateAndRegister(long snapshot, Set<ByteKey> reads, List<Range> ranges,
      Set<ByteKey> writes, boolean validate) {
    if (validate) {
      for (Commit c : commits) {
        if (c.sequence > snapshot && c.mayHaveWritten() && overlaps(c.keys, reads, ranges)) {
          throw new StoreException(StoreException.Kind.SERIALIZATION_FAILURE,
              "could not serialize access due to read/write dependencies among transactions");
        }
      }
    }
    if (writes.isEmpty()) {
      return null;
    }
    Commit commit = new Commit(nextSequence++, writes);
    commits.addLast(commit);
    return commit;
  }

  private static boolean overlaps(Set<ByteKey> written, Set<ByteKey> reads, List<Range> ranges) {
    for (ByteKey key : written) {
      if (reads.contains(key)) {
        return true;
      }
      for (Range range : ranges) {
        if (key.within(range.startInclusive(), range.endExclusive())) {
          return true;
        }
      }
    }
    return false;
  }

  synchronized void finish(Commit commit, State state) {
    commit.state = state;
    long mark = watermark;
    for (Commit c : commits) {
      if (c.state == State.IN_FLIGHT) {
        break;
      }
      mark = Math.max(mark, c.sequence);
    }
    watermark = mark;
  }

  /** Forgets finished commits no open snapshot can conflict with. */
  synchronized void prune(long oldestOpenSnapshot) {
    Iterator<Commit> it = commits.iterator();
    while (it.hasNext()) {
      Commit c = it.next();
      if (c.state == State.IN_FLIGHT || c.sequence > oldestOpenSnapshot) {
        break;
      }
      it.remove();
    }
  }

  /** Starts afresh, for a new term as primary. */
  synchronized void reset() {
    commits.clear();
    watermark = nextSequence - 1;
  }
}
