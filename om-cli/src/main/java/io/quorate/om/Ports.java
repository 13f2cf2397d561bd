package io.quorate.om;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;

/** Free ports on this machine for new local nodes. */
final class Ports {

  private Ports() {}

  /**
   * A free port in 20000-32767, not in {@code taken} (to which it is added). Ports om
   * picks are kept in the cluster file for good, so they come from below Linux's
   * ephemeral range (32768-60999), where an outgoing connection could take one later.
   */
  static int free(Set<Integer> taken) {
    java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = random.nextInt(20000, 32768);
      if (!taken.contains(port) && isFree("127.0.0.1", port)) {
        taken.add(port);
        return port;
      }
    }
    throw OmException.failed("cannot find a free port in 20000-32767");
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
