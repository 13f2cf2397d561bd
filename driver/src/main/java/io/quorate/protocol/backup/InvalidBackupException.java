package io.quorate.protocol.backup;

/** A backup directory that cannot be restored from; the message says why in one sentence. */
public final class InvalidBackupException extends Exception {

  public InvalidBackupException(String message) {
    super(message);
  }
}
