package io.quorate.raft.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.txn.ReadView;
import io.quorate.raft.txn.StoreException;
import io.quorate.raft.txn.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the local store's contracts: keys sort as unsigned bytes in both directions,
 * data and applied position are written together, entries already applied are skipped,
 * views are snapshots, and a directory of another cluster is refused.
 */
class RocksStoreTest {

  @TempDir
  Path dir;

  @Test
  void scansInUnsignedByteOrderBothWays() {
    try (RocksStore store = RocksStore.open(dir, "c")) {
      WriteBatch batch = new WriteBatch();
      for (byte[] key : new byte[][] {{0x00}, {0x01}, {0x7f}, {(byte) 0x80}, {(byte) 0xff}, {0x01, 0x00}}) {
        batch.put(key, key);
      }
      store.apply(1, 1, batch);
      try (ReadView view = store.openView()) {
        assertEquals(List.of("00", "01", "0100", "7f", "80", "ff"), keys(view.scan(null, null, false)));
        assertEquals(List.of("ff", "80", "7f", "0100", "01", "00"), keys(view.scan(null, null, true)));
        assertEquals(List.of("01", "0100", "7f"), keys(view.scan(new byte[] {0x01}, new byte[] {(byte) 0x80}, false)));
        assertEquals(List.of("7f", "0100", "01"), keys(view.scan(new byte[] {0x01}, new byte[] {(byte) 0x80}, true)));
      }
    }
  }

  @Test
  void applyRecordsPositionAndSkipsWhatIsAlreadyApplied() {
    try (RocksStore store = RocksStore.open(dir, "c")) {
      assertEquals(AppliedPosition.NONE, store.applied());
      assertTrue(store.apply(2, 5, new WriteBatch().put(b("k"), b("v1"))));
      assertFalse(store.apply(2, 5, new WriteBatch().put(b("k"), b("v2"))), "a replayed entry is skipped");
      assertFalse(store.apply(1, 4, new WriteBatch().put(b("k"), b("v3"))));
      assertEquals(new AppliedPosition(2, 5), store.applied());
      store.apply(2, 6, new WriteBatch().deleteRange(b("a"), b("z")));
      try (ReadView view = store.openView()) {
        assertNull(view.get(b("k")));
        assertEquals(6, view.appliedIndex());
      }
    }
    try (RocksStore reopened = RocksStore.open(dir, "c")) {
      assertEquals(new AppliedPosition(2, 6), reopened.applied(), "the position survives a reopen");
    }
  }

  @Test
  void viewsAreSnapshots() {
    try (RocksStore store = RocksStore.open(dir, "c")) {
      store.apply(1, 1, new WriteBatch().put(b("k"), b("old")));
      try (ReadView view = store.openView()) {
        store.apply(1, 2, new WriteBatch().put(b("k"), b("new")).put(b("k2"), b("x")));
        assertArrayEquals(b("old"), view.get(b("k")));
        assertEquals(1, keys(view.scan(null, null, false)).size());
      }
    }
  }

  @Test
  void viewsAndWritesFailCleanlyAfterTheStoreCloses() {
    RocksStore store = RocksStore.open(dir, "c");
    store.apply(1, 1, new WriteBatch().put(b("k"), b("v")));
    ReadView view = store.openView();
    ReadView.Cursor cursor = view.scan(null, null, false);
    store.close();
    assertEquals(StoreException.Kind.NOT_READY, assertThrows(StoreException.class, () -> view.get(b("k"))).kind());
    assertEquals(StoreException.Kind.NOT_READY, assertThrows(StoreException.class, cursor::next).kind());
    cursor.close();
    view.close();
    // Writes too: a write that reached closed native handles would crash the process.
    assertEquals(StoreException.Kind.NOT_READY,
        assertThrows(StoreException.class, () -> store.apply(1, 2, new WriteBatch().put(b("k"), b("w")))).kind());
    assertEquals(StoreException.Kind.NOT_READY, assertThrows(StoreException.class, () -> store.recordApplied(1, 3)).kind());
  }

  @Test
  void refusesAnotherClustersDirectory() {
    try (RocksStore store = RocksStore.open(dir, "first")) {
      store.apply(1, 1, new WriteBatch().put(b("k"), b("v")));
    }
    StoreException e = assertThrows(StoreException.class, () -> RocksStore.open(dir, "second"));
    assertTrue(e.getMessage().contains("belongs to cluster 'first'"), e.getMessage());
    try (RocksStore store = RocksStore.open(dir, "first"); ReadView view = store.openView()) {
      assertArrayEquals(b("v"), view.get(b("k")), "the refused open changed nothing");
    }
  }

  @Test
  void checkpointKeepsItsPositionAndIsAdoptedByAnotherCluster() {
    Path checkpoint = dir.resolve("checkpoint");
    try (RocksStore store = RocksStore.open(dir.resolve("live"), "old")) {
      store.apply(7, 41, new WriteBatch().put(b("k"), b("v")));
      store.checkpoint(checkpoint);
      store.apply(7, 42, new WriteBatch().put(b("k"), b("after")));
    }
    assertEquals(new AppliedPosition(7, 41), RocksStore.readApplied(checkpoint));
    assertEquals(new AppliedPosition(RocksStore.ADOPTED_TERM, 41), RocksStore.adoptCheckpoint(checkpoint, "new"));
    assertThrows(StoreException.class, () -> RocksStore.open(checkpoint, "old"), "it belongs to the new cluster now");
    try (RocksStore store = RocksStore.open(checkpoint, "new"); ReadView view = store.openView()) {
      assertEquals(new AppliedPosition(RocksStore.ADOPTED_TERM, 41), store.applied());
      assertArrayEquals(b("v"), view.get(b("k")), "the data as of the checkpoint");
    }
  }

  @Test
  void adoptingAStoreThatAppliedNothingOrIsNoStoreFails() {
    try (RocksStore store = RocksStore.open(dir.resolve("empty"), "old")) {
      store.checkpoint(dir.resolve("checkpoint"));
    }
    StoreException empty = assertThrows(StoreException.class,
        () -> RocksStore.adoptCheckpoint(dir.resolve("checkpoint"), "new"));
    assertTrue(empty.getMessage().contains("applied nothing"), empty.getMessage());
    StoreException missing = assertThrows(StoreException.class, () -> RocksStore.readApplied(dir.resolve("none")));
    assertEquals(StoreException.Kind.STORAGE, missing.kind());
  }

  private static List<String> keys(ReadView.Cursor cursor) {
    List<String> out = new ArrayList<>();
    try (cursor) {
      for (Map.Entry<byte[], byte[]> e = cursor.next(); e != null; e = cursor.next()) {
        out.add(java.util.HexFormat.of().formatHex(e.getKey()));
      }
    }
    return out;
  }

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
