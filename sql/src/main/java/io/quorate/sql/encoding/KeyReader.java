package io.quorate.sql.encoding;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Reads back, in order, what a {@link KeyWriter} wrote: the table and index ids, then each
 * column given the same type and direction it was written with. Decoded values equal the
 * written ones, except that numerics lose trailing zeros (1.50 reads as 1.5), -0.0 reads as
 * 0.0 and every NaN as the canonical NaN. Corrupt keys throw an internal
 * {@link SqlException}. Not thread-safe.
 */
public final class KeyReader {

  private final ByteSource source;
  /** XORed into every byte read: 0xFF inside a descending column or a negative numeric. */
  private int mask;

  public KeyReader(byte[] key) {
    this(key, 0);
  }

  public KeyReader(byte[] key, int offset) {
    source = new ByteSource(key, offset, "key");
  }

  public long readTableId() {
    mask = 0;
    return readOrderedVarint();
  }

  public int readIndexId() {
    mask = 0;
    long indexId = readOrderedVarint();
    if (indexId < 0 || indexId > Integer.MAX_VALUE) {
      throw source.corrupt("index id " + indexId);
    }
    return (int) indexId;
  }

  /** The next column's value, null for SQL NULL. */
  public Object readValue(SqlType type, boolean descending) {
    mask = descending ? 0xFF : 0;
    int marker = next();
    return switch (marker) {
      case KeyFormat.NULL -> null;
      case KeyFormat.NOT_NULL -> readNotNull(type);
      default -> throw source.corrupt("null marker " + marker);
    };
  }

  /** The offset of the next unread byte. */
  public int position() {
    return source.position();
  }

  /** True when every byte of the key has been read. */
  public boolean atEnd() {
    return source.remaining() == 0;
  }

  private int next() {
    return source.readUnsignedByte() ^ mask;
  }

