package io.quorate.sql.session;

import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Savepoints over a KV transaction, which has none of its own: while a savepoint is
 * open, the first write of each key locks it and records the value the write replaces
 * (the transaction's own earlier write, else the newest committed value), and ROLLBACK
 * TO writes those values back; as the key stays locked, that equals not having written. Locks taken after the savepoint stay held until
 * the transaction ends (PostgreSQL releases them; holding them is safe, only stricter).
 */
final class SavepointTransaction implements KvTransaction {

  /** A named savepoint and the undo records written since it. */
  private static final class Mark {
    final String name;
    final Object state;
    final List<byte[][]> undo = new ArrayList<>();
    final Set<java.nio.ByteBuffer> saved = new HashSet<>();

    Mark(String name, Object state) {
      this.name = name;
      this.state = state;
    }
  }

  private final KvTransaction inner;
  private final Deque<Mark> marks = new ArrayDeque<>(2);
  private boolean written;

  SavepointTransaction(KvTransaction inner) {
    this.inner = inner;
  }

  /** Sets a savepoint; {@code state} is the caller's, handed back by {@link #rollbackTo}. */
  void savepoint(String name, Object state) {
    marks.push(new Mark(name, state));
  }

  boolean hasSavepoint(String name) {
    return marks.stream().anyMatch(mark -> mark.name.equals(name));
  }

  /** Undoes writes back to the newest savepoint called {@code name}, which stays open; returns its state. */
  Object rollbackTo(String name) {
    while (true) {
      Mark mark = marks.peek();
      undo(mark);
      if (mark.name.equals(name)) {
        mark.undo.clear();
        mark.saved.clear();
        return mark.state;
      }
      marks.pop();
    }
  }

  /** Forgets the newest savepoint called {@code name} and those after it; their writes stay. */
  void release(String name) {
    List<Mark> released = new ArrayList<>();
    Mark mark;
    do {
      mark = marks.pop();
      released.add(mark);
    } while (!mark.name.equals(name));
    Mark outer = marks.peek();
    if (outer != null) {
      for (int i = released.size() - 1; i >= 0; i--) {
        for (byte[][] record : released.get(i).undo) {
          if (outer.saved.add(java.nio.ByteBuffer.wrap(record[0]))) {
            outer.undo.add(record);
          }
        }
      }
    }
  }

  private void undo(Mark mark) {
    for (int i = mark.undo.size() - 1; i >= 0; i--) {
      byte[][] record = mark.undo.get(i);
      if (record[1] == null) {
        inner.delete(record[0]);
      } else {
        inner.put(record[0], record[1]);
      }
    }
  }

  /** Whether anything was put or deleted, even if rolled back to a savepoint since. */
  boolean hasWritten() {
    return written;
  }

  private void remember(byte[] key) {
    written = true;
    Mark mark = marks.peek();
    if (mark != null && mark.saved.add(java.nio.ByteBuffer.wrap(key.clone()))) {
      // locked, so nobody can change it before we commit: writing it back equals not having written
      byte[] before = inner.lockForUpdate(key);
      mark.undo.add(new byte[][] {key.clone(), before == null ? null : Arrays.copyOf(before, before.length)});
    }
  }

  @Override
  public KvIsolation isolation() {
    return inner.isolation();
  }

  @Override
  public boolean readOnly() {
    return inner.readOnly();
  }

  @Override
  public void startStatement() {
    inner.startStatement();
  }

  @Override
  public byte[] get(byte[] key) {
    return inner.get(key);
  }

  @Override
  public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
    return inner.scan(startInclusive, endExclusive, reverse);
  }

  @Override
  public byte[] lockForUpdate(byte[] key) {
    return inner.lockForUpdate(key);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    remember(key);
    inner.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    remember(key);
    inner.delete(key);
  }

  @Override
  public void commit() {
    inner.commit();
  }

  @Override
  public void abort() {
    inner.abort();
  }
}
