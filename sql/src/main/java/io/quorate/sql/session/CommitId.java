package io.quorate.sql.session;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Names one commit a client asks for, so that sending the request again after its answer
 * was lost (a failover, a dropped connection) makes the commit at most once. A client
 * keeps one {@code clientId} per connection and never reuses a {@code callId} with it;
 * call ids increase.
 *
 * @param clientId 1 to 64 bytes chosen by the client (a random UUID's 16 in practice)
 * @param callId the request's number for this client
 */
public record CommitId(byte[] clientId, long callId) {

  /** The longest client id accepted: enough for any UUID or hash, small enough to store per client. */
  public static final int MAX_CLIENT_ID_BYTES = 64;

  public CommitId {
    if (clientId == null || clientId.length == 0 || clientId.length > MAX_CLIENT_ID_BYTES) {
      throw new IllegalArgumentException("a client id must have 1 to " + MAX_CLIENT_ID_BYTES + " bytes");
    }
    clientId = clientId.clone();
  }

  @Override
  public byte[] clientId() {
    return clientId.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CommitId that && callId == that.callId && Arrays.equals(clientId, that.clientId);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(clientId) + Long.hashCode(callId);
  }

  @Override
  public String toString() {
    return "CommitId[" + HexFormat.of().formatHex(clientId) + "/" + callId + "]";
  }
}
