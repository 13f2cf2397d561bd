package io.quorate.raft.txn;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link Replica} in memory for transaction-manager tests: proposals apply at once to
 * a copy-on-write sorted map, views are immutable versions of it. Leadership can be
 * taken away and proposals made to fail. Thread-safe.
 */
public final class InMemoryReplica implements Replica {

  private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
  private volatile NavigableMap<byte[], byte[]> state = new TreeMap<>(Arrays::compareUnsigned);
  private volatile long appliedIndex;
  private volatile boolean leader = true;
  private volatile long term = 1;
  private volatile StoreException proposalFailure;

  @Override
  public boolean isLeader() {
    return leader;
  }

  @Override
  public long currentTerm() {
    return term;
  }

  @Override
  public long appliedIndex() {
    return appliedIndex;
  }

  @Override
  public ReadView openReadView() {
    return new MapView(state, appliedIndex);
  }

  /** While set, read barriers wait for this future, as when the leader's lease has lapsed. */
  private volatile CompletableFuture<Void> heldBarrier;

  private final java.util.concurrent.atomic.AtomicInteger barriersAsked = new java.util.concurrent.atomic.AtomicInteger();

  /** How many read barriers were asked for so far. */
  public int barriersAsked() {
    return barriersAsked.get();
  }

  @Override
  public CompletableFuture<Void> readBarrier() {
    barriersAsked.incrementAndGet();
    CompletableFuture<Void> held = heldBarrier;
    if (held != null) {
      return held;
    }
    return leader ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(new StoreException(StoreException.Kind.NOT_PRIMARY, "not the leader"));
  }

  /** Makes read barriers wait until the returned future completes. */
  public CompletableFuture<Void> holdReadBarriers() {
    CompletableFuture<Void> held = new CompletableFuture<>();
    heldBarrier = held;
    return held;
  }

  @Override
  public synchronized CompletableFuture<Long> proposeGroup(java.util.List<DecidedCommit> commits) {
    WriteBatch all = new WriteBatch();
    commits.forEach(commit -> all.addAll(commit.batch()));
    return propose(all, commits.get(0).metadata());
  }

  @Override
  public synchronized CompletableFuture<Long> propose(WriteBatch batch, CommitMetadata metadata) {
    if (proposalFailure != null) {
      return CompletableFuture.failedFuture(proposalFailure);
    }
    if (!leader) {
      return CompletableFuture.failedFuture(new StoreException(StoreException.Kind.NOT_PRIMARY, "not the leader"));
    }
    NavigableMap<byte[], byte[]> next = new TreeMap<>(state);
    for (WriteBatch.Mutation mutation : batch.mutations()) {
      switch (mutation) {
        case WriteBatch.Put put -> next.put(put.key(), put.value());
        case WriteBatch.Delete delete -> next.remove(delete.key());
        case WriteBatch.DeleteRange range -> next.subMap(range.startInclusive(), range.endExclusive()).clear();
      }
    }
    state = next;
    appliedIndex++;
    return CompletableFuture.completedFuture(appliedIndex);
  }

  @Override
  public void addLeadershipListener(LeadershipListener listener) {
    listeners.add(listener);
  }

  /** Makes every following proposal fail with {@code failure} (null: succeed again). */
  public void failProposals(StoreException failure) {
    proposalFailure = failure;
  }

  public void loseLeadership() {
    leader = false;
    listeners.forEach(l -> l.lostLeadership(term));
  }

  public void regainLeadership() {
    term++;
    leader = true;
    listeners.forEach(l -> l.becameLeader(term));
  }

  private static final class MapView implements ReadView {
    private final NavigableMap<byte[], byte[]> map;
    private final long index;

    MapView(NavigableMap<byte[], byte[]> map, long index) {
      this.map = map;
      this.index = index;
    }

    @Override
    public long appliedIndex() {
      return index;
    }

    @Override
    public byte[] get(byte[] key) {
      return map.get(key);
    }

    @Override
    public Cursor scan(byte[] start, byte[] end, boolean reverse) {
      NavigableMap<byte[], byte[]> range = map;
      if (start != null) {
        range = range.tailMap(start, true);
      }
      if (end != null) {
        range = range.headMap(end, false);
      }
      Iterator<Map.Entry<byte[], byte[]>> it = (reverse ? range.descendingMap() : range).entrySet().iterator();
      return new Cursor() {
        @Override
        public Map.Entry<byte[], byte[]> next() {
          return it.hasNext() ? new AbstractMap.SimpleImmutableEntry<>(it.next()) : null;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public void close() {}
  }
}
