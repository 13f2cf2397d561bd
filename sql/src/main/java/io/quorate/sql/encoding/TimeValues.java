package io.quorate.sql.encoding;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamps as microseconds since 2000-01-01 00:00 UTC, as PostgreSQL keeps them: that
 * epoch is what lets a long hold its whole range, 4713 BC to 294276 AD, which microseconds
 * since 1970 would not (they end in 294247). Both codecs store timestamps so. Nanoseconds
 * below a microsecond are dropped: values reaching storage have already been rounded to
 * microseconds where they were made.
 */
final class TimeValues {

  /** 2000-01-01 00:00 UTC in seconds since 1970-01-01. */
  private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
  private static final long MICROS_PER_SECOND = 1_000_000L;
  private static final int NANOS_PER_MICRO = 1_000;

  private TimeValues() {}

  static long toPostgresMicros(LocalDateTime timestamp) {
    return postgresMicros(timestamp.toEpochSecond(ZoneOffset.UTC), timestamp.getNano(), "timestamp");
  }

  static long toPostgresMicros(Instant instant) {
    return postgresMicros(instant.getEpochSecond(), instant.getNano(), "timestamp with time zone");
  }

  static LocalDateTime toLocalDateTime(long postgresEpochMicros) {
    return LocalDateTime.ofEpochSecond(epochSecond(postgresEpochMicros), nanoOfSecond(postgresEpochMicros),
        ZoneOffset.UTC);
  }

  static Instant toInstant(long postgresEpochMicros) {
    return Instant.ofEpochSecond(epochSecond(postgresEpochMicros), nanoOfSecond(postgresEpochMicros));
  }

  private static long epochSecond(long postgresEpochMicros) {
    return Math.floorDiv(postgresEpochMicros, MICROS_PER_SECOND) + POSTGRES_EPOCH_SECOND;
  }

  private static long postgresMicros(long epochSecond, int nano, String typeName) {
    try {
      long seconds = Math.subtractExact(epochSecond, POSTGRES_EPOCH_SECOND);
      return Math.addExact(Math.multiplyExact(seconds, MICROS_PER_SECOND), nano / NANOS_PER_MICRO);
    } catch (ArithmeticException overflow) {
      // Far outside PostgreSQL's range (4713 BC to 294276 AD); earlier layers should have refused it.
      throw new SqlException(SqlState.DATETIME_FIELD_OVERFLOW, typeName + " out of range");
    }
  }

  private static int nanoOfSecond(long postgresEpochMicros) {
    return (int) Math.floorMod(postgresEpochMicros, MICROS_PER_SECOND) * NANOS_PER_MICRO;
  }
}
