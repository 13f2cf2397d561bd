package io.quorate.raft.bench;

import io.quorate.raft.cluster.Peer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Loopback peers, temporary directories and condition waits for the benchmark's clusters. */
final class BenchCluster {

  private BenchCluster() {}

  static List<Peer> loopbackPeers(int count) {
    List<Peer> peers = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        peers.add(new Peer("b" + i, "127.0.0.1", socket.getLocalPort()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return peers;
  }

  /** Polls {@code probe} until it returns non-null (60 s at most). */
  static <T> T await(String what, Supplier<T> probe) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      T value;
      try {
        value = probe.get();
      } catch (RuntimeException e) {
        value = null;
      }
      if (value != null) {
        return value;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out waiting for " + what);
      }
      try {
        Thread.sleep(50); // polling interval of a condition wait
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted waiting for " + what, e);
      }
    }
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("quorate-bench-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
