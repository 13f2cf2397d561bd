package io.quorate.raft.cluster;

import static io.quorate.raft.cluster.InJvmCluster.localValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quorate.raft.store.AppliedPosition;
import io.quorate.raft.txn.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a new cluster started from one replica's backup checkpoint holds exactly
 * the data at the checkpoint's index, continues its log after that index, keeps it
 * across restarts, and gives a member added later the restored data by snapshot.
 */
class RestoreTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  Path backup;

  @Test
  void newClusterStartsFromACheckpointAndContinuesAfterIt() throws IOException {
    long backupIndex = takeBackupOfHundredKeysThenWriteOneMore();

    try (InJvmCluster restored = InJvmCluster.startRestored(3, backup)) {
      long index = restored.put("new", "y");
      assertTrue(index > backupIndex, "the new log continues after the backup's index " + backupIndex + ": " + index);
      restored.awaitApplied(index);
      for (RatisReplicatedStore replica : restored.running()) {
        assertEquals("v0", localValue(replica, "k0"), replica.selfId());
        assertEquals("v99", localValue(replica, "k99"), replica.selfId());
        assertNull(localValue(replica, "later"), "written after the backup");
        assertEquals("y", localValue(replica, "new"));
        assertEquals(101, RestartTest.countKeys(replica), replica.selfId());
        assertFalse(Files.exists(restored.dataDir(replica.selfId()).resolve("restore")), "the staged copy was used");
      }

      restored.startJoiner("n4");
      restored.awaitPrimary().addMember(restored.peer("n4"), false, TIMEOUT);
      long after = restored.put("after", "z");
      restored.awaitApplied(after);
      RatisReplicatedStore added = restored.replica("n4");
      assertEquals("v0", localValue(added, "k0"), "a new member gets the restored data by snapshot");
      assertEquals("z", localValue(added, "after"));
      assertEquals(102, RestartTest.countKeys(added));

      for (String id : java.util.List.of("n1", "n2", "n3", "n4")) {
        restored.stopReplica(id);
      }
      for (String id : java.util.List.of("n1", "n2", "n3", "n4")) {
        restored.startReplica(id);
      }
      long last = restored.put("restarted", "w");
      restored.awaitApplied(last);
      for (RatisReplicatedStore replica : restored.running()) {
        assertEquals(103, RestartTest.countKeys(replica), replica.selfId() + " after a restart of all");
      }
    }
  }

  @Test
  void stagingRefusesADatabaseDirectoryOrAnotherIndexThanTheBackupStates(@TempDir Path fresh) throws IOException {
    long index = takeBackupOfHundredKeysThenWriteOneMore();
    StoreException wrongIndex = assertThrows(StoreException.class,
        () -> RatisReplicatedStore.stageRestore(fresh, "c", backup, index + 1));
    assertTrue(wrongIndex.getMessage().contains("holds index " + index), wrongIndex.getMessage());
    assertFalse(Files.exists(fresh.resolve("restore")) || Files.exists(fresh.resolve("restore.tmp")));
    assertFalse(RatisReplicatedStore.hasDatabase(fresh));
    try (InJvmCluster other = InJvmCluster.start(1)) {
      Path dataDir = other.dataDir("n1");
      StoreException e = assertThrows(StoreException.class,
          () -> RatisReplicatedStore.stageRestore(dataDir, "whatever", backup, -1));
      assertTrue(e.getMessage().contains("has a database already"), e.getMessage());
      assertFalse(Files.exists(dataDir.resolve("restore")));
      other.awaitApplied(other.put("k", "v"));
      assertEquals(1, RestartTest.countKeys(other.awaitPrimary()), "the replica there is untouched and works");
    }
  }

  @Test
  void stagingRefusesWhatIsNotACheckpointAndLeavesNothing(@TempDir Path dataDir) throws IOException {
    Files.writeString(backup.resolve("CURRENT"), "MANIFEST-000001\n");
    StoreException e = assertThrows(StoreException.class,
        () -> RatisReplicatedStore.stageRestore(dataDir.resolve("n1"), "c", backup, -1));
    assertEquals(StoreException.Kind.STORAGE, e.kind());
    assertFalse(Files.exists(dataDir.resolve("n1").resolve("restore")));
    assertFalse(Files.exists(dataDir.resolve("n1").resolve("restore.tmp")));
  }

  /** Writes k0..k99 in a new cluster, copies a standby's checkpoint into {@link #backup}, then writes "later". */
  private long takeBackupOfHundredKeysThenWriteOneMore() throws IOException {
    try (InJvmCluster old = InJvmCluster.start(3)) {
      long last = 0;
      for (int i = 0; i < 100; i++) {
        last = old.put("k" + i, "v" + i);
      }
      old.awaitApplied(last);
      RatisReplicatedStore standby = old.replica(RestartTest.standbyOf(old));
      long index;
      Path checkpointDir;
      try (BackupCheckpoint checkpoint = standby.backupCheckpoint()) {
        checkpointDir = checkpoint.dir();
        AppliedPosition position = checkpoint.position();
        assertTrue(position.index() >= last, position + " covers " + last);
        for (BackupCheckpoint.File file : checkpoint.files()) {
          assertEquals(file.sizeBytes(), Files.size(checkpoint.dir().resolve(file.name())));
          Files.copy(checkpoint.dir().resolve(file.name()), backup.resolve(file.name()));
        }
        index = position.index();
      }
      assertFalse(Files.exists(checkpointDir), "closing a backup checkpoint deletes it");
      old.put("later", "x");
      return index;
    }
  }
}
