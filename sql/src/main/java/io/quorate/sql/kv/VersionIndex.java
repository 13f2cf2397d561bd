package io.quorate.sql.kv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * Every key's newest {@link Version} by key hash, for point reads beside the store's
 * {@link VersionTree}: a get is one hash probe instead of a tree descent. An
 * open-addressing table of the versions themselves (linear probing, at most half full),
 * so an indexed key costs one array slot instead of a map node and a key wrapper: two
 * objects fewer per row is less for the garbage collector to copy.
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
 * <p>A reader can see a replacing version without a happens-before edge to its writer (it
 * reads the slot without the hash); that is safe because versions are immutable records.
 */
final class VersionIndex {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Version[].class);
  private static final VarHandle HASH = MethodHandles.arrayElementVarHandle(int[].class);

  /** A table's slots; a hash of 0 marks a free slot (a key's hash of 0 is stored as 1). */
  private record Table(Version[] entries, int[] hashes) {
    Table(int capacity) {
      this(new Version[capacity], new int[capacity]);
    }
  }

  private volatile Table table = new Table(1024);
  /** Occupied slots; written by the writer only. */
  private int size;

  /** The version of {@code wanted}, or null. */
  Version get(byte[] wanted) {
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
        Version entry = current.entries()[i];
        if (Arrays.equals(entry.key(), wanted)) {
          return entry;
        }
      }
    }
  }

  /** Makes {@code version} its key's entry, replacing the one before. Writer only. */
  void put(Version version) {
    if ((size + 1) * 2 > table.hashes().length) {
      grow();
    }
    if (place(table, version)) {
      size++;
    }
  }

  /** Writes {@code version} into its key's slot; true when the slot was free. */
  private static boolean place(Table target, Version version) {
    Version[] entries = target.entries();
    int[] hashes = target.hashes();
    int mask = hashes.length - 1;
    int hash = hash(version.key());
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      if (hashes[i] == 0) {
        SLOT.setRelease(entries, i, version);
        HASH.setRelease(hashes, i, hash);
        return true;
      }
      if (hashes[i] == hash && Arrays.equals(entries[i].key(), version.key())) {
        SLOT.setRelease(entries, i, version);
        return false;
      }
    }
  }

  private void grow() {
    Table old = table;
    Table bigger = new Table(old.hashes().length * 2);
    for (Version version : old.entries()) {
      if (version != null) {
        place(bigger, version);
      }
    }
    table = bigger;
  }

  private static int hash(byte[] key) {
    int hash = ByteKey.hash(key);
    return hash == 0 ? 1 : hash;
  }
}
