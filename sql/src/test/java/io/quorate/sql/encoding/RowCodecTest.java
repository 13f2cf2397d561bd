package io.quorate.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Proves rows round-trip for every type, read under a wider schema, and refuse corrupt bytes. */
class RowCodecTest {

  @Test
  void everyTypeRoundTripsWithNulls() {
    for (Map.Entry<SqlType, List<Object>> entry : SampleValues.ascendingByType().entrySet()) {
      List<Object> values = new ArrayList<>(entry.getValue());
      values.add(1, null);
      values.add(null);
      SqlType[] types = new SqlType[values.size()];
      Arrays.fill(types, entry.getKey());
      assertRoundTrip(3, values.toArray(), types);
    }
  }

  @Test
  void aRowOfEveryTypeRoundTrips() {
    Map<SqlType, List<Object>> samples = SampleValues.ascendingByType();
    SqlType[] types = samples.keySet().toArray(SqlType[]::new);
    Object[] values = samples.values().stream().map(List::getLast).toArray();
    values[2] = null; // a null among the values, and more than eight columns for a longer bitmap
    assertRoundTrip(0, values, types);
  }

  @Test
  void exactValuesSurvive() {
    // Unlike keys, rows keep what PostgreSQL would print: numeric scale, -0.0, interval fields.
    SqlType[] types = {SqlType.NUMERIC, SqlType.DOUBLE, SqlType.REAL, SqlType.INTERVAL};
    Object[] values = {new BigDecimal("1.50"), -0.0, -0.0f, new Interval(0, 1, 0)};
    Object[] decoded = RowCodec.decode(RowCodec.encode(1, values, types), types).values();
    assertEquals(new BigDecimal("1.50"), decoded[0]);
    assertEquals(-0.0, decoded[1]);
    assertEquals(-0.0f, decoded[2]);
    assertEquals(1, ((Interval) decoded[3]).days());
    assertEquals(0, ((Interval) decoded[3]).micros());
  }

  @Test
  void nestedArraysRoundTrip() {
    SqlType type = SqlType.arrayOf(SqlType.TEXT);
    Object matrix = List.of(List.of("a", "b"), Arrays.asList(null, "d"));
    assertRoundTrip(1, new Object[] {matrix, List.of()}, new SqlType[] {type, type});
  }

  @Test
  void aRowWrittenBeforeAddColumnReadsNullForTheNewColumns() {
    SqlType[] oldTypes = {SqlType.BIGINT, SqlType.TEXT};
    SqlType[] newTypes = {SqlType.BIGINT, SqlType.TEXT, SqlType.BOOLEAN, SqlType.DATE};
    byte[] row = RowCodec.encode(4, new Object[] {7L, "x"}, oldTypes);
    DecodedRow decoded = RowCodec.decode(row, newTypes);
    assertEquals(4, decoded.schemaVersion());
    assertEquals(2, decoded.storedColumnCount());
    assertArrayEquals(new Object[] {7L, "x", null, null}, decoded.values());
    assertEquals(4, RowCodec.schemaVersion(row));
  }

