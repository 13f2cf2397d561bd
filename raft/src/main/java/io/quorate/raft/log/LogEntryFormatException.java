package io.quorate.raft.log;

/**
 * Bytes that are not a log entry this replica can apply: corrupt, truncated, or written
 * by a newer format version. A replica must stop rather than skip such an entry.
 */
public final class LogEntryFormatException extends RuntimeException {
  public LogEntryFormatException(String message) {
    super(message);
  }

  public LogEntryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
