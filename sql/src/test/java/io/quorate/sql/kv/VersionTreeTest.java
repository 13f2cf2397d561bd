package io.quorate.sql.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VersionTreeTest {

  private static byte[] key(int id) {
    return ByteBuffer.allocate(5).put((byte) 0x42).putInt(id ^ Integer.MIN_VALUE).array(); // order = int order
  }

  /** A version whose timestamp stands for the value the tests follow. */
  private static Version entry(int id, int value) {
    return new Version(key(id), value, new byte[] {1}, null);
  }

  private static List<Integer> walk(VersionTree tree, Integer start, Integer end, boolean reverse) {
    return drain(tree.walk(start == null ? null : key(start), end == null ? null : key(end), reverse), 5);
  }

  /** Every entry left in {@code walk}, read in batches of {@code size}, checking the batch's arrays agree. */
  private static List<Integer> drain(VersionTree.Walk walk, int size) {
    VersionTree.Batch batch = new VersionTree.Batch(size);
    List<Integer> values = new ArrayList<>();
    for (int found = walk.next(batch); found > 0; found = walk.next(batch)) {
      for (int i = 0; i < found; i++) {
        assertEquals(batch.versions[i].timestamp(), batch.timestamps[i]);
        assertSame(batch.versions[i].key(), batch.keys[i]);
        assertSame(batch.versions[i].value(), batch.values[i]);
        values.add((int) batch.timestamps[i]);
      }
    }
    return values;
  }

  private static List<Integer> expected(NavigableMap<Integer, Integer> model, Integer start, Integer end, boolean reverse) {
    if (start != null && end != null && start >= end) {
      return List.of();
    }
    NavigableMap<Integer, Integer> range = model;
    if (start != null) {
      range = range.tailMap(start, true);
    }
    if (end != null) {
      range = range.headMap(end, false);
    }
    return new ArrayList<>((reverse ? range.descendingMap() : range).values());
  }

  @Test
  void walksMatchASortedMapThroughRandomEditsInBothDirections() {
    SplittableRandom random = new SplittableRandom(7);
    VersionTree tree = new VersionTree();
    NavigableMap<Integer, Integer> model = new TreeMap<>();
    int nextValue = 0;
    for (int edit = 0; edit < 300; edit++) {
      tree.beginEdit();
      int writes = random.nextInt(4) == 0 ? random.nextInt(500) : random.nextInt(1, 4);
      boolean ascending = random.nextBoolean();
      int base = random.nextInt(-20_000, 20_000);
      for (int i = 0; i < writes; i++) {
        int id = ascending ? base + i : random.nextInt(-20_000, 20_000);
        tree.put(entry(id, nextValue));
        model.put(id, nextValue++);
      }
      tree.publish();
      for (int check = 0; check < 5; check++) {
        Integer start = random.nextInt(5) == 0 ? null : random.nextInt(-21_000, 21_000);
        Integer end = random.nextInt(5) == 0 ? null : random.nextInt(-21_000, 21_000);
        boolean reverse = random.nextBoolean();
        assertEquals(expected(model, start, end, reverse), walk(tree, start, end, reverse),
            () -> "range [" + start + ", " + end + ") reverse=" + reverse + " after " + model.size() + " keys");
      }
    }
    assertEquals(expected(model, null, null, false), walk(tree, null, null, false));
    assertEquals(expected(model, null, null, true), walk(tree, null, null, true));
  }

  @Test
  void aWalkKeepsTheTreeItStartedOnWhileEditsGoOn() {
    VersionTree tree = new VersionTree();
    tree.beginEdit();
    for (int id = 0; id < 10_000; id++) {
      tree.put(entry(id, id));
    }
    tree.publish();
    VersionTree.Walk before = tree.walk(null, null, false);
    tree.beginEdit();
    for (int id = 0; id < 10_000; id += 2) {
      tree.put(entry(id, -id)); // replaced
    }
    for (int id = 10_000; id < 20_000; id++) {
      tree.put(entry(id, id)); // added, splitting leaves the old walk reads
    }
    // unpublished changes are invisible to a new walk too
    assertEquals(10_000, walk(tree, null, null, false).size());
    tree.publish();
    List<Integer> seen = drain(before, 64);
    List<Integer> original = new ArrayList<>();
    for (int id = 0; id < 10_000; id++) {
      original.add(id);
    }
    assertEquals(original, seen);
    assertEquals(20_000, walk(tree, null, null, false).size());
    assertEquals(-2, walk(tree, 2, 3, false).get(0));
  }

  @Test
  void keysInAscendingOrderFillTheirLeaves() {
    VersionTree tree = new VersionTree();
    tree.beginEdit();
    for (int id = 0; id < VersionTree.FANOUT * VersionTree.FANOUT; id++) {
      tree.put(entry(id, id));
    }
    tree.publish();
    assertEquals(VersionTree.FANOUT, tree.leaves());
    // a walk of the whole tree sees every key once, in order
    List<Integer> all = walk(tree, null, null, false);
    assertEquals(VersionTree.FANOUT * VersionTree.FANOUT, all.size());
    for (int i = 0; i < all.size(); i++) {
      assertEquals(i, all.get(i));
    }
    assertEquals(List.of(), walk(tree, 5, 5, false));
    assertEquals(List.of(), walk(tree, 6, 5, true));
  }

  @Test
  void anAbandonedEditLeavesNoTrace() {
    VersionTree tree = new VersionTree();
    tree.beginEdit();
    tree.put(entry(1, 1));
    tree.publish();
    tree.beginEdit();
    for (int id = 2; id < 1_000; id++) {
      tree.put(entry(id, id));
    }
    tree.put(entry(1, -1));
    tree.abandonEdit();
    assertEquals(List.of(1), walk(tree, null, null, false));
    tree.beginEdit();
    tree.put(entry(3, 3));
    tree.publish();
    assertEquals(List.of(1, 3), walk(tree, null, null, false));
  }

  @Test
  void changesOutsideAnEditAreRefused() {
    VersionTree tree = new VersionTree();
    assertThrows(IllegalStateException.class, () -> tree.put(entry(1, 1)));
    assertEquals(List.of(), walk(tree, null, null, false));
  }
}
