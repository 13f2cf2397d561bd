package io.quorate.protocol.http2;

/**
 * What the peer's SETTINGS frames said that a sender must respect: the initial window of
 * each stream and the largest frame. Used by one thread at a time.
 */
public final class PeerSettings {

  private int initialWindow = Http2.DEFAULT_WINDOW;
  private int maxFrame = Http2.DEFAULT_MAX_FRAME;

  /**
   * Takes in a SETTINGS frame's payload (not an acknowledgement's) and returns how much
   * the initial window grew (negative if it shrank), which RFC 9113 6.9.2 applies to every
   * open stream's send window.
   *
   * @throws IllegalArgumentException what is wrong with the frame, for a connection error
   */
  public long apply(byte[] payload) {
    if (payload.length % 6 != 0) {
      throw new IllegalArgumentException("a SETTINGS frame of " + payload.length + " bytes");
    }
    long grown = 0;
    for (int i = 0; i < payload.length; i += 6) {
      int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
      int value = Http2.readInt(payload, i + 2);
      if (id == Http2.SETTINGS_INITIAL_WINDOW_SIZE) {
        if (value < 0) {
          throw new IllegalArgumentException("an initial window of " + Integer.toUnsignedString(value) + " bytes");
        }
        grown += (long) value - initialWindow;
        initialWindow = value;
      } else if (id == Http2.SETTINGS_MAX_FRAME_SIZE) {
        if (value < Http2.DEFAULT_MAX_FRAME || value > (1 << 24) - 1) {
          throw new IllegalArgumentException("a maximum frame size of " + Integer.toUnsignedString(value) + " bytes");
        }
        maxFrame = value;
      }
    }
    return grown;
  }

  /** The send window a stream starts with. */
  public int initialWindow() {
    return initialWindow;
  }

  /** The largest frame payload the peer accepts. */
  public int maxFrame() {
    return maxFrame;
  }
}
