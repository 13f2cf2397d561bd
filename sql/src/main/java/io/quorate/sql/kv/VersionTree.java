package io.quorate.sql.kv;

import java.util.Arrays;

/**
 * Every key's newest {@link Version} in unsigned key order: a copy-on-write B+-tree with
 * one writer at a time and readers that take no lock. The in-memory store scans it.
 *
 * <p><b>Why not a skip list of versions.</b> A scan of a skip list follows one node to
 * the next, then to the node's version, then to the value. The garbage collector places
 * those objects in the order it happens to copy them (depth first, split between its
 * threads), not in key order, so each step is a cache and TLB miss: counting a million
 * rows loaded by SQL took 40-50 ns a row, about 25 of them waiting for the versions
 * alone, against 4 in all for the same list freshly allocated. Here a leaf keeps its entries' keys,
 * newest timestamps and newest values in arrays of their own (and the version objects
 * beside them), so a scan reads consecutive memory and touches a version object only
 * for a key changed after its snapshot.
 *
 * <p><b>Concurrency.</b> Published nodes never change. The writer changes the tree within
 * an edit ({@link #beginEdit} ... {@link #publish}): the first change to a node in an
 * edit copies it, later changes in the same edit write the copy in place (no reader can
 * see it yet), and {@link #publish} makes the new root visible with a volatile write. A
 * reader works on the root it read, which stays whole however the tree changes after.
 *
 * <p>Entries are never removed (the store keeps a delete as a version), so nodes split
 * but never merge. A node that overflows at its end, as keys inserted in ascending order
 * do, stays full and starts a new node, so a table loaded in key order fills its leaves.
 */
final class VersionTree {

  static final int FANOUT = 64;

  /**
   * A leaf (the arrays describe its entries) or an inner node ({@code children}, and
   * keys[i] for i >= 1 is the smallest key under child i; keys[0] is unused).
   */
  private static final class Node {
    final long edit;
    final byte[][] keys;
    final Node[] children;
    final long[] timestamps;
    final byte[][] values;
    final Version[] versions;
    int size;

    Node(long edit, boolean leaf) {
      this.edit = edit;
      this.keys = new byte[FANOUT][];
      this.children = leaf ? null : new Node[FANOUT];
      this.timestamps = leaf ? new long[FANOUT] : null;
      this.values = leaf ? new byte[FANOUT][] : null;
      this.versions = leaf ? new Version[FANOUT] : null;
    }

    Node(long edit, Node original) {
      this.edit = edit;
      this.keys = original.keys.clone();
      this.children = original.leaf() ? null : original.children.clone();
      this.timestamps = original.leaf() ? original.timestamps.clone() : null;
      this.values = original.leaf() ? original.values.clone() : null;
      this.versions = original.leaf() ? original.versions.clone() : null;
      this.size = original.size;
    }

    boolean leaf() {
      return children == null;
    }

    /** Inner node: the child whose range holds {@code key}. */
    int route(byte[] key) {
      int low = 1;
      int high = size - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        if (Arrays.compareUnsigned(keys[mid], key) <= 0) {
          low = mid + 1;
        } else {
          high = mid - 1;
        }
      }
      return low - 1;
    }

    /** Leaf: the position of {@code wanted}, or -(insertion point) - 1. */
    int search(byte[] wanted) {
      int low = 0;
      int high = size - 1;
      while (low <= high) {
        int mid = (low + high) >>> 1;
        int order = Arrays.compareUnsigned(keys[mid], wanted);
        if (order < 0) {
          low = mid + 1;
        } else if (order > 0) {
          high = mid - 1;
        } else {
          return mid;
        }
      }
      return -(low + 1);
    }

    /** Leaf: makes {@code version} the entry at {@code position}. */
    void set(int position, Version version) {
      keys[position] = version.key();
      timestamps[position] = version.timestamp();
      values[position] = version.value();
      versions[position] = version;
    }

    /** Opens a gap at {@code position}. */
    void shiftRight(int position) {
      int moved = size - position;
      System.arraycopy(keys, position, keys, position + 1, moved);
      if (leaf()) {
        System.arraycopy(timestamps, position, timestamps, position + 1, moved);
        System.arraycopy(values, position, values, position + 1, moved);
        System.arraycopy(versions, position, versions, position + 1, moved);
      } else {
        System.arraycopy(children, position, children, position + 1, moved);
      }
      size++;
    }

