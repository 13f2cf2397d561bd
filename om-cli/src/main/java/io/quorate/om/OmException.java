package io.quorate.om;

/** A failure om reports as one sentence with an exit code: 1 failed, 2 bad usage. */
final class OmException extends RuntimeException {

  static final int FAILED = 1;
  static final int USAGE = 2;

  private final int exitCode;

  OmException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  static OmException failed(String message) {
    return new OmException(message, FAILED);
  }

  static OmException usage(String message) {
    return new OmException(message, USAGE);
  }

  int exitCode() {
    return exitCode;
  }
}
