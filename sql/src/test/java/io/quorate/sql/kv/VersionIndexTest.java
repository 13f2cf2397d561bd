package io.quorate.sql.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VersionIndexTest {

  /** A version whose timestamp stands for the value the tests follow. */
  private static Version version(byte[] key, long value) {
    return new Version(key, value, new byte[] {1}, null);
  }

  /** A table prefix and a big-endian integer, the shape of a table's primary keys. */
  private static byte[] rowKey(int id) {
    return ByteBuffer.allocate(9).put((byte) 0x42).putInt(7).putInt(id).array();
  }

  @Test
  void findsWhatWasPutAndNothingElseAcrossGrowth() {
    VersionIndex index = new VersionIndex();
    for (int id = 0; id < 100_000; id++) {
      index.put(version(rowKey(id), id));
    }
    for (int id = 0; id < 100_000; id++) {
      assertEquals(id, index.get(rowKey(id)).timestamp());
    }
    assertNull(index.get(rowKey(100_000)));
    assertNull(index.get(new byte[0]));
  }

  @Test
  void replacingAKeysEntryKeepsOneSlot() {
    VersionIndex index = new VersionIndex();
    byte[] key = rowKey(5);
    index.put(version(key, 1));
    Version newer = version(rowKey(5), 2); // an equal key in another array
    index.put(newer);
    assertSame(newer, index.get(key));
  }

  @Test
  void aReaderDuringGrowthAndReplacementSeesEveryKeyPutBeforeIt() throws InterruptedException {
    VersionIndex index = new VersionIndex();
    int keys = 50_000;
    AtomicReference<Integer> published = new AtomicReference<>(-1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader = new Thread(() -> {
      try {
        while (published.get() < keys - 1) {
          int upTo = published.get();
          for (int id = Math.max(0, upTo - 100); id <= upTo; id++) {
            Version entry = index.get(rowKey(id));
            if (entry == null || entry.timestamp() < id) {
              throw new AssertionError("key " + id + " missing or stale after it was published: " + entry);
            }
          }
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    reader.start();
    for (int id = 0; id < keys; id++) {
      index.put(version(rowKey(id), id));
      published.set(id);
      if (id % 7 == 0) {
        index.put(version(rowKey(id / 2), Long.MAX_VALUE)); // a newer version of an older key
      }
    }
    reader.join(60_000);
    assertTrue(!reader.isAlive(), "the reader finished");
    assertNull(failure.get(), () -> String.valueOf(failure.get()));
  }

  @Test
  void consecutiveIntegerKeysSpreadOverTheHashes() {
    // Arrays.hashCode gives these 100k keys 9,122 distinct values
    Set<Integer> hashes = new HashSet<>();
    for (int id = 0; id < 100_000; id++) {
      hashes.add(ByteKey.hash(rowKey(id)));
    }
    assertTrue(hashes.size() > 99_000, () -> hashes.size() + " distinct hashes of 100000 keys");
  }
}
