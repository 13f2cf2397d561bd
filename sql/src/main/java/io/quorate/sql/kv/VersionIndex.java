package io.quorate.sql.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Entries by key hash for point reads beside the store's ordered map: a get is one hash
 * probe instead of a skip-list descent. An open-addressing table of the entries
 * themselves (linear probing, at most half full), so an indexed key costs one array slot
 * instead of a map node and a key wrapper: the in-memory store keeps every row's newest
 * version here, and two objects fewer per row is less for the garbage collector to copy.
 * Each slot's hash sits in an array of its own, so a probe passes over other keys, and
 * finds a key absent (every INSERT asks), without loading their entries.
 *
 * <p>One writer at a time (the store's commit lock); readers take no lock. Entries are
 * never removed (a deleted key keeps a version marking the delete). The writer fills a
 * free slot's entry before its hash, with release semantics, and a reader reads the hash
 * first, so a reader that sees a hash sees its entry; one that does not yet see it finds
 * the key absent, which it was when the reader started. Replacing a key's entry writes
 * its slot alone. Growing builds a new table and publishes it whole.
 *
 * <p>A reader can see a replacing entry without a happens-before edge to its writer (it
 * reads the slot without the hash); that is safe because entries are immutable, with
 * final fields only.
 *
 * @param <E> the entry type, immutable; {@code key} gives an entry's key
 */
final class VersionIndex<E> {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle HASH = MethodHandles.arrayElementVarHandle(int[].class);

  /** A table's slots; a hash of 0 marks a free slot (a key's hash of 0 is stored as 1). */
  private record Table(Object[] entries, int[] hashes) {
    Table(int capacity) {
      this(new Object[capacity], new int[capacity]);
    }
  }

  private final Function<E, byte[]> key;
  private volatile Table table = new Table(1024);
  /** Occupied slots; written by the writer only. */
  private int size;

  VersionIndex(Function<E, byte[]> key) {
    this.key = key;
  }

  /** The entry of {@code wanted}, or null. */
  @SuppressWarnings("unchecked")
  E get(byte[] wanted) {
    Table current = table;
    int[] hashes = current.hashes();
    int mask = hashes.length - 1;
    int hash = hash(wanted);
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int slotHash = (int) HASH.getAcquire(hashes, i);
      if (slotHash == 0) {
        return null;
      }
      if (slotHash == hash) {
        E entry = (E) current.entries()[i];
        if (Arrays.equals(key.apply(entry), wanted)) {
          return entry;
        }
      }
    }
  }

  /** Makes {@code entry} its key's entry, replacing the one before. Writer only. */
  void put(E entry) {
    if ((size + 1) * 2 > table.hashes().length) {
      grow();
    }
    if (place(table, entry, key.apply(entry))) {
      size++;
    }
  }

  /** Writes {@code entry} into its key's slot; true when the slot was free. */
  @SuppressWarnings("unchecked")
  private boolean place(Table target, E entry, byte[] entryKey) {
    Object[] entries = target.entries();
    int[] hashes = target.hashes();
    int mask = hashes.length - 1;
    int hash = hash(entryKey);
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      if (hashes[i] == 0) {
        SLOT.setRelease(entries, i, entry);
        HASH.setRelease(hashes, i, hash);
        return true;
      }
      if (hashes[i] == hash && Arrays.equals(key.apply((E) entries[i]), entryKey)) {
        SLOT.setRelease(entries, i, entry);
        return false;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    Table old = table;
    Table bigger = new Table(old.hashes().length * 2);
    for (Object entry : old.entries()) {
      if (entry != null) {
        place(bigger, (E) entry, key.apply((E) entry));
      }
    }
    table = bigger;
  }

  private static int hash(byte[] key) {
    int hash = ByteKey.hash(key);
    return hash == 0 ? 1 : hash;
  }
}
