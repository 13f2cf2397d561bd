package io.quorate.it.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A private network of Linux network namespaces, one per node, so that a test can cut
 * the network between nodes. Each slot {@code k} (1..n) is a namespace with one address,
 * {@code 10.213.S.k/24}, on a bridge that lives in a hub namespace of its own; the test's
 * own namespace joins the bridge as {@code 10.213.S.254}, so clients reach every node
 * whatever the partition. A partition is a set of blackhole routes between node addresses,
 * added in both directions: nothing passes between the two sides, while clients keep
 * reaching every node. (A sender's packets to a blackhole are refused at once, so a
 * node sees errors where a cut cable would give it timeouts; either way it hears nothing
 * from the other side.) Needs root; {@link #unavailable()} says why not.
 * Nothing touches the host's own interfaces but the one veth this network adds, and
 * {@link #close()} deletes the namespaces, which removes it.
 */
final class Netns implements AutoCloseable {

  private static final String SUBNET_PREFIX = "10.213.";
  private static final Path LOCK_FILE = Path.of(System.getProperty("java.io.tmpdir"), "quorate-netns.lock");
  private static final long COMMAND_TIMEOUT_SECONDS = 10;

  private final String name;
  private final String subnet;
  private final int slots;
  private final List<String> blackholes = new ArrayList<>();

  private Netns(String name, String subnet, int slots) {
    this.name = name;
    this.subnet = subnet;
    this.slots = slots;
  }

  /** Why namespaces cannot be made here (not root, no {@code ip}), or empty if they can. */
  static Optional<String> unavailable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("network partitions need root (Linux network namespaces); running as "
          + System.getProperty("user.name"));
    }
    String probe = "qprobe" + ProcessHandle.current().pid();
    try {
      run("ip", "netns", "add", probe);
      try {
        run("ip", "-n", probe, "link", "add", "p0", "type", "veth", "peer", "name", "p1");
        run("ip", "-n", probe, "link", "add", "b0", "type", "bridge");
        run("ip", "netns", "exec", probe, "true");
      } finally {
        run("ip", "netns", "delete", probe);
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("cannot make network namespaces with veth pairs and a bridge with ip(8): " + e.getMessage());
    }
  }

  /** Makes the hub and {@code slots} node namespaces, each with its address. */
  static Netns create(int slots) {
    long pid = ProcessHandle.current().pid();
    String name = "qf" + pid;
    deleteLeftovers(name);
    // Two test JVMs must not pick the same subnet between looking and taking it.
    try (FileChannel lock = FileChannel.open(LOCK_FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = lock.lock()) {
      Netns net = new Netns(name, freeSubnet(pid), slots);
      try {
        net.build();
        return net;
      } catch (RuntimeException e) {
        net.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Namespaces of a dead test JVM that had this pid (pids repeat in containers), with their processes. */
  private static void deleteLeftovers(String name) {
    for (String line : run("ip", "netns", "list").split("\n")) {
      String ns = line.split(" ")[0];
      if (ns.matches(Pattern.quote(name) + "(hub|n\\d+)")) {
        System.out.println("[netns] deleting " + ns + ", left by an earlier run");
        deleteNamespace(ns);
      }
    }
  }

  /** A /24 under 10.213/16 that no route of this host covers yet. */
  private static String freeSubnet(long pid) {
    String routes = run("ip", "-4", "route", "show", "table", "all");
    for (int i = 0; i < 200; i++) {
      String subnet = SUBNET_PREFIX + (int) ((pid + i) % 200 + 20) + ".";
      if (!routes.contains(subnet)) {
        return subnet;
      }
    }
    throw new IllegalStateException("no free 10.213.x.0/24 subnet for the test network");
  }

  private void build() {
    String hub = hub();
    run("ip", "netns", "add", hub);
    run("ip", "-n", hub, "link", "add", "br0", "type", "bridge");
    run("ip", "-n", hub, "link", "set", "br0", "up");
    for (int k = 1; k <= slots; k++) {
      String ns = namespace(k);
      run("ip", "netns", "add", ns);
      run("ip", "-n", hub, "link", "add", "v" + k, "type", "veth", "peer", "name", "eth0", "netns", ns);
      run("ip", "-n", hub, "link", "set", "v" + k, "master", "br0", "up");
      run("ip", "-n", ns, "addr", "add", address(k) + "/24", "dev", "eth0");
      run("ip", "-n", ns, "link", "set", "eth0", "up");
      run("ip", "-n", ns, "link", "set", "lo", "up");
    }
    // The test's end: a veth from this namespace to the bridge, for clients and om.
    String host = name + "h";
    run("ip", "link", "add", host, "type", "veth", "peer", "name", "vhost", "netns", hub);
    run("ip", "-n", hub, "link", "set", "vhost", "master", "br0", "up");
    run("ip", "addr", "add", subnet + "254/24", "dev", host);
    run("ip", "link", "set", host, "up");
  }

  int slots() {
    return slots;
  }

  /** The address of slot {@code k}: where its node listens. */
  String address(int k) {
    checkSlot(k);
    return subnet + k;
  }

  String namespace(int k) {
    checkSlot(k);
    return name + "n" + k;
  }

  private String hub() {
    return name + "hub";
  }

  /** {@code command} run inside slot {@code k}'s namespace. */
  List<String> inside(int k, List<String> command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace(k)));
    full.addAll(command);
    return full;
  }

  /** Cuts every link between a slot of {@code side} and a slot of {@code other}, both ways. */
  synchronized void partition(Collection<Integer> side, Collection<Integer> other) {
    for (int a : side) {
      for (int b : other) {
        blackhole(a, b);
        blackhole(b, a);
      }
    }
  }

  private void blackhole(int from, int to) {
    run("ip", "-n", namespace(from), "route", "add", "blackhole", address(to) + "/32");
    blackholes.add(from + ">" + to);
  }

  /** Removes every cut: all nodes reach each other again. */
  synchronized void heal() {
    for (String cut : List.copyOf(blackholes)) {
      int from = Integer.parseInt(cut.substring(0, cut.indexOf('>')));
      int to = Integer.parseInt(cut.substring(cut.indexOf('>') + 1));
      run("ip", "-n", namespace(from), "route", "del", "blackhole", address(to) + "/32");
      blackholes.remove(cut);
    }
  }

  /** Deletes every namespace this network made (their interfaces go with them). */
  @Override
  public void close() {
    List<String> namespaces = new ArrayList<>();
    for (int k = 1; k <= slots; k++) {
      namespaces.add(namespace(k));
    }
    namespaces.add(hub());
    List<String> existing = List.of(run("ip", "netns", "list").split("\n")).stream().map(l -> l.split(" ")[0])
        .toList();
    for (String ns : namespaces) {
      if (existing.contains(ns)) {
        deleteNamespace(ns);
      }
    }
  }

  /** Kills what still runs in namespace {@code ns} (by pid), then deletes it. */
  private static void deleteNamespace(String ns) {
    try {
      for (String pid : run("ip", "netns", "pids", ns).split("\\s+")) {
        if (!pid.isBlank()) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
          });
        }
      }
      run("ip", "netns", "delete", ns);
    } catch (RuntimeException e) {
      System.out.println("[netns] could not delete " + ns + ": " + e.getMessage());
    }
  }

  private void checkSlot(int k) {
    if (k < 1 || k > slots) {
      throw new IllegalArgumentException("slot " + k + " is not in 1.." + slots);
    }
  }

  /** Runs a command that must succeed within its timeout; returns its output. */
  private static String run(String... command) {
    try {
      Path out = Files.createTempFile("quorate-netns-", ".out");
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS
              + " s");
        }
        return checked(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    }
  }

  private static String checked(String[] command, int exit, String text) {
    if (exit != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (exit " + exit + "): " + text.strip());
    }
    return text;
  }
}