    /** Moves the entries from {@code from} on to the empty node {@code right}. */
    void moveTail(int from, Node right) {
      int moved = size - from;
      System.arraycopy(keys, from, right.keys, 0, moved);
      Arrays.fill(keys, from, size, null);
      if (leaf()) {
        System.arraycopy(timestamps, from, right.timestamps, 0, moved);
        System.arraycopy(values, from, right.values, 0, moved);
        Arrays.fill(values, from, size, null);
        System.arraycopy(versions, from, right.versions, 0, moved);
        Arrays.fill(versions, from, size, null);
      } else {
        System.arraycopy(children, from, right.children, 0, moved);
        Arrays.fill(children, from, size, null);
      }
      right.size = moved;
      size = from;
    }
  }

  /** A node split in two: the new right node and the smallest key under it. */
  private record Split(byte[] separator, Node right) {}

  private volatile Node published = new Node(0, true);
  /** The writer's root: {@link #published} outside an edit. */
  private Node root = published;
  private long edit;
  private boolean editing;

  /** Starts a batch of changes; readers see none of them until {@link #publish}. Writer only. */
  void beginEdit() {
    edit++;
    editing = true;
  }

  /** Makes the edit's changes visible to readers that read the tree from now on. */
  void publish() {
    editing = false;
    published = root;
  }

  /** Drops the edit's changes: readers and the next edit see the tree as last published. */
  void abandonEdit() {
    editing = false;
    root = published;
  }

  /** Makes {@code version} its key's entry, replacing the one before. Writer only, within an edit. */
  void put(Version version) {
    if (!editing) {
      throw new IllegalStateException("put outside an edit");
    }
    Node top = editable(root);
    Split split = insert(top, version);
    if (split != null) {
      Node grown = new Node(edit, false);
      grown.children[0] = top;
      grown.children[1] = split.right();
      grown.keys[1] = split.separator();
      grown.size = 2;
      top = grown;
    }
    root = top;
  }

  private Node editable(Node node) {
    return node.edit == edit ? node : new Node(edit, node);
  }

  /** Inserts into {@code node}, already editable; the split it caused, or null. */
  private Split insert(Node node, Version version) {
    if (node.leaf()) {
      int position = node.search(version.key());
      if (position >= 0) {
        node.set(position, version);
        return null;
      }
      return addToLeaf(node, -position - 1, version);
    }
    int child = node.route(version.key());
    Node below = editable(node.children[child]);
    node.children[child] = below;
    Split split = insert(below, version);
    return split == null ? null : addChild(node, child + 1, split);
  }

  private Split addToLeaf(Node leaf, int position, Version version) {
    Node target = leaf;
    Node right = null;
    int at = position;
    if (leaf.size == FANOUT) {
      right = new Node(edit, true);
      if (position == FANOUT) { // appending, as ascending keys do: leave this leaf full
        target = right;
        at = 0;
      } else {
        leaf.moveTail(FANOUT / 2, right);
        if (position > FANOUT / 2) {
          target = right;
          at = position - FANOUT / 2;
        }
      }
    }
    target.shiftRight(at);
    target.set(at, version);
    return right == null ? null : new Split(right.keys[0], right);
  }

  private Split addChild(Node inner, int position, Split below) {
    Node target = inner;
    Node right = null;
    int at = position;
    if (inner.size == FANOUT) {
      right = new Node(edit, false);
      if (position == FANOUT) {
        target = right;
        at = 0;
      } else {
        inner.moveTail(FANOUT / 2, right);
        if (position >= FANOUT / 2) {
          target = right;
          at = position - FANOUT / 2;
        }
      }
    }
    target.shiftRight(at);
    target.keys[at] = below.separator();
    target.children[at] = below.right();
    // a right node's keys[0] is the smallest key under it: its parent's separator
    return right == null ? null : new Split(right.keys[0], right);
  }

  /** The number of leaves of the published tree (for tests of how full they are). */
  int leaves() {
    return leaves(published);
  }

  private static int leaves(Node node) {
    if (node.leaf()) {
      return 1;
    }
    int count = 0;
    for (int i = 0; i < node.size; i++) {
      count += leaves(node.children[i]);
    }
    return count;
  }

  /** Where a walk copies entries: parallel arrays of one capacity. */
  static final class Batch {
    final byte[][] keys;
    final long[] timestamps;
    final byte[][] values;
    final Version[] versions;

    Batch(int capacity) {
      keys = new byte[capacity][];
      timestamps = new long[capacity];
      values = new byte[capacity][];
      versions = new Version[capacity];
    }

    int capacity() {
      return keys.length;
    }
  }

  /** Walks entries in order, a batch at a time. */
  interface Walk {
    /** Copies the next entries into {@code batch}, as many as fit; returns how many (0 at the end). */
    int next(Batch batch);
  }

  private static final Walk EMPTY = batch -> 0;

  /**
   * The entries with keys in {@code [start, end)} (null bounds are open), ascending or
   * descending, as of the tree published when this is called.
   */
  Walk walk(byte[] start, byte[] end, boolean reverse) {
    Node top = published;
    if (start != null && end != null && Arrays.compareUnsigned(start, end) >= 0) {
      return EMPTY;
    }
    Position from = start == null ? Position.first(top) : Position.of(top, start);
    Position to = end == null ? Position.last(top) : Position.of(top, end);
    return reverse ? new Descending(to, from) : new Ascending(from, to);
  }

  /** A leaf position with the inner nodes above it, so a walk can move to the next leaf. */
  private static final class Position {
    final Node[] nodes;
    final int[] children;
    int depth;
    Node leaf;
    int index;

    Position(Node top) {
      int height = 0;
      for (Node node = top; !node.leaf(); node = node.children[0]) {
        height++;
      }
      nodes = new Node[height];
      children = new int[height];
    }

    /** Where {@code wanted} is or would go: its leaf and the first position whose key is at least it. */
    static Position of(Node top, byte[] wanted) {
      Position at = new Position(top);
      Node node = top;
      while (!node.leaf()) {
        int child = node.route(wanted);
        at.push(node, child);
        node = node.children[child];
      }
      int found = node.search(wanted);
      at.leaf = node;
      at.index = found >= 0 ? found : -found - 1;
      return at;
    }

    static Position first(Node top) {
      Position at = new Position(top);
      at.descend(top, false);
      at.index = 0;
      return at;
    }

    static Position last(Node top) {
      Position at = new Position(top);
      at.descend(top, true);
      at.index = at.leaf.size;
      return at;
    }

    private void push(Node node, int child) {
      nodes[depth] = node;
      children[depth++] = child;
    }

    /** From {@code node} down to its first (or last) leaf. */
    private void descend(Node node, boolean rightmost) {
      while (!node.leaf()) {
        int child = rightmost ? node.size - 1 : 0;
        push(node, child);
        node = node.children[child];
      }
      leaf = node;
    }

    /** Moves to the start of the next leaf; false after the last. */
    boolean nextLeaf() {
      while (depth > 0) {
        Node parent = nodes[--depth];
        int child = children[depth];
        if (child + 1 < parent.size) {
          push(parent, child + 1);
          descend(parent.children[child + 1], false);
          index = 0;
          return true;
        }
      }
      return false;
    }

    /** Moves past the end of the previous leaf (index = its size); false before the first. */
    boolean previousLeaf() {
      while (depth > 0) {
        Node parent = nodes[--depth];
        int child = children[depth];
        if (child > 0) {
          push(parent, child - 1);
          descend(parent.children[child - 1], true);
          index = leaf.size;
          return true;
        }
      }
      return false;
    }
  }

  private static final class Ascending implements Walk {
    private final Position at;
    private final Node endLeaf;
    private final int endIndex;

    Ascending(Position from, Position to) {
      this.at = from;
      this.endLeaf = to.leaf;
      this.endIndex = to.index;
    }

    @Override
    public int next(Batch batch) {
      int filled = 0;
      while (filled < batch.capacity()) {
        Node leaf = at.leaf;
        int limit = leaf == endLeaf ? endIndex : leaf.size;
        if (at.index < limit) {
          int copied = Math.min(limit - at.index, batch.capacity() - filled);
          System.arraycopy(leaf.keys, at.index, batch.keys, filled, copied);
          System.arraycopy(leaf.timestamps, at.index, batch.timestamps, filled, copied);
          System.arraycopy(leaf.values, at.index, batch.values, filled, copied);
          System.arraycopy(leaf.versions, at.index, batch.versions, filled, copied);
          at.index += copied;
          filled += copied;
        } else if (leaf == endLeaf || !at.nextLeaf()) {
          break;
        }
      }
      return filled;
    }
  }

  private static final class Descending implements Walk {
    private final Position at;
    private final Node stopLeaf;
    private final int stopIndex;

    /** From just before {@code from} down to {@code to} inclusive. */
    Descending(Position from, Position to) {
      this.at = from;
      this.stopLeaf = to.leaf;
      this.stopIndex = to.index;
    }

    @Override
    public int next(Batch batch) {
      int filled = 0;
      while (filled < batch.capacity()) {
        Node leaf = at.leaf;
        int limit = leaf == stopLeaf ? stopIndex : 0;
        if (at.index > limit) {
          int index = --at.index;
          batch.keys[filled] = leaf.keys[index];
          batch.timestamps[filled] = leaf.timestamps[index];
          batch.values[filled] = leaf.values[index];
          batch.versions[filled++] = leaf.versions[index];
        } else if (leaf == stopLeaf || !at.previousLeaf()) {
          break;
        }
      }
      return filled;
    }
  }
}
