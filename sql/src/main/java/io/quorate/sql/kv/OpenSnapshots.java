package io.quorate.sql.kv;

import java.util.Arrays;

/**
 * The snapshot timestamps still in use, with a count of readers each, so a commit knows
 * the oldest one (versions older than what it sees can go). Every transaction opens and
 * releases at least one, so this is two sorted arrays instead of a map of boxed keys:
 * timestamps are opened at the store's clock, which only grows, so an opening appends or
 * counts the last entry, and a release finds its entry by binary search. An entry whose
 * count drops to zero is removed at once, so the arrays hold only timestamps some open
 * transaction uses. Thread-safe; one monitor guards both arrays.
 */
final class OpenSnapshots {

  private long[] timestamps = new long[16];
  private int[] readers = new int[16];
  private int size;

  /**
   * Registers one reader of {@code timestamp}: either a timestamp newer than every open
   * one or one already open.
   */
  synchronized void open(long timestamp) {
    if (size == 0 || timestamps[size - 1] < timestamp) {
      if (size == timestamps.length) {
        timestamps = Arrays.copyOf(timestamps, size * 2);
        readers = Arrays.copyOf(readers, size * 2);
      }
      timestamps[size] = timestamp;
      readers[size] = 1;
      size++;
      return;
    }
    int at = find(timestamp);
    if (at < 0) {
      throw new IllegalStateException("snapshot " + timestamp + " is older than the open ones and not open itself");
    }
    readers[at]++;
  }

  /** Releases one reader of {@code timestamp}, which must be open. */
  synchronized void release(long timestamp) {
    int at = find(timestamp);
    if (at < 0) {
      throw new IllegalStateException("snapshot " + timestamp + " released but not open");
    }
    if (--readers[at] == 0) {
      System.arraycopy(timestamps, at + 1, timestamps, at, size - at - 1);
      System.arraycopy(readers, at + 1, readers, at, size - at - 1);
      size--;
    }
  }

  /** The oldest open timestamp, or {@code otherwise} when none is open. */
  synchronized long oldest(long otherwise) {
    return size == 0 ? otherwise : timestamps[0];
  }

  private int find(long timestamp) {
    return Arrays.binarySearch(timestamps, 0, size, timestamp);
  }
}
