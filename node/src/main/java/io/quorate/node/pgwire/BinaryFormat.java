package io.quorate.node.pgwire;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.types.Bytes;
import io.quorate.sql.types.Casts;
import io.quorate.sql.types.Interval;
import io.quorate.sql.types.Json;
import io.quorate.sql.types.SqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * PostgreSQL's binary send/receive formats (format code 1) for the engine's types:
 * big-endian integers and IEEE floats, numeric as base-10000 digits, date/time as
 * days/microseconds from 2000-01-01, interval as microseconds+days+months, arrays with
 * their dimensions and element OID. Bad input is 22P03, as PostgreSQL reports it.
 */
final class BinaryFormat {

  private static final LocalDate EPOCH_DATE = LocalDate.of(2000, 1, 1);
  private static final LocalDateTime EPOCH = EPOCH_DATE.atStartOfDay();
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
  private static final short NUMERIC_POSITIVE = 0x0000;
  private static final short NUMERIC_NEGATIVE = 0x4000;

  private BinaryFormat() {}

  static byte[] encode(Object value, SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> new byte[] {(byte) ((Boolean) value ? 1 : 0)};
      case SMALLINT -> ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
      case INTEGER -> ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
      case BIGINT -> ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
      case REAL -> ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
      case DOUBLE -> ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
      case NUMERIC -> encodeNumeric((BigDecimal) value);
      case BYTEA -> ((Bytes) value).toByteArray();
      case DATE -> ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(EPOCH_DATE, (LocalDate) value)).array();
      case TIME -> ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
      case TIMESTAMP -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(EPOCH, (LocalDateTime) value))
          .array();
      case TIMESTAMPTZ -> ByteBuffer.allocate(8).putLong(ChronoUnit.MICROS.between(
          EPOCH.toInstant(ZoneOffset.UTC), (Instant) value)).array();
      case INTERVAL -> {
        Interval interval = (Interval) value;
        yield ByteBuffer.allocate(16).putLong(interval.micros()).putInt(interval.days()).putInt(interval.months())
            .array();
      }
      case UUID -> {
        UUID uuid = (UUID) value;
        yield ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
            .array();
      }
      case JSONB -> {
        byte[] text = value.toString().getBytes(StandardCharsets.UTF_8);
        yield ByteBuffer.allocate(text.length + 1).put((byte) 1).put(text).array(); // jsonb format version 1
      }
      case ARRAY -> encodeArray((List<?>) value, type.element());
      // an object reference travels as its oid, an unsigned 32-bit integer
      case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
          ByteBuffer.allocate(4).putInt((int) ((Number) value).longValue()).array();
      default -> value.toString().getBytes(StandardCharsets.UTF_8);
    };
  }

  /** The value of {@code type} in {@code bytes}; throws 22P03 when they are not a valid encoding. */
  static Object decode(byte[] bytes, SqlType type) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    try {
      Object value = decode(buffer, type);
      if (buffer.hasRemaining()) {
        throw invalid("incorrect binary data format");
      }
      return value;
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException | java.time.DateTimeException bad) {
      throw invalid("insufficient data left in message");
    }
  }

  private static Object decode(ByteBuffer buffer, SqlType type) {
    return switch (type.kind()) {
      case BOOLEAN -> buffer.get() != 0;
      case SMALLINT -> (long) buffer.getShort();
      case INTEGER -> (long) buffer.getInt();
      case BIGINT -> buffer.remaining() == 4 ? Integer.toUnsignedLong(buffer.getInt()) : buffer.getLong(); // oid
      case REAL -> buffer.getFloat();
      case DOUBLE -> buffer.getDouble();
      case NUMERIC -> Casts.applyScale(decodeNumeric(buffer), type);
      case BYTEA -> Bytes.wrap(rest(buffer));
      case DATE -> EPOCH_DATE.plusDays(buffer.getInt());
      case TIME -> LocalTime.ofNanoOfDay(Math.multiplyExact(buffer.getLong(), 1000));
      case TIMESTAMP -> EPOCH.plus(buffer.getLong(), ChronoUnit.MICROS);
      case TIMESTAMPTZ -> EPOCH.toInstant(ZoneOffset.UTC).plus(buffer.getLong(), ChronoUnit.MICROS);
      case INTERVAL -> {
        long micros = buffer.getLong();
        int days = buffer.getInt();
        yield new Interval(buffer.getInt(), days, micros);
      }
      case UUID -> new UUID(buffer.getLong(), buffer.getLong());
      case JSONB -> {
        if (buffer.get() != 1) {
          throw invalid("unsupported jsonb version number");
        }
        yield Json.normalize(MessageBody.utf8(rest(buffer)));
      }
      case JSON -> Json.validate(MessageBody.utf8(rest(buffer)));
      case ARRAY -> decodeArray(buffer, type.element());
      case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, REGROLE ->
          Casts.parse(Long.toString(Integer.toUnsignedLong(buffer.getInt())), type, ZoneOffset.UTC);
      default -> Casts.parse(MessageBody.utf8(rest(buffer)), type, ZoneOffset.UTC);
    };
  }

  private static byte[] rest(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  private static SqlException invalid(String message) {
    return new SqlException(SqlState.INVALID_BINARY_REPRESENTATION, message);
  }

  /** numeric: ndigits, weight (of the first base-10000 digit), sign, display scale, digits. */
  private static byte[] encodeNumeric(BigDecimal value) {
    int scale = Math.max(0, value.scale());
    // align the scale to whole base-10000 digits after the point
    BigInteger unscaled = value.setScale((scale + 3) / 4 * 4).unscaledValue().abs();
    List<Short> digits = new ArrayList<>();
    while (unscaled.signum() > 0) {
      BigInteger[] divided = unscaled.divideAndRemainder(TEN_THOUSAND);
      digits.addFirst(divided[1].shortValue());
      unscaled = divided[0];
    }
    int weight = digits.size() - 1 - (scale + 3) / 4;
    while (!digits.isEmpty() && digits.getLast() == 0) {
      digits.removeLast();
    }
    ByteBuffer out = ByteBuffer.allocate(8 + 2 * digits.size());
    out.putShort((short) digits.size()).putShort((short) (digits.isEmpty() ? 0 : weight))
        .putShort(value.signum() < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE).putShort((short) scale);
    digits.forEach(out::putShort);
    return out.array();
  }

  private static BigDecimal decodeNumeric(ByteBuffer buffer) {
    int count = buffer.getShort();
    int weight = buffer.getShort();
    int sign = buffer.getShort() & 0xFFFF;
    int scale = buffer.getShort();
    if (sign != NUMERIC_POSITIVE && sign != NUMERIC_NEGATIVE) {
      throw SqlException.featureNotSupported("numeric NaN and infinity are not supported");
    }
    if (count < 0 || scale < 0) {
      throw invalid("invalid length in external \"numeric\" value");
    }
    BigInteger unscaled = BigInteger.ZERO;
    for (int i = 0; i < count; i++) {
      int digit = buffer.getShort();
      if (digit < 0 || digit >= 10_000) {
        throw invalid("invalid digit in external \"numeric\" value");
      }
      unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf(digit));
    }
    // the digits read are worth 10000^(weight - count + 1) each
    BigDecimal value = new BigDecimal(unscaled, -4 * (weight - count + 1));
    value = value.setScale(scale, java.math.RoundingMode.HALF_UP);
    return sign == NUMERIC_NEGATIVE ? value.negate() : value;
  }

  private static byte[] encodeArray(List<?> values, SqlType element) {
    List<Integer> dimensions = new ArrayList<>();
    for (Object level = values; level instanceof List<?> list; level = list.isEmpty() ? null : list.getFirst()) {
      dimensions.add(list.size());
    }
    if (values.isEmpty()) {
      dimensions.clear();
    }
    List<byte[]> encoded = new ArrayList<>();
    boolean[] hasNull = {false};
    flatten(values, element, encoded, hasNull);
    int size = 12 + 8 * dimensions.size() + encoded.stream().mapToInt(e -> 4 + (e == null ? 0 : e.length)).sum();
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(dimensions.size()).putInt(hasNull[0] ? 1 : 0).putInt(WireTypes.oid(element));
    for (int dimension : dimensions) {
      out.putInt(dimension).putInt(1);
    }
    for (byte[] value : encoded) {
      if (value == null) {
        out.putInt(-1);
      } else {
        out.putInt(value.length).put(value);
      }
    }
    return out.array();
  }

  private static void flatten(List<?> values, SqlType element, List<byte[]> out, boolean[] hasNull) {
    for (Object value : values) {
      if (value instanceof List<?> nested) {
        flatten(nested, element, out, hasNull);
      } else if (value == null) {
        hasNull[0] = true;
        out.add(null);
      } else {
        out.add(encode(value, element));
      }
    }
  }

  private static List<?> decodeArray(ByteBuffer buffer, SqlType element) {
    int dimensionCount = buffer.getInt();
    buffer.getInt(); // has-null flag: the lengths say it again
    buffer.getInt(); // element OID: the parameter's type decides how elements are read
    if (dimensionCount < 0 || dimensionCount > 6) {
      throw invalid("invalid number of dimensions: " + dimensionCount);
    }
    int[] dimensions = new int[dimensionCount];
    long total = dimensionCount == 0 ? 0 : 1;
    for (int i = 0; i < dimensionCount; i++) {
      dimensions[i] = buffer.getInt();
      buffer.getInt(); // lower bound: arrays are 1-based here
      if (dimensions[i] < 0) {
        throw invalid("invalid array dimension");
      }
      total *= dimensions[i];
    }
    if (total * 4 > buffer.remaining()) {
      throw invalid("insufficient data left in message");
    }
    return dimensionCount == 0 ? List.of() : readLevel(buffer, element, dimensions, 0);
  }

  private static List<?> readLevel(ByteBuffer buffer, SqlType element, int[] dimensions, int level) {
    List<Object> values = new ArrayList<>(dimensions[level]);
    for (int i = 0; i < dimensions[level]; i++) {
      if (level + 1 < dimensions.length) {
        values.add(readLevel(buffer, element, dimensions, level + 1));
        continue;
      }
      int length = buffer.getInt();
      if (length < -1 || length > buffer.remaining()) {
        throw invalid("insufficient data left in message");
      }
      if (length == -1) {
        values.add(null);
      } else {
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        values.add(decode(bytes, element));
      }
    }
    return java.util.Collections.unmodifiableList(values);
  }
}
