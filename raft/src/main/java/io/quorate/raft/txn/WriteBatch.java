package io.quorate.raft.txn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The writes of one transaction, in the order they were made: what one commit proposes
 * as one Raft log entry. Applying it is deterministic: later mutations of the same key
 * win. Keys and values are raw bytes; the store does not interpret them.
 *
 * <p>Not thread-safe; a batch belongs to one transaction until it is proposed, and is
 * not changed after that.
 */
public final class WriteBatch {

  /** One write. */
  public sealed interface Mutation permits Put, Delete, DeleteRange {}

  /** Sets {@code key} to {@code value}. */
  public record Put(byte[] key, byte[] value) implements Mutation {
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Put p && Arrays.equals(key, p.key) && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(key) + Arrays.hashCode(value);
    }
  }

  /** Removes {@code key}, if present. */
  public record Delete(byte[] key) implements Mutation {
    public Delete {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Delete d && Arrays.equals(key, d.key);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(key);
    }
  }

  /** Removes every key in {@code [startInclusive, endExclusive)} (unsigned byte order). */
  public record DeleteRange(byte[] startInclusive, byte[] endExclusive) implements Mutation {
    public DeleteRange {
      Objects.requireNonNull(startInclusive, "startInclusive");
      Objects.requireNonNull(endExclusive, "endExclusive");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DeleteRange r
          && Arrays.equals(startInclusive, r.startInclusive)
          && Arrays.equals(endExclusive, r.endExclusive);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(startInclusive) + Arrays.hashCode(endExclusive);
    }
  }

  private final List<Mutation> mutations = new ArrayList<>();

  public WriteBatch put(byte[] key, byte[] value) {
    mutations.add(new Put(key, value));
    return this;
  }

  public WriteBatch delete(byte[] key) {
    mutations.add(new Delete(key));
    return this;
  }

  public WriteBatch deleteRange(byte[] startInclusive, byte[] endExclusive) {
    mutations.add(new DeleteRange(startInclusive, endExclusive));
    return this;
  }

  /** Appends {@code other}'s mutations, in order, after this batch's. */
  public WriteBatch addAll(WriteBatch other) {
    other.mutations().forEach(this::add);
    return this;
  }

  public WriteBatch add(Mutation mutation) {
    mutations.add(Objects.requireNonNull(mutation, "mutation"));
    return this;
  }

  /** The mutations in the order they were added; the list is read-only. */
  public List<Mutation> mutations() {
    return List.copyOf(mutations);
  }

  public int size() {
    return mutations.size();
  }

  public boolean isEmpty() {
    return mutations.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteBatch b && mutations.equals(b.mutations);
  }

  @Override
  public int hashCode() {
    return mutations.hashCode();
  }

  @Override
  public String toString() {
    return "WriteBatch[" + mutations.size() + " mutations]";
  }
}
