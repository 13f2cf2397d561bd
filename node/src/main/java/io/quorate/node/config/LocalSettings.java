package io.quorate.node.config;

import io.quorate.raft.cluster.ReplicaConfig;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The settings of one node that {@code om config set --node-id} may change, and
 * {@value #FILE_NAME} in the node's data dir where changes are saved. The node reads
 * that file at start after its flags and before its config file, so a saved change
 * outlives restarts and wins over the config file, while a flag still wins over it (the
 * answer to such a change says so). A change is checked as the loader checks the key,
 * against the values the node will start with next time, before anything is written.
 * Some keys take effect at once ({@link Definition#live}); the others at the next start.
 * Thread-safe.
 */
public final class LocalSettings {

  public static final String FILE_NAME = "node.auto.conf";

  /**
   * A setting a node keeps for itself.
   *
   * @param name the config file key (and flag without dashes)
   * @param allowed the values accepted, for messages and {@code om config list}
   * @param live whether a change takes effect at once (otherwise at the next start)
   */
  public record Definition(String name, String allowed, String description, boolean live) {}

  public static final List<Definition> DEFINITIONS = List.of(
      new Definition("max-connections", "1 .. " + ClientSettings.MAX_CONNECTIONS_LIMIT,
          "SQL connections this node accepts at once; more are refused with 53300", true),
      new Definition("election-timeout-min-ms", NodeConfig.MIN_ELECTION_TIMEOUT_MILLIS
          + " .. election-timeout-max-ms - 1",
          "Shortest time a standby waits without hearing from the primary before it starts an election", false),
      new Definition("election-timeout-max-ms", "election-timeout-min-ms + 1 .. " + Integer.MAX_VALUE,
          "Longest such wait; elections start at a random point between the two", false),
      new Definition("snapshot-threshold", NodeConfig.MIN_SNAPSHOT_THRESHOLD + " .. " + Long.MAX_VALUE + " entries",
          "Raft log entries between automatic snapshots; the log keeps as many before each", false));

  /**
   * One setting as this node has it.
   *
   * @param value in effect now
   * @param source where {@code value} came from: {@link NodeConfig#FLAG}, {@value #FILE_NAME},
   *     the config file's path, or {@code default}
   * @param pendingValue saved for the next start and not in effect yet; null when none
   */
  public record State(Definition definition, String value, String defaultValue, String source, String pendingValue) {}

  /**
   * What a change did.
   *
   * @param note for the operator when the change will not show as expected, else null
   */
  public record Change(State state, String previousValue, boolean inEffectNow, String note) {}

  private final Path file;
  private final Map<String, String> running = new LinkedHashMap<>();
  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<String, String> saved = new LinkedHashMap<>();
  /** Keys the node was started with a flag for: the flag wins over the saved value at every start. */
  private final Set<String> flags = new HashSet<>();
  private final Map<String, Consumer<String>> appliers = new ConcurrentHashMap<>();

  /** The node's settings as {@code config} loaded them, with its data dir's saved file. */
  public LocalSettings(NodeConfig config) {
    this.file = config.dataDir().resolve(FILE_NAME);
    running.put("max-connections", Integer.toString(config.client().maxConnections()));
    running.put("election-timeout-min-ms", Long.toString(config.tuning().electionTimeoutMin().toMillis()));
    running.put("election-timeout-max-ms", Long.toString(config.tuning().electionTimeoutMax().toMillis()));
    running.put("snapshot-threshold", Long.toString(config.tuning().snapshotThresholdEntries()));
    for (String name : running.keySet()) {
      sources.put(name, config.sources().getOrDefault(name, "default"));
      if (NodeConfig.FLAG.equals(sources.get(name))) {
        flags.add(name);
      }
    }
    if (Files.exists(file)) {
      try {
        for (NodeConfig.FileLine line : NodeConfig.readFile(file, NodeConfig.fieldsByName())) {
          saved.put(line.key(), line.value());
        }
      } catch (ConfigException e) {
        // NodeConfig.load read the same file a moment ago
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  /** Has {@code applier} called with the new value when the live setting {@code name} changes. */
  public void whenChanged(String name, Consumer<String> applier) {
    if (!known(name).live()) {
      throw new IllegalArgumentException(name + " takes effect only at a restart");
    }
    appliers.put(name, applier);
  }

  public static Optional<Definition> definition(String name) {
    return DEFINITIONS.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** Every setting, in {@link #DEFINITIONS} order. */
  public synchronized List<State> states() {
    return DEFINITIONS.stream().map(d -> state(d.name())).toList();
  }

  public synchronized State state(String name) {
    Definition definition = known(name);
    String value = running.get(name);
    String pending = saved.get(name);
    boolean pendingDiffers = pending != null && !pending.equals(value) && !flags.contains(name);
    return new State(definition, value, defaultValue(name), sources.get(name), pendingDiffers ? pending : null);
  }

  /**
   * Checks {@code value} for {@code name} and saves it; a live setting takes effect at
   * once. Nothing is written when the name is unknown or the value is refused.
   *
   * @throws ConfigException with one sentence naming the allowed values
   */
  public synchronized Change set(String name, String value) throws ConfigException {
    Definition definition = require(name);
    String normalised;
    try {
      normalised = NodeConfig.parse(name, value.strip()).toString();
    } catch (ConfigException notANumber) {
      throw new ConfigException(name + " must be a whole number in " + definition.allowed() + ", got '" + value + "'");
    }
    Map<String, String> next = nextStart();
    next.put(name, normalised);
    check(next);
    String previous = running.get(name);
    Map<String, String> newSaved = new LinkedHashMap<>(saved);
    newSaved.put(name, normalised);
    write(newSaved);
    if (definition.live()) {
      Consumer<String> applier = appliers.get(name);
      if (applier == null) {
        throw new IllegalStateException("no applier registered for the live setting " + name);
      }
      applier.accept(normalised);
      running.put(name, normalised);
      sources.put(name, FILE_NAME);
    }
    String note = flags.contains(name) ? "the node was started with --" + name
        + ", which wins over " + FILE_NAME + ": the flag's value applies again at the next start" : null;
    return new Change(state(name), previous, definition.live(), note);
  }

  /**
   * Removes a saved value, so the next start takes the config file's value or the
   * default; the value in effect now does not change.
   */
  public synchronized Change reset(String name) throws ConfigException {
    require(name);
    Map<String, String> newSaved = new LinkedHashMap<>(saved);
    boolean wasSaved = newSaved.remove(name) != null;
    if (wasSaved) {
      write(newSaved);
    }
    String note = wasSaved ? "removed from " + FILE_NAME + "; from the next start the config file's value or the"
        + " default (" + defaultValue(name) + ") applies" : "nothing was saved for " + name;
    return new Change(state(name), running.get(name), false, note);
  }

  /** Refuses keys of a saved file that om config cannot have written. */
  static void checkKeys(List<NodeConfig.FileLine> lines) throws ConfigException {
    for (NodeConfig.FileLine line : lines) {
      if (definition(line.key()).isEmpty()) {
        throw new ConfigException(line.where() + ": '" + line.key() + "' cannot be set in " + FILE_NAME
            + "; it holds only " + names());
      }
    }
  }

  private static Definition known(String name) {
    return definition(name).orElseThrow(() -> new IllegalArgumentException("unknown node setting " + name));
  }

  private static Definition require(String name) throws ConfigException {
    Optional<Definition> definition = definition(name);
    if (definition.isEmpty()) {
      throw new ConfigException("unknown node setting '" + name + "'; node settings: " + names());
    }
    return definition.get();
  }

  private static String names() {
    return DEFINITIONS.stream().map(d -> d.name() + " (" + d.allowed() + ")").collect(Collectors.joining(", "));
  }

  /** The values the node would start with: a flag's stays, else the saved one, else the one now. */
  private Map<String, String> nextStart() {
    Map<String, String> next = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : running.entrySet()) {
      String name = entry.getKey();
      next.put(name, flags.contains(name) ? entry.getValue()
          : saved.getOrDefault(name, entry.getValue()));
    }
    return next;
  }

  /** The loader's own checks, over a complete set of values. */
  private static void check(Map<String, String> values) throws ConfigException {
    ClientSettings.checkMaxConnections(Long.parseLong(values.get("max-connections")));
    NodeConfig.checkElectionTimeouts(Long.parseLong(values.get("election-timeout-min-ms")),
        Long.parseLong(values.get("election-timeout-max-ms")));
    NodeConfig.checkSnapshotThreshold(Long.parseLong(values.get("snapshot-threshold")));
  }

  private static String defaultValue(String name) {
    ReplicaConfig.Tuning tuning = ReplicaConfig.Tuning.defaults();
    return switch (name) {
      case "max-connections" -> Integer.toString(ClientSettings.DEFAULT_MAX_CONNECTIONS);
      case "election-timeout-min-ms" -> Long.toString(tuning.electionTimeoutMin().toMillis());
      case "election-timeout-max-ms" -> Long.toString(tuning.electionTimeoutMax().toMillis());
      case "snapshot-threshold" -> Long.toString(tuning.snapshotThresholdEntries());
      default -> throw new IllegalArgumentException(name);
    };
  }

  /** Replaces the file atomically (a temporary file renamed over it), then the saved values. */
  private void write(Map<String, String> values) throws ConfigException {
    StringBuilder text = new StringBuilder("# Written by om config set --node-id; read at start after the flags and"
        + " before the config file.\n# Change it with om config set/reset rather than by hand.\n");
    for (Definition definition : DEFINITIONS) {
      if (values.containsKey(definition.name())) {
        text.append(definition.name()).append(" = ").append(values.get(definition.name())).append('\n');
      }
    }
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
        channel.force(true); // a change om reported as saved survives a power loss
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ConfigException("Cannot save " + file + ": " + e.getMessage());
    }
    saved.clear();
    saved.putAll(values);
  }
}
