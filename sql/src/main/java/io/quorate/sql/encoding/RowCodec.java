package io.quorate.sql.encoding;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.SqlType;

/**
 * Encodes a table row compactly, as the value stored under its primary key. Rows are not
 * compared as bytes, so nothing here preserves order.
 *
 * <p>Format: the format version byte {@value #FORMAT_VERSION}; the table's schema version
 * (unsigned varint) when the row was written; the column count (unsigned varint); a null
 * bitmap of count / 8 rounded up bytes, bit {@code i % 8} of byte {@code i / 8} set when
 * column {@code i} is NULL; then each non-null value in column order, in the form
 * {@link RowValueCodec} describes.
 *
 * <p>Columns are identified by position. A column added by ALTER TABLE ADD COLUMN goes
 * last, so a row written before it has fewer columns and reads as null there (the caller
 * fills in the default). A dropped column keeps its position for good: the caller keeps
 * passing a type for it and writes null into it, so that older rows still decode.
 *
 * <p>Stateless and thread-safe. Corrupt or truncated bytes throw an internal
 * {@link SqlException} whose message starts with "corrupt row: ".
 */
public final class RowCodec {

  /** The version of this byte format, the first byte of every row. */
  public static final int FORMAT_VERSION = 1;

  private RowCodec() {}

  /**
   * The row's bytes. {@code values[i]} is null for SQL NULL or else of the Java class
   * {@link SqlType} documents for {@code types[i]}.
   */
  public static byte[] encode(int schemaVersion, Object[] values, SqlType[] types) {
    if (values.length != types.length || schemaVersion < 0) {
      throw new IllegalArgumentException(values.length + " values for " + types.length
          + " types, schema version " + schemaVersion);
    }
    ByteSink sink = new ByteSink(16 + values.length * 8);
    sink.writeByte(FORMAT_VERSION);
    sink.writeUnsignedVarint(schemaVersion);
    sink.writeUnsignedVarint(values.length);
    writeNullBitmap(sink, values);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        RowValueCodec.write(sink, values[i], types[i]);
      }
    }
    return sink.toByteArray();
  }

  /**
   * Reads a row under the current schema's {@code types}, which may have more columns than
   * the row (added since it was written) but never fewer.
   */
  public static DecodedRow decode(byte[] bytes, SqlType[] types) {
    ByteSource source = new ByteSource(bytes, 0, "row");
    int schemaVersion = readHeader(source);
    int columnCount = source.readCount();
    if (columnCount > types.length) {
      throw source.corrupt(columnCount + " columns but the schema has " + types.length);
    }
    byte[] nullBitmap = source.readBytes(bitmapLength(columnCount));
    Object[] values = new Object[types.length];
    for (int i = 0; i < columnCount; i++) {
      if ((nullBitmap[i / 8] & (1 << (i % 8))) == 0) {
        values[i] = RowValueCodec.read(source, types[i]);
      }
    }
    if (source.remaining() != 0) {
      throw source.corrupt(source.remaining() + " bytes left after " + columnCount + " columns");
    }
    return new DecodedRow(schemaVersion, columnCount, values);
  }

  /**
   * Decodes into {@code row} only the columns {@code i} with {@code wanted[i]}, skipping
   * the values before them and reading nothing after the last one, so a scan that needs
   * two of ten columns pays for those two. Nothing is written for NULLs, for columns not
   * wanted, or for columns the row does not hold (added after it was written), so pass a
   * row of nulls. What is read is checked as {@link #decode} checks it; bytes after the
   * last wanted column are not.
   *
   * @param types the current schema's column types, as for {@link #decode}
   * @param wanted one flag per column of {@code types}
   * @param row at least {@code types.length} long; receives the decoded values
   */
  public static void decodeColumns(byte[] bytes, SqlType[] types, boolean[] wanted, Object[] row) {
    ByteSource source = new ByteSource(bytes, 0, "row");
    readHeader(source);
    int columnCount = source.readCount();
    if (columnCount > types.length) {
      throw source.corrupt(columnCount + " columns but the schema has " + types.length);
    }
    int bitmapStart = source.position();
    source.skip(bitmapLength(columnCount));
    int last = Math.min(columnCount, wanted.length) - 1;
    while (last >= 0 && !wanted[last]) {
      last--;
    }
    for (int i = 0; i <= last; i++) {
      if ((source.byteAt(bitmapStart + i / 8) & (1 << (i % 8))) != 0) {
        continue; // NULL: no bytes stored
      }
      if (wanted[i]) {
        row[i] = RowValueCodec.read(source, types[i]);
      } else {
        RowValueCodec.skip(source, types[i]);
      }
    }
  }

  /** The schema version the row was written under, read without decoding the values. */
  public static int schemaVersion(byte[] bytes) {
    return readHeader(new ByteSource(bytes, 0, "row"));
  }

  /** Checks the format version and returns the schema version. */
  private static int readHeader(ByteSource source) {
    int formatVersion = source.readUnsignedByte();
    if (formatVersion != FORMAT_VERSION) {
      throw source.corrupt("format version " + formatVersion + ", expected " + FORMAT_VERSION);
    }
    return source.readCount();
  }

  private static void writeNullBitmap(ByteSink sink, Object[] values) {
    for (int start = 0; start < values.length; start += 8) {
      int bits = 0;
      for (int i = start; i < Math.min(start + 8, values.length); i++) {
        if (values[i] == null) {
          bits |= 1 << (i - start);
        }
      }
      sink.writeByte(bits);
    }
  }

  private static int bitmapLength(int columnCount) {
    return (columnCount + 7) / 8;
  }
}
