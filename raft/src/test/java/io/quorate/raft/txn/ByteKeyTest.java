package io.quorate.raft.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteKeyTest {

  @Test
  void consecutiveIntegerKeysSpreadOverTheHashes() {
    // Arrays.hashCode gives these 100k keys 9,122 distinct values
    Set<Integer> hashes = new HashSet<>();
    for (int id = 0; id < 100_000; id++) {
      hashes.add(new ByteKey(ByteBuffer.allocate(9).put((byte) 0x42).putInt(7).putInt(id).array()).hashCode());
    }
    assertTrue(hashes.size() > 99_000, () -> hashes.size() + " distinct hashes of 100000 keys");
  }

  @Test
  void equalKeysHashAlikeAndOrderUnsigned() {
    ByteKey a = new ByteKey(new byte[] {1, (byte) 0x80});
    ByteKey b = new ByteKey(new byte[] {1, (byte) 0x80});
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertTrue(a.compareTo(new ByteKey(new byte[] {1, 0x7F})) > 0);
    assertNotEquals(a, new ByteKey(new byte[] {1}));
  }
}
