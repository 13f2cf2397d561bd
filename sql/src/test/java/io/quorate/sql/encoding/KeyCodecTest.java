package io.quorate.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves index keys sort as their SQL values do, in both directions, and decode back. */
class KeyCodecTest {

  static Stream<Arguments> ascendingValues() {
    return SampleValues.ascendingByType().entrySet().stream()
        .map((Map.Entry<SqlType, List<Object>> entry) -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ascendingValues")
  void keysSortAsValuesAscendingWithNullLast(SqlType type, List<Object> ascending) {
    List<Object> withNull = new ArrayList<>(ascending);
    withNull.add(null);
    assertStrictlyIncreasing(type, withNull, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ascendingValues")
  void keysSortInReverseDescendingWithNullFirst(SqlType type, List<Object> ascending) {
    List<Object> descending = new ArrayList<>();
    descending.add(null);
    for (int i = ascending.size() - 1; i >= 0; i--) {
      descending.add(ascending.get(i));
    }
    assertStrictlyIncreasing(type, descending, true);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ascendingValues")
  void keysDecodeToTheWrittenValues(SqlType type, List<Object> ascending) {
    List<Object> withNull = new ArrayList<>(ascending);
    withNull.add(null);
    for (boolean descending : new boolean[] {false, true}) {
      for (Object value : withNull) {
        KeyReader reader = new KeyReader(key(value, type, descending));
        SampleValues.assertSameValue(value, reader.readValue(type, descending), type + " " + value);
        assertTrue(reader.atEnd(), "bytes left after " + value);
      }
    }
  }

  @Test
  void equalValuesEncodeTheSame() {
    assertArrayEquals(key(new BigDecimal("1.5"), SqlType.NUMERIC, false),
        key(new BigDecimal("1.50"), SqlType.NUMERIC, false));
    assertArrayEquals(key(new BigDecimal("100"), SqlType.NUMERIC, false),
        key(new BigDecimal("1E+2"), SqlType.NUMERIC, false));
    assertArrayEquals(key(BigDecimal.ZERO, SqlType.NUMERIC, false),
        key(new BigDecimal("0.000"), SqlType.NUMERIC, false));
    assertArrayEquals(key(0.0, SqlType.DOUBLE, false), key(-0.0, SqlType.DOUBLE, false));
    assertArrayEquals(key(0.0f, SqlType.REAL, false), key(-0.0f, SqlType.REAL, false));
    assertArrayEquals(key(Double.NaN, SqlType.DOUBLE, false),
        key(Double.longBitsToDouble(0xFFF0_0000_0000_0001L), SqlType.DOUBLE, false));
    assertEquals(0.0, new KeyReader(key(-0.0, SqlType.DOUBLE, false)).readValue(SqlType.DOUBLE, false));
  }

  @Test
  void compositeKeysSortLexicographicallyWithTheSecondColumnDescending() {
    // Built in the expected order: integer ascending (NULL last), then text descending (NULL first).
    List<Object> integers = Arrays.asList(-1L, 0L, 1L, null);
    List<Object> texts = Arrays.asList(null, "b", "a\u0000", "a", "");
    List<byte[]> keys = new ArrayList<>();
    KeyWriter writer = new KeyWriter();
    for (Object integer : integers) {
      for (Object text : texts) {
        writer.reset();
        keys.add(writer.writeTableIndexPrefix(7, 1).writeValue(integer, SqlType.INTEGER, false)
            .writeValue(text, SqlType.TEXT, true).toByteArray());
        KeyReader reader = new KeyReader(keys.getLast());
        assertEquals(7, reader.readTableId());
        assertEquals(1, reader.readIndexId());
        assertEquals(integer, reader.readValue(SqlType.INTEGER, false));
        assertEquals(text, reader.readValue(SqlType.TEXT, true));
        assertTrue(reader.atEnd());
      }
    }
    for (int i = 1; i < keys.size(); i++) {
      assertTrue(Arrays.compareUnsigned(keys.get(i - 1), keys.get(i)) < 0, "composite key " + i);
    }
  }

  @Test
  void tableAndIndexIdsSortNumericallyAndKeepTheirKeysApart() {
    long[] tableIds = {0, 1, 127, 128, 255, 256, 65_535, 65_536, Long.MAX_VALUE};
    byte[] previous = null;
    for (long tableId : tableIds) {
      for (int indexId : new int[] {0, 1, 300, Integer.MAX_VALUE}) {
        byte[] prefix = new KeyWriter().writeTableIndexPrefix(tableId, indexId).toByteArray();
        KeyReader reader = new KeyReader(prefix);
        assertEquals(tableId, reader.readTableId());
        assertEquals(indexId, reader.readIndexId());
        if (previous != null) {
          assertTrue(Arrays.compareUnsigned(KeyFormat.prefixEnd(previous), prefix) <= 0,
              "table " + tableId + " index " + indexId + " inside the previous prefix's range");
        }
        previous = prefix;
      }
    }
  }

  @Test
  void prefixEndIsTheFirstKeyPastThePrefix() {
    assertArrayEquals(new byte[] {1, 3}, KeyFormat.prefixEnd(new byte[] {1, 2}));
    assertArrayEquals(new byte[] {2}, KeyFormat.prefixEnd(new byte[] {1, (byte) 0xFF, (byte) 0xFF}));
    assertNull(KeyFormat.prefixEnd(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    assertNull(KeyFormat.prefixEnd(new byte[0]));
    byte[] prefix = new KeyWriter().writeTableIndexPrefix(3, 2).writeValue("a", SqlType.TEXT, false).toByteArray();
    byte[] longer = new KeyWriter().writeTableIndexPrefix(3, 2).writeValue("a", SqlType.TEXT, false)
        .writeValue(null, SqlType.BIGINT, true).writeValue(Long.MAX_VALUE, SqlType.BIGINT, false).toByteArray();
    assertTrue(Arrays.compareUnsigned(longer, KeyFormat.prefixEnd(prefix)) < 0);
  }

  @Test
  void corruptKeysThrowInternalErrors() {
    byte[] text = key("abc", SqlType.TEXT, false);
    byte[] truncated = Arrays.copyOf(text, text.length - 1);
    SqlException error = assertThrows(SqlException.class,
        () -> new KeyReader(truncated).readValue(SqlType.TEXT, false));
    assertEquals(SqlState.INTERNAL_ERROR, error.state());
    assertTrue(error.getMessage().startsWith("corrupt key: "), error.getMessage());
    assertThrows(SqlException.class, () -> new KeyReader(new byte[] {7}).readValue(SqlType.BIGINT, false));
    assertThrows(SqlException.class,
        () -> new KeyReader(new byte[] {KeyFormat.NOT_NULL, (byte) 0x99}).readValue(SqlType.BIGINT, false));
    assertThrows(SqlException.class, () -> new KeyReader(new byte[0]).readTableId());
    byte[] deeplyNested = new byte[100];
    Arrays.fill(deeplyNested, (byte) KeyFormat.NESTED_ARRAY);
    deeplyNested[0] = KeyFormat.NOT_NULL;
    SqlException nested = assertThrows(SqlException.class,
        () -> new KeyReader(deeplyNested).readValue(SqlType.arrayOf(SqlType.INTEGER), false));
    assertTrue(nested.getMessage().contains("nested deeper"), nested.getMessage());
  }

  @Test
  void integersAreOrderedVarintsAsDocumented() {
    // Stored keys outlive this code: the documented bytes must not change.
    assertArrayEquals(new byte[] {1, (byte) 0x80}, key(0L, SqlType.BIGINT, false));
    assertArrayEquals(new byte[] {1, 0x7F}, key(-1L, SqlType.BIGINT, false));
    assertArrayEquals(new byte[] {1, (byte) 0x82, 0x03, (byte) 0xE8}, key(1000L, SqlType.BIGINT, false));
    assertArrayEquals(new byte[] {1, 0x7E, (byte) 0xFE}, key(-2L, SqlType.BIGINT, false));
    assertArrayEquals(new byte[] {1, 0x7D, (byte) 0xFE, (byte) 0xFF}, key(-257L, SqlType.BIGINT, false));
    assertArrayEquals(new byte[] {(byte) 0xFE, 0x7F}, key(0L, SqlType.BIGINT, true));
    assertArrayEquals(new byte[] {2}, key(null, SqlType.BIGINT, false));
  }

  @Test
  void aReaderStartsAtTheGivenOffset() {
    byte[] key = new KeyWriter().writeValue("skipped", SqlType.TEXT, false).writeValue(5L, SqlType.BIGINT, true)
        .toByteArray();
    KeyReader first = new KeyReader(key);
    first.readValue(SqlType.TEXT, false);
    KeyReader second = new KeyReader(key, first.position());
    assertEquals(5L, second.readValue(SqlType.BIGINT, true));
    assertTrue(second.atEnd());
  }

  @Test
  void randomlyDamagedKeysDecodeOrThrowOnlySqlException() {
    long seed = Long.getLong("quorate.seed", System.nanoTime());
    Random random = new Random(seed);
    Map<SqlType, List<Object>> samples = SampleValues.ascendingByType();
    KeyWriter writer = new KeyWriter();
    samples.forEach((type, values) -> writer.writeValue(values.getLast(), type, random.nextBoolean()));
    byte[] key = writer.toByteArray();
    for (int attempt = 0; attempt < 2_000; attempt++) {
      byte[] damaged = key.clone();
      damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      try {
        KeyReader reader = new KeyReader(damaged);
        samples.keySet().forEach(type -> reader.readValue(type, random.nextBoolean()));
      } catch (SqlException expected) {
        assertEquals(SqlState.INTERNAL_ERROR, expected.state(), "seed " + seed);
      } catch (RuntimeException unexpected) {
        throw new AssertionError("seed " + seed + ": " + Arrays.toString(damaged), unexpected);
      }
    }
  }

  private static void assertStrictlyIncreasing(SqlType type, List<Object> values, boolean descending) {
    for (int i = 1; i < values.size(); i++) {
      byte[] before = key(values.get(i - 1), type, descending);
      byte[] after = key(values.get(i), type, descending);
      assertTrue(Arrays.compareUnsigned(before, after) < 0,
          type + (descending ? " DESC: " : " ASC: ") + values.get(i - 1) + " should sort before " + values.get(i));
    }
  }

  static byte[] key(Object value, SqlType type, boolean descending) {
    return new KeyWriter().writeValue(value, type, descending).toByteArray();
  }
}
