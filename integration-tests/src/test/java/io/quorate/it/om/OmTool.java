package io.quorate.it.om;

import io.quorate.it.process.ProcessCluster;
import io.quorate.raft.store.Directories;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs the distribution's {@code bin/om} as a user would, one process per command, and
 * owns a directory for the clusters it creates. Closing stops every node process whose
 * pid file lies under that directory or whose command line names a data directory
 * under it (by its own pid: SIGTERM, then SIGKILL) and
 * deletes the directory; after {@link #keepLogs()} it first copies every node's log to
 * {@code target/om-node-logs} and prints their last lines, so a failed run can be read.
 */
public final class OmTool implements AutoCloseable {

  /** One command's exit code and output. */
  public record Result(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private static final long COMMAND_TIMEOUT_SECONDS = 300;
  private static final int LOG_TAIL_LINES = 60;

  private final Path om = ProcessCluster.distribution().resolve("bin/om");
  private final Path root;
  private volatile boolean keepLogs;

  public OmTool() {
    try {
      root = Files.createTempDirectory("quorate-om-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path root() {
    return root;
  }

  public Result run(String... args) {
    return run(line -> { }, args);
  }

  /**
   * Runs a command, handing each line of its standard output to {@code onLine} as it
   * appears (om prints the commands that start nodes on other hosts, then waits for them).
   */
  public Result run(Consumer<String> onLine, String... args) {
    long started = System.nanoTime();
    List<String> command = new ArrayList<>(List.of(om.toString()));
    command.addAll(List.of(args));
    try {
      Path err = Files.createTempFile(root, "om-", ".err");
      Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
      process.getOutputStream().close();
      StringBuilder out = new StringBuilder();
      AtomicReference<Throwable> handlerFailure = new AtomicReference<>();
      Thread reader = Thread.ofPlatform().name("om-output")
          .start(() -> readLines(process, out, onLine, handlerFailure));
      if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        reader.join(TimeUnit.SECONDS.toMillis(10));
        throw new AssertionError("om " + String.join(" ", args) + " did not finish in " + COMMAND_TIMEOUT_SECONDS
            + " s; output so far:\n" + snapshot(out) + Files.readString(err));
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      if (handlerFailure.get() != null) {
        throw new AssertionError("handling the output of om " + String.join(" ", args) + " failed; its output:\n"
            + snapshot(out) + Files.readString(err), handlerFailure.get());
      }
      if (reader.isAlive()) {
        throw new AssertionError("om " + String.join(" ", args) + " exited, but its output did not end within 10 s");
      }
      Result result = new Result(process.exitValue(), snapshot(out), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(err);
      System.out.printf("om %s: exit %d in %d ms%n", String.join(" ", args), result.code(),
          (System.nanoTime() - started) / 1_000_000);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running om", e);
    }
  }

  /** Collects om's output and hands it to {@code onLine}; if that fails, stops om and keeps the failure. */
  private static void readLines(Process process, StringBuilder out, Consumer<String> onLine,
      AtomicReference<Throwable> handlerFailure) {
    try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        synchronized (out) {
          out.append(line).append('\n');
        }
        if (handlerFailure.get() == null) {
          try {
            onLine.accept(line);
          } catch (RuntimeException | AssertionError e) {
            handlerFailure.set(e);
            process.destroyForcibly();
          }
        }
      }
    } catch (IOException e) {
      synchronized (out) {
        out.append("(reading om's output failed: ").append(e.getMessage()).append(")\n");
      }
    }
  }

  private static String snapshot(StringBuilder out) {
    synchronized (out) {
      return out.toString();
    }
  }

  /** Runs a command that must succeed; fails the test with its output otherwise. */
  public Result ok(String... args) {
    return ok(line -> { }, args);
  }

  /** {@link #ok(String...)}, handing each output line to {@code onLine} as it appears. */
  public Result ok(Consumer<String> onLine, String... args) {
    Result result = run(onLine, args);
    if (result.code() != 0) {
      throw new AssertionError("om " + String.join(" ", args) + " failed:\n" + result);
    }
    return result;
  }

  /** The pid in a node's pid file, if that process runs and is the node of {@code dataDir} (pids get reused). */
  public static Optional<ProcessHandle> process(Path dataDir) {
    try {
      return ProcessHandle.of(Long.parseLong(Files.readString(dataDir.resolve("node.pid")).strip()))
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains(dataDir.toString())).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** SIGKILL to the node whose data is in {@code dataDir}, waiting until it is gone. */
  public static void kill9(Path dataDir) {
    ProcessHandle process = process(dataDir).orElseThrow(() -> new AssertionError("no node runs in " + dataDir));
    process.destroyForcibly();
    process.onExit().join();
  }

  /** Have {@link #close()} keep the nodes' logs: a test failed. */
  public void keepLogs() {
    keepLogs = true;
  }

  /** A test watcher that calls {@link #keepLogs()} on the tool {@code om} supplies when a test fails. */
  public static TestWatcher keepLogsOnFailure(Supplier<OmTool> om) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        OmTool tool = om.get();
        if (tool != null) {
          tool.keepLogs();
        }
      }
    };
  }

  @Override
  public void close() {
    List<Path> pidFiles;
    try (Stream<Path> walk = Files.walk(root)) {
      pidFiles = walk.filter(p -> p.getFileName().toString().equals("node.pid")).toList();
    } catch (IOException e) {
      pidFiles = List.of();
    }
    List<ProcessHandle> nodes = new ArrayList<>();
    for (Path pidFile : pidFiles) {
      process(pidFile.getParent()).ifPresent(nodes::add);
    }
    // Also any node serving a data directory under the root whose pid file names another
    // process (a test that failed half-way, or a second start that lost the race): found
    // by its own command line, which names the directory, and stopped by its pid.
    String under = root.toString() + "/";
    ProcessHandle.allProcesses()
        .filter(p -> p.info().arguments().map(a -> List.of(a).stream().anyMatch(arg -> arg.startsWith(under)))
            .orElse(false))
        .filter(p -> !nodes.contains(p))
        .forEach(nodes::add);
    for (ProcessHandle p : nodes) {
      p.destroy();
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
        p.onExit().join();
      }
    }
    if (keepLogs) {
      copyNodeLogs();
    }
    Directories.deleteTree(root);
  }

  private void copyNodeLogs() {
    Path target = Path.of("target", "om-node-logs", root.getFileName().toString());
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path log : walk.filter(p -> p.getFileName().toString().equals("node.log")).sorted().toList()) {
        Path copy = target.resolve(root.relativize(log));
        Files.createDirectories(copy.getParent());
        Files.copy(log, copy);
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        System.out.printf("--- last lines of %s (whole log in %s)%n", root.relativize(log), copy.toAbsolutePath());
        lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(System.out::println);
      }
    } catch (IOException e) {
      System.out.println("could not keep the node logs: " + e);
    }
  }
}
