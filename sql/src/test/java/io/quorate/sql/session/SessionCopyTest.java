package io.quorate.sql.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.sql.ast.Statement;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.InMemoryKvStore;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import io.quorate.sql.parser.Parser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * COPY through the session: FROM STDIN parses its input incrementally (however the bytes
 * are split), stores rows while the input is still arriving, and leaves nothing after an
 * error; TO STDOUT writes tables and queries.
 */
class SessionCopyTest {

  private final PutCountingStore store = new PutCountingStore(new InMemoryKvStore());
  private final Session session = new Engine(store).openSession();

  private List<Object[]> rows(String sql) {
    List<StatementResult> results = session.execute(sql);
    return results.get(results.size() - 1).rows();
  }

  private StatementResult copyIn(String sql, InputStream data) {
    return session.copyIn((Statement.Copy) Parser.parseOne(sql), data);
  }

  private StatementResult copyIn(String sql, String data) {
    return copyIn(sql, new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
  }

  private SqlException copyInFails(String sql, String data) {
    return assertThrows(SqlException.class, () -> copyIn(sql, data));
  }

  private List<String> copyOut(String sql) {
    List<String> lines = new ArrayList<>();
    StatementResult result = session.copyOut((Statement.Copy) Parser.parseOne(sql), lines::add);
    lines.add(result.commandTag());
    return lines;
  }

  private long count(String table) {
    return (Long) rows("SELECT count(*) FROM " + table).get(0)[0];
  }

  @Test
  void textFormatFillsDefaultsAndReadsEscapesAndNulls() {
    session.execute("CREATE TABLE t (id integer PRIMARY KEY, name text, note text DEFAULT 'none')");
    assertEquals("COPY 3", copyIn("COPY t (id, name) FROM STDIN", "1\ta\\tb\n2\t\\N\n3\t\\101\\x42C\\\nD\n\\.\n")
        .commandTag());
    List<Object[]> rows = rows("SELECT id, name, note FROM t ORDER BY id");
    assertArrayEquals(new Object[] {1L, "a\tb", "none"}, rows.get(0));
    assertArrayEquals(new Object[] {2L, null, "none"}, rows.get(1));
    assertArrayEquals(new Object[] {3L, "ABC\nD", "none"}, rows.get(2)); // a backslash before a newline keeps it
    assertEquals(SqlState.DUPLICATE_COLUMN, copyInFails("COPY t (id, id) FROM STDIN", "1\t1\n").state());
  }

  @Test
  void csvWithHeaderQuotesAndEscape() {
    session.execute("CREATE TABLE t (id integer, name text, amount numeric(6,2))");
    copyIn("COPY t FROM STDIN WITH (FORMAT csv, HEADER true)", "id,name,amount\n1,\"a, \"\"quoted\"\"\",1.5\n2,,\n");
    copyIn("COPY t FROM STDIN WITH (FORMAT csv, ESCAPE '\\', NULL 'NA')", "3,\"x\\\"y\\\\\",NA\n4,\"\",0\n");
    List<Object[]> rows = rows("SELECT id, name, amount FROM t ORDER BY id");
    assertArrayEquals(new Object[] {1L, "a, \"quoted\"", new BigDecimal("1.50")}, rows.get(0));
    assertArrayEquals(new Object[] {2L, null, null}, rows.get(1));
    assertArrayEquals(new Object[] {3L, "x\"y\\", null}, rows.get(2));
    assertArrayEquals(new Object[] {4L, "", new BigDecimal("0.00")}, rows.get(3));
  }

  /** CSV with quoted newlines, delimiters, quotes and 2-, 3- and 4-byte characters. */
  private static final String TRICKY_CSV = "id,name\n1,\"line one\nline two\"\n2,\"a,b \"\"c\"\"\"\n"
      + "3,grüße 日本 \uD83D\uDE00\n4,\"\r\n\"\r\n5,\n";

  @Test
  void csvParsesTheSameHoweverTheBytesAreSplit() {
    session.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)");
    byte[] data = TRICKY_CSV.getBytes(StandardCharsets.UTF_8);
    for (int chunk = 1; chunk <= 9; chunk++) {
      session.execute("DELETE FROM t");
      assertEquals("COPY 5", copyIn("COPY t FROM STDIN (FORMAT csv, HEADER)", new ChunkedInput(data, chunk))
          .commandTag());
      List<Object[]> rows = rows("SELECT id, name FROM t ORDER BY id");
      assertEquals("line one\nline two", rows.get(0)[1], "chunk " + chunk);
      assertEquals("a,b \"c\"", rows.get(1)[1], "chunk " + chunk);
      assertEquals("grüße 日本 \uD83D\uDE00", rows.get(2)[1], "chunk " + chunk);
      assertEquals("\r\n", rows.get(3)[1], "chunk " + chunk);
      assertNull(rows.get(4)[1], "chunk " + chunk);
    }
  }

