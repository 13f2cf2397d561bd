package io.quorate.sql.executor;

import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The characters of COPY FROM data, decoded from a stream of UTF-8 bytes one buffer at a
 * time: memory stays at the buffers' size however long the data is, and a character whose
 * bytes arrive in two reads (two CopyData messages) decodes whole. Invalid UTF-8 is 22021
 * naming the bad bytes, as PostgreSQL reports it.
 */
final class CopyInput {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();
  private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();
  private boolean endOfBytes;

  CopyInput(InputStream in) {
    this.in = in;
  }

  /** The next character, or -1 at the end of the data. */
  int read() {
    if (!chars.hasRemaining() && !decodeMore()) {
      return -1;
    }
    return chars.get();
  }

  /** Reads and drops the rest of the bytes without decoding them (what follows COPY's end marker). */
  void skipRest() {
    chars.position(chars.limit());
    bytes.position(bytes.limit());
    while (!endOfBytes) {
      readBytes();
    }
  }

  /** Refills the characters; false when the data has ended. */
  private boolean decodeMore() {
    chars.clear();
    while (chars.position() == 0) {
      CoderResult result = decoder.decode(bytes, chars, endOfBytes);
      if (result.isError()) {
        if (chars.position() > 0) {
          break; // the characters before the bad bytes first: data may end before them
        }
        throw invalidBytes();
      }
      if (chars.position() > 0 || endOfBytes) {
        break;
      }
      readBytes();
    }
    chars.flip();
    return chars.hasRemaining();
  }

  /** Appends the stream's next bytes after the undecoded ones (at most the start of one character). */
  private void readBytes() {
    bytes.compact();
    try {
      int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (read < 0) {
        endOfBytes = true;
      } else {
        bytes.position(bytes.position() + read);
      }
    } catch (IOException failed) {
      throw new SqlException(SqlState.IO_ERROR, "could not read COPY data: " + failed.getMessage());
    } finally {
      bytes.flip();
    }
  }

  /**
   * PostgreSQL's wording: the bad byte and the bytes its lead byte says belong to the same
   * character ({@code 0xc3 0x0a}).
   */
  private SqlException invalidBytes() {
    int lead = bytes.get(bytes.position()) & 0xFF;
    int sequenceLength = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : (lead & 0xF8) == 0xF0 ? 4 : 1;
    int length = Math.min(sequenceLength, bytes.remaining());
    StringBuilder shown = new StringBuilder();
    for (int i = 0; i < length; i++) {
      shown.append(i > 0 ? " " : "").append(String.format("0x%02x", bytes.get(bytes.position() + i) & 0xFF));
    }
    return new SqlException(SqlState.CHARACTER_NOT_IN_REPERTOIRE,
        "invalid byte sequence for encoding \"UTF8\": " + shown);
  }
}
