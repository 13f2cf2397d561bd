package io.quorate.node.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that node settings changed through om are checked as the loader checks them,
 * written only when accepted, and read back at the next start between the flags and the
 * config file.
 */
class LocalSettingsTest {

  @TempDir
  Path dir;

  private NodeOptions options() {
    return NodeConfigTest.valid(dir);
  }

  private LocalSettings settings(NodeOptions options) throws ConfigException, IOException {
    Files.createDirectories(dir.resolve("n1"));
    return new LocalSettings(NodeConfig.load(options));
  }

  private Path autoFile() {
    return dir.resolve("n1").resolve(LocalSettings.FILE_NAME);
  }

  @Test
  void aLiveSettingAppliesAtOnceAndOthersAtTheNextStart() throws Exception {
    LocalSettings settings = settings(options());
    List<String> applied = new ArrayList<>();
    settings.whenChanged("max-connections", applied::add);

    LocalSettings.Change live = settings.set("max-connections", " 0250 ");
    assertTrue(live.inEffectNow());
    assertEquals(List.of("250"), applied);
    assertEquals("100", live.previousValue());
    assertEquals("250", live.state().value());
    assertEquals(LocalSettings.FILE_NAME, live.state().source());
    assertNull(live.note());

    LocalSettings.Change later = settings.set("snapshot-threshold", "1000");
    assertFalse(later.inEffectNow());
    assertEquals("10000", later.state().value(), "still the value the node started with");
    assertEquals("1000", later.state().pendingValue());

    NodeConfig restarted = NodeConfig.load(options());
    assertEquals(250, restarted.client().maxConnections());
    assertEquals(1000, restarted.tuning().snapshotThresholdEntries());
    assertEquals(LocalSettings.FILE_NAME, restarted.sources().get("snapshot-threshold"));
    assertNull(new LocalSettings(restarted).state("snapshot-threshold").pendingValue(), "in effect after the start");
  }

  @Test
  void unknownKeysAndBadValuesAreRefusedAndNothingIsWritten() throws Exception {
    LocalSettings settings = settings(options());
    settings.whenChanged("max-connections", value -> { });
    String unknown = assertThrows(ConfigException.class, () -> settings.set("colour", "blue")).getMessage();
    assertTrue(unknown.contains("unknown node setting 'colour'") && unknown.contains("max-connections (1 .. 10000)"),
        unknown);
    String notANumber = assertThrows(ConfigException.class, () -> settings.set("max-connections", "lots")).getMessage();
    assertEquals("max-connections must be a whole number in 1 .. 10000, got 'lots'", notANumber);
    String tooMany = assertThrows(ConfigException.class, () -> settings.set("max-connections", "10001")).getMessage();
    assertTrue(tooMany.contains("outside 1-10000"), tooMany);
    String unordered = assertThrows(ConfigException.class,
        () -> settings.set("election-timeout-min-ms", "2000")).getMessage();
    assertTrue(unordered.contains("election-timeout-min-ms < election-timeout-max-ms"), unordered);
    assertThrows(ConfigException.class, () -> settings.set("snapshot-threshold", "9"));
    assertThrows(ConfigException.class, () -> settings.set("snapshot-threshold", "99999999999999999999"));
    assertFalse(Files.exists(autoFile()), "nothing was written");
    assertEquals("100", settings.state("max-connections").value());
  }

  @Test
  void changesAreCheckedAgainstWhatTheNextStartWillHave() throws Exception {
    LocalSettings settings = settings(options());
    settings.set("election-timeout-max-ms", "5000");
    settings.set("election-timeout-min-ms", "3000"); // above the running max (2000), below the saved one
    NodeConfig restarted = NodeConfig.load(options());
    assertEquals(3000, restarted.tuning().electionTimeoutMin().toMillis());
    assertEquals(5000, restarted.tuning().electionTimeoutMax().toMillis());
  }

  @Test
  void theAutoFileWinsOverTheConfigFileAndFlagsWinOverIt() throws Exception {
    Path configFile = dir.resolve("node.conf");
    Files.writeString(configFile, "snapshot-threshold = 2000\nmax-connections = 20\n");
    NodeOptions fromFile = options();
    fromFile.config = configFile.toString();
    fromFile.maxConnections = 30;
    LocalSettings settings = settings(fromFile);
    settings.whenChanged("max-connections", value -> { });
    assertEquals(configFile.toString(), settings.state("snapshot-threshold").source());
    settings.set("snapshot-threshold", "3000");
    LocalSettings.Change shadowed = settings.set("max-connections", "40");
    assertTrue(shadowed.note().contains("started with --max-connections"), shadowed.note());
    assertNull(shadowed.state().pendingValue(), "the flag decides the next start");

    NodeOptions again = options();
    again.config = configFile.toString();
    again.maxConnections = 30;
    NodeConfig restarted = NodeConfig.load(again);
    assertEquals(3000, restarted.tuning().snapshotThresholdEntries(), "the auto file over the config file");
    assertEquals(30, restarted.client().maxConnections(), "the flag over the auto file");

    LocalSettings.Change reset = new LocalSettings(restarted).reset("snapshot-threshold");
    assertTrue(reset.note().contains("removed"), reset.note());
    NodeOptions third = options();
    third.config = configFile.toString();
    assertEquals(2000, NodeConfig.load(third).tuning().snapshotThresholdEntries(), "the config file again");
  }

  @Test
  void anAutoFileWithAKeyOmCannotSetIsRefusedWithItsLine() throws Exception {
    Files.createDirectories(dir.resolve("n1"));
    Files.writeString(autoFile(), "# saved\nmax-connections = 5\nclient-port = 6000\n");
    String message = assertThrows(ConfigException.class, () -> NodeConfig.load(options())).getMessage();
    assertTrue(message.contains(LocalSettings.FILE_NAME + ":3: 'client-port' cannot be set"), message);
  }
}
