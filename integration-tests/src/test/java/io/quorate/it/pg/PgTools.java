package io.quorate.it.pg;

import io.quorate.it.process.ProcessCluster;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs Debian's stock PostgreSQL client programs (psql, pgbench) against a node, as a
 * user would: `integration-tests/install-test-tools` (run by ./run-tests) installs them.
 * Each run is bounded in time and its process is stopped by its own pid.
 */
final class PgTools {

  /** What a program printed (stdout and stderr, interleaved as written) and how it exited. */
  record Result(int exitCode, String output) {}

  private PgTools() {}

  /** The program on PATH, else the newest under /usr/lib/postgresql/VERSION/bin (where Debian keeps pgbench). */
  static String binary(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    Path versions = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(versions)) {
      try (Stream<Path> dirs = Files.list(versions)) {
        Path found = dirs.map(dir -> dir.resolve("bin").resolve(name)).filter(Files::isExecutable)
            .max(Comparator.comparing(path -> path.getParent().getParent().getFileName().toString())).orElse(null);
        if (found != null) {
          return found.toString();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException(name + " is not installed; run integration-tests/install-test-tools (./run-tests does)");
  }

  /** Runs {@code program} with connection flags for node {@code id} as the superuser, in {@code workDir}. */
  static Result run(ProcessCluster cluster, String id, Path workDir, Duration timeout, String program, String... args) {
    List<String> command = new ArrayList<>(List.of(binary(program), "-h", "127.0.0.1",
        "-p", Integer.toString(cluster.ports(id).clientPort()), "-U", ProcessCluster.SUPERUSER));
    command.addAll(List.of(args));
    Path output = workDir.resolve(program + "-" + System.nanoTime() + ".out");
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PGPASSWORD", cluster.superuserPassword());
    builder.environment().put("PGDATABASE", "quorate");
    builder.environment().put("PGCONNECT_TIMEOUT", "10");
    builder.environment().remove("PGSERVICE");
    try {
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(program + " did not finish within " + timeout.toSeconds() + " s; it printed:\n"
            + Files.readString(output, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted running " + program, e);
    }
  }
}
