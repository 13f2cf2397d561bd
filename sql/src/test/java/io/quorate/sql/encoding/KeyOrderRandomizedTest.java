package io.quorate.sql.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quorate.sql.types.SqlType;
import io.quorate.sql.types.ValueComparator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Proves, on random values, that key order equals SQL order and that keys decode back.
 * Each run picks a new seed and prints it in every failure; rerun a failure with
 * {@code -Dquorate.seed=<seed>}.
 */
class KeyOrderRandomizedTest {

  private static final int PAIRS = 3_000;

  private final long seed = Long.getLong("quorate.seed", System.nanoTime());
  private final Random random = new Random(seed);

  @Test
  void longs() {
    checkPairs(SqlType.BIGINT, this::randomLong, Comparator.comparingLong(value -> (Long) value));
  }

  @Test
  void doubles() {
    checkPairs(SqlType.DOUBLE, this::randomDouble, (left, right) ->
        Double.compare(postgresDouble((Double) left), postgresDouble((Double) right)));
  }

  @Test
  void numerics() {
    checkPairs(SqlType.NUMERIC, this::randomNumeric, (left, right) ->
        ((BigDecimal) left).compareTo((BigDecimal) right));
  }

  @Test
  void strings() {
    checkPairs(SqlType.TEXT, this::randomString, (left, right) ->
        Arrays.compare(((String) left).codePoints().toArray(), ((String) right).codePoints().toArray()));
  }

  @Test
  void textKeysSortAsTheEngineComparesText() {
    // The optimizer drops a sort on a text column for index order, so the two orders must agree.
    checkPairs(SqlType.TEXT, this::randomString,
        (left, right) -> ValueComparator.compareText((String) left, (String) right));
  }

  private void checkPairs(SqlType type, Supplier<Object> generator, Comparator<Object> sqlOrder) {
    for (int i = 0; i < PAIRS; i++) {
      Object left = generator.get();
      Object right = random.nextInt(10) == 0 ? left : generator.get();
      int expected = Integer.signum(sqlOrder.compare(left, right));
      for (boolean descending : new boolean[] {false, true}) {
        byte[] leftKey = KeyCodecTest.key(left, type, descending);
        byte[] rightKey = KeyCodecTest.key(right, type, descending);
        String message = "seed " + seed + ": " + type + (descending ? " DESC " : " ASC ") + left + " vs " + right;
        assertEquals(descending ? -expected : expected, Integer.signum(Arrays.compareUnsigned(leftKey, rightKey)),
            message);
        Object decoded = new KeyReader(leftKey).readValue(type, descending);
        assertEquals(0, sqlOrder.compare(left, decoded), message + ": read back as " + decoded);
      }
    }
  }

  /** PostgreSQL's view of a double: -0.0 equals 0.0 (Double.compare already puts NaN last). */
  private static double postgresDouble(double value) {
    return value == 0.0 ? 0.0 : value;
  }

  private Object randomLong() {
    // Shifting spreads the values over every byte length the encoding uses.
    return random.nextLong() >> random.nextInt(64);
  }

  private Object randomDouble() {
    return switch (random.nextInt(8)) {
      case 0 -> Double.longBitsToDouble(random.nextLong()); // any bits, NaNs and subnormals included
      case 1 -> new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.MIN_VALUE, -Double.MIN_VALUE}[random.nextInt(7)];
      default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    };
  }

  private Object randomNumeric() {
    BigInteger unscaled = new BigInteger(random.nextInt(130), random);
    if (random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    return new BigDecimal(unscaled, random.nextInt(80) - 40);
  }

  private Object randomString() {
    int[] alphabet = {0, 1, 'a', 'b', 0x7F, 0xE9, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF};
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(6);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString();
  }
}
