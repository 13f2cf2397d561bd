package io.quorate.sql.encoding;

import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * Builds an index key whose unsigned byte order is the SQL order of its columns, in the
 * format {@link KeyFormat} describes. Values must be of the Java class {@link SqlType}
 * documents for their type. Not thread-safe; reuse one per thread with {@link #reset()}.
 */
public final class KeyWriter {

  private final ByteSink sink = new ByteSink(64);

  /** Starts every key of one index: the table id, then the index id. Both must be non-negative. */
  public KeyWriter writeTableIndexPrefix(long tableId, int indexId) {
    if (tableId < 0 || indexId < 0) {
      throw new IllegalArgumentException("negative id: table " + tableId + ", index " + indexId);
    }
    writeOrderedVarint(tableId);
    writeOrderedVarint(indexId);
    return this;
  }

  /** Appends one key column; {@code value} null is SQL NULL (last ascending, first descending). */
  public KeyWriter writeValue(Object value, SqlType type, boolean descending) {
    int start = sink.size();
    if (value == null) {
      sink.writeByte(KeyFormat.NULL);
    } else {
      sink.writeByte(KeyFormat.NOT_NULL);
      writeNotNull(value, type);
    }
    if (descending) {
      sink.invertFrom(start);
    }
    return this;
  }

  public byte[] toByteArray() {
    return sink.toByteArray();
  }

  /** The number of bytes written so far. */
  public int size() {
    return sink.size();
  }

  public void reset() {
    sink.reset();
  }

  private void writeNotNull(Object value, SqlType type) {
    switch (type.kind()) {
      case BOOLEAN -> sink.writeByte((Boolean) value ? 1 : 0);
      case SMALLINT, INTEGER, BIGINT, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
          writeOrderedVarint(((Number) value).longValue()); // object references are stored as their OID
      case NUMERIC -> writeNumeric((BigDecimal) value);
      case REAL -> sink.writeIntBigEndian(orderedFloatBits((Float) value));
      case DOUBLE -> sink.writeLongBigEndian(orderedDoubleBits((Double) value));
      case TEXT, VARCHAR, CHAR, JSON, JSONB, UNKNOWN -> writeEscaped(((String) value).getBytes(StandardCharsets.UTF_8));
      case BYTEA -> writeEscaped(((Bytes) value).toByteArray());
      case DATE -> writeOrderedVarint(((LocalDate) value).toEpochDay());
      case TIME -> writeOrderedVarint(((LocalTime) value).toNanoOfDay());
      case TIMESTAMP -> writeOrderedVarint(TimeValues.toPostgresMicros((LocalDateTime) value));
      case TIMESTAMPTZ -> writeOrderedVarint(TimeValues.toPostgresMicros((Instant) value));
      case INTERVAL -> writeInterval((Interval) value);
      case UUID -> writeUuid((UUID) value);
      case ARRAY -> writeArray((List<?>) value, type.element());
    }
  }

  /**
   * A signed long in 1 to 9 bytes that sort as the numbers do. Non-negative values: the
   * byte 0x80 + n, then the value's n significant bytes (0 has none). Negative values: the
   * byte 0x7F - n, then the low n bytes of the value, where n counts the significant bytes
   * of its complement (-1 has none). More bytes mean further from zero, so the first byte
   * orders by magnitude class and the rest, of equal length, order as unsigned numbers.
   */
  void writeOrderedVarint(long value) {
    int byteCount = significantBytes(value < 0 ? ~value : value);
    sink.writeByte(value < 0 ? KeyFormat.VARINT_NON_NEGATIVE - 1 - byteCount
        : KeyFormat.VARINT_NON_NEGATIVE + byteCount);
    for (int shift = (byteCount - 1) * 8; shift >= 0; shift -= 8) {
      sink.writeByte((int) (value >>> shift));
    }
  }

  private static int significantBytes(long nonNegative) {
    return (64 - Long.numberOfLeadingZeros(nonNegative) + 7) / 8;
  }

  private void writeNumeric(BigDecimal value) {
    int sign = value.signum();
    if (sign == 0) {
      sink.writeByte(KeyFormat.NUMERIC_ZERO);
      return;
    }
    sink.writeByte(sign < 0 ? KeyFormat.NUMERIC_NEGATIVE : KeyFormat.NUMERIC_POSITIVE);
    int start = sink.size();
    BigDecimal stripped = value.abs().stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    // The value is 0.digits × 10^exponent; long because precision - scale can pass int's range.
    writeOrderedVarint((long) digits.length() - stripped.scale());
    for (int i = 0; i < digits.length(); i += 2) {
      int high = digits.charAt(i) - '0';
      int low = i + 1 < digits.length() ? digits.charAt(i + 1) - '0' : 0;
      sink.writeByte(high * 10 + low + 1);
    }
    sink.writeByte(KeyFormat.DIGITS_END);
    if (sign < 0) {
      // A larger magnitude is a smaller negative number.
      sink.invertFrom(start);
    }
  }

  static int orderedFloatBits(float value) {
    // floatToIntBits maps every NaN to the one canonical NaN, which sorts above infinity.
    int bits = Float.floatToIntBits(value == 0.0f ? 0.0f : value);
    return bits < 0 ? ~bits : bits ^ Integer.MIN_VALUE;
  }

  static long orderedDoubleBits(double value) {
    long bits = Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  private void writeEscaped(byte[] bytes) {
    for (byte b : bytes) {
      sink.writeByte(b);
      if (b == KeyFormat.ESCAPE) {
        sink.writeByte(KeyFormat.ESCAPED_ZERO);
      }
    }
    sink.writeByte(KeyFormat.ESCAPE);
    sink.writeByte(KeyFormat.STRING_END);
  }

  private void writeInterval(Interval value) {
    // Exact even where Interval.totalMicros() would overflow a long.
    long wholeDays = value.months() * 30L + value.days() + Math.floorDiv(value.micros(), Interval.MICROS_PER_DAY);
    writeOrderedVarint(wholeDays);
    writeOrderedVarint(Math.floorMod(value.micros(), Interval.MICROS_PER_DAY));
    writeOrderedVarint(value.months());
    writeOrderedVarint(value.days());
    writeOrderedVarint(value.micros());
  }

  private void writeUuid(UUID value) {
    sink.writeLongBigEndian(value.getMostSignificantBits());
    sink.writeLongBigEndian(value.getLeastSignificantBits());
  }

  private void writeArray(List<?> elements, SqlType elementType) {
    for (Object element : elements) {
      if (element == null) {
        sink.writeByte(KeyFormat.NULL_ELEMENT);
      } else if (element instanceof List<?> nested) {
        sink.writeByte(KeyFormat.NESTED_ARRAY);
        writeArray(nested, elementType);
      } else {
        sink.writeByte(KeyFormat.ELEMENT);
        writeNotNull(element, elementType);
      }
    }
    sink.writeByte(KeyFormat.END_OF_ARRAY);
  }
}
