package io.quorate.node.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PGInterval;

/**
 * Proves that every supported type goes through pgjdbc and back unchanged, in text
 * (binaryTransfer=false) and in binary (prepareThreshold=1: binary from the second run).
 */
class PgTypesTest {

  static PgTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = new PgTestServer();
    createTable();
  }

  static void createTable() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("create table types_t (id int primary key, i2 smallint, i4 int, i8 bigint, num numeric(20,6),"
          + " f4 real, f8 double precision, b boolean, t text, vc varchar(20), c char(5), by bytea, d date,"
          + " tm time, ts timestamp, tz timestamptz, iv interval, u uuid, js json, jb jsonb, ia int[], ta text[])");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyTypeRoundTrips(boolean binary) throws Exception {
    int id = binary ? 2 : 1;
    try (Connection c = server.connect("binaryTransfer", Boolean.toString(binary), "prepareThreshold", "1")) {
      try (PreparedStatement insert = c.prepareStatement("insert into types_t values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?::interval, ?, ?::json, ?::jsonb, ?, ?)")) {
        insert.setInt(1, id);
        insert.setShort(2, (short) -12);
        insert.setInt(3, 1_000_000);
        insert.setLong(4, Long.MIN_VALUE);
        insert.setBigDecimal(5, new BigDecimal("-12345678901234.000123"));
        insert.setFloat(6, 1.5f);
        insert.setDouble(7, Math.PI);
        insert.setBoolean(8, true);
        insert.setString(9, "héllo\tworld");
        insert.setString(10, "var");
        insert.setString(11, "ab");
        insert.setBytes(12, new byte[] {0, 1, (byte) 0xff});
        insert.setObject(13, LocalDate.of(2024, 2, 29));
        insert.setObject(14, LocalTime.of(23, 59, 58, 123_456_000));
        insert.setObject(15, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000));
        insert.setObject(16, OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)));
        insert.setString(17, "1 year 2 mons 3 days 04:05:06.5"); // a PGInterval would look its type up in pg_type
        insert.setObject(18, UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
        insert.setString(19, "{\"a\": [1, 2]}");
        insert.setString(20, "{\"b\": true}");
        insert.setObject(21, new Integer[] {1, null, 3}); // no createArrayOf: it looks types up in pg_type
        insert.setObject(22, new String[] {"x", "y z", "{"});
        insert.executeUpdate();
      }
      try (PreparedStatement select = c.prepareStatement("select * from types_t where id = ?")) {
        for (int run = 0; run < 3; run++) { // later runs are binary when binaryTransfer is on
          select.setInt(1, id);
          try (ResultSet rs = select.executeQuery()) {
            assertTrue(rs.next());
            assertEquals(-12, rs.getShort("i2"));
            assertEquals(1_000_000, rs.getInt("i4"));
            assertEquals(Long.MIN_VALUE, rs.getLong("i8"));
            assertEquals(new BigDecimal("-12345678901234.000123"), rs.getBigDecimal("num"));
            assertEquals(1.5f, rs.getFloat("f4"));
            assertEquals(Math.PI, rs.getDouble("f8"));
            assertTrue(rs.getBoolean("b"));
            assertEquals("héllo\tworld", rs.getString("t"));
            assertEquals("var", rs.getString("vc"));
            assertEquals("ab   ", rs.getString("c"));
            assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, rs.getBytes("by"));
            assertEquals(LocalDate.of(2024, 2, 29), rs.getObject("d", LocalDate.class));
            assertEquals(LocalTime.of(23, 59, 58, 123_456_000), rs.getObject("tm", LocalTime.class));
            assertEquals(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                rs.getObject("ts", LocalDateTime.class));
            assertEquals(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC).toInstant(),
                rs.getObject("tz", OffsetDateTime.class).toInstant());
            assertEquals(java.sql.Timestamp.valueOf("1999-12-31 23:59:59.999999"), rs.getTimestamp("ts"));
            // getObject would look interval and uuid up in pg_type, which the engine does not have yet
            assertEquals(new PGInterval(1, 2, 3, 4, 5, 6.5), new PGInterval(rs.getString("iv")));
            assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), rs.getObject("u", UUID.class));
            assertEquals("{\"a\": [1, 2]}", rs.getString("js"));
            assertEquals("{\"b\": true}", rs.getString("jb"));
            Array ints = rs.getArray("ia");
            assertArrayEquals(new Integer[] {1, null, 3}, (Integer[]) ints.getArray());
            assertArrayEquals(new String[] {"x", "y z", "{"}, (String[]) rs.getArray("ta").getArray());
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void nullsAndComputedValuesRoundTrip(boolean binary) throws Exception {
    try (Connection c = server.connect("binaryTransfer", Boolean.toString(binary), "prepareThreshold", "1");
        PreparedStatement select = c.prepareStatement("select ?::int8 + 1, ?::text, 0.1::numeric * 3,"
            + " 1e-7::float8, '{{1,2},{3,4}}'::int[], ?::numeric")) {
      for (int run = 0; run < 3; run++) {
        select.setLong(1, 41);
        select.setNull(2, java.sql.Types.VARCHAR);
        select.setBigDecimal(3, new BigDecimal("0.00001"));
        try (ResultSet rs = select.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(42, rs.getLong(1));
          assertNull(rs.getString(2));
          assertEquals(new BigDecimal("0.3"), rs.getBigDecimal(3));
          assertEquals(1e-7, rs.getDouble(4));
          // pgjdbc renders binary arrays with quoted elements, so compare the elements
          assertArrayEquals(new Integer[][] {{1, 2}, {3, 4}}, (Integer[][]) rs.getArray(5).getArray());
          assertEquals(new BigDecimal("0.00001"), rs.getBigDecimal(6));
        }
      }
    }
  }
}
