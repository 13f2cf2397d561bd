package io.quorate.sql.encoding;

import java.util.Arrays;

/**
 * The byte format of index keys, written by {@link KeyWriter} and read by
 * {@link KeyReader}. Keys compare as unsigned bytes ({@link java.util.Arrays#compareUnsigned})
 * in the order of the SQL values they encode.
 *
 * <p>A key is the table id and index id, each as an ordered varint, then one encoding per
 * key column. Every column encoding is self-delimiting and no encoding of a value is a
 * prefix of another's, so concatenation orders composite keys lexicographically and
 * inverting a column's bytes reverses its order exactly (how DESC columns are stored).
 *
 * <p>A column is a marker byte, {@link #NOT_NULL} then the value or {@link #NULL} alone.
 * NULL sorts after every value ascending and, inverted, before every value descending:
 * PostgreSQL's default ASC NULLS LAST and DESC NULLS FIRST. Values:
 * <ul>
 *   <li>boolean: one byte, 0 or 1;
 *   <li>integers, date (epoch day), time (nano of day), timestamp and timestamptz
 *       (microseconds since 2000-01-01 UTC, PostgreSQL's epoch): an ordered varint, the
 *       byte 0x80 + n and then the n significant bytes of a value from 0 up, or the byte
 *       0x7F - n and then the low n bytes of a negative value whose complement has n
 *       significant bytes (so 0 is 0x80, -1 is 0x7F and 1000 is 0x82 0x03 0xE8);
 *   <li>real and double: the IEEE bits big-endian, all bits inverted when negative and
 *       only the sign bit otherwise; -0.0 is stored as 0.0 and every NaN as the one
 *       canonical NaN, which sorts above infinity as in PostgreSQL;
 *   <li>numeric: a sign byte ({@link #NUMERIC_NEGATIVE}, {@link #NUMERIC_ZERO},
 *       {@link #NUMERIC_POSITIVE}); for a non-zero value written as 0.d1d2… × 10^e with
 *       d1 ≠ 0 and no trailing zero digit, the exponent e as an ordered varint, then the
 *       digits two per byte as {@code 10 × d1 + d2 + 1} (a last odd digit paired with 0),
 *       then a 0 byte; all inverted when negative. 1.5 and 1.50 encode the same;
 *   <li>text, varchar, char, json, jsonb, unknown (UTF-8, which orders by code point: the
 *       "C" collation) and bytea: the bytes with each 0x00 written as 0x00 0xFF, ended by
 *       0x00 0x01, which sorts below any continuation;
 *   <li>interval: the exact length as whole days (months as 30 days) and the remaining
 *       microseconds in 0..86399999999, both ordered varints, then months, days and
 *       microseconds as ordered varints so that the value decodes unchanged. So intervals
 *       that PostgreSQL calls equal ('1 day' and '24 hours') sort together but are
 *       different keys;
 *   <li>uuid: its 16 bytes, most significant first;
 *   <li>array: each element as {@link #ELEMENT} and the element's value,
 *       {@link #NESTED_ARRAY} and a nested array, or {@link #NULL_ELEMENT}; then
 *       {@link #END_OF_ARRAY}, which sorts lowest so that a prefix of an array sorts first.
 * </ul>
 */
public final class KeyFormat {

  static final int NOT_NULL = 0x01;
  static final int NULL = 0x02;

  static final int NUMERIC_NEGATIVE = 0x01;
  static final int NUMERIC_ZERO = 0x02;
  static final int NUMERIC_POSITIVE = 0x03;
  static final int DIGITS_END = 0x00;

  static final int ESCAPE = 0x00;
  static final int ESCAPED_ZERO = 0xFF;
  static final int STRING_END = 0x01;

  static final int END_OF_ARRAY = 0x00;
  static final int ELEMENT = 0x01;
  static final int NESTED_ARRAY = 0x02;
  static final int NULL_ELEMENT = 0x03;

  /** Ordered varints: a first byte of this plus the byte count for values from 0 up. */
  static final int VARINT_NON_NEGATIVE = 0x80;

  private KeyFormat() {}

  /**
   * The smallest key greater than every key that starts with {@code prefix}: the prefix
   * with its last byte below 0xFF incremented and what follows dropped. Null when there is
   * none (the prefix is empty or all 0xFF), meaning "scan to the end". For range scans:
   * {@code [prefix, prefixEnd(prefix))} holds exactly the keys starting with the prefix.
   */
  public static byte[] prefixEnd(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] end = Arrays.copyOf(prefix, i + 1);
        end[i]++;
        return end;
      }
    }
    return null;
  }
}