  @Test
  void dataAfterTheEndMarkerIsIgnored() {
    session.execute("CREATE TABLE t (id integer)");
    byte[] data = "1\n\\.\nnot a row \u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals("COPY 1", copyIn("COPY t FROM STDIN", new ByteArrayInputStream(data)).commandTag());
  }

  /**
   * The input is generated lazily in small pieces; whenever the engine asks for more, the
   * rows already handed over must be stored. Buffering the input (or rows) until its end
   * would leave them unstored while the rest is read.
   */
  @Test
  void rowsAreStoredWhileTheInputIsStillArriving() {
    session.execute("CREATE TABLE t (id integer, name text)");
    int rowCount = 200_000;
    long putsBefore = store.puts.get();
    long[] mostUnstored = {0};
    InputStream input = new GeneratedRows(rowCount, 7, rowsHandedOver -> mostUnstored[0] =
        Math.max(mostUnstored[0], rowsHandedOver - (store.puts.get() - putsBefore)));
    assertEquals("COPY " + rowCount, copyIn("COPY t FROM STDIN", input).commandTag());
    assertTrue(mostUnstored[0] <= 1, "rows held back by the engine: " + mostUnstored[0]);
    assertEquals((long) rowCount, count("t"));
  }

  @Test
  void aBadRowMidStreamFailsTheCopyWithItsLineAndKeepsNothing() {
    session.execute("CREATE TABLE t (id integer PRIMARY KEY, b integer CHECK (b > 0), c text NOT NULL)");
    StringBuilder data = new StringBuilder();
    for (int i = 1; i <= 5000; i++) {
      data.append(i).append('\t').append(i == 3000 ? "x" : "1").append("\tc\n");
    }
    SqlException bad = copyInFails("COPY t FROM STDIN", data.toString());
    assertEquals(SqlState.INVALID_TEXT_REPRESENTATION, bad.state());
    assertEquals("COPY t, line 3000, column b: \"x\"", bad.context());
    assertEquals(0, count("t"));

    SqlException duplicate = copyInFails("COPY t FROM STDIN", "1\t1\tc\n2\t1\tc\n1\t1\tc\n");
    assertEquals(SqlState.UNIQUE_VIOLATION, duplicate.state());
    assertEquals("Key (id)=(1) already exists.", duplicate.detail());
    assertEquals("COPY t, line 3", duplicate.context());
    SqlException check = copyInFails("COPY t FROM STDIN", "1\t-2\tc\n");
    assertEquals(SqlState.CHECK_VIOLATION, check.state());
    assertEquals("COPY t, line 1: \"1\t-2\tc\"", check.context());
    assertEquals(SqlState.NOT_NULL_VIOLATION, copyInFails("COPY t FROM STDIN", "1\t2\t\\N\n").state());
    assertEquals(0, count("t"));
  }

  @Test
  void malformedDataNamesItsLineAsPostgresDoes() {
    session.execute("CREATE TABLE t (a integer, b integer, c text)");
    SqlException missing = copyInFails("COPY t FROM STDIN", "1\t2\tx\n2\t3\n");
    assertEquals("missing data for column \"c\"", missing.getMessage());
    assertEquals("COPY t, line 2: \"2\t3\"", missing.context());
    SqlException extra = copyInFails("COPY t FROM STDIN", "1\t2\t3\t4" + "0".repeat(200) + "\n");
    assertEquals(SqlState.BAD_COPY_FILE_FORMAT, extra.state());
    assertEquals("COPY t, line 1: \"1\t2\t3\t4" + "0".repeat(93) + "...\"", extra.context());
    SqlException unterminated = copyInFails("COPY t FROM STDIN (FORMAT csv)", "1,2,x\n2,3,\"y\nz\n");
    assertEquals("unterminated CSV quoted field", unterminated.getMessage());
    assertEquals("COPY t, line 4: \"2,3,\"y\nz\n\"", unterminated.context());
    SqlException spanning = copyInFails("COPY t FROM STDIN (FORMAT csv)", "1,2,x\n2,\"x\ny\",y\n");
    assertEquals("COPY t, line 3, column b: \"x\ny\"", spanning.context());
    SqlException empty = copyInFails("COPY t FROM STDIN", "\n");
    assertEquals("COPY t, line 1, column a: \"\"", empty.context()); // converted before the missing columns count
    SqlException notUtf8 = assertThrows(SqlException.class, () -> copyIn("COPY t FROM STDIN",
        new ChunkedInput(new byte[] {'1', '\t', '2', '\t', 'x', (byte) 0xc3, '\n'}, 3)));
    assertEquals(SqlState.CHARACTER_NOT_IN_REPERTOIRE, notUtf8.state());
    assertEquals("invalid byte sequence for encoding \"UTF8\": 0xc3 0x0a", notUtf8.getMessage());
    assertEquals("COPY t, line 1", notUtf8.context());
    assertEquals(0, count("t"));
  }

