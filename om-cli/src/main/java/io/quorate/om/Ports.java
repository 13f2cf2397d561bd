package io.quorate.om;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Free ports on this machine for new local nodes. */
final class Ports {

  private Ports() {}

  /** A port the OS reports free now, not in {@code taken} (to which it is added). */
  static int free(Set<Integer> taken) {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (taken.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw OmException.failed("cannot find a free port: " + e.getMessage());
      }
    }
    throw OmException.failed("cannot find a free port");
  }

  /** The first port at or above {@code from} that is free on loopback and not in {@code taken}. */
  static int freeFrom(int from, Set<Integer> taken) {
    for (int port = from; port <= 65535; port++) {
      if (!taken.contains(port) && isFree("127.0.0.1", port)) {
        taken.add(port);
        return port;
      }
    }
    throw OmException.failed("no free port at or above " + from);
  }

  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
