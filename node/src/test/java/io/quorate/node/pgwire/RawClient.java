package io.quorate.node.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare protocol client for tests that send what pgjdbc never would. Trust authentication only. */
final class RawClient implements AutoCloseable {

  /** A backend message: its type and body. */
  record Message(char type, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Sends a StartupMessage for {@code user} and reads up to the first ReadyForQuery. */
  RawClient startup(String user) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(body);
    data.writeInt(196_608);
    for (String part : new String[] {"user", user, "database", "quorate"}) {
      data.write(part.getBytes(StandardCharsets.UTF_8));
      data.write(0);
    }
    data.write(0);
    out.writeInt(body.size() + 4);
    out.write(body.toByteArray());
    out.flush();
    readUntil('Z');
    return this;
  }

  /** A typed message with {@code body}. */
  void send(char type, byte[] body) throws IOException {
    out.write(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Half-closes the connection: the server reads end-of-stream after what was sent. */
  void finishSending() throws IOException {
    socket.shutdownOutput();
  }

  void query(String sql) throws IOException {
    send('Q', cString(sql));
  }

  static byte[] cString(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    byte[] terminated = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, terminated, 0, bytes.length);
    return terminated;
  }

  Message read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int length = in.readInt();
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message(type, body);
  }

  /** Reads messages until one of {@code type}; returns the ErrorResponse seen on the way, if any, else that message. */
  Message readUntil(char type) throws IOException {
    Message error = null;
    while (true) {
      Message message = read();
      if (message.type() == 'E' && error == null) {
        error = message;
      }
      if (message.type() == type) {
        return error != null ? error : message;
      }
    }
  }

  /** True when the server closed the connection (after any messages still in flight). */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        read();
      }
    } catch (EOFException | java.net.SocketException closed) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
