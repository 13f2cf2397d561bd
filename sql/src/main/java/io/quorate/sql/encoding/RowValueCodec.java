package io.quorate.sql.encoding;

import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * One non-null value of a row, in its compact form: boolean one byte 0 or 1; integers and
 * date (epoch day) zigzag varints; time an unsigned varint of nano of day; timestamp and
 * timestamptz zigzag varints of microseconds since 2000-01-01 UTC; numeric the scale as a
 * zigzag varint then the unscaled value's two's-complement bytes, length-prefixed; real and
 * double their raw IEEE bits big-endian (so -0.0 and NaN payloads survive); text-like types
 * UTF-8 and bytea raw, both length-prefixed; interval months, days and microseconds as
 * zigzag varints; uuid 16 bytes big-endian; array the element count then per element a flag
 * ({@link #NULL_ELEMENT}, {@link #ELEMENT} followed by the value, {@link #NESTED_ARRAY}
 * followed by an array). Lengths and counts are unsigned varints.
 */
final class RowValueCodec {

  static final int NULL_ELEMENT = 0;
  static final int ELEMENT = 1;
  static final int NESTED_ARRAY = 2;

  private RowValueCodec() {}

  static void write(ByteSink sink, Object value, SqlType type) {
    switch (type.kind()) {
      case BOOLEAN -> sink.writeByte((Boolean) value ? 1 : 0);
      case SMALLINT, INTEGER, BIGINT, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
          sink.writeSignedVarint(((Number) value).longValue()); // object references are stored as their OID
      case NUMERIC -> writeNumeric(sink, (BigDecimal) value);
      case REAL -> sink.writeIntBigEndian(Float.floatToRawIntBits((Float) value));
      case DOUBLE -> sink.writeLongBigEndian(Double.doubleToRawLongBits((Double) value));
      case TEXT, VARCHAR, CHAR, JSON, JSONB, UNKNOWN ->
          writeLengthPrefixed(sink, ((String) value).getBytes(StandardCharsets.UTF_8));
      case BYTEA -> writeLengthPrefixed(sink, ((Bytes) value).toByteArray());
      case DATE -> sink.writeSignedVarint(((LocalDate) value).toEpochDay());
      case TIME -> sink.writeUnsignedVarint(((LocalTime) value).toNanoOfDay());
      case TIMESTAMP -> sink.writeSignedVarint(TimeValues.toPostgresMicros((LocalDateTime) value));
      case TIMESTAMPTZ -> sink.writeSignedVarint(TimeValues.toPostgresMicros((Instant) value));
      case INTERVAL -> writeInterval(sink, (Interval) value);
      case UUID -> {
        sink.writeLongBigEndian(((UUID) value).getMostSignificantBits());
        sink.writeLongBigEndian(((UUID) value).getLeastSignificantBits());
      }
      case ARRAY -> writeArray(sink, (List<?>) value, type.element());
    }
  }

  static Object read(ByteSource source, SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> readBoolean(source);
      case SMALLINT, INTEGER, BIGINT, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE -> source.readSignedVarint();
      case NUMERIC -> readNumeric(source);
      case REAL -> Float.intBitsToFloat(source.readIntBigEndian());
      case DOUBLE -> Double.longBitsToDouble(source.readLongBigEndian());
      case TEXT, VARCHAR, CHAR, JSON, JSONB, UNKNOWN ->
          new String(source.readBytes(source.readCount()), StandardCharsets.UTF_8);
      case BYTEA -> Bytes.wrap(source.readBytes(source.readCount()));
      case DATE -> readDate(source);
      case TIME -> readTime(source);
      case TIMESTAMP -> TimeValues.toLocalDateTime(source.readSignedVarint());
      case TIMESTAMPTZ -> TimeValues.toInstant(source.readSignedVarint());
      case INTERVAL -> readInterval(source);
      case UUID -> new UUID(source.readLongBigEndian(), source.readLongBigEndian());
      case ARRAY -> readArray(source, type.element(), 1);
      case RECORD -> throw new IllegalStateException("records are never stored");
    };
  }

  /** Moves past one value of {@code type} without building it. */
  static void skip(ByteSource source, SqlType type) {
    switch (type.kind()) {
      case BOOLEAN -> readBoolean(source);
      case SMALLINT, INTEGER, BIGINT, DATE, TIMESTAMP, TIMESTAMPTZ -> source.readSignedVarint();
      case TIME -> source.readUnsignedVarint();
      case NUMERIC -> {
        source.readSignedVarint();
        source.skip(source.readCount());
      }
      case REAL -> source.skip(4);
      case DOUBLE -> source.skip(8);
      case UUID -> source.skip(16);
      case TEXT, VARCHAR, CHAR, JSON, JSONB, UNKNOWN, BYTEA -> source.skip(source.readCount());
      case INTERVAL -> readInterval(source);
      case ARRAY -> readArray(source, type.element(), 1); // rare enough not to need its own skipping code
    }
  }

  private static void writeLengthPrefixed(ByteSink sink, byte[] bytes) {
    sink.writeUnsignedVarint(bytes.length);
    sink.writeBytes(bytes);
  }

  private static void writeNumeric(ByteSink sink, BigDecimal value) {
    sink.writeSignedVarint(value.scale());
    writeLengthPrefixed(sink, value.unscaledValue().toByteArray());
  }

  private static void writeInterval(ByteSink sink, Interval value) {
    sink.writeSignedVarint(value.months());
    sink.writeSignedVarint(value.days());
    sink.writeSignedVarint(value.micros());
  }

  private static void writeArray(ByteSink sink, List<?> elements, SqlType elementType) {
    sink.writeUnsignedVarint(elements.size());
    for (Object element : elements) {
      if (element == null) {
        sink.writeByte(NULL_ELEMENT);
      } else if (element instanceof List<?> nested) {
        sink.writeByte(NESTED_ARRAY);
        writeArray(sink, nested, elementType);
      } else {
        sink.writeByte(ELEMENT);
        write(sink, element, elementType);
      }
    }
  }

  private static Boolean readBoolean(ByteSource source) {
    int value = source.readUnsignedByte();
    if (value > 1) {
      throw source.corrupt("boolean " + value);
    }
    return value == 1;
  }

  private static BigDecimal readNumeric(ByteSource source) {
    long scale = source.readSignedVarint();
    int length = source.readCount();
    if (scale != (int) scale || length == 0) {
      throw source.corrupt("numeric with scale " + scale + " and " + length + " bytes");
    }
    return new BigDecimal(new BigInteger(source.readBytes(length)), (int) scale);
  }

  private static LocalDate readDate(ByteSource source) {
    long epochDay = source.readSignedVarint();
    try {
      return LocalDate.ofEpochDay(epochDay);
    } catch (DateTimeException outOfRange) {
      throw source.corrupt("epoch day " + epochDay);
    }
  }

  private static LocalTime readTime(ByteSource source) {
    long nanoOfDay = source.readUnsignedVarint();
    try {
      return LocalTime.ofNanoOfDay(nanoOfDay);
    } catch (DateTimeException outOfRange) {
      throw source.corrupt("nano of day " + nanoOfDay);
    }
  }

  private static Interval readInterval(ByteSource source) {
    long months = source.readSignedVarint();
    long days = source.readSignedVarint();
    long micros = source.readSignedVarint();
    if (months != (int) months || days != (int) days) {
      throw source.corrupt("interval of " + months + " months and " + days + " days");
    }
    return new Interval((int) months, (int) days, micros);
  }

  private static List<Object> readArray(ByteSource source, SqlType elementType, int dimension) {
    if (dimension > ByteSource.MAX_ARRAY_DIMENSIONS) {
      throw source.corrupt("array nested deeper than " + ByteSource.MAX_ARRAY_DIMENSIONS);
    }
    int count = source.readCount();
    if (count > source.remaining()) {
      // Every element takes at least its flag byte; refusing here keeps a corrupt count from allocating.
      throw source.corrupt("array of " + count + " elements in " + source.remaining() + " bytes");
    }
    List<Object> elements = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int flag = source.readUnsignedByte();
      switch (flag) {
        case NULL_ELEMENT -> elements.add(null);
        case ELEMENT -> elements.add(read(source, elementType));
        case NESTED_ARRAY -> elements.add(readArray(source, elementType, dimension + 1));
        default -> throw source.corrupt("array element flag " + flag);
      }
    }
    return Collections.unmodifiableList(elements);
  }
}
