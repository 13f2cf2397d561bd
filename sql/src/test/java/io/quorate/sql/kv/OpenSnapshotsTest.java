package io.quorate.sql.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpenSnapshotsTest {

  @Test
  void theOldestIsTheOldestStillOpenWhateverTheReleaseOrder() {
    OpenSnapshots open = new OpenSnapshots();
    assertEquals(9, open.oldest(9));
    open.open(3);
    open.open(3);
    open.open(5);
    open.open(8);
    open.open(5); // another reader of an open one
    assertEquals(3, open.oldest(9));
    open.release(5);
    open.release(3);
    assertEquals(3, open.oldest(9));
    open.release(3);
    assertEquals(5, open.oldest(9));
    open.release(5);
    assertEquals(8, open.oldest(9));
    open.release(8);
    assertEquals(9, open.oldest(9));
  }

  @Test
  void growsPastItsFirstCapacity() {
    OpenSnapshots open = new OpenSnapshots();
    for (long t = 1; t <= 100; t++) {
      open.open(t);
    }
    for (long t = 100; t >= 2; t--) {
      open.release(t);
    }
    assertEquals(1, open.oldest(200));
  }

  @Test
  void misuseIsAnErrorNotACorruptedTable() {
    OpenSnapshots open = new OpenSnapshots();
    open.open(5);
    assertThrows(IllegalStateException.class, () -> open.open(4));
    assertThrows(IllegalStateException.class, () -> open.release(6));
    assertEquals(5, open.oldest(9));
  }
}