  @Test
  void copyToWritesTablesAndQueries() {
    session.execute("CREATE TABLE t (id integer, name text)");
    session.execute("INSERT INTO t VALUES (1, 'a,b'), (2, NULL), (3, 'tab\there')");
    assertEquals(List.of("1\ta,b\n", "2\t\\N\n", "3\ttab\\there\n", "COPY 3"), copyOut("COPY t TO STDOUT"));
    assertEquals(List.of("n,label\n", "2,\"a,b\"\n", "4,\n", "COPY 2"),
        copyOut("COPY (SELECT id * 2 AS n, name AS label FROM t WHERE id < 3 ORDER BY id) TO STDOUT (FORMAT csv, "
            + "HEADER)"));
    assertEquals(2, session.copyColumnCount((Statement.Copy) Parser.parseOne("COPY (SELECT 1, 'x') TO STDOUT")));
    SqlException from = assertThrows(SqlException.class, () -> Parser.parseOne("COPY (SELECT 1) FROM STDIN"));
    assertEquals(SqlState.SYNTAX_ERROR, from.state());
  }

  /** The bytes of {@code data}, at most {@code chunk} per read, as CopyData messages may split them. */
  private static final class ChunkedInput extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int offset;

    ChunkedInput(byte[] data, int chunk) {
      this.data = data;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return offset < data.length ? data[offset++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int from, int length) {
      if (offset == data.length) {
        return -1;
      }
      int count = Math.min(Math.min(length, chunk), data.length - offset);
      System.arraycopy(data, offset, into, from, count);
      offset += count;
      return count;
    }
  }

  /**
   * Rows {@code i\tname i} generated as they are read, {@code chunk} bytes per read; before
   * each read it tells {@code beforeRead} how many whole rows it has handed over.
   */
  private static final class GeneratedRows extends InputStream {
    private final int rowCount;
    private final int chunk;
    private final java.util.function.LongConsumer beforeRead;
    private byte[] row = new byte[0];
    private int offset;
    private int rowsStarted;

    GeneratedRows(int rowCount, int chunk, java.util.function.LongConsumer beforeRead) {
      this.rowCount = rowCount;
      this.chunk = chunk;
      this.beforeRead = beforeRead;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] into, int from, int length) {
      beforeRead.accept(offset == row.length ? rowsStarted : rowsStarted - 1);
      if (offset == row.length) {
        if (rowsStarted == rowCount) {
          return -1;
        }
        rowsStarted++;
        row = (rowsStarted + "\tname " + rowsStarted + "\n").getBytes(StandardCharsets.UTF_8);
        offset = 0;
      }
      int count = Math.min(Math.min(length, chunk), row.length - offset);
      System.arraycopy(row, offset, into, from, count);
      offset += count;
      return count;
    }
  }

  /** The in-memory store, counting the puts of all its transactions. */
  private static final class PutCountingStore implements KvStore {
    private final KvStore store;
    final AtomicLong puts = new AtomicLong();

    PutCountingStore(KvStore store) {
      this.store = store;
    }

    @Override
    public KvTransaction begin(KvIsolation isolation, boolean readOnly) {
      KvTransaction transaction = store.begin(isolation, readOnly);
      return new KvTransaction() {
        @Override
        public KvIsolation isolation() {
          return transaction.isolation();
        }

        @Override
        public boolean readOnly() {
          return transaction.readOnly();
        }

        @Override
        public void startStatement() {
          transaction.startStatement();
        }

        @Override
        public byte[] get(byte[] key) {
          return transaction.get(key);
        }

        @Override
        public KvCursor scan(byte[] startInclusive, byte[] endExclusive, boolean reverse) {
          return transaction.scan(startInclusive, endExclusive, reverse);
        }

        @Override
        public byte[] lockForUpdate(byte[] key) {
          return transaction.lockForUpdate(key);
        }

        @Override
        public void put(byte[] key, byte[] value) {
          puts.incrementAndGet();
          transaction.put(key, value);
        }

        @Override
        public void delete(byte[] key) {
          transaction.delete(key);
        }

        @Override
        public void commit() {
          transaction.commit();
        }

        @Override
        public void abort() {
          transaction.abort();
        }
      };
    }
  }
}