  @Test
  void decodingChosenColumnsSkipsEveryTypeCorrectly() {
    // Every type once, with values of varying length (the last sample of each), so a wrong
    // skip of any type shifts the columns after it.
    Map<SqlType, List<Object>> samples = SampleValues.ascendingByType();
    SqlType[] types = samples.keySet().toArray(SqlType[]::new);
    Object[] values = samples.values().stream().map(List::getLast).toArray();
    values[1] = null;
    byte[] bytes = RowCodec.encode(2, values, types);
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      boolean[] wanted = new boolean[types.length];
      for (int i = 0; i < wanted.length; i++) {
        wanted[i] = random.nextInt(3) == 0;
      }
      Object[] row = new Object[types.length];
      RowCodec.decodeColumns(bytes, types, wanted, row);
      for (int i = 0; i < types.length; i++) {
        assertEquals(wanted[i] ? values[i] : null, row[i], "column " + i + " (" + types[i] + ")");
      }
    }
  }

  @Test
  void decodingChosenColumnsOfAnOlderRowLeavesAddedColumnsNull() {
    SqlType[] before = {SqlType.INTEGER, SqlType.TEXT};
    SqlType[] after = {SqlType.INTEGER, SqlType.TEXT, SqlType.BIGINT};
    Object[] row = new Object[3];
    RowCodec.decodeColumns(RowCodec.encode(1, new Object[] {5L, "x"}, before), after,
        new boolean[] {false, true, true}, row);
    assertArrayEquals(new Object[] {null, "x", null}, row);
  }

  @Test
  void aRowWithMoreColumnsThanTheSchemaIsCorrupt() {
    byte[] row = RowCodec.encode(0, new Object[] {1L, 2L}, new SqlType[] {SqlType.BIGINT, SqlType.BIGINT});
    assertCorrupt(row, new SqlType[] {SqlType.BIGINT});
  }

  @Test
  void everyTruncationAndAnExtraByteAreCorrupt() {
    SqlType[] types = {SqlType.BIGINT, SqlType.TEXT, SqlType.NUMERIC, SqlType.arrayOf(SqlType.INTEGER),
        SqlType.UUID};
    Object[] values = {300L, "héllo", new BigDecimal("-12.345"), Arrays.asList(1L, null, 3L),
        new java.util.UUID(1, 2)};
    byte[] row = RowCodec.encode(70_000, values, types);
    for (int length = 0; length < row.length; length++) {
      assertCorrupt(Arrays.copyOf(row, length), types);
    }
    assertCorrupt(Arrays.copyOf(row, row.length + 1), types);
  }

  @Test
  void anUnknownFormatVersionIsRefused() {
    byte[] row = RowCodec.encode(0, new Object[] {1L}, new SqlType[] {SqlType.BIGINT});
    assertEquals(RowCodec.FORMAT_VERSION, row[0]);
    row[0] = 2;
    SqlException error = assertCorrupt(row, new SqlType[] {SqlType.BIGINT});
    assertTrue(error.getMessage().contains("format version 2"), error.getMessage());
    assertThrows(SqlException.class, () -> RowCodec.schemaVersion(row));
  }

  @Test
  void arraysNestedDeeperThanPostgresAllowsAreCorrupt() {
    byte[] row = new byte[4 + 2 * 100];
    row[0] = RowCodec.FORMAT_VERSION;
    row[2] = 1; // one column, schema version 0, no nulls
    for (int i = 4; i < row.length; i += 2) {
      row[i] = 1; // an array of one element ...
      row[i + 1] = RowValueCodec.NESTED_ARRAY; // ... which is an array
    }
    SqlException error = assertCorrupt(row, new SqlType[] {SqlType.arrayOf(SqlType.INTEGER)});
    assertTrue(error.getMessage().contains("nested deeper"), error.getMessage());
  }

  @Test
  void randomlyDamagedRowsDecodeOrThrowOnlySqlException() {
    long seed = Long.getLong("quorate.seed", System.nanoTime());
    Random random = new Random(seed);
    Map<SqlType, List<Object>> samples = SampleValues.ascendingByType();
    SqlType[] types = samples.keySet().toArray(SqlType[]::new);
    byte[] row = RowCodec.encode(9, samples.values().stream().map(List::getFirst).toArray(), types);
    for (int attempt = 0; attempt < 2_000; attempt++) {
      byte[] damaged = row.clone();
      damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      try {
        RowCodec.decode(damaged, types);
      } catch (SqlException expected) {
        assertEquals(SqlState.INTERNAL_ERROR, expected.state(), "seed " + seed);
      } catch (RuntimeException unexpected) {
        throw new AssertionError("seed " + seed + ": " + Arrays.toString(damaged), unexpected);
      }
    }
  }

  private static void assertRoundTrip(int schemaVersion, Object[] values, SqlType[] types) {
    DecodedRow decoded = RowCodec.decode(RowCodec.encode(schemaVersion, values, types), types);
    assertEquals(schemaVersion, decoded.schemaVersion());
    assertEquals(values.length, decoded.storedColumnCount());
    for (int i = 0; i < values.length; i++) {
      String message = types[i] + " column " + i;
      SampleValues.assertSameValue(values[i], decoded.values()[i], message);
      if (values[i] instanceof BigDecimal) {
        assertEquals(values[i], decoded.values()[i], message + " keeps its scale");
      }
    }
  }

  private static SqlException assertCorrupt(byte[] row, SqlType[] types) {
    SqlException error = assertThrows(SqlException.class, () -> RowCodec.decode(row, types),
        () -> "decoded " + Arrays.toString(row));
    assertEquals(SqlState.INTERNAL_ERROR, error.state());
    assertTrue(error.getMessage().startsWith("corrupt row: "), error.getMessage());
    return error;
  }
}
