package io.quorate.protocol.http2;

/**
 * A stream's received DATA, cut into gRPC's length-prefixed messages (a compressed flag
 * byte, then the length as 4 bytes): DATA payloads are read straight into {@link #array}
 * after {@link #end}, and complete messages are taken from {@link #start}. Used by one
 * thread at a time.
 */
public final class MessageInbox {

  /** A message this side does not take: compressed, or larger than allowed. */
  public static final class Refused extends RuntimeException {
    private final boolean tooLarge;

    Refused(String message, boolean tooLarge) {
      super(message);
      this.tooLarge = tooLarge;
    }

    /** Whether it was refused for its size (else for its compression). */
    public boolean tooLarge() {
      return tooLarge;
    }
  }

  private static final int INITIAL = 8192;

  private int maxMessageBytes;
  /** Kept for the stream's life only up to this size: a large message's buffer is let go. */
  private final int keepBytes;
  private byte[] array = new byte[INITIAL];
  private int start;
  private int end;

  /**
   * @param maxMessageBytes the largest message accepted
   * @param keepBytes the largest buffer kept once it is empty again
   */
  public MessageInbox(int maxMessageBytes, int keepBytes) {
    this.maxMessageBytes = maxMessageBytes;
    this.keepBytes = keepBytes;
  }

  /**
   * Makes room for {@code length} more bytes and returns the array to read them into, at
   * {@link #end}; then {@link #added} says how many of them are message bytes.
   */
  public byte[] room(int length) {
    if (end + length > array.length) {
      int live = end - start;
      byte[] bigger = live + length > array.length ? new byte[Math.max(array.length * 2, live + length)] : array;
      System.arraycopy(array, start, bigger, 0, live);
      array = bigger;
      start = 0;
      end = live;
    }
    return array;
  }

  /** Changes the largest message accepted from the next one on. */
  public void limit(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /** Where the next DATA payload goes in {@link #room}'s array. */
  public int end() {
    return end;
  }

  /**
   * Takes in a DATA payload of {@code length} bytes just read at {@link #end}, dropping its
   * padding when the frame is padded; false (nothing taken) when the padding is longer than
   * the frame.
   */
  public boolean added(int length, boolean padded) {
    int offset = end;
    int stop = end + length;
    if (padded) {
      offset = end + 1;
      stop -= length == 0 ? 0 : array[end] & 0xff;
      if (stop < offset) {
        return false;
      }
      System.arraycopy(array, offset, array, end, stop - offset);
    }
    end += stop - offset;
    return true;
  }

  /**
   * The size of the next message if it is all here, else -1.
   *
   * @throws Refused the message is compressed or larger than allowed
   */
  public int nextSize() {
    if (end - start < 5) {
      return -1;
    }
    if (array[start] != 0) {
      throw new Refused("a compressed message, though none was offered", false);
    }
    int size = Http2.readInt(array, start + 1);
    if (size < 0 || size > maxMessageBytes) {
      throw new Refused("a message of " + Integer.toUnsignedString(size) + " bytes, more than the "
          + maxMessageBytes + " allowed", true);
    }
    return end - start - 5 < size ? -1 : size;
  }

  /** Whether no byte of a message is waiting (a stream that ends now ends between messages). */
  public boolean isEmpty() {
    return start == end;
  }

  /** The array holding the next message, at {@link #messageOffset}. */
  public byte[] array() {
    return array;
  }

  public int messageOffset() {
    return start + 5;
  }

  /** Drops the next message, of {@code size} bytes, once it has been read. */
  public void take(int size) {
    start += 5 + size;
    if (start == end) {
      start = 0;
      end = 0;
      if (array.length > keepBytes) {
        array = new byte[INITIAL];
      }
    }
  }
}
