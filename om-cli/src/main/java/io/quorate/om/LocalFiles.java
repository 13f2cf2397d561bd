package io.quorate.om;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree work om does on this machine (data directories, backups). */
final class LocalFiles {

  private LocalFiles() {}

  /** Deletes {@code root} and everything below it; nothing happens if it does not exist. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw OmException.failed("cannot delete " + root + ": " + e.getMessage());
    }
  }
}
