package io.quorate.sql.session;

import io.quorate.sql.catalog.CatalogStore;
import io.quorate.sql.catalog.SequenceInfo;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.nio.ByteBuffer;

/**
 * nextval and setval, outside the caller's transaction as in PostgreSQL: each change
 * commits in a short transaction of its own, so a rolled-back transaction's numbers are
 * never handed out again and concurrent callers never wait for each other's commits.
 */
final class Sequences {

  private final KvStore store;

  Sequences(KvStore store) {
    this.store = store;
  }

  long next(SequenceInfo sequence) {
    try (KvTransaction transaction = store.begin(KvIsolation.READ_COMMITTED, false)) {
      byte[] key = CatalogStore.sequenceValueKey(sequence.id());
      byte[] current = transaction.lockForUpdate(key);
      long value;
      if (current == null) {
        value = sequence.start();
      } else {
        long last = ByteBuffer.wrap(current).getLong();
        boolean called = current.length > Long.BYTES && current[Long.BYTES] == 1;
        value = called ? advance(sequence, last) : last;
      }
      transaction.put(key, encode(value, true));
      transaction.commit();
      return value;
    }
  }

  private static long advance(SequenceInfo sequence, long last) {
    long next;
    try {
      next = Math.addExact(last, sequence.increment());
    } catch (ArithmeticException overflow) {
      next = sequence.increment() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
      if (!sequence.cycle()) {
        throw limit(sequence, sequence.increment() > 0);
      }
    }
    if (next > sequence.maxValue() || next < sequence.minValue()) {
      if (!sequence.cycle()) {
        throw limit(sequence, next > sequence.maxValue());
      }
      next = sequence.increment() > 0 ? sequence.minValue() : sequence.maxValue();
    }
    return next;
  }

  private static SqlException limit(SequenceInfo sequence, boolean maximum) {
    return new SqlException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached " + (maximum
        ? "maximum" : "minimum") + " value of sequence \"" + sequence.name() + "\" (" + (maximum
        ? sequence.maxValue() : sequence.minValue()) + ")");
  }

  long set(SequenceInfo sequence, long value, boolean called) {
    if (value < sequence.minValue() || value > sequence.maxValue()) {
      throw new SqlException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
          + " is out of bounds for sequence \"" + sequence.name() + "\" (" + sequence.minValue() + ".."
          + sequence.maxValue() + ")");
    }
    try (KvTransaction transaction = store.begin(KvIsolation.READ_COMMITTED, false)) {
      byte[] key = CatalogStore.sequenceValueKey(sequence.id());
      transaction.lockForUpdate(key);
      transaction.put(key, encode(value, called));
      transaction.commit();
      return value;
    }
  }

  private static byte[] encode(long value, boolean called) {
    return ByteBuffer.allocate(Long.BYTES + 1).putLong(value).put((byte) (called ? 1 : 0)).array();
  }
}