  private Object readNotNull(SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> readBoolean();
      case SMALLINT, INTEGER, BIGINT, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> readOrderedVarint();
      case NUMERIC -> readNumeric();
      case REAL -> readFloat();
      case DOUBLE -> readDouble();
      case TEXT, VARCHAR, CHAR, JSON, JSONB, UNKNOWN -> new String(readEscaped(), StandardCharsets.UTF_8);
      case BYTEA -> Bytes.wrap(readEscaped());
      case DATE -> readDate();
      case TIME -> readTime();
      case TIMESTAMP -> TimeValues.toLocalDateTime(readOrderedVarint());
      case TIMESTAMPTZ -> TimeValues.toInstant(readOrderedVarint());
      case INTERVAL -> readInterval();
      case UUID -> new UUID(readUnsigned(8), readUnsigned(8));
      case ARRAY -> readArray(type.element(), 1);
      case RECORD -> throw new IllegalStateException("records are never stored");
    };
  }

  private Boolean readBoolean() {
    int value = next();
    if (value > 1) {
      throw source.corrupt("boolean " + value);
    }
    return value == 1;
  }

  private long readOrderedVarint() {
    int first = next();
    boolean negative = first < KeyFormat.VARINT_NON_NEGATIVE;
    int byteCount = negative ? KeyFormat.VARINT_NON_NEGATIVE - 1 - first : first - KeyFormat.VARINT_NON_NEGATIVE;
    if (byteCount < 0 || byteCount > 8) {
      throw source.corrupt("ordered varint header " + first);
    }
    long value = negative ? -1L : 0L;
    for (int i = 0; i < byteCount; i++) {
      value = (value << 8) | next();
    }
    return value;
  }

  private BigDecimal readNumeric() {
    int sign = next();
    if (sign == KeyFormat.NUMERIC_ZERO) {
      return BigDecimal.ZERO;
    }
    if (sign != KeyFormat.NUMERIC_NEGATIVE && sign != KeyFormat.NUMERIC_POSITIVE) {
      throw source.corrupt("numeric sign " + sign);
    }
    int outerMask = mask;
    if (sign == KeyFormat.NUMERIC_NEGATIVE) {
      mask ^= 0xFF;
    }
    long exponent = readOrderedVarint();
    String digits = readDigits();
    mask = outerMask;
    long scale = digits.length() - exponent;
    if (digits.isEmpty() || scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
      throw source.corrupt("numeric with " + digits.length() + " digits and exponent " + exponent);
    }
    BigInteger unscaled = new BigInteger(digits);
    return new BigDecimal(sign == KeyFormat.NUMERIC_NEGATIVE ? unscaled.negate() : unscaled, (int) scale);
  }

  /** The digit pairs up to their end byte, without the padding zero of an odd count. */
  private String readDigits() {
    StringBuilder digits = new StringBuilder();
    for (int pair = next(); pair != KeyFormat.DIGITS_END; pair = next()) {
      if (pair > 100) {
        throw source.corrupt("numeric digit pair " + pair);
      }
      digits.append((char) ('0' + (pair - 1) / 10)).append((char) ('0' + (pair - 1) % 10));
    }
    if (!digits.isEmpty() && digits.charAt(digits.length() - 1) == '0') {
      digits.setLength(digits.length() - 1);
    }
    return digits.toString();
  }

  private Float readFloat() {
    int ordered = (int) readUnsigned(4);
    return Float.intBitsToFloat(ordered < 0 ? ordered ^ Integer.MIN_VALUE : ~ordered);
  }

  private Double readDouble() {
    long ordered = readUnsigned(8);
    return Double.longBitsToDouble(ordered < 0 ? ordered ^ Long.MIN_VALUE : ~ordered);
  }

  /** {@code byteCount} bytes big-endian; for 8 bytes the result may be negative. */
  private long readUnsigned(int byteCount) {
    long value = 0;
    for (int i = 0; i < byteCount; i++) {
      value = (value << 8) | next();
    }
    return value;
  }

  private byte[] readEscaped() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      int b = next();
      if (b != KeyFormat.ESCAPE) {
        bytes.write(b);
        continue;
      }
      int escaped = next();
      if (escaped == KeyFormat.STRING_END) {
        return bytes.toByteArray();
      }
      if (escaped != KeyFormat.ESCAPED_ZERO) {
        throw source.corrupt("byte " + escaped + " after an escape");
      }
      bytes.write(0);
    }
  }

  private LocalDate readDate() {
    long epochDay = readOrderedVarint();
    try {
      return LocalDate.ofEpochDay(epochDay);
    } catch (DateTimeException outOfRange) {
      throw source.corrupt("epoch day " + epochDay);
    }
  }

  private LocalTime readTime() {
    long nanoOfDay = readOrderedVarint();
    try {
      return LocalTime.ofNanoOfDay(nanoOfDay);
    } catch (DateTimeException outOfRange) {
      throw source.corrupt("nano of day " + nanoOfDay);
    }
  }

  private Interval readInterval() {
    readOrderedVarint(); // the whole days and remainder only order the key
    readOrderedVarint();
    long months = readOrderedVarint();
    long days = readOrderedVarint();
    long micros = readOrderedVarint();
    if (months != (int) months || days != (int) days) {
      throw source.corrupt("interval of " + months + " months and " + days + " days");
    }
    return new Interval((int) months, (int) days, micros);
  }

  private List<Object> readArray(SqlType elementType, int dimension) {
    if (dimension > ByteSource.MAX_ARRAY_DIMENSIONS) {
      throw source.corrupt("array nested deeper than " + ByteSource.MAX_ARRAY_DIMENSIONS);
    }
    List<Object> elements = new ArrayList<>();
    while (true) {
      int marker = next();
      switch (marker) {
        case KeyFormat.END_OF_ARRAY -> {
          return Collections.unmodifiableList(elements);
        }
        case KeyFormat.ELEMENT -> elements.add(readNotNull(elementType));
        case KeyFormat.NESTED_ARRAY -> elements.add(readArray(elementType, dimension + 1));
        case KeyFormat.NULL_ELEMENT -> elements.add(null);
        default -> throw source.corrupt("array element marker " + marker);
      }
    }
  }
}
