package io.quorate.driver;

import io.quorate.protocol.v1.SessionResponse;
import java.util.List;

/**
 * One response of the Session stream as the driver reads it ({@link ResponseDecoder}):
 * rows and the end of a statement, which carry results, are decoded into the driver's
 * own types; every other kind of response stays the protocol's message.
 */
sealed interface Response {

  /**
   * A {@code Result}: rows of one statement, each an array of its values (null for SQL
   * NULL, else a Long, Boolean, String or byte[], as the value travelled); {@code columns}
   * is empty in a batch after the first.
   */
  record Rows(List<ResultColumn> columns, List<Object[]> rows) implements Response {}

  /**
   * A {@code Completed}: the end of one statement, with its last rows ({@code result},
   * null for a statement that returns none). {@code transactionStatus} is 'I', 'T' or 'E'.
   */
  record Done(long requestId, String commandTag, List<String> notices, char transactionStatus,
      boolean last, Rows result, boolean suspended) implements Response {}

  /** Any other response (opened, challenge, error, pong): rare, so protobuf decodes it. */
  record Other(SessionResponse message) implements Response {}
}
